import json
from urllib.parse import quote

from odoo.tests import HttpCase, tagged

from .common_dashboard import KpiDashboardCommon, read_xlsx


@tagged("post_install", "-at_install")
class TestKpiExport(KpiDashboardCommon, HttpCase):
    """The XLSX export holds the dashboard's figures for the user's filters."""

    def _export(self, filters, login="kpi_reader"):
        self.authenticate(login, login)
        return self.url_open(f"/dist_kpi/export?filters={quote(json.dumps(filters))}")

    def _rows_by_code(self, cells):
        """{kpi code: row} of the KPI rows of a sheet (column B, the first row)."""
        rows = {}
        for (row, col), value in sorted(cells.items()):
            if col == 1 and row > 0 and isinstance(value, str):
                rows.setdefault(value, row)
        return rows

    def test_export_holds_the_figures_of_the_dashboard(self):
        """Every KPI of every group is on its group's sheet with get_dashboard's value."""
        filters = {"company_ids": [self.company_a.id], **self._periods()}
        response = self._export(filters)
        self.assertEqual(response.status_code, 200)
        sheets = read_xlsx(response.content)
        dashboard = (
            self.env["dist.kpi.dashboard"].with_user(self.reader).get_dashboard(filters)
        )
        self.assertEqual(list(sheets), [g["name"] for g in dashboard["groups"]])
        for group in dashboard["groups"]:
            cells = sheets[group["name"]]
            rows = self._rows_by_code(cells)
            for kpi in group["kpis"]:
                row = rows[kpi["code"]]
                self.assertEqual(cells[(row, 0)], kpi["name"])
                if kpi["value"] is None:
                    self.assertNotIn((row, 3), cells, kpi["code"])
                else:
                    self.assertAlmostEqual(
                        cells[(row, 3)], kpi["value"], 6, kpi["code"]
                    )
        stock = sheets[dashboard["groups"][0]["name"]]
        self.assertEqual(stock[(self._rows_by_code(stock)["stock_value"], 3)], 130.0)

    def test_export_writes_the_filters_on_each_sheet(self):
        """The companies, family and period filtered on head every sheet."""
        filters = {
            "company_ids": [self.company_a.id],
            "family_ids": [self.fasteners.id],
            **self._periods(),
        }
        sheets = read_xlsx(self._export(filters).content)
        for cells in sheets.values():
            header = {
                cells[(r, 0)]: cells.get((r, 1))
                for r in range(2, 14)
                if (r, 0) in cells
            }
            self.assertEqual(header["Companies"], "Dist A")
            self.assertEqual(header["Families"], "Fasteners")
            self.assertEqual(header["Warehouses"], "All")
            self.assertEqual(header["From"], filters["date_from"])
            self.assertEqual(header["Currency"], "USD")
        stock = next(iter(sheets.values()))
        self.assertEqual(stock[(self._rows_by_code(stock)["stock_value"], 3)], 50.0)

    def test_export_refuses_a_company_the_user_is_not_in(self):
        """A user of Dist A only gets no file for Dist B's figures."""
        self._make_user(
            "kpi_reader_a", "base.group_user,dist_kpi.group_kpi_user", self.company_a
        )
        response = self._export(
            {"company_ids": [self.company_b.id], **self._periods()},
            login="kpi_reader_a",
        )
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(b"Stock Value", response.content)

    def test_export_refuses_filters_that_are_not_json(self):
        """Broken filters are a clear 400, not a server error."""
        self.authenticate("kpi_reader", "kpi_reader")
        response = self.url_open("/dist_kpi/export?filters=%7Bnot-json")
        self.assertEqual(response.status_code, 400)
