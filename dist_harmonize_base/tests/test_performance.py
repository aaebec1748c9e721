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


@tagged("post_install", "-at_install")
class TestLineCheckPerformance(DistCommon):
    """Query budget of the governed-master check of document lines (C8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        cls.vendor = cls._make_vendor("Bulk Paper", company_id=cls.company_a.id)
        cls.products = cls.env["product.product"].concat(
            *(cls._make_product(f"Ream {index}") for index in range(12))
        )

    def _order_and_bill(self, products):
        env = self.env(
            context=dict(self.env.context, allowed_company_ids=self.company_a.ids)
        )
        order = env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create({"product_id": p.id, "price_unit": 2})
                    for p in products
                ],
            }
        )
        order.button_confirm()
        lines = [
            Command.create(
                {"product_id": pol.product_id.id, "purchase_line_id": pol.id}
            )
            for pol in order.order_line
        ]
        bill = env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": "2026-03-02",
                "invoice_line_ids": lines,
            }
        )
        return order.order_line, bill.line_ids

    def _check_queries(self, lines):
        """Queries of checking ``lines`` as a create or write batch does (cold
        cache, the batch its own prefetch set)."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        lines.with_prefetch()._check_dist_line_masters()
        return self.cr.sql_log_count - before

    def test_line_check_queries_do_not_grow_with_lines(self):
        """Checking 12 order or bill lines costs the queries of checking 1, also
        on a bill once items and vendor are blocked (the order links are read)."""
        small = self._order_and_bill(self.products[:1])
        large = self._order_and_bill(self.products)
        active = [
            [self._check_queries(lines) for lines in doc] for doc in (small, large)
        ]
        self.products.product_tmpl_id.with_user(self.steward).action_dist_block()
        self.vendor.with_user(self.steward).action_dist_block_supplier()
        # Order lines take active items only; bill lines may bill what was ordered.
        blocked = [
            self._check_queries(bill_lines) for _order, bill_lines in (small, large)
        ]
        self.assertEqual(active[0], active[1])
        self.assertEqual(blocked[0], blocked[1])
        # lines, products, templates (+ moves, vendors; + order links when blocked)
        self.assertEqual(active[1], [3, 5])
        self.assertLessEqual(blocked[1], 8)
