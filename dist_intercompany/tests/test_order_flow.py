from odoo.tests import tagged

from .common import LIST_PRICE, NET_PRICE, IntercompanyCommon


@tagged("post_install", "-at_install")
class TestOrderFlow(IntercompanyCommon):
    """A confirmed PO of A to B creates B's sale order at the transfer price."""

    def test_confirmed_po_creates_sale_order_in_seller(self):
        """The SO is in B, for A, as B's technical user, confirmed, at the transfer price."""
        order = self._confirmed_ic_po([(self.product_lot, 3)])
        self.assertEqual(order.order_line.price_unit, NET_PRICE)
        sale = self._sale_of(order)
        self.assertEqual(sale.company_id, self.company_b)
        self.assertEqual(sale.partner_id, self.partner_a)
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.create_uid, self.tech_b)
        self.assertEqual(sale.order_line.price_unit, LIST_PRICE)
        self.assertEqual(sale.amount_untaxed, order.amount_untaxed)
        self.assertEqual(sale.currency_id, order.currency_id)
