from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestPerformance(DistCommon):
    """Query budgets of the engine's hot paths."""

    def _routing_queries(self, values):
        Rule = self.env["dist.approval.rule"].with_user(self.controller)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Rule._get_matching_rules(values)
        return self.cr.sql_log_count - before

    def test_routing_queries_do_not_grow_with_rules(self):
        """Matching a document costs the same queries with 2 rules as with 40."""
        category = self.env["product.category"].create({"name": "Cables"})
        values = {
            "model": "dist.exception",
            "company": self.company_a,
            "amount": 5000.0,
            "product_categ_ids": category.ids,
            "warehouse": self.env["stock.warehouse"],
            "vendor": self.env["res.partner"],
        }
        level = [{"name": "Manager", "users": self.buyer_manager}]
        for _index in range(2):
            self._make_rule(
                "dist.exception", self.company_a, level, product_categ_ids=category.ids
            )
        few = self._routing_queries(values)
        for _index in range(38):
            self._make_rule(
                "dist.exception", self.company_a, level, product_categ_ids=category.ids
            )
        many = self._routing_queries(values)
        self.assertEqual(few, many)
        self.assertLessEqual(many, 8)
