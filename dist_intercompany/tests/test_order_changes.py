from odoo import Command
from odoo.tests import tagged

from .common import LIST_PRICE, NET_PRICE, OrderChainCommon


@tagged("post_install", "-at_install")
class TestOrderChanges(OrderChainCommon):
    """A change of a confirmed order is mirrored on the other, or refused
    naming both orders: never a silent divergence."""

    def test_po_quantity_change_mirrored_on_sale(self):
        """The buyer orders 5 instead of 3: B's line says 5, written by B's technical user."""
        self.po_line.product_qty = 5
        self.assertEqual(self.so_line.product_uom_qty, 5)
        self.assertEqual(self.so_line.write_uid, self.tech_b)
        self.assertEqual(self.sale.amount_untaxed, self.order.amount_untaxed)
        self.assertIn(
            "Quantity: 5.0", self._transaction(self.order).event_ids[0].message
        )

    def test_sale_quantity_change_mirrored_on_po(self):
        """B's salesperson ships 2 instead of 3: A's line says 2, written by A's technical user."""
        self.so_line.product_uom_qty = 2
        self.assertEqual(self.po_line.product_qty, 2)
        self.assertEqual(self.po_line.write_uid, self.tech_a)

    def test_po_quantity_below_delivered_refused(self):
        """Delivered 3: the buyer cannot lower its order to 2."""
        self._deliver(self.sale)
        with self.assertRefused(
            rf"Purchase order {self.order.name} \(Dist A\) is mirrored by sale order "
            rf"{self.sale.name} \(Dist B\): on Valve \(lot\), {self.sale.name} "
            "already has 3.0 delivered"
        ):
            self.po_line.product_qty = 2
        self.assertEqual(self.so_line.product_uom_qty, 3)

    def test_partial_delivery_lets_quantity_go_down_to_delivered(self):
        """Delivered 2 of 3: the buyer may lower to 2, not to 1."""
        self._deliver(self.sale, {self.product_lot: 2})
        self.po_line.product_qty = 2
        self.assertEqual(self.so_line.product_uom_qty, 2)
        with self.assertRefused("already has 2.0 delivered"):
            self.po_line.product_qty = 1

    def test_sale_quantity_below_received_refused(self):
        """Received 3 in A: B cannot lower its sale to 1."""
        receipt = self.order.picking_ids.with_user(self.warehouse)
        receipt.move_ids.move_line_ids.write({"lot_name": "A-LOT", "quantity": 3})
        receipt.move_ids.picked = True
        receipt.button_validate()
        with self.assertRefused(
            rf"Sale order {self.sale.name} \(Dist B\) mirrors purchase order "
            rf"{self.order.name} \(Dist A\): on Valve \(lot\), {self.order.name} "
            "already has 3.0 received"
        ):
            self.so_line.product_uom_qty = 1

    def test_po_price_change_mirrored_with_seller_tax(self):
        """A price agreed at 90.00 net: B's line is 99.00 with its included tax."""
        self.po_line.price_unit = 90.0
        self.assertAlmostEqual(self.so_line.price_unit, 99.0)
        self.assertAlmostEqual(self.sale.amount_untaxed, self.order.amount_untaxed)

    def test_sale_price_change_mirrored_net_on_po(self):
        """B sells at 121.00 tax included: A's line is 110.00."""
        self.so_line.price_unit = 121.0
        self.assertAlmostEqual(self.po_line.price_unit, 110.0)

    def test_new_po_line_added_on_sale(self):
        """A line added to the confirmed PO is added to the SO, at the transfer price."""
        self.order.order_line = [
            Command.create({"product_id": self.product_serial.id, "product_qty": 2})
        ]
        new_line = self.order.order_line - self.po_line
        self.assertEqual(new_line.price_unit, NET_PRICE)
        sale_line = self.sale.order_line - self.so_line
        self.assertEqual(
            (sale_line.product_id, sale_line.product_uom_qty, sale_line.price_unit),
            (self.product_serial, 2, LIST_PRICE),
        )
        self.assertEqual(new_line.dist_ic_counterpart_line_id, sale_line.id)

    def test_new_sale_line_added_on_po(self):
        """A line B adds to the SO is added to the PO at B's net price."""
        self.sale.order_line = [
            Command.create(
                {
                    "product_id": self.product_serial.id,
                    "product_uom_qty": 1,
                    "price_unit": 132.0,
                }
            )
        ]
        po_line = self.order.order_line - self.po_line
        self.assertEqual(
            (po_line.product_id, po_line.product_qty), (self.product_serial, 1)
        )
        self.assertAlmostEqual(po_line.price_unit, 120.0)

    def test_line_removal_refused_on_both_sides(self):
        """A mirrored line is never removed: set its quantity to 0."""
        with self.assertRefused("set the quantity of Valve \\(lot\\) to 0"):
            self.so_line.sudo().unlink()
        with self.assertRefused(
            f"{self.order.name} .* mirrored by sale order {self.sale.name}"
        ):
            self.po_line.sudo().unlink()

    def test_product_change_refused(self):
        """A mirrored line's product does not change."""
        with self.assertRefused("its product and unit cannot change"):
            self.po_line.product_id = self.product_serial

    def test_po_cancel_cancels_sale(self):
        """Cancelling the PO cancels the SO (B's technical user)."""
        self.order.button_cancel()
        self.assertEqual(self.sale.state, "cancel")
        self.assertEqual(self.sale.write_uid, self.tech_b)

    def test_sale_cancel_cancels_po(self):
        """B cancelling the SO cancels A's PO."""
        self.sale.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(self.order.state, "cancel")

    def test_po_cancel_refused_once_delivered(self):
        """Delivered: the buyer cannot cancel its PO."""
        self._deliver(self.sale)
        with self.assertRefused(
            rf"{self.order.name} \(Dist A\) is mirrored by sale order {self.sale.name} "
            rf"\(Dist B\): it cannot be cancelled, {self.sale.name} is already delivered"
        ):
            self.order.button_cancel()
        self.assertEqual(self.sale.state, "sale")

    def test_vendor_change_refused(self):
        """The vendor of a mirrored PO does not change."""
        with self.assertRefused("its Vendor cannot change"):
            self.order.partner_id = self.vendor

    def test_draft_po_repriced_on_quantity(self):
        """On a draft order the transfer price follows the quantity (price list breaks)."""
        self.pricelist_b.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": self.product_serial.id,
                    "compute_price": "fixed",
                    "fixed_price": 99.0,
                    "min_quantity": 10,
                }
            )
        ]
        draft = self._make_ic_po([(self.product_serial, 1)])
        self.assertEqual(draft.order_line.price_unit, NET_PRICE)
        draft.order_line.product_qty = 10
        self.assertEqual(draft.order_line.price_unit, 90.0)
