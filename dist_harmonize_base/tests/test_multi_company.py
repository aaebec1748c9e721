from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ROLE_GROUPS, DistCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(DistCommon):
    """A user of company A sees nothing of company B in any dist model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        approver_b = cls._make_user(
            "dist_approver_b", ROLE_GROUPS["controller"], cls.company_b
        )
        rule_b = cls._make_rule(
            "dist.exception", cls.company_b, [{"users": approver_b}]
        )
        exception_b = cls._make_exception(company=cls.company_b, amount=10.0)
        exception_b.with_user(cls.user_b).action_request_waiver()
        cls.user_b.groups_id |= cls.env.ref("account.group_validate_bank_account")
        cls.records_b = {
            "dist.approval.rule": rule_b,
            "dist.approval.rule.level": rule_b.level_ids,
            "dist.approval.request": exception_b.dist_approval_request_ids,
            "dist.approval.delegation": cls.env["dist.approval.delegation"].create(
                {
                    "delegator_id": approver_b.id,
                    "delegate_id": cls.user_b.id,
                    "company_id": cls.company_b.id,
                    "date_to": "2099-12-31",
                }
            ),
            "dist.approval.log": cls.env["dist.approval.log"].search(
                [("company_id", "=", cls.company_b.id)]
            ),
            "dist.exception": exception_b,
            "dist.exception.reason": cls.env["dist.exception.reason"].create(
                {"code": "B_ONLY", "name": "B only", "company_id": cls.company_b.id}
            ),
            "dist.sod.rule": cls.env["dist.sod.rule"].create(
                {
                    "name": "B rule",
                    "company_id": cls.company_b.id,
                    "group_a_id": cls.env.ref("account.group_validate_bank_account").id,
                    "group_b_id": cls.env.ref(ROLE_GROUPS["buyer"]).id,
                }
            ),
            "dist.sod.conflict": cls.env["dist.sod.conflict"].search(
                [("company_id", "=", cls.company_b.id)]
            ),
        }

    def test_company_b_records_exist(self):
        """The fixture really holds company B records in every model."""
        for model, records in self.records_b.items():
            with self.subTest(model=model):
                self.assertTrue(records)

    def test_company_a_admin_sees_no_company_b_record(self):
        """search_count finds none and reading by id is refused, model by model."""
        for model, records in self.records_b.items():
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.dist_admin)
                self.assertEqual(Model.search_count([("id", "in", records.ids)]), 0)
                with self.assertRaises(AccessError):
                    Model.browse(records.ids).read(["display_name"])
