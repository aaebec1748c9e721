from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardSmoke(TransactionCase):
    """The API answers on a database without transactions."""

    def test_dashboard_lists_every_kpi_group(self):
        """Every active KPI has a card, with no value where nothing happened."""
        options = self.env["dist.kpi.dashboard"].get_filter_options()
        self.assertIn(self.env.company.id, [c["id"] for c in options["companies"]])
        result = self.env["dist.kpi.dashboard"].get_dashboard(
            {
                "company_ids": [self.env.company.id],
                "date_from": "2026-01-01",
                "date_to": "2026-01-31",
                "compare_from": "2025-01-01",
                "compare_to": "2025-01-31",
            }
        )
        codes = [kpi["code"] for group in result["groups"] for kpi in group["kpis"]]
        self.assertIn("stock_value", codes)
        self.assertEqual(
            [g["code"] for g in result["groups"]],
            ["stock", "service", "purchase", "finance"],
        )
        self.env["dist.kpi.snapshot"]._cron_snapshot()
