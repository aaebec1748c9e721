from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from ..tools import kpi
from ..tools.plan import history_start
from .common import DistDemoCommon

# Figures a KPI can only have once another module is installed, or that the
# demo's books do not give yet (see the dist_kpi readme).
OPTIONAL = {"ic_sales"}


@tagged("post_install", "-at_install")
class TestKpiDemo(DistDemoCommon):
    """What the executive finds on the KPI dashboard on first login (dist_kpi)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.executive = cls.env["res.users"].search([("login", "=", kpi.EXECUTIVE[1])])
        # the dashboard's default period: the last twelve months to today
        cls.today = fields.Date.context_today(cls.executive)
        cls.year_from = cls.today - relativedelta(years=1, days=-1)

    def _dashboard(self, companies, **filters):
        Dashboard = (
            self.env["dist.kpi.dashboard"]
            .with_user(self.executive)
            .with_context(allowed_company_ids=companies.ids)
        )
        filters = {
            "company_ids": companies.ids,
            "date_from": str(self.year_from),
            "date_to": str(self.today),
            **filters,
        }
        return Dashboard.get_dashboard(filters)

    @staticmethod
    def _cards(dashboard):
        return {
            card["code"]: card
            for group in dashboard["groups"]
            for card in group["kpis"]
        }

    def test_the_executive_reads_the_three_companies_in_one_currency(self):
        """The group view converts the three companies' stock into the
        reporting currency: more than any one company's figure alone."""
        self.assertEqual(self.executive.company_ids, self.all_companies)
        self.assertTrue(self.executive.has_group("dist_kpi.group_kpi_group_view"))
        group = self._cards(self._dashboard(self.all_companies, group_view=True))
        for company in self.all_companies:
            alone = self._cards(self._dashboard(company, group_view=True))
            self.assertGreater(
                group["stock_value"]["value"], alone["stock_value"]["value"]
            )

    def test_every_kpi_has_a_figure_in_every_company(self):
        """On first login (the last twelve months), the dashboard shows a
        figure for every KPI of the pack in each company."""
        codes = set(self.env["dist.kpi"].search([]).mapped("code")) - OPTIONAL
        for key, company in self.companies.items():
            cards = self._cards(self._dashboard(company))
            missing = sorted(code for code in codes if cards[code]["value"] is None)
            self.assertEqual(missing, [], key)

    def test_each_month_locked_some_days_after_its_end(self):
        """The close-cycle KPI reads the controllers' locks: every month of the
        history up to the month before last (the last one is being closed),
        each locked by the company's controller."""
        first = history_start(self.today, kpi.SNAPSHOT_MONTHS).replace(day=1)
        last_locked = self.today.replace(day=1) - relativedelta(months=1, days=1)
        for key, company in self.companies.items():
            closes = self.env["dist.kpi.close"].search(
                [("company_id", "=", company.id)]
            )
            ends = sorted(closes.mapped("period_end"))
            self.assertEqual(
                ends,
                [
                    first + relativedelta(months=n + 1, days=-1)
                    for n in range(len(ends))
                ],
                key,
            )
            self.assertEqual(ends[-1], last_locked, key)
            self.assertEqual(company.period_lock_date, last_locked, key)
            self.assertEqual(
                set(closes.mapped("user_id.login")), {f"dist.demo.controller.{key}"}
            )
            self.assertTrue(
                all(
                    kpi.CLOSE_DAYS[key] <= close.days <= kpi.CLOSE_DAYS[key] + 3
                    for close in closes
                ),
                key,
            )

    def test_twelve_months_of_trend(self):
        """Every KPI's trend has the twelve months up to the current one, read
        from the stored snapshots."""
        snapshots = self.env["dist.kpi.snapshot"].search(
            [
                ("warehouse_id", "=", False),
                ("family_id", "=", False),
                ("segment_id", "=", False),
                ("region_id", "=", False),
            ]
        )
        periods = {}
        for snapshot in snapshots:
            periods.setdefault(snapshot.company_id, set()).add(snapshot.period)
        for company in self.all_companies:
            self.assertEqual(len(periods[company]), kpi.SNAPSHOT_MONTHS, company.name)
        cards = self._cards(self._dashboard(self.all_companies, group_view=True))
        for code in ("stock_value", "gross_margin", "otif"):
            self.assertEqual(len(cards[code]["trend"]), kpi.SNAPSHOT_MONTHS, code)
            self.assertTrue(any(point["value"] for point in cards[code]["trend"]), code)

    def test_two_thresholds_crossed_once_each(self):
        """The controllers' thresholds: one warn, one critical, one within its
        levels; each crossing told the KPI's owner once and queued once."""
        thresholds = self.env["dist.kpi.threshold"].search([])
        states = {(t.kpi_id.code, t.company_id): t.state for t in thresholds}
        expected = {
            (code, self.companies[key]): status
            for code, key, status, _warn, _critical in kpi.THRESHOLDS
        }
        self.assertEqual(states, expected)
        exceptions = self.env["dist.exception"].search(
            [("kind", "=", "kpi"), ("state", "=", "open")]
        )
        crossed = thresholds.filtered(lambda t: t.state != "ok")
        self.assertEqual(len(crossed), 2)
        self.assertEqual(
            sorted((e.res_model, e.res_id) for e in exceptions),
            sorted(("dist.kpi.threshold", t.id) for t in crossed),
        )
        for threshold in crossed:
            self.assertEqual(threshold.kpi_id.owner_id, self.executive)
            activities = threshold.activity_ids.filtered(
                lambda a: a.user_id == self.executive
            )
            self.assertEqual(len(activities), 1, threshold.display_name)
