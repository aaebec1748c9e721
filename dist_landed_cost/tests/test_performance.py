from odoo.tests import tagged

from .common import LandedCostCommon


@tagged("post_install", "-at_install")
class TestLandedCostPerformance(LandedCostCommon):
    def _split_queries(self, n_products):
        """Queries to re-split the estimate of a receipt of ``n_products`` lines."""
        products = self.env["product.product"].concat(
            *(
                self._make_stock_product(
                    f"Perf item {n_products}-{index}",
                    self.fifo if index % 2 else self.avco,
                    weight=1.0 + index,
                    volume=0.1,
                )
                for index in range(n_products)
            )
        )
        order = self._make_po([(product, 3, 10.0) for product in products])
        estimate = self._receive(order).sudo().dist_landed_cost_ids
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        estimate.compute_landed_cost()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_split_queries_do_not_grow_with_receipt_lines(self):
        """Splitting freight and duty over 20 lines costs as many queries as over 2."""
        small = self._split_queries(2)
        self.assertGreater(small, 0)
        self.assertEqual(self._split_queries(20), small)
