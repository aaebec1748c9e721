from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import IntercompanyCommon


@tagged("post_install", "-at_install")
class TestIntercompanyRule(IntercompanyCommon):
    """Who configures a rule, and which rules are refused."""

    def test_rule_name_reads_seller_to_buyer(self):
        """A rule is named after its seller and its buyer."""
        self.assertEqual(self.rule.name, "Dist B → Dist A")

    def test_rule_between_one_company_refused(self):
        """Seller and buyer must be two companies."""
        with self.assertRaisesRegex(ValidationError, "two different companies"):
            self.rule.buyer_company_id = self.company_b

    def test_technical_user_of_other_company_refused(self):
        """The seller's technical user must be a user of the seller."""
        with self.assertRaisesRegex(ValidationError, "not an internal user of Dist B"):
            self.rule.seller_user_id = self.tech_a

    def test_administrator_as_technical_user_refused(self):
        """Neither the administrator nor the superuser acts as a company."""
        with self.assertRaisesRegex(ValidationError, "superuser or the administrator"):
            self.rule.buyer_user_id = self.env.ref("base.user_admin")
        with self.assertRaisesRegex(ValidationError, "is an administrator"):
            self.rule.buyer_user_id = self.ic_admin

    def test_technical_user_without_email_refused(self):
        """The mirrored documents' messages are sent as the technical user:
        one without an email address is refused, naming the rule and field."""
        self.tech_a.email = False
        with self.assertRaisesRegex(
            ValidationError, "Buyer Technical User: .* has no email address"
        ):
            self.rule.buyer_user_id = self.tech_a
        self.tech_a.email = "tech.a@example.com"
        self.rule.buyer_user_id = self.tech_a
        self.assertEqual(self.rule.buyer_user_id, self.tech_a)

    def test_pricelist_of_buyer_refused(self):
        """The price list is the seller's."""
        pricelist_a = self.env["product.pricelist"].create(
            {
                "name": "A list",
                "company_id": self.company_a.id,
                "currency_id": self.eur.id,
            }
        )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.rule.pricelist_id = pricelist_a

    def test_warehouse_of_buyer_refused(self):
        """The warehouse the sale orders ship from is the seller's."""
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.rule.seller_warehouse_id = self.warehouse_a

    def test_pricelist_method_needs_pricelist(self):
        """Pricing by price list without one is refused, naming the field."""
        with self.assertRaisesRegex(ValidationError, "Price List"):
            self.rule.pricelist_id = False

    def test_admin_of_both_companies_changes_rule(self):
        """An administrator of both companies changes the rule; it is tracked."""
        self.rule.with_user(self.ic_admin).cost_plus_percent = 12.0
        self.assertEqual(self.rule.cost_plus_percent, 12.0)

    def test_admin_of_one_company_cannot_change_rule(self):
        """An administrator of only one company reads the rule, never changes it."""
        admin_b = self._make_user(
            "dist_ic_admin_b", "base.group_system", self.company_b
        )
        rule = self.rule.with_user(admin_b)
        self.assertEqual(rule.name, "Dist B → Dist A")
        with self.assertRaisesRegex(
            AccessError, "administrator \\(Settings\\) of both"
        ):
            rule.auto_confirm_sale = False
        with self.assertRaisesRegex(AccessError, "of both"):
            rule.unlink()

    def test_user_of_other_companies_does_not_see_rule(self):
        """A user of neither company does not see the rule."""
        company_c = self._make_company("Dist C", self.eur)
        user_c = self._make_user("dist_ic_user_c", "base.group_user", company_c)
        Rule = self.env["dist.intercompany.rule"].with_user(user_c)
        self.assertFalse(Rule.search([]))
