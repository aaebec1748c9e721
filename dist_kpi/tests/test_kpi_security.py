from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import call_kw

from .common import JANUARY, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiCompanies(KpiCommon):
    """Who sees which company's figures, and in which currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_ledger()

    def test_user_of_one_company_sees_only_its_figures(self):
        """B's KPI user gets B's 250 EUR of stock, by default and asked."""
        kpis = self._kpis(self.kpi_user_b)
        self.assertAlmostEqual(kpis["stock_value"]["value"], 250.0)
        result = self._dashboard(self.kpi_user_b, company_ids=self.company_b.ids)
        self.assertEqual(result["currency"]["name"], "EUR")
        self.assertEqual(
            [c["id"] for c in result["filters"]["companies"]], self.company_b.ids
        )

    def test_forged_company_is_refused(self):
        """Asking for company A's figures as B's user is an access error."""
        with self.assertRaisesRegex(AccessError, str(self.company_a.id)):
            self._dashboard(
                self.kpi_user_b, company_ids=(self.company_a | self.company_b).ids
            )

    def test_facts_follow_the_company_rules(self):
        """The analysis views of B's user list B's rows only."""
        for model in ("dist.kpi.stock.fact", "dist.kpi.receipt.fact"):
            rows = self._as(model, self.kpi_user_b).search([])
            self.assertTrue(rows)
            self.assertEqual(rows.company_id, self.company_b, model)

    def test_group_view_needs_its_role(self):
        """A plain KPI user cannot ask for the converted group view."""
        with self.assertRaises(AccessError):
            self._dashboard(self.kpi_user_a, group_view=True)
        options = (
            self.env["dist.kpi.dashboard"]
            .with_user(self.kpi_user_a)
            .get_filter_options()
        )
        self.assertFalse(options["group_view_allowed"])
        self.assertEqual([c["id"] for c in options["companies"]], self.company_a.ids)

    def test_two_currencies_without_group_view_are_shown_apart(self):
        """USD and EUR stock do not add up: no total, one figure per company."""
        card = self._kpis(
            self.kpi_group, company_ids=(self.company_a | self.company_b).ids
        )["stock_value"]
        self.assertIsNone(card["value"])
        parts = {part["label"]: part["value"] for part in card["breakdown"]}
        self.assertEqual(parts, {"Dist A": 1392.0, "Dist B": 250.0})

    def test_group_view_converts_balances_at_the_closing_rate(self):
        """B's 250 EUR at 1 USD = 0.5 EUR (2024-01-31): 1392 + 500 = 1892 USD;
        OTIF, a ratio of counts, is not converted (B has no sales: 50 %)."""
        kpis = self._kpis(
            self.kpi_group,
            company_ids=(self.company_a | self.company_b).ids,
            group_view=True,
        )
        self.assertAlmostEqual(kpis["stock_value"]["value"], 1892.0)
        self.assertAlmostEqual(kpis["otif"]["value"], 50.0)

    def test_flows_convert_at_the_average_daily_rate(self):
        """January 2024: no rate before the 10th (1.0, Odoo's default), then
        1 EUR = 2 USD for 22 days: (9 x 1 + 22 x 2) / 31."""
        rates = self.env["dist.kpi.snapshot"]._dist_kpi_rates(
            self.company_b, self.usd, date(2024, 1, 1), date(2024, 1, 31)
        )
        self.assertAlmostEqual(rates[self.company_b.id]["average"], 53 / 31)
        self.assertAlmostEqual(rates[self.company_b.id]["closing"], 2.0)


@tagged("post_install", "-at_install")
class TestKpiOverRpc(KpiCommon, HttpCase):
    """The dashboard API and the facts over JSON-RPC, as the web client calls
    them, as a user of company B only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_company_b()
        cls._date_layers()

    def _call(self, model, method, args, kwargs=None):
        self.authenticate("kpi_user_b", "kpi_user_b")
        return call_kw(self, model, method, args, kwargs)

    def test_forged_company_refused_over_rpc(self):
        """get_dashboard with company A's id is refused; B's own answers."""
        _result, error = self._call(
            "dist.kpi.dashboard",
            "get_dashboard",
            [{"company_ids": [self.company_a.id], **JANUARY}],
        )
        self.assertIn("AccessError", error)
        result, error = self._call(
            "dist.kpi.dashboard", "get_dashboard", [{"company_ids": [], **JANUARY}]
        )
        self.assertIsNone(error)
        kpis = {k["code"]: k for g in result["groups"] for k in g["kpis"]}
        self.assertAlmostEqual(kpis["stock_value"]["value"], 250.0)

    def test_facts_over_rpc_hold_own_company_only(self):
        """search_read of the stock fact, asking for every company, gives B's rows."""
        rows, error = self._call(
            "dist.kpi.stock.fact",
            "search_read",
            [[]],
            {"fields": ["company_id", "value"]},
        )
        self.assertIsNone(error)
        self.assertTrue(rows)
        self.assertEqual({row["company_id"][0] for row in rows}, {self.company_b.id})

    def test_other_company_dimension_refused_over_rpc(self):
        """Filtering on company A's warehouse as B's user is refused: the
        answer would name it."""
        warehouse_a = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_a.id)], limit=1
        )
        _result, error = self._call(
            "dist.kpi.dashboard",
            "get_dashboard",
            [{"warehouse_ids": [warehouse_a.id], **JANUARY}],
        )
        self.assertIn("AccessError", error)
        self.assertNotIn(warehouse_a.name, error)

    def test_group_view_refused_over_rpc(self):
        """B's user has no group view role: refused."""
        _result, error = self._call(
            "dist.kpi.dashboard", "get_dashboard", [{"group_view": True, **JANUARY}]
        )
        self.assertIn("AccessError", error)


@tagged("post_install", "-at_install")
class TestKpiDefinitionsShared(KpiCommon):
    """The KPIs are defined once for every company: a KPI manager of one
    company changes neither their definition nor their owner, and moves no
    threshold into another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env.ref("dist_kpi.kpi_stock_value")
        cls.manager_b = cls._make_user(
            "kpi_manager_b", "dist_kpi.group_kpi_manager", cls.company_b
        )

    def _as_manager_b(self, records):
        return records.with_user(self.manager_b).with_context(
            allowed_company_ids=self.company_b.ids
        )

    def test_definition_not_writable_by_a_manager(self):
        """Direction, unit or formula: refused, naming the field."""
        for values, label in (
            ({"direction": "up"}, "Direction"),
            ({"unit": "count"}, "Unit"),
        ):
            with self.assertRaisesRegex(AccessError, f"the field {label} is part"):
                self._as_manager_b(self.kpi).write(values)
        self.assertEqual(self.kpi.direction, "up")

    def test_definition_not_translated_by_a_manager(self):
        """The translation dialog is another door to the formula (Odoo writes
        the translations through ``write``): refused."""
        with self.assertRaisesRegex(AccessError, "the field Formula is part"):
            self._as_manager_b(self.kpi).update_field_translations(
                "formula", {"en_US": "anything"}
            )

    def test_owner_changed_only_by_a_manager_of_every_company(self):
        """B's manager cannot make itself the owner of every company's alerts;
        a manager of both companies can."""
        with self.assertRaisesRegex(AccessError, "shared by every company"):
            self._as_manager_b(self.kpi).write({"owner_id": self.manager_b.id})
        with self.assertRaisesRegex(AccessError, "shared by every company"):
            self._as_manager_b(self.kpi).write({"active": False})
        self.assertTrue(self.kpi.active)
        self.manager_b.company_ids = self.env["res.company"].search([])
        self.kpi.with_user(self.manager_b).write({"owner_id": self.manager_b.id})
        self.assertEqual(self.kpi.owner_id, self.manager_b)

    def test_threshold_not_moved_to_another_company(self):
        """B's manager sets B's threshold; moving it to A is refused."""
        threshold = self._as_manager_b(self.env["dist.kpi.threshold"]).create(
            {
                "kpi_id": self.kpi.id,
                "company_id": self.company_b.id,
                "warn_value": 100.0,
                "critical_value": 50.0,
            }
        )
        with self.assertRaises(AccessError):
            threshold.write({"company_id": self.company_a.id})
        self.assertEqual(threshold.company_id, self.company_b)

    def test_alert_not_sent_to_an_owner_outside_the_company(self):
        """The owner of a KPI who is not in B gets no alert of B's figures:
        the exception is queued for B without an owner."""
        self.kpi.owner_id = self.kpi_owner  # a manager of A only
        threshold = self.env["dist.kpi.threshold"].create(
            {
                "kpi_id": self.kpi.id,
                "company_id": self.company_b.id,
                "warn_value": 1000.0,
                "critical_value": 500.0,
            }
        )
        threshold._dist_kpi_alert("critical", 250.0)
        exception = self.env["dist.exception"].search(
            [("res_model", "=", threshold._name), ("res_id", "=", threshold.id)]
        )
        self.assertEqual(exception.company_id, self.company_b)
        self.assertNotEqual(exception.owner_id, self.kpi_owner)
        self.assertFalse(
            threshold.message_ids.filtered(
                lambda message: self.kpi_owner.partner_id in message.partner_ids
            )
        )
        self.assertFalse(threshold.activity_ids)
