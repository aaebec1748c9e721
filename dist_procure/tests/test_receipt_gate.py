from odoo.tests import tagged

from .common import ProcureCommon


@tagged("post_install", "-at_install")
class TestReceiptGate(ProcureCommon):
    """No receipt of an unapproved order; over-receipt only within tolerance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._make_po_rule(amount_min=1000.0)
        cls.rule.level_ids.reapproval_amount_pct = 1.0
        cls.key = cls._make_key(over_receipt_pct=10.0)

    def test_receipt_of_order_back_in_approval_cannot_be_validated(self):
        """A receipt whose order went back to approval is refused."""
        order = self._confirmed_po([(self.product, 20, 100.0)])
        order.order_line.with_user(self.buyer).write({"price_unit": 110.0})
        self.assertEqual(order.state, "to approve")
        with self.assertRefused("not approved"):
            self._receive(order)

    def test_hand_made_receipt_for_unapproved_order_is_refused(self):
        """A receipt created by hand on a line of an unapproved order is refused."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        picking = self._make_receipt(order.order_line)
        with self.assertRefused("not approved"):
            self._validate(picking)

    def test_receipt_from_inventory_adjustment_for_unapproved_order_is_refused(self):
        """A receipt out of Inventory adjustment on a line still to approve is refused."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        self.assertEqual(order.state, "to approve")
        inventory = self.product.with_company(self.company_a).property_stock_inventory
        picking = self._make_receipt(order.order_line, location=inventory)
        with self.assertRefused(f"{picking.name}.*Bolt M8.*{order.name}.*not approved"):
            self._validate(picking)
        self.assertEqual(order.order_line.qty_received, 0.0)

    def test_move_from_an_internal_location_for_unapproved_order_is_refused(self):
        """A move out of any internal location linked to a line to approve is refused."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        shelf = self.env["stock.location"].create(
            {
                "name": "Shelf",
                "location_id": self.warehouse_a.lot_stock_id.id,
                "company_id": self.company_a.id,
            }
        )
        with self.assertRefused("not approved"):
            self._validate(self._make_receipt(order.order_line, location=shelf))
        self.assertEqual(order.order_line.qty_received, 0.0)

    def test_receipt_for_draft_or_cancelled_order_is_refused(self):
        """Nothing is received on a draft or cancelled order, from any location."""
        draft = self._make_po([(self.product, 2, 10.0)])
        cancelled = self._make_po([(self.product, 2, 10.0)])
        cancelled.button_cancel()
        inventory = self.product.with_company(self.company_a).property_stock_inventory
        for order in (draft, cancelled):
            with self.subTest(state=order.state):
                picking = self._make_receipt(order.order_line, location=inventory)
                with self.assertRefused("not approved"):
                    self._validate(picking)
                self.assertEqual(order.order_line.qty_received, 0.0)

    def test_receipt_without_order_refused_when_company_requires_one(self):
        """Per company, supplier receipts without a PO can be refused."""
        self._validate(self._make_receipt(product=self.product))
        self.company_a.dist_receipt_require_po = True
        with self.assertRefused("not linked to a purchase order"):
            self._validate(self._make_receipt(product=self.product))

    def test_over_receipt_at_limit_passes_above_is_refused(self):
        """110 of 100 ordered pass a 10 % tolerance; 110.01 is refused."""
        order = self._confirmed_po([(self.product, 100, 1.0)])
        with self.assertRefused("over-receipt tolerance"):
            self._receive(order, {self.product: 110.01})
        self._receive(order, {self.product: 110})
        self.assertEqual(order.order_line.qty_received, 110)

    def test_over_receipt_override_goes_through_and_is_queued(self):
        """The override role receives 120 of 100; an exception is queued."""
        order = self._confirmed_po([(self.product, 100, 1.0)])
        self._receive(order, {self.product: 120}, user=self.receiver_plus)
        self.assertEqual(order.order_line.qty_received, 120)
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "purchase.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(exception.kind, "override")

    def test_vendor_key_beats_company_key_for_over_receipt(self):
        """A vendor key of 25 % wins over the company's 10 %."""
        self._make_key(partner_id=self.vendor.id, over_receipt_pct=25.0)
        order = self._confirmed_po([(self.product, 100, 1.0)])
        self._receive(order, {self.product: 125})
        self.assertEqual(order.order_line.qty_received, 125)
