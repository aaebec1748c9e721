from odoo import Command
from odoo.exceptions import UserError
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

    def _supplier_picking(self, order_line=None, product=None):
        """An incoming picking made by hand by the warehouse user."""
        picking_type = self.warehouse_a.in_type_id
        supplier = self.env.ref("stock.stock_location_suppliers")
        product = product or order_line.product_id
        move = {
            "name": product.name,
            "product_id": product.id,
            "product_uom_qty": 5,
            "product_uom": product.uom_id.id,
            "location_id": supplier.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
        }
        if order_line:
            move["purchase_line_id"] = order_line.id
        return (
            self.env["stock.picking"]
            .with_user(self.warehouse)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": self.vendor.id,
                    "location_id": supplier.id,
                    "location_dest_id": picking_type.default_location_dest_id.id,
                    "move_ids": [Command.create(move)],
                }
            )
        )

    def _validate(self, picking):
        picking.action_confirm()
        picking.move_ids.write({"quantity": 5, "picked": True})
        picking.with_context(skip_backorder=True).button_validate()

    def test_receipt_of_order_back_in_approval_cannot_be_validated(self):
        """A receipt whose order went back to approval is refused."""
        order = self._confirmed_po([(self.product, 20, 100.0)])
        order.order_line.with_user(self.buyer).write({"price_unit": 110.0})
        self.assertEqual(order.state, "to approve")
        with self.assertRaisesRegex(UserError, "not approved"):
            self._receive(order)

    def test_hand_made_receipt_for_unapproved_order_is_refused(self):
        """A receipt created by hand on a line of an unapproved order is refused."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        picking = self._supplier_picking(order.order_line)
        with self.assertRaisesRegex(UserError, "not approved"):
            self._validate(picking)

    def test_receipt_without_order_refused_when_company_requires_one(self):
        """Per company, supplier receipts without a PO can be refused."""
        self._validate(self._supplier_picking(product=self.product))
        self.company_a.dist_receipt_require_po = True
        with self.assertRaisesRegex(UserError, "not linked to a purchase order"):
            self._validate(self._supplier_picking(product=self.product))

    def test_over_receipt_at_limit_passes_above_is_refused(self):
        """110 of 100 ordered pass a 10 % tolerance; 110.01 is refused."""
        order = self._confirmed_po([(self.product, 100, 1.0)])
        with self.assertRaisesRegex(UserError, "over-receipt tolerance"):
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
