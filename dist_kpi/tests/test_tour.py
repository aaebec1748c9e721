import json
from urllib.parse import quote

from odoo.tests import HttpCase, tagged

from .common_dashboard import KpiDashboardCommon, read_xlsx


@tagged("post_install", "-at_install")
class TestKpiDashboardTour(KpiDashboardCommon, HttpCase):
    """The dashboard in Chromium: filter by company and families, export, drill down."""

    def test_dashboard_filter_export_drill(self):
        """The figures on screen are the hand-computed ones, and the export's."""
        self.start_tour(
            "/web#action=dist_kpi.dist_kpi_dashboard_action",
            "dist_kpi_dashboard_tour",
            login="kpi_reader",
        )
        # the filters the tour ended on: Dist A, Fasteners, the default periods
        filters = {
            "company_ids": [self.company_a.id],
            "family_ids": [self.fasteners.id],
            **self._periods(),
        }
        self.authenticate("kpi_reader", "kpi_reader")
        response = self.url_open(
            f"/dist_kpi/export?filters={quote(json.dumps(filters))}"
        )
        cells = read_xlsx(response.content)["Stock"]
        row = next(r for (r, c), v in cells.items() if c == 1 and v == "stock_value")
        self.assertEqual(cells[(row, 3)], 50.0)
