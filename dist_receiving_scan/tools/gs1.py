"""GS1 barcode text as scanners send it, brought to the form Odoo's GS1 nomenclature reads.

Scanners send the same GS1-128 / GS1 DataMatrix label in several forms: with an
AIM symbology identifier in front (``]C1`` GS1-128, ``]d2`` GS1 DataMatrix,
``]Q3`` GS1 QR, ``]e0`` GS1 DataBar, ``]J1`` GS1 DotCode), the group separator
as ASCII 29 (FNC1), or the human-readable form with each application
identifier in parentheses. ``normalize`` returns one raw form (FNC1 between
elements); the nomenclature (``barcodes_gs1_nomenclature``) then decomposes it.
The screen's ``static/src/gs1.js`` implements the same function; a tour checks
both read every sample alike.
"""

import re

FNC1 = "\x1d"
SYMBOLOGY_PREFIXES = ("]C1", "]d2", "]Q3", "]e0", "]J1")
# whitespace a wedge scanner may add around a scan (str.strip() would also
# remove FNC1, which Python counts as whitespace)
EDGES = " \t\r\n"
_HUMAN_ELEMENT = re.compile(r"\((\d{2,4})\)([^()]*)")


def normalize(barcode):
    """Return ``barcode`` without symbology prefix and in raw FNC1 form."""
    code = (barcode or "").strip(EDGES)
    for prefix in SYMBOLOGY_PREFIXES:
        if code.startswith(prefix):
            code = code[len(prefix) :]
            break
    if code.startswith("("):
        elements = _HUMAN_ELEMENT.findall(code)
        if elements and "".join("(%s)%s" % pair for pair in elements) == code:
            code = FNC1.join(ai + value for ai, value in elements)
    return code


def is_gs1_candidate(barcode, normalized):
    """Whether a scan may be a GS1 element string (worth decomposing)."""
    return (
        barcode.strip(EDGES).startswith(SYMBOLOGY_PREFIXES + ("(",))
        or FNC1 in normalized
        or (len(normalized) > 2 and normalized[:2].isdigit())
    )


def gtin_candidates(gtin):
    """The barcodes a product may hold for a GTIN-14 (EAN-13, UPC-A, GTIN-8)."""
    candidates = [gtin]
    stripped = gtin
    while stripped.startswith("0") and len(stripped) > 8:
        stripped = stripped[1:]
        candidates.append(stripped)
    return candidates
