from odoo.tests import tagged

from odoo.addons.dist_harmonize_base.tools.normalize import is_valid_gtin

from ..tools.catalog import COMPANIES
from ..tools.scan import LOT_ITEMS, RECEIPTS, ready_receipts, receiver_login
from .common import DistDemoCommon

GS1_NOMENCLATURE = "barcodes_gs1_nomenclature.default_gs1_nomenclature"


@tagged("post_install", "-at_install")
class TestScanDemo(DistDemoCommon):
    """What a receiving clerk finds at the dock on first login (dist_receiving_scan),
    in each of the six warehouses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouses = [
            (spec, index, cls.env["stock.warehouse"].search([("code", "=", code)]))
            for spec in COMPANIES
            for index, (code, _name) in enumerate(spec.warehouses)
        ]
        cls.lot_items = cls.env["product.product"].search(
            [("default_code", "in", [item.default_code for item in LOT_ITEMS])]
        )

    def _clerk(self, warehouse):
        return self.env["res.users"].search(
            [("login", "=", receiver_login(warehouse.code))]
        )

    def _dock(self, warehouse):
        """The demo's receipts waiting in ``warehouse`` (they carry the vendor's
        delivery note number), read by the accountant."""
        return self._as_reader("stock.picking").search(
            [
                ("picking_type_id.warehouse_id", "=", warehouse.id),
                ("picking_type_code", "=", "incoming"),
                ("state", "=", "assigned"),
                ("dist_vendor_ref", "!=", False),
            ]
        )

    def _scan_env(self, clerk):
        return self.env["stock.picking"].with_user(clerk)

    def test_each_warehouse_has_a_receiving_clerk_of_that_warehouse_only(self):
        """One stock user per warehouse, of its company only, who receives in
        that warehouse only: the receiving screen lists its receipts alone."""
        for _spec, _index, warehouse in self.warehouses:
            clerk = self._clerk(warehouse)
            with self.subTest(warehouse=warehouse.code):
                self.assertEqual(len(clerk), 1)
                self.assertEqual(clerk.company_ids, warehouse.company_id)
                self.assertEqual(clerk.dist_scan_warehouse_ids, warehouse)
                self.assertTrue(clerk.has_group("stock.group_stock_user"))
                self.assertTrue(clerk.has_group("stock.group_production_lot"))
                for group in (
                    "stock.group_stock_manager",
                    "purchase.group_purchase_user",
                    "dist_procure.dist_procure_group_over_receipt",
                ):
                    self.assertFalse(clerk.has_group(group), group)
                listed = self._scan_env(clerk).dist_scan_receipts()
                self.assertEqual(listed["warehouses"], [warehouse.name])
                self.assertEqual(
                    {receipt["warehouse"] for receipt in listed["receipts"]},
                    {warehouse.name},
                )

    def test_each_warehouse_has_receipts_of_approved_orders_ready_to_scan(self):
        """Per warehouse, the planned receipts of approved orders wait with a few
        lines each, and the clerk's screen lists them as approved."""
        for _spec, index, warehouse in self.warehouses:
            dock = self._dock(warehouse)
            approved = dock.filtered(lambda p: p.purchase_id.state == "purchase")
            with self.subTest(warehouse=warehouse.code):
                self.assertEqual(len(approved), len(ready_receipts(index)))
                self.assertTrue(all(len(p.move_ids) >= 3 for p in approved))
                listed = {
                    receipt["id"]: receipt["approved"]
                    for receipt in self._scan_env(
                        self._clerk(warehouse)
                    ).dist_scan_receipts()["receipts"]
                }
                self.assertEqual(
                    {listed.get(p.id) for p in approved},
                    {True},
                    approved.mapped("name"),
                )

    def test_one_receipt_per_company_waits_on_an_order_back_in_approval(self):
        """In each company's first warehouse one receipt's order was changed after
        approval: the clerk scanning its PO number is refused, naming the order."""
        changed = [case for case in RECEIPTS if case.changed]
        for spec, index, warehouse in self.warehouses:
            dock = self._dock(warehouse)
            waiting = dock.filtered(lambda p: p.purchase_id.state == "to approve")
            with self.subTest(warehouse=warehouse.code):
                expected = [case for case in changed if case.warehouse == index]
                self.assertEqual(len(waiting), len(expected), spec.name)
                if not waiting:
                    continue
                order = waiting.purchase_id
                self.assertEqual(order.dist_approval_state, "pending")
                answer = self._scan_env(self._clerk(warehouse)).dist_scan_open(
                    order.name
                )
                self.assertEqual(answer["result"], "refused")
                self.assertIn(order.name, answer["message"])
                self.assertIn("not approved", answer["message"])

    def test_lot_items_carry_a_gtin14_and_an_expiry_and_come_to_every_warehouse(self):
        """The lot-tracked items have a GTIN-14 with a valid check digit and a
        shelf life; each warehouse waits for some of them."""
        self.assertEqual(len(self.lot_items), len(LOT_ITEMS))
        for item in self.lot_items:
            with self.subTest(item=item.default_code):
                self.assertEqual(item.tracking, "lot")
                self.assertTrue(item.use_expiration_date)
                self.assertGreater(item.expiration_time, 0)
                self.assertEqual(len(item.barcode), 14)
                self.assertTrue(is_valid_gtin(item.barcode))
                self.assertEqual(item.dist_state, "active")
        for _spec, _index, warehouse in self.warehouses:
            with self.subTest(warehouse=warehouse.code):
                self.assertTrue(
                    self._dock(warehouse).move_ids.product_id & self.lot_items
                )

    def test_a_gs1_label_receives_a_lot_item_with_its_expiry(self):
        """On a waiting receipt, the clerk scans the delivery note, then a GS1
        label of a lot item: the lot is counted with the label's expiry date."""
        _spec, _index, warehouse = self.warehouses[0]
        clerk = self._clerk(warehouse)
        receipt = self._dock(warehouse).filtered(
            lambda p: (
                p.purchase_id.state == "purchase"
                and p.move_ids.product_id & self.lot_items
            )
        )[:1]
        opened = self._scan_env(clerk).dist_scan_open(receipt.dist_vendor_ref)
        self.assertEqual(opened["id"], receipt.id, opened.get("message"))
        item = (receipt.move_ids.product_id & self.lot_items)[:1]
        label = f"(01){item.barcode}(17)281130(10)DEMO-LOT-1(30)6"
        answer = self._scan_env(clerk).browse(receipt.id).dist_scan(label, "demo-1")
        self.assertEqual(answer["result"], "ok", answer["message"])
        [line] = [line for line in answer["lines"] if line["product_id"] == item.id]
        self.assertEqual(line["scanned"], 6.0)
        self.assertEqual(
            [(lot["name"], lot["expiration_date"][:10]) for lot in line["lots"]],
            [("DEMO-LOT-1", "2028-11-30")],
        )

    def test_companies_read_barcodes_with_the_gs1_nomenclature(self):
        """Every company reads GS1-128 / DataMatrix labels as Odoo's GS1 rules say."""
        self.assertEqual(
            set(self.all_companies.mapped("nomenclature_id")),
            {self.env.ref(GS1_NOMENCLATURE)},
        )
