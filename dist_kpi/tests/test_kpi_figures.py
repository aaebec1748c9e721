from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JANUARY, KpiCommon

APRIL_25 = {"date_from": "2024-04-01", "date_to": "2024-04-25"}


@tagged("post_install", "-at_install")
class TestKpiFigures(KpiCommon):
    """Every KPI of company A against the ledger of ``tests/common.py``,
    computed by hand (USD)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_ledger()

    def test_stock_value_is_odoo_valuation_total(self):
        """10 chairs at 223 (landed cost included) - 7 sold + 1 returned, and
        20 lamps at 25: 892 + 500 = 1392, Odoo's own valuation total."""
        self.assertAlmostEqual(self._value("stock_value"), 1392.0)
        self.assertAlmostEqual(
            self._value("stock_value"), self._odoo_stock_value(self.company_a)
        )

    def test_stock_value_by_warehouse_from_the_move_locations(self):
        """All of A's stock sits in its one warehouse; B's warehouse has none
        of it (for a user of both companies; one of A only may not name B's
        warehouse)."""
        value = self._value("stock_value", warehouse_ids=self.warehouse_a.ids)
        self.assertAlmostEqual(value, 1392.0)
        with self.assertRaisesRegex(AccessError, "warehouse_ids"):
            self._value("stock_value", warehouse_ids=self.warehouse_b.ids)
        self.kpi_user_a.company_ids |= self.company_b
        self.assertAlmostEqual(
            self._value("stock_value", warehouse_ids=self.warehouse_b.ids), 0.0
        )

    def test_gross_margin_at_the_cost_booked_at_sale(self):
        """Revenue 1600 + 1200 - 400 = 2400, COGS 892 + 669 - 223 = 1338:
        margin 1062, 44.25 %, as the posted journal items say."""
        self.assertAlmostEqual(self._value("gross_margin"), 1062.0)
        self.assertAlmostEqual(self._value("gross_margin_pct"), 44.25)
        revenue, cogs = self._posted_margin(self.company_a, "2024-01-01", "2024-01-31")
        self.assertAlmostEqual(self._value("gross_margin"), revenue - cogs)

    def test_margin_breakdown_by_family(self):
        """The chairs sold have no family: the whole margin is under No Family."""
        card = self._kpis(self.kpi_user_a, JANUARY, company_ids=self.company_a.ids)[
            "gross_margin"
        ]
        parts = {part["label"]: part["value"] for part in card["breakdown"]}
        self.assertEqual(parts, {"No Family": 1062.0})

    def test_margin_pivot_by_warehouse(self):
        """The Sales Margin analysis, grouped by warehouse as a KPI user: the
        whole 1062 under A's warehouse (the orders' warehouse, for the COGS
        lines too), as the dashboard cut by that warehouse says."""
        groups = self._as("dist.kpi.margin.fact", self.kpi_user_a).read_group(
            [("date", ">=", "2024-01-01"), ("date", "<=", "2024-01-31")],
            ["revenue:sum", "cogs:sum", "margin:sum"],
            ["warehouse_id"],
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["warehouse_id"][0], self.warehouse_a.id)
        self.assertEqual(
            (groups[0]["revenue"], groups[0]["cogs"], groups[0]["margin"]),
            (2400.0, 1338.0, 1062.0),
        )
        self.assertAlmostEqual(
            self._value("gross_margin", warehouse_ids=self.warehouse_a.ids), 1062.0
        )

    def test_stock_turns_and_days_of_inventory(self):
        """COGS 1338 over the average of 0 and 1392 (696): 1.9224 turns;
        696 / (1338 / 31 days) = 16.13 days."""
        self.assertAlmostEqual(self._value("stock_turns"), 1338 / 696, places=4)
        self.assertAlmostEqual(
            self._value("days_inventory"), 696 / (1338 / 31), places=4
        )

    def test_aged_inventory_buckets(self):
        """On 2024-04-25: the returned chair (2024-01-28, 88 days) is 61-90;
        the 3 chairs left of the receipt (669, 106 days) and both lamp
        receipts (250 each, 107 and 96 days) are 91-180: 1169 aged."""
        card = self._kpis(self.kpi_user_a, APRIL_25, company_ids=self.company_a.ids)[
            "aged_stock"
        ]
        buckets = {part["label"]: part["value"] for part in card["breakdown"]}
        self.assertAlmostEqual(buckets["61-90"], 223.0)
        self.assertAlmostEqual(buckets["91-180"], 1169.0)
        self.assertAlmostEqual(buckets["0-30"], 0.0)
        self.assertAlmostEqual(card["value"], 1169.0)

    def test_otif_counts_the_late_partial_order_as_failed(self):
        """SO1 delivered in full before its date, SO2 split with a late rest: 50 %."""
        self.assertAlmostEqual(self._value("otif"), 50.0)
        card = self._kpis(self.kpi_user_a, JANUARY, company_ids=self.company_a.ids)
        self.assertEqual(
            (card["otif"]["numerator"], card["otif"]["denominator"]), (1, 2)
        )

    def test_supplier_on_time_and_lead_adherence(self):
        """PO1 received before its promise in 8 of 10 days; PO2 late, completed
        after 18 days against 5: 50 % on time, 50 % within lead time."""
        self.assertAlmostEqual(self._value("supplier_on_time"), 50.0)
        self.assertAlmostEqual(self._value("supplier_lead_adherence"), 50.0)

    def test_open_commitments_at_the_closing_rate(self):
        """PO3's 150 EUR: 300 USD at 0.5 (end of January), 375 at 0.4 (February)."""
        self.assertAlmostEqual(self._value("open_commitments"), 300.0)
        february = {"date_from": "2024-02-01", "date_to": "2024-02-29"}
        self.assertAlmostEqual(self._value("open_commitments", period=february), 375.0)

    def test_working_capital(self):
        """Stock 1392 + receivables 2400 - payables 0 = 3792; commitments beside."""
        card = self._kpis(self.kpi_user_a, JANUARY, company_ids=self.company_a.ids)[
            "working_capital"
        ]
        self.assertAlmostEqual(card["value"], 3792.0)
        parts = {part["label"]: part["value"] for part in card["breakdown"]}
        self.assertAlmostEqual(parts["open_commitments"], 300.0)

    def test_comparison_period(self):
        """January's stock value compared with December 2023's (nothing yet)."""
        card = self._kpis(
            self.kpi_user_a,
            dict(JANUARY, compare_from="2023-12-01", compare_to="2023-12-31"),
            company_ids=self.company_a.ids,
        )["stock_value"]
        self.assertEqual((card["value"], card["compare_value"]), (1392.0, 0.0))

    def test_drill_down_opens_the_records_behind_the_figure(self):
        """OTIF's drill-down lists the two order lines due in January, one OTIF;
        the stock value's sums to the figure."""
        kpis = self._kpis(self.kpi_user_a, JANUARY, company_ids=self.company_a.ids)
        drill = kpis["otif"]["drill"]
        lines = self._as(drill["res_model"], self.kpi_user_a).search(drill["domain"])
        self.assertEqual(sorted(lines.order_id.ids), sorted((self.so1 | self.so2).ids))
        self.assertEqual(sum(lines.mapped("otif")), 1)
        drill = kpis["stock_value"]["drill"]
        layers = self._as(drill["res_model"], self.kpi_user_a).search(drill["domain"])
        self.assertAlmostEqual(sum(layers.mapped("value")), 1392.0)

    def test_close_cycle_from_the_lock_date(self):
        """January locked on 2024-02-05: 5 days after its end."""
        with freeze_time("2024-02-05"):
            self.company_a.period_lock_date = "2024-01-31"
        self.assertAlmostEqual(self._value("close_cycle_days"), 5.0)

    def test_family_filter_cuts_margin_and_stock(self):
        """No product of the ledger is in the family: the figures are 0, not
        the company's."""
        family = self._make_family("Lighting")
        self.assertFalse(self._value("gross_margin", family_ids=family.ids))
        self.assertFalse(self._value("stock_value", family_ids=family.ids))
