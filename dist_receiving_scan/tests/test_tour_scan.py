"""The scanner receiving screen in Chromium, as the warehouse user.

The orders are built here through dist_procure's builders; the tours
(static/tests/tours/dist_receiving_scan_tour.js) scan them the way a
keyboard-wedge scanner does and check what the screen shows; these tests then
check what the scans did to the receipt.
"""

from datetime import date
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.dist_procure.tests.common import ProcureCommon

GTIN = "9506000134352"  # EAN-13; the GS1 scans carry it as GTIN-14 09506000134352
BOLT = "4006381333931"
ACTION = "/web#action=dist_receiving_scan.dist_receiving_scan_action"
PHONE_VIEWPORT = {"width": 375, "height": 667, "deviceScaleFactor": 2, "mobile": True}


class ScanTourCommon(ProcureCommon, HttpCase):
    """PO-SCAN-1 approved (10 Saline by lot with expiry, 5 Bolt M8) and PO-SCAN-2
    back in approval with its receipt open; a 5 % over-receipt tolerance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._make_po_rule(amount_min=1000.0)
        cls.rule.level_ids.reapproval_amount_pct = 1.0
        cls._make_key(over_receipt_pct=5.0)
        cls.warehouse.groups_id |= cls.env.ref("stock.group_production_lot")
        cls.saline = cls._make_product("Saline 500 ml", 2.0, vendor=cls.vendor)
        cls.saline.write(
            {"tracking": "lot", "use_expiration_date": True, "barcode": GTIN}
        )
        cls.product.barcode = BOLT

    def _scan_po(self, name, lines):
        """An approved order named ``name`` with its receipt ready (read back
        as the test's superuser, to check what the scans did)."""
        order = self._make_po(lines)
        order.name = name
        order.button_confirm()
        if order.state == "to approve":
            order.with_user(self.buyer_manager).button_approve()
        return self.env["purchase.order"].browse(order.id)

    def _receipt_done_with_backorder(self, order):
        receipt = order.picking_ids.filtered(lambda p: not p.backorder_id)
        self.assertEqual(receipt.state, "done")
        saline_lines = receipt.move_line_ids.filtered(
            lambda line: line.product_id == self.saline
        )
        self.assertEqual(
            sorted(
                (line.lot_id.name, line.quantity, line.lot_id.expiration_date.date())
                for line in saline_lines
            ),
            [("LOT-A", 4.0, date(2027, 1, 31)), ("LOT-B", 4.0, date(2027, 2, 28))],
        )
        bolt = receipt.move_ids.filtered(lambda m: m.product_id == self.product)
        self.assertEqual(bolt.quantity, 5.0)
        backorder = order.picking_ids - receipt
        self.assertEqual(backorder.backorder_id, receipt)
        self.assertEqual(backorder.state, "assigned")
        self.assertEqual(
            [(m.product_id, m.product_uom_qty) for m in backorder.move_ids],
            [(self.saline, 2.0)],
        )
        self.assertEqual(order.order_line.mapped("qty_received"), [8.0, 5.0])

    def _main_flow(self):
        order = self._scan_po(
            "PO-SCAN-1", [(self.saline, 10, 2.0), (self.product, 5, 100.0)]
        )
        self.start_tour(ACTION, "dist_receiving_scan_main_tour", login="dist_warehouse")
        self._receipt_done_with_backorder(order)


@tagged("post_install", "-at_install")
class TestScanTourMobile(ScanTourCommon):
    """On a phone (375 x 667, touch)."""

    # Chrome takes --window-size as "width,height": "375x667" (Odoo's default
    # spelling) leaves the headless default of 800 x 600. Headless Chrome keeps
    # windows at least 500 px wide, so the page gets the phone's viewport by
    # DevTools device metrics (start_tour); the tours check 375 x 667.
    browser_size = "375,667"
    touch_enabled = True

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        navigate = ChromeBrowser.navigate_to

        def navigate_as_phone(browser, url, wait_stop=False):
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride", params=PHONE_VIEWPORT
            )
            return navigate(browser, url, wait_stop=wait_stop)

        with patch.object(ChromeBrowser, "navigate_to", navigate_as_phone):
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)

    def test_partial_gs1_lot_receipt_validated_with_backorder(self):
        """GS1 scans (raw and human-readable) receive two lots with their
        expiry, the keypad adds one of the last lot; validating 8 of 10
        leaves a backorder of 2."""
        self._main_flow()

    def test_unapproved_order_and_over_receipt_are_refused(self):
        """The receipt of an order back in approval does not open; 20 Bolts
        of 5 ordered are refused with the tolerance; 50 ask for a confirmation
        first, then are refused the same; nothing is counted."""
        order = self._scan_po(
            "PO-SCAN-1", [(self.saline, 10, 2.0), (self.product, 5, 100.0)]
        )
        unapproved = self._scan_po("PO-SCAN-2", [(self.product, 20, 100.0)])
        unapproved.order_line.with_user(self.buyer).write({"price_unit": 110.0})
        self.assertEqual(unapproved.state, "to approve")
        self.assertTrue(unapproved.picking_ids)
        self.start_tour(
            ACTION, "dist_receiving_scan_refusals_tour", login="dist_warehouse"
        )
        self.assertFalse(order.picking_ids.move_line_ids.filtered("picked"))
        self.assertEqual(unapproved.picking_ids.state, "assigned")

    def test_scans_made_offline_are_sent_after_a_reload(self):
        """Two scans made while the connection is down wait on the device,
        survive a reload of the page and are then counted once each; a scan
        whose answer is lost is sent again and counted once; a scan by another
        scanner refreshes the screen; Undo cancels the last scan."""
        order = self._scan_po(
            "PO-SCAN-1", [(self.saline, 10, 2.0), (self.product, 5, 100.0)]
        )
        self.start_tour(
            ACTION, "dist_receiving_scan_offline_tour", login="dist_warehouse"
        )
        receipt = order.picking_ids
        picked = receipt.move_line_ids.filtered("picked")
        bolt = picked.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(sum(bolt.mapped("quantity")), 3.0)
        saline = picked - bolt
        self.assertEqual(
            [(line.lot_id.name or line.lot_name, line.quantity) for line in saline],
            [("LOT-C", 4.0)],
        )
        # bolt, bolt (sent after the reload), bolt (answer lost, sent twice),
        # the other scanner's saline, the fourth bolt (undone) and the undo
        # itself: no scan counted twice.
        self.assertEqual(
            receipt.dist_scan_ids.sorted("id").mapped("result"),
            ["ok", "ok", "ok", "ok", "undone", "ok"],
        )

    def test_gs1_reading_is_the_same_in_browser_and_server(self):
        """Every AI sample reads the same with Odoo's JS parser and the server."""
        self.start_tour(
            ACTION, "dist_receiving_scan_gs1_parity_tour", login="dist_warehouse"
        )


@tagged("post_install", "-at_install")
class TestScanTourDesktop(ScanTourCommon):
    """On a desktop (Odoo's default browser size, spelt the way Chrome reads it)."""

    browser_size = "1366,768"

    def test_partial_gs1_lot_receipt_validated_with_backorder(self):
        """The same GS1 receipt with a backorder at desktop size."""
        self._main_flow()

    def test_home_app_menu_and_receipt_button_open_the_screen(self):
        """The Receiving app, Inventory > Operations > Scan Receipts and the
        receipt form's Scan button open the screen (the last on that receipt)."""
        order = self._scan_po("PO-SCAN-1", [(self.product, 5, 100.0)])
        self.start_tour(
            "/web", "dist_receiving_scan_entry_points_tour", login="dist_warehouse"
        )
        self.assertEqual(order.picking_ids.state, "assigned")
