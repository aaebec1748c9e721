from odoo import Command
from odoo.tests import tagged

from odoo.addons.dist_harmonize_base.tools import guard

from .common import LandedCostCommon


@tagged("post_install", "-at_install")
class TestLandedCostPerformance(LandedCostCommon):
    def _receipt(self, n_products):
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
        return self._receive(order)

    def _count(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _split_queries(self, n_products):
        """Queries to re-split the estimate of a receipt of ``n_products`` lines."""
        estimate = self._receipt(n_products).sudo().dist_landed_cost_ids
        return self._count(estimate.compute_landed_cost)

    def _true_up_queries(self, n_products):
        """Queries to split a freight and duty bill over ``n_products`` lines."""
        receipt = self._receipt(n_products)
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": "2024-02-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cost.id,
                            "price_unit": 50.0,
                            "dist_picking_ids": [Command.set(receipt.ids)],
                        }
                    )
                    for cost in (self.freight, self.duty)
                ],
            }
        )
        LandedCost = self.env["stock.landed.cost"]
        # permit: the true-up the engine would create when the bill is posted
        with guard.permit(LandedCost, create=True):
            true_up = LandedCost.create(
                bill._dist_prepare_true_up_vals(receipt, bill.invoice_line_ids)
            )
        return self._count(true_up.compute_landed_cost)

    # 60 lines x 2 cost types = 120 adjustment lines: past the ORM's batch of
    # 100 rows per INSERT, so a split through ``create`` would cost one more query
    def test_split_queries_do_not_grow_with_receipt_lines(self):
        """Splitting freight and duty over 60 lines costs as many queries as over 2."""
        small = self._split_queries(2)
        self.assertGreater(small, 0)
        self.assertEqual(self._split_queries(60), small)

    def test_true_up_queries_do_not_grow_with_receipt_lines(self):
        """Truing up a bill over 60 lines costs as many queries as over 2."""
        small = self._true_up_queries(2)
        self.assertGreater(small, 0)
        self.assertEqual(self._true_up_queries(60), small)

    def test_split_lines_hold_what_the_orm_computes(self):
        """Split lines written in one INSERT hold the values the ORM computes."""
        self.chair.default_code = "CH-01"
        order = self._make_po([(self.chair, 4, 25.0), (self.lamp, 6, 10.0)])
        lines = (
            self._receive(order).sudo().dist_landed_cost_ids.valuation_adjustment_lines
        )
        fnames = ["name", "final_cost", "dist_cost_product_id", "dist_kind"]
        lines.invalidate_recordset()
        written = lines.read(fnames)
        for fname in fnames:
            self.env.add_to_compute(lines._fields[fname], lines)
        lines._recompute_recordset(fnames)
        self.assertEqual(lines.read(fnames), written)
        self.assertIn("Sea Freight - CH-01", lines.mapped("name"))
