"""Barcode Test Sheet: the barcodes a warehouse needs to try the receiving screen."""

from datetime import timedelta
from urllib.parse import urlencode

from odoo import _, _lt, api, fields, models

from odoo.addons.dist_harmonize_base.tools.normalize import is_valid_gtin

from ..models.stock_picking import COMMANDS
from ..tools import gs1

# Code 128 function character 1 as reportlab reads it: first, it makes the symbol
# a GS1-128 (scanners send ``]C1``); further on it separates variable-length
# element strings (scanners send ASCII 29, ``gs1.FNC1``). A DataMatrix of
# reportlab has no FNC1 codeword: its element strings are separated by ASCII 29.
CODE128_FNC1 = "\xf1"
# Application identifiers of a fixed length (GS1 General Specifications,
# figure 5.10.1-2 for those printed here): no separator after them.
FIXED_LENGTH_AIS = {"01": 14, "02": 14, "11": 6, "13": 6, "15": 6, "17": 6}
# Expiry printed on a lot label when the item has no expiration time.
DEFAULT_SHELF_DAYS = 365
# What each command barcode (``stock_picking.COMMANDS``) does on the screen.
COMMAND_LABELS = {
    "DIST-CMD-VALIDATE": _lt("Validate the receipt"),
    "DIST-CMD-BACKORDER": _lt("Validate, backorder the rest"),
    "DIST-CMD-NOBACKORDER": _lt("Validate, no backorder"),
    "DIST-CMD-UNDO": _lt("Undo my last scan"),
    "DIST-CMD-CONFIRM": _lt("Confirm the quantity asked"),
}


def gs1_element_string(elements, separator):
    """Concatenate ``[(ai, value), ...]`` into one GS1 element string.

    ``separator`` (Code 128's FNC1 for a GS1-128, ASCII 29 for a DataMatrix) follows each
    variable-length element but the last; a fixed-length value of the wrong
    length raises ``ValueError`` naming the application identifier.
    """
    parts = []
    for position, (ai, value) in enumerate(elements):
        value = str(value)
        if ai in FIXED_LENGTH_AIS and len(value) != FIXED_LENGTH_AIS[ai]:
            raise ValueError(
                f"GS1 ({ai}) takes {FIXED_LENGTH_AIS[ai]} characters, got {value!r}"
            )
        parts.append(f"{ai}{value}")
        if ai not in FIXED_LENGTH_AIS and position < len(elements) - 1:
            parts.append(separator)
    return "".join(parts)


def gs1_human_readable(elements):
    """``(01)09501101530003(17)261231(10)L1`` : what is printed under a GS1 label."""
    return "".join(f"({ai}){value}" for ai, value in elements)


def product_symbology(barcode):
    """EAN-13 / EAN-8 for a GTIN of that length, Code 128 for anything else."""
    if is_valid_gtin(barcode) and len(barcode) in (8, 13):
        return f"EAN{len(barcode)}"
    return "Code128"


def barcode_url(symbology, value, width=600, height=100):
    """Odoo's barcode image route (``/report/barcode``) for ``value``."""
    query = urlencode(
        {
            "barcode_type": symbology,
            "value": value,
            "width": width,
            "height": height,
            "humanreadable": 0,
            "quiet": 1,
        }
    )
    return f"/report/barcode/?{query}"


class ReportBarcodeTestSheet(models.AbstractModel):
    """Values of the Barcode Test Sheet (``report_barcode_test_sheet``).

    Per receipt: its reference, its purchase order and vendor's delivery note
    as Code 128; each line's product barcode; for each lot-tracked line a test
    lot as a GS1-128 and as a DataMatrix: GTIN (01), expiry (17), lot (10) and
    quantity (30). The command barcodes of the receiving screen close the
    sheet. Printed for the receipts selected, or for every receipt ready to
    receive in the user's receiving warehouses when none is.

    Override points: ``_get_test_sheet_receipts(docids)``,
    ``_prepare_test_sheet(picking)``, ``_prepare_test_lot(move, number)``.
    """

    _name = "report.dist_receiving_scan.report_barcode_test_sheet"
    _description = "Barcode Test Sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        pickings = self._get_test_sheet_receipts(docids)
        return {
            "doc_ids": pickings.ids,
            "doc_model": "stock.picking",
            "docs": pickings,
            "sheets": [self._prepare_test_sheet(picking) for picking in pickings],
            "commands": [
                {
                    "code": code,
                    "label": str(COMMAND_LABELS[code]),
                    "url": barcode_url("Code128", code),
                }
                for code in COMMANDS
            ],
        }

    def _get_test_sheet_receipts(self, docids):
        """The receipts given, else those ready to receive in the user's
        receiving warehouses, as the receiving screen lists them (record rules
        apply)."""
        Picking = self.env["stock.picking"]
        if docids:
            return Picking.browse(docids).filtered(
                lambda picking: picking.picking_type_code == "incoming"
            )
        return Picking.search(
            [
                ("picking_type_code", "=", "incoming"),
                ("state", "=", "assigned"),
                (
                    "picking_type_id.warehouse_id",
                    "in",
                    self.env.user._dist_scan_warehouses().ids,
                ),
            ],
            order="scheduled_date, id",
        )

    def _prepare_test_sheet(self, picking):
        """Header codes and lines of one receipt's page."""
        headers = [(_("Receipt"), picking.name)]
        if picking.purchase_id:
            headers.append((_("Purchase order"), picking.purchase_id.name))
        if picking.dist_vendor_ref:
            headers.append((_("Vendor delivery note"), picking.dist_vendor_ref))
        lines = []
        for number, move in enumerate(picking.move_ids.sorted("id"), start=1):
            product = move.product_id
            line = {
                "product": product.display_name,
                "expected": move.product_uom_qty,
                "uom": move.product_uom.name,
                "barcode": product.barcode or "",
                "url": product.barcode
                and barcode_url(product_symbology(product.barcode), product.barcode),
                "symbology": product.barcode and product_symbology(product.barcode),
                "tracking": product.tracking,
                "lot": product.tracking == "lot"
                and self._prepare_test_lot(move, number),
            }
            lines.append(line)
        return {
            "picking": picking,
            "headers": [
                {"label": label, "value": value, "url": barcode_url("Code128", value)}
                for label, value in headers
            ],
            "lines": lines,
        }

    def _prepare_test_lot(self, move, number):
        """A test lot of ``move`` (its lot if one is set) with its GS1 labels, or
        a note why the item gets none (no GTIN)."""
        product = move.product_id
        if not is_valid_gtin(product.barcode or ""):
            return {"note": _("No GS1 label: the item's barcode is not a GTIN.")}
        move_line = move.move_line_ids[:1]
        lot = (
            move_line.lot_id.name
            or move_line.lot_name
            or f"TS{move.picking_id.id}-{number}"
        )
        days = product.expiration_time if product.use_expiration_date else 0
        expiry = fields.Date.context_today(self) + timedelta(
            days=days or DEFAULT_SHELF_DAYS
        )
        elements = [
            ("01", product.barcode.zfill(14)),
            ("17", expiry.strftime("%y%m%d")),
            ("10", lot),
        ]
        quantity = move.product_qty
        if quantity and quantity == int(quantity):
            elements.append(("30", str(int(quantity))))
        gs1_128 = CODE128_FNC1 + gs1_element_string(elements, CODE128_FNC1)
        datamatrix = gs1_element_string(elements, gs1.FNC1)
        return {
            "name": lot,
            "expiry": expiry,
            "quantity": quantity,
            "human": gs1_human_readable(elements),
            "gs1_128": gs1_128,
            "datamatrix": datamatrix,
            "gs1_128_url": barcode_url("Code128", gs1_128, 800, 120),
            "datamatrix_url": barcode_url("ECC200DataMatrix", datamatrix, 220, 220),
        }
