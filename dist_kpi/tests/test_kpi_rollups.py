from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from odoo.addons.dist_harmonize_base.tests.common import call_kw

from ..models.dist_kpi_fact_mixin import DIMENSIONS
from .common import FEBRUARY, KpiCommon

# The tables an incremental refresh reads the write dates of.
SOURCES = (
    "stock_valuation_layer",
    "stock_move",
    "product_template",
    "account_move_line",
    "account_move",
    "sale_order",
    "sale_order_line",
    "purchase_order",
    "purchase_order_line",
    "product_supplierinfo",
)


class KpiRollupCommon(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_ledger()
        cls._build_bills()
        cls._date_layers()
        cls.companies = (cls.company_a | cls.company_b).ids
        cls.env["dist.kpi.engine"]._dist_kpi_refresh(cls.companies)


@tagged("post_install", "-at_install")
class TestKpiRollups(KpiRollupCommon):
    """The pre-aggregated facts hold the sums of the fact views, kept up to
    date by an incremental refresh."""

    def _written_yesterday(self):
        """Every source row as if written a day ago (a test writes all its rows
        at the transaction's time): only what the test writes next is new."""
        self.env.flush_all()
        for table in SOURCES:
            self.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = write_date - interval '1 day'",
                    SQL.identifier(table),
                )
            )

    def _grouped(self, table, group_by, expressions):
        key = SQL.identifier(DIMENSIONS[group_by]) if group_by else SQL("NULL::int")
        self.env.cr.execute(
            SQL(
                "SELECT company_id, %s, %s FROM %s f GROUP BY 1, 2",
                key,
                SQL(", ").join(SQL(expression) for expression in expressions),
                SQL.identifier(table),
            )
        )
        return {
            row[:2]: [round(v or 0.0, 6) for v in row[2:]] for row in self.cr.fetchall()
        }

    def test_rollups_equal_the_fact_views_at_every_grouping(self):
        """Per company, whole and by each dimension it keeps, every measure of
        each rollup sums to the fact view's own sum (a count of distinct bills
        too)."""
        Mixin = self.env["dist.kpi.rollup.mixin"]
        for name in Mixin._dist_kpi_rollups():
            Rollup = self.env[name]
            Fact = self.env[Rollup._dist_kpi_fact]
            measures = list(Rollup._dist_kpi_measures)
            on_rollup = [f"SUM(f.{column})" for column in measures]
            on_view = list(Rollup._dist_kpi_measures.values())
            if "move_id" in Rollup._dist_kpi_keys:
                on_rollup.append("COUNT(DISTINCT f.move_id)")
                on_view.append("COUNT(DISTINCT f.move_id)")
            groupings = (None,)
            if Rollup._dist_kpi_dimension_columns:
                groupings += Fact._dist_kpi_dimensions
            for group_by in groupings:
                view = self._grouped(Fact._table, group_by, on_view)
                self.assertTrue(view, name)
                self.assertEqual(
                    self._grouped(Rollup._table, group_by, on_rollup),
                    view,
                    f"{name} by {group_by}",
                )

    def test_new_receipt_shows_after_refresh_and_other_days_are_kept(self):
        """The ledger written a day ago; PO3 received on 2024-02-10: the next
        refresh adds that day's stock, February's value is Odoo's valuation,
        and the stock rollup rows of every other day are the same rows."""
        self._written_yesterday()
        Stock = self.env["dist.kpi.stock.rollup"]
        before = Stock.search([("company_id", "=", self.company_a.id)])
        self.assertNotIn("2024-02-10", before.mapped(lambda r: str(r.date)))
        with freeze_time("2024-02-10"):
            receipt = self.po3.picking_ids.with_user(self.lc_warehouse)
            receipt.move_ids.quantity = 5
            receipt.move_ids.picked = True
            receipt.button_validate()
        self._date_layers()
        value = self._value("stock_value", period=FEBRUARY)
        self.assertAlmostEqual(
            value, self._odoo_stock_value(self.company_a, "2024-02-29")
        )
        self.assertGreater(value, 1392.0)
        after = Stock.search([("company_id", "=", self.company_a.id)])
        self.assertEqual(after.filtered(lambda r: str(r.date) != "2024-02-10"), before)
        self.assertTrue(after.filtered(lambda r: str(r.date) == "2024-02-10"))

    def test_order_moved_to_another_month_leaves_its_old_day(self):
        """SO2 (late) now committed for 2024-02-20: the refresh rewrites the
        day it left (SO1's too, untouched): January's OTIF is SO1's alone
        (100 %), February's SO2's, on time by then (100 %)."""
        self.assertAlmostEqual(self._value("otif"), 50.0)
        self._written_yesterday()
        self.so2.commitment_date = "2024-02-20 12:00:00"
        self.assertAlmostEqual(self._value("otif"), 100.0)
        card = self._kpis(self.kpi_user_a, FEBRUARY, company_ids=self.company_a.ids)
        self.assertEqual(
            (card["otif"]["numerator"], card["otif"]["denominator"]), (1, 1)
        )

    def test_dashboard_says_as_of_when(self):
        """The dashboard's figures carry the time of their last refresh."""
        result = self._dashboard(self.kpi_user_a, company_ids=self.company_a.ids)
        self.cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        now = self.cr.fetchone()[0].replace(microsecond=0)
        self.assertEqual(result["as_of"], str(now))


@tagged("post_install", "-at_install")
class TestKpiRollupsOverRpc(KpiRollupCommon, HttpCase):
    """The rollups and their refresh over JSON-RPC, as a user of company B."""

    def _call(self, model, method, args, kwargs=None):
        self.authenticate("kpi_user_b", "kpi_user_b")
        return call_kw(self, model, method, args, kwargs)

    def test_rollups_over_rpc_hold_own_company_only(self):
        """search_read of a rollup, asking for every company, gives B's rows
        (A has rows too)."""
        Stock = self.env["dist.kpi.stock.rollup"]
        self.assertTrue(Stock.search([("company_id", "=", self.company_a.id)]))
        rows, error = self._call(
            "dist.kpi.stock.rollup", "search_read", [[]], {"fields": ["company_id"]}
        )
        self.assertIsNone(error)
        self.assertTrue(rows)
        self.assertEqual({row["company_id"][0] for row in rows}, {self.company_b.id})

    def test_refresh_of_another_company_refused_over_rpc(self):
        """B's user may refresh B's figures, not A's."""
        _result, error = self._call(
            "dist.kpi.dashboard", "action_refresh", [[self.company_a.id]]
        )
        self.assertIn("AccessError", error)
        as_of, error = self._call(
            "dist.kpi.dashboard", "action_refresh", [[self.company_b.id]]
        )
        self.assertIsNone(error)
        self.assertTrue(as_of)

    def test_rollups_cannot_be_written_over_rpc(self):
        """A KPI user cannot rewrite a rollup's figures."""
        rollup = self.env["dist.kpi.stock.rollup"].search(
            [("company_id", "=", self.company_b.id)], limit=1
        )
        _result, error = self._call(
            "dist.kpi.stock.rollup", "write", [rollup.ids, {"value": 1e9}]
        )
        self.assertIn("AccessError", error)
