import logging

from odoo import Command
from odoo.tests import tagged

from .common import LIST_PRICE, IntercompanyCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestMirrorQueries(IntercompanyCommon):
    """The mirror of an order costs what keying the same sale order by hand
    costs, plus a fixed number of queries per order and one link per line."""

    def _count(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _mirror_queries(self, lines):
        self.rule.sync_order = False
        order = self._confirmed_ic_po([(self.product_lot, 1)] * lines)
        self.rule.sync_order = True
        count = self._count(order._dist_ic_mirror_order)
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

        return self._count(key_in)

    def test_mirror_adds_no_query_per_line_but_its_link(self):
        """From 1 to 10 lines, the mirror's extra cost over keying the sale
        order by hand grows by at most one query per line (the line's link)."""
        self._mirror_queries(1)  # warm the caches
        self._by_hand_queries(1)
        extra_1 = self._mirror_queries(1) - self._by_hand_queries(1)
        extra_10 = self._mirror_queries(10) - self._by_hand_queries(10)
        _logger.info(
            "mirror queries over keying by hand: 1 line +%s, 10 lines +%s",
            extra_1,
            extra_10,
        )
        self.assertLessEqual(extra_10 - extra_1, 9)
