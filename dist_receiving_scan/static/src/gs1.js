/** @odoo-module **/
/**
 * GS1 in the browser, for display only: the server decides what a scan means.
 *
 * ``normalize`` is the twin of the server's ``tools/gs1.normalize`` (same input,
 * same output); ``Gs1Preview`` reads a normalised barcode with Odoo's own GS1
 * parser (barcodes_gs1_nomenclature) and returns the list ``dist_scan_parse``
 * returns for it, so a tour can compare both.
 */
import { BarcodeParser } from "@barcodes/js/barcode_parser";
import { FNC1_CHAR } from "@barcodes_gs1_nomenclature/js/barcode_parser";

export { FNC1_CHAR };

/** Symbology identifiers a scanner may put in front of the data. */
export const SYMBOLOGY_PREFIXES = ["]C1", "]d2", "]Q3", "]e0", "]J1"];
/** Whitespace a wedge scanner may add around a scan (not FNC1). */
const EDGES = /^[ \t\r\n]+|[ \t\r\n]+$/g;

const HUMAN_READABLE = /^(\(\d{2,4}\)[^()]*)+$/;
const HUMAN_READABLE_ELEMENT = /\((\d{2,4})\)([^()]*)/g;

/**
 * Normalise a scanned string the way the server does:
 * - strip the spaces, tabs and end-of-line characters a scanner may add,
 * - strip one symbology prefix (``]C1`` GS1-128, ``]d2`` DataMatrix,
 *   ``]Q3`` QR, ``]e0`` DataBar, ``]J1`` DotCode),
 * - turn the parenthesised human-readable form ``(01)...(10)...`` into the raw
 *   form, elements separated by FNC1 (ASCII 29),
 * - keep ASCII 29 as it is (the FNC1 separator).
 *
 * @param {string} barcode
 * @returns {string}
 */
export function normalize(barcode) {
    let code = (barcode || "").replace(EDGES, "");
    for (const prefix of SYMBOLOGY_PREFIXES) {
        if (code.startsWith(prefix)) {
            code = code.slice(prefix.length);
            break;
        }
    }
    if (HUMAN_READABLE.test(code)) {
        const elements = [...code.matchAll(HUMAN_READABLE_ELEMENT)].map(
            ([, ai, value]) => ai + value
        );
        code = elements.join(FNC1_CHAR);
    }
    return code;
}

/**
 * Whether a scan may be a GS1 element string, as the server decides it
 * (``tools/gs1.is_gs1_candidate``): a symbology prefix or the human-readable
 * form, an FNC1, or two digits first (an application identifier).
 *
 * @param {string} barcode raw scan
 * @param {string} normalized ``normalize(barcode)``
 */
export function isGs1Candidate(barcode, normalized) {
    const raw = (barcode || "").replace(EDGES, "");
    return (
        [...SYMBOLOGY_PREFIXES, "("].some((prefix) => raw.startsWith(prefix)) ||
        normalized.includes(FNC1_CHAR) ||
        (normalized.length > 2 && /^\d\d/.test(normalized))
    );
}

/** ``YYYY-MM-DD`` of a local Date (the server's ``date.isoformat()``). */
function isoDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Reads barcodes with Odoo's GS1 parser, loaded with the nomenclature the server
 * reads with: the company's when it is a GS1 one, else Odoo's default GS1
 * nomenclature.
 */
export class Gs1Preview {
    constructor(parser) {
        this.parser = parser;
    }

    /**
     * @param {Object} orm
     * @param {Object} options
     * @param {number} [options.nomenclatureId] the server's (dist_scan_receipts)
     * @param {number} [options.companyId] else found from the current company
     */
    static async load(orm, { nomenclatureId = false, companyId = false } = {}) {
        if (nomenclatureId) {
            const nomenclature = await BarcodeParser.fetchNomenclature(orm, nomenclatureId);
            return new Gs1Preview(new BarcodeParser({ nomenclature }));
        }
        if (companyId) {
            const [company] = await orm.read("res.company", [companyId], ["nomenclature_id"]);
            nomenclatureId = company && company.nomenclature_id && company.nomenclature_id[0];
        }
        const gs1 = await orm.searchRead(
            "barcode.nomenclature",
            [["is_gs1_nomenclature", "=", true]],
            ["id"],
            { order: "id" }
        );
        const ids = gs1.map((n) => n.id);
        if (!ids.includes(nomenclatureId)) {
            nomenclatureId = ids[0];
        }
        if (!nomenclatureId) {
            return new Gs1Preview(null);
        }
        const nomenclature = await BarcodeParser.fetchNomenclature(orm, nomenclatureId);
        return new Gs1Preview(new BarcodeParser({ nomenclature }));
    }

    /**
     * @param {string} barcode raw scan (normalised here)
     * @returns {false|{ai: string, type: string, value: string|number}[]}
     *      ``false`` when the barcode is not GS1 (same as ``dist_scan_parse``)
     */
    parse(barcode) {
        if (!this.parser) {
            return false;
        }
        const code = normalize(barcode);
        if (!isGs1Candidate(barcode, code)) {
            return false;
        }
        let elements;
        try {
            elements = this.parser.parse_barcode(code);
        } catch {
            return false;
        }
        if (!Array.isArray(elements) || !elements.length) {
            return false;
        }
        return elements.map((element) => ({
            ai: element.ai,
            type: element.type,
            value: element.value instanceof Date ? isoDate(element.value) : element.value,
        }));
    }

    /**
     * A one-line reading for the scan log, e.g. "GTIN 09506000134352 · lot ABC".
     *
     * @param {string} barcode
     * @param {Object<string, string>} labels type -> label
     * @returns {string}
     */
    describe(barcode, labels) {
        const elements = this.parse(barcode);
        if (!elements) {
            return "";
        }
        return elements
            .map((element) => `${labels[element.type] || element.ai} ${element.value}`)
            .join(" · ");
    }
}
