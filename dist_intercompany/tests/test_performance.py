import logging

from odoo import Command
from odoo.tests import tagged

from .common import LIST_PRICE, IntercompanyCommon, IntercompanyFlowCommon

_logger = logging.getLogger(__name__)


def count_queries(test, function):
    """The queries ``function`` runs, from an empty cache to a flush."""
    test.env.flush_all()
    test.env.invalidate_all()
    before = test.cr.sql_log_count
    function()
    test.env.flush_all()
    return test.cr.sql_log_count - before


@tagged("post_install", "-at_install")
class TestMirrorQueries(IntercompanyCommon):
    """The mirror of an order costs what keying the same sale order by hand
    costs, plus a fixed number of queries per order, whatever its number of
    lines."""

    def _mirror_queries(self, lines):
        self.rule.sync_order = False
        order = self._confirmed_ic_po([(self.product_lot, 1)] * lines)
        self.rule.sync_order = True
        count = count_queries(self, order._dist_ic_mirror_order)
        self.assertEqual(len(self._transaction(order).sale_id.order_line), lines)
        return count

    def _by_hand_queries(self, lines):
        Sale = self.env["sale.order"].with_env(self.rule._dist_seller_env())

        def key_in():
            sale = Sale.create(
                {
                    "partner_id": self.partner_a.id,
                    "pricelist_id": self.pricelist_b.id,
                    "warehouse_id": self.warehouse_b.id,
                    "client_order_ref": "by hand",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_lot.id,
                                "product_uom_qty": 1,
                                "price_unit": LIST_PRICE,
                            }
                        )
                    ]
                    * lines,
                }
            )
            sale.action_confirm()

        return count_queries(self, key_in)

    def test_order_mirror_adds_no_query_per_line(self):
        """From 1 to 10 lines, the order mirror's extra cost over keying the
        sale order by hand stays the same (the lines' links are one
        statement)."""
        self._mirror_queries(1)  # warm the caches
        self._by_hand_queries(1)
        extra_1 = self._mirror_queries(1) - self._by_hand_queries(1)
        extra_10 = self._mirror_queries(10) - self._by_hand_queries(10)
        _logger.info(
            "order mirror queries over keying by hand: 1 line +%s, 10 lines +%s",
            extra_1,
            extra_10,
        )
        self.assertLessEqual(extra_10 - extra_1, 2)


@tagged("post_install", "-at_install")
class TestInvoiceMirrorQueries(IntercompanyFlowCommon):
    """The mirror of an invoice costs what keying the bill from the order by
    hand costs, plus a fixed number of queries per bill, whatever its number
    of lines."""

    def _invoiced_sale(self, lines):
        """A's confirmed order of ``lines`` lines of one untracked item,
        delivered by B and received by A through the mirror; B's invoice
        posted without mirroring it (the rule's invoice flow off)."""
        if not hasattr(self, "product_plain"):
            self.product_plain = self._make_ic_product("IC plain item", "none")
            self.product_plain.supplier_taxes_id = self.tax_a
        order = self._confirmed_ic_po([(self.product_plain, 1)] * lines)
        sale = self._transaction(order).sale_id
        self.env["stock.quant"]._update_available_quantity(
            self.product_plain, self.warehouse_b.lot_stock_id, lines
        )
        delivery = self._as(self.warehouse_user_b, sale.picking_ids)
        delivery.action_assign()
        for move in delivery.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        delivery.button_validate()
        self.assertEqual(order.sudo().picking_ids.mapped("state"), ["done"])
        self.rule.sync_invoice = False
        invoice = self._invoice(sale)
        self.rule.sync_invoice = True
        return order, invoice

    def _invoice_mirror_queries(self, lines):
        order, invoice = self._invoiced_sale(lines)
        count = count_queries(self, invoice._dist_ic_mirror_invoices)
        bill = self.env["account.move"].browse(invoice.sudo().dist_ic_counterpart_id)
        self.assertEqual(len(bill.invoice_line_ids), lines)
        self.assertEqual(
            bill.invoice_line_ids.purchase_line_id, order.order_line, "each on its line"
        )
        return count

    def _bill_by_hand_queries(self, lines):
        order, _invoice = self._invoiced_sale(lines)
        buyer = self.env["purchase.order"].with_env(self.rule._dist_buyer_env())

        def key_in():
            action = buyer.browse(order.id).action_create_invoice()
            bill = buyer.env["account.move"].browse(action["res_id"])
            bill.invoice_date = bill.date
            if self.rule.bill_state == "posted":
                bill.action_post()

        return count_queries(self, key_in)

    def test_invoice_mirror_adds_no_query_per_line(self):
        """From 1 to 10 lines, the invoice mirror's extra cost over keying
        the bill from the order by hand stays the same."""
        self._invoice_mirror_queries(1)  # warm the caches
        self._bill_by_hand_queries(1)
        extra_1 = self._invoice_mirror_queries(1) - self._bill_by_hand_queries(1)
        extra_10 = self._invoice_mirror_queries(10) - self._bill_by_hand_queries(10)
        _logger.info(
            "invoice mirror queries over keying by hand: 1 line +%s, 10 lines +%s",
            extra_1,
            extra_10,
        )
        self.assertLessEqual(extra_10 - extra_1, 2)
