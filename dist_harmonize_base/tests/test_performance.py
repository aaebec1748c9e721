from odoo import Command
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestPerformance(DistCommon):
    """Query budgets of the engine's hot paths."""

    def _routing_queries(self, values):
        """Return the queries of a routing with cold, then warm, rule cache."""
        Rule = self.env["dist.approval.rule"].with_user(self.controller)
        counts = []
        for _run in ("cold", "warm"):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Rule._get_matching_rule_rows(values)
            counts.append(self.cr.sql_log_count - before)
        return counts

    def test_routing_queries_do_not_grow_with_rules(self):
        """Matching costs the same queries with 2 rules as with 40; once the rules
        are cached, only the document's category ancestors cost one."""
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
        self.assertLessEqual(many[0], 12)
        self.assertEqual(many[1], 1)

    def test_activity_menu_count_does_not_grow_with_requests(self):
        """Counting 7 requests to approve costs the queries of counting 2."""
        self._make_rule(
            "dist.exception",
            self.company_a,
            [{"name": "Manager", "users": self.buyer_manager}],
        )
        Users = self.env["res.users"].with_user(self.buyer_manager)
        counts = []
        # The first round pays first-use costs (record rules, models, icons).
        for number in (1, 1, 5):
            for _index in range(number):
                exception = self._make_exception(amount=10.0)
                exception.with_user(self.controller).action_request_waiver()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            groups = Users.systray_get_activities()
            counts.append(self.cr.sql_log_count - before)
        entry = next(group for group in groups if group.get("dist_approvals"))
        self.assertEqual(entry["total_count"], 7)
        self.assertEqual(counts[1], counts[2])

    def test_bill_authors_cost_the_same_for_1_and_8_lines(self):
        """Entering, changing every line and posting a bill: flat in its lines."""
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=self.company_a, install_demo=False
        )
        clerk = self._make_user(
            "dist_perf_clerk", "account.group_account_invoice", self.company_a
        )
        poster = self._make_user(
            "dist_perf_poster", "account.group_account_invoice", self.company_a
        )
        vendor = self._make_vendor("Acme", company_id=self.company_a.id)
        product = self._make_product("Bolt")
        counts = []
        for size in (1, 8, 1, 8):
            bill = (
                self.env["account.move"]
                .with_user(clerk)
                .create(
                    {
                        "move_type": "in_invoice",
                        "partner_id": vendor.id,
                        "invoice_date": "2026-03-02",
                        "invoice_line_ids": [
                            Command.create({"product_id": product.id, "price_unit": 10})
                            for _index in range(size)
                        ],
                    }
                )
            )
            self.env.flush_all()
            before = self.cr.sql_log_count
            bill.invoice_line_ids.write({"price_unit": 11.0})
            bill.with_user(poster).action_post()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(bill.dist_author_ids, clerk | poster)
        # The first round pays first-use costs.
        self.assertEqual(counts[2], counts[3])
