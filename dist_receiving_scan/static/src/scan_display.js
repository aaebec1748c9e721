/** @odoo-module **/
/**
 * How the receiving screen shows a receipt and the server's answers: colours,
 * labels and sounds of scan results, quantities and dates as the user reads
 * them, and how one answer changes the receipt held on screen.
 */
import { _t } from "@web/core/l10n/translation";
import { formatFloat } from "@web/core/utils/numbers";

const { DateTime } = luxon;

/** The log keeps the newest entries, as the server's ``LOG_SIZE``. */
export const LOG_SIZE = 30;

/** Bootstrap colour of a scan result. */
const RESULT_COLOR = {
    ok: "success",
    done: "success",
    warning: "warning",
    confirm: "warning",
    pending: "info",
    refused: "danger",
    undone: "secondary",
    waiting: "secondary",
};

/** Sound of a result when the server names none. */
export const RESULT_SOUND = {
    ok: "ok",
    done: "ok",
    pending: "ok",
    warning: "warning",
    confirm: "warning",
    refused: "error",
};

export function resultColor(result) {
    return RESULT_COLOR[result] || "secondary";
}

export function resultLabel(result) {
    return (
        {
            ok: _t("OK"),
            done: _t("Done"),
            warning: _t("Warning"),
            confirm: _t("To confirm"),
            pending: _t("Waiting for lot"),
            refused: _t("Refused"),
            undone: _t("Undone"),
            waiting: _t("Waiting"),
        }[result] || result
    );
}

/** Labels of the GS1 element types in a scan's preview. */
export function gs1Labels() {
    return {
        product: _t("GTIN"),
        lot: _t("Lot/serial"),
        expiration_date: _t("Expiry"),
        use_date: _t("Best before"),
        quantity: _t("Qty"),
    };
}

export function formatQty(value) {
    return formatFloat(value || 0, { digits: [false, 3], trailingZeros: false });
}

/** A server datetime (UTC, "YYYY-MM-DD HH:MM:SS") in the user's zone, or "". */
function toLocal(value) {
    const date = value && DateTime.fromISO(String(value).replace(" ", "T"), { zone: "utc" });
    return date && date.isValid ? date.toLocal() : null;
}

export function formatDate(value) {
    const date = toLocal(value);
    return date ? date.toLocaleString(DateTime.DATE_SHORT) : value || "";
}

export function formatTime(value) {
    const date = toLocal(value);
    return date ? date.toLocaleString(DateTime.TIME_24_WITH_SECONDS) : "";
}

/**
 * Apply a scan answer that carries no full state to the receipt on screen: the
 * lines it changed, its log entry, what the server now waits for, the version.
 */
export function applyScanChanges(receipt, result) {
    for (const line of result.lines || []) {
        const index = receipt.lines.findIndex((l) => l.move_id === line.move_id);
        if (index >= 0) {
            receipt.lines[index] = line;
        } else {
            receipt.lines.push(line);
        }
    }
    if (result.log) {
        const others = receipt.log.filter((entry) => entry.id !== result.log.id);
        receipt.log = [result.log, ...others].slice(0, LOG_SIZE);
    }
    if ("current" in result) {
        receipt.current = result.current;
    }
    if ("awaiting" in result) {
        receipt.awaiting = result.awaiting;
    }
    if (result.version !== undefined) {
        receipt.version = result.version;
    }
}

/** Call ``callback`` when ``ev`` is the Enter key (a wedge scanner ends with it). */
export function onEnter(ev, callback) {
    if (ev.key === "Enter") {
        ev.preventDefault();
        callback();
    }
}
