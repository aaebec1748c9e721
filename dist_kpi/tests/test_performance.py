from odoo.tests import tagged

from .common import JANUARY, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiPerformance(KpiCommon):
    """The dashboard runs a fixed number of statements, whatever the volume."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_ledger()

    def _count_dashboard_queries(self):
        Dashboard = (
            self.env["dist.kpi.dashboard"]
            .with_user(self.kpi_user_a)
            .with_context(allowed_company_ids=self.company_a.ids)
        )
        filters = dict(JANUARY, company_ids=self.company_a.ids)
        Dashboard.get_dashboard(filters)  # warm the caches
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Dashboard.get_dashboard(filters)
        return self.cr.sql_log_count - before

    def test_dashboard_queries_do_not_grow_with_lines(self):
        """Three more orders delivered and invoiced: the same number of queries."""
        first = self._count_dashboard_queries()
        for _n in range(3):
            order = self._make_so([(self.chair, 1, 400.0)], "2024-01-20")
            self._ship(order, 1, "2024-01-16")
            self._invoice(order, "2024-01-31")
        self._date_layers()
        self.assertEqual(self._count_dashboard_queries(), first)
        self.assertLess(first, 60)

    def _count_refresh_queries(self):
        Engine = self.env["dist.kpi.engine"]
        Engine._dist_kpi_refresh(self.company_a.ids)
        self.env.flush_all()
        before = self.cr.sql_log_count
        Engine._dist_kpi_refresh(self.company_a.ids)
        return self.cr.sql_log_count - before

    def test_refresh_queries_do_not_grow_with_lines(self):
        """The incremental refresh of the rollups: one statement per rollup and
        two more, with three more orders delivered and invoiced too."""
        first = self._count_refresh_queries()
        for _n in range(3):
            order = self._make_so([(self.chair, 1, 400.0)], "2024-01-20")
            self._ship(order, 1, "2024-01-16")
            self._invoice(order, "2024-01-31")
        self.assertEqual(self._count_refresh_queries(), first)
        rollups = self.env["dist.kpi.rollup.mixin"]._dist_kpi_rollups()
        self.assertEqual(first, len(rollups) + 2)
