"""Cross-module checks on the installed demo distributor (run with pytest-odoo).

They read the database the harness installed `dist_demo` into: what a controller would
check before trusting the books of a new database.
"""

from odoo.tests import HttpCase, TransactionCase, tagged


def demo_companies(env):
    return env["res.company"].search([], order="id")


@tagged("post_install", "-at_install")
class TestDemoShape(TransactionCase):
    def test_three_companies_two_currencies(self):
        """The demo has a holding and two acquired companies, in at least two currencies.

        The acquired entities are root companies, not branches: Odoo 17 branches
        share their parent's currency, an acquired entity in EUR or GBP does not.
        """
        companies = demo_companies(self.env)
        self.assertEqual(len(companies), 3, companies.mapped("name"))
        self.assertFalse(companies.filtered("parent_id"))
        self.assertEqual(companies[0].name, "Dist Holding")
        self.assertGreaterEqual(len(companies.currency_id), 2)

    def test_six_warehouses_two_per_company(self):
        """Six warehouses with distinct codes, two in each company."""
        warehouses = self.env["stock.warehouse"].search([])
        self.assertEqual(len(warehouses), 6)
        self.assertEqual(len(set(warehouses.mapped("code"))), 6)
        for company in demo_companies(self.env):
            self.assertEqual(
                len(warehouses.filtered(lambda w, c=company: w.company_id == c)), 2
            )


@tagged("post_install", "-at_install")
class TestDemoBooks(TransactionCase):
    def test_every_posted_entry_is_balanced(self):
        """No posted journal entry has debits different from credits."""
        self.env.cr.execute(
            """
            SELECT am.name, SUM(aml.debit) - SUM(aml.credit)
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
             WHERE am.state = 'posted'
             GROUP BY am.id, am.name
            HAVING ABS(SUM(aml.debit) - SUM(aml.credit)) > 0.0001
            """
        )
        self.assertEqual(self.env.cr.fetchall(), [])
        posted = self.env["account.move"].search_count([("state", "=", "posted")])
        self.assertGreater(posted, 100, "the demo should have a year of posted entries")

    def test_stock_valuation_equals_stock_accounts_per_company(self):
        """Per company, the valuation layers total equals the stock valuation accounts' balance."""
        categories = self.env["product.category"].search([])
        for company in demo_companies(self.env):
            accounts = categories.with_company(company).mapped(
                "property_stock_valuation_account_id"
            )
            self.assertTrue(accounts, f"{company.name} has no stock valuation account")
            layers = self.env["stock.valuation.layer"].search(
                [("company_id", "=", company.id)]
            )
            lines = self.env["account.move.line"].search(
                [
                    ("company_id", "=", company.id),
                    ("account_id", "in", accounts.ids),
                    ("parent_state", "=", "posted"),
                ]
            )
            self.assertTrue(layers, f"{company.name} has no stock valuation layers")
            self.assertAlmostEqual(
                sum(layers.mapped("value")),
                sum(lines.mapped("balance")),
                delta=company.currency_id.rounding,
                msg=f"stock valuation vs accounts in {company.name}",
            )


@tagged("post_install", "-at_install")
class TestCompanySwitchTour(HttpCase):
    def test_switch_between_the_three_companies(self):
        """In the browser, the administrator switches to each of the three companies."""
        admin = self.env.ref("base.user_admin")
        admin.company_ids = demo_companies(self.env)
        self.start_tour("/web", "dist_demo_company_switch", login="admin")
