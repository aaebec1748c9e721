import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

from odoo import Command, fields
from odoo.tests import tagged

from ..report.report_barcode_test_sheet import gs1_element_string
from .common import ScanCommon

REPORT = "dist_receiving_scan.action_report_barcode_test_sheet"
IMG_SRC = re.compile(r'<img[^>]*src="(/report/barcode/\?[^"]+)"')
GTIN_13 = "2000000000015"
GTIN_14 = "12000000000029"
COMMANDS = (
    "DIST-CMD-VALIDATE",
    "DIST-CMD-BACKORDER",
    "DIST-CMD-NOBACKORDER",
    "DIST-CMD-UNDO",
    "DIST-CMD-CONFIRM",
)


@tagged("post_install", "-at_install")
class TestBarcodeTestSheet(ScanCommon):
    """The Barcode Test Sheet prints what a scanner must read to receive a
    receipt: its references, its items, GS1 labels of its lots, the commands."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = cls._make_product("Washer M8", 2.0, vendor=cls.vendor)
        cls.plain.barcode = GTIN_13
        cls.coded = cls._make_product("Spring pin", 1.0, vendor=cls.vendor)
        cls.coded.barcode = "SP-4x20"
        cls.lotted = cls._make_product("Thread lock", 8.0, vendor=cls.vendor)
        cls.lotted.write(
            {
                "barcode": GTIN_14,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": 180,
            }
        )
        cls.order = cls._make_order(
            cls.buyer,
            cls.company_a,
            [(cls.plain, 100, 2.0), (cls.coded, 40, 1.0), (cls.lotted, 12, 8.0)],
        )
        cls.picking = cls.order.picking_ids
        cls.lot_move = cls.picking.move_ids.filtered(
            lambda move: move.product_id == cls.lotted
        )

    @classmethod
    def _make_order(cls, buyer, company, lines, warehouse=None):
        """A confirmed PO of ``company`` raised by ``buyer`` (no rule: approved),
        received in ``warehouse`` (default: the company's first)."""
        order = (
            cls.env["purchase.order"]
            .with_user(buyer)
            .with_company(company)
            .create(
                {
                    "partner_id": cls.vendor.id,
                    "company_id": company.id,
                    **(
                        {"picking_type_id": warehouse.in_type_id.id}
                        if warehouse
                        else {}
                    ),
                    "order_line": [
                        Command.create(
                            {"product_id": p.id, "product_qty": q, "price_unit": u}
                        )
                        for p, q, u in lines
                    ],
                }
            )
        )
        order.button_confirm()
        return order

    def _render(self, pickings=None, user=None):
        """The sheet as ``user`` (the warehouse operator): its HTML and the
        ``(symbology, value)`` of every barcode image, in order."""
        report = self.env["ir.actions.report"].with_user(user or self.warehouse)
        html, _kind = report._render_qweb_html(REPORT, pickings and pickings.ids)
        html = html.decode()
        codes = []
        for src in IMG_SRC.findall(html):
            query = parse_qs(urlsplit(unescape(src)).query)
            codes.append((query["barcode_type"][0], query["value"][0]))
        return html, codes

    def _lot_elements(self):
        expiry = fields.Date.context_today(self.picking) + timedelta(days=180)
        lot = f"TS{self.picking.id}-{self.lot_move_number}"
        return (
            [
                ("01", GTIN_14),
                ("17", expiry.strftime("%y%m%d")),
                ("10", lot),
                ("30", "12"),
            ],
            lot,
            expiry,
        )

    @property
    def lot_move_number(self):
        return list(self.picking.move_ids.sorted("id")).index(self.lot_move) + 1

    def test_sheet_prints_the_receipt_references_and_item_barcodes(self):
        """Receipt and PO as Code 128, items as EAN-13 or Code 128 per barcode."""
        _html, codes = self._render(self.picking)
        self.assertEqual(
            codes[:2],
            [("Code128", self.picking.name), ("Code128", self.order.name)],
        )
        self.assertIn(("EAN13", GTIN_13), codes)
        self.assertIn(("Code128", "SP-4x20"), codes)
        self.assertIn(("Code128", GTIN_14), codes)

    def test_lot_line_gets_a_gs1_128_and_a_datamatrix_label(self):
        """A lot-tracked line: GTIN, expiry, lot and quantity, FNC1-separated."""
        html, codes = self._render(self.picking)
        elements, lot, _expiry = self._lot_elements()
        gs1_128 = "\xf1" + gs1_element_string(elements, "\xf1")
        datamatrix = gs1_element_string(elements, "\x1d")
        self.assertIn(("Code128", gs1_128), codes)
        self.assertIn(("ECC200DataMatrix", datamatrix), codes)
        # a separator after the lot (variable length) only, none after the end
        self.assertEqual(datamatrix.count("\x1d"), 1)
        self.assertTrue(datamatrix.endswith("3012"))
        self.assertIn(f"(01){GTIN_14}(17)", html)
        self.assertIn(f"(10){lot}(30)12", html)

    def test_both_lot_labels_read_as_the_item_lot_expiry_and_quantity(self):
        """The server reads the DataMatrix and the GS1-128 as a scanner sends it
        (``]C1``, FNC1 as ASCII 29) alike: what was printed."""
        _html, codes = self._render(self.picking)
        printed = dict(codes)
        datamatrix = printed["ECC200DataMatrix"]
        gs1_128 = next(v for kind, v in codes if v.startswith("\xf1"))
        sent = "]C1" + gs1_128[1:].replace("\xf1", "\x1d")
        _elements, lot, expiry = self._lot_elements()
        read = (
            self.env["stock.picking"]
            .with_user(self.warehouse)
            .dist_scan_parse([datamatrix, sent])
        )
        self.assertEqual(read[0], read[1])
        self.assertEqual(
            [(part["type"], part["value"]) for part in read[0]],
            [
                ("product", GTIN_14),
                ("expiration_date", fields.Date.to_string(expiry)),
                ("lot", lot),
                ("quantity", 12),
            ],
        )

    def test_the_sheet_receives_its_receipt_on_the_scanner(self):
        """Open by the printed reference, scan the printed item and lot labels:
        the lot line is complete, its lot dated by the label."""
        _html, codes = self._render(self.picking)
        picking = self.picking.with_user(self.warehouse)
        opened = picking.dist_scan_open(self.order.name)
        self.assertEqual(opened["id"], self.picking.id)
        self.assertEqual(self._scan(picking, GTIN_13)["result"], "ok")
        answer = self._scan(picking, dict(codes)["ECC200DataMatrix"])
        self.assertEqual(answer["result"], "ok", answer["message"])
        line = self._line(answer, self.lotted)
        _elements, lot, expiry = self._lot_elements()
        self.assertTrue(line["complete"])
        self.assertEqual(
            [(lot_line["name"], lot_line["qty"]) for lot_line in line["lots"]],
            [(lot, 12.0)],
        )
        self.assertTrue(line["lots"][0]["expiration_date"].startswith(str(expiry)))

    def test_sheet_prints_the_command_barcodes(self):
        """The five command barcodes close the sheet, each with its label."""
        html, codes = self._render(self.picking)
        self.assertEqual(codes[-5:], [("Code128", code) for code in COMMANDS])
        self.assertIn("Validate, backorder the rest", html)

    def test_every_barcode_of_the_sheet_is_an_image_odoo_can_draw(self):
        """Each image URL is one the /report/barcode route turns into a PNG."""
        _html, codes = self._render(self.picking)
        Report = self.env["ir.actions.report"]
        for symbology, value in codes:
            with self.subTest(symbology=symbology, value=value):
                image = Report.barcode(symbology, value, width=600, height=100)
                self.assertTrue(image.startswith(b"\x89PNG"))

    def test_item_without_gtin_gets_no_gs1_label(self):
        """A lot-tracked item whose barcode is not a GTIN gets a note, no label."""
        self.lotted.barcode = "TL-243"
        html, codes = self._render(self.picking)
        self.assertNotIn("ECC200DataMatrix", {kind for kind, _value in codes})
        self.assertIn("the item&#39;s barcode is not a GTIN", html)

    def test_sheet_without_receipts_prints_the_ready_receipts_of_the_user(self):
        """Printed from the menu: the receipts ready to receive in the user's
        receiving warehouses, of the user's companies only."""
        self.warehouse_b.code = "WHB"
        order_b = self._make_order(self.user_b, self.company_b, [(self.plain, 5, 2.0)])
        order_a2 = self._make_order(
            self.buyer, self.company_a, [(self.plain, 5, 2.0)], self.warehouse_a2
        )
        others = order_b.picking_ids | order_a2.picking_ids
        self.assertEqual(set(others.mapped("state")), {"assigned"})
        _html, codes = self._render()
        self.assertIn(("Code128", self.picking.name), codes)
        self.assertFalse(
            {("Code128", name) for name in others.mapped("name")} & set(codes)
        )
        _html, codes = self._render(user=self.receiver_a2)
        self.assertNotIn(("Code128", self.picking.name), codes)

    def test_other_operations_are_not_printed(self):
        """Only receipts get a sheet: a delivery given with them is left out."""
        delivery = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse_a.out_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.plain.name,
                            "product_id": self.plain.id,
                            "product_uom_qty": 1,
                            "location_id": self.warehouse_a.lot_stock_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                ],
            }
        )
        _html, codes = self._render(self.picking | delivery)
        self.assertNotIn(("Code128", delivery.name), codes)
