from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestSegregationOfDuties(DistCommon):
    """Conflicting role pairs are reported per company and can be blocked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.validate_bank = cls.env.ref("account.group_validate_bank_account")
        cls.controller_group = cls.env.ref(
            "dist_harmonize_base.dist_harmonize_base_group_controller"
        )
        cls.rule = cls.env.ref("dist_harmonize_base.dist_sod_rule_bank_vs_payment")

    def _conflicts(self, user):
        return (
            self.env["dist.sod.conflict"]
            .with_user(self.controller)
            .search([("user_id", "=", user.id)])
        )

    def test_report_lists_user_holding_both_roles(self):
        """A controller who may also validate bank accounts shows up for company A."""
        self.assertFalse(self._conflicts(self.controller))
        self.controller.groups_id |= self.validate_bank
        conflict = self._conflicts(self.controller)
        self.assertEqual(
            (conflict.rule_id, conflict.company_id), (self.rule, self.company_a)
        )

    def test_block_refuses_grant_through_user(self):
        """With Block set, granting the second role on the user names user, company, roles."""
        self.rule.block = True
        with self.assertRaisesRegex(
            ValidationError, "dist_controller.*Validate bank account"
        ):
            self.controller.groups_id |= self.validate_bank

    def test_block_refuses_grant_through_group(self):
        """With Block set, adding the user from the group side is refused too."""
        self.rule.block = True
        with self.assertRaisesRegex(ValidationError, "Dist A"):
            self.validate_bank.users |= self.controller

    def test_block_refuses_grant_through_implied_group(self):
        """With Block set, a role implying the conflicting one is refused as well."""
        self.steward.groups_id |= self.validate_bank
        self.rule.block = True
        with self.assertRaises(ValidationError):
            self.steward.groups_id |= self.env.ref(
                "dist_harmonize_base.dist_harmonize_base_group_admin"
            )

    def test_rule_with_nested_roles_refused(self):
        """A rule whose roles include one another would flag everybody: refused."""
        with self.assertRaises(ValidationError):
            self.env["dist.sod.rule"].create(
                {
                    "name": "Nonsense",
                    "group_a_id": self.env.ref("base.group_user").id,
                    "group_b_id": self.controller_group.id,
                }
            )

    def test_company_rule_ignores_other_companies(self):
        """A rule limited to company B does not report users of company A."""
        self.rule.company_id = self.company_b
        self.controller.groups_id |= self.validate_bank
        self.assertFalse(self._conflicts(self.controller))
