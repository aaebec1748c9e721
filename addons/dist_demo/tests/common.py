from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from ..tools.catalog import COMPANIES


class DistDemoCommon(TransactionCase):
    """Reads the data set the module generated at install, as a read-only
    accountant who also sees purchase, sales and stock (valuation layers need the
    inventory administrator group) in the three demo companies, and as a
    master-data steward (exception queue, bank account changes)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Company = cls.env["res.company"]
        cls.companies = {
            spec.key: Company.search([("name", "=", spec.name)], limit=1)
            for spec in COMPANIES
        }
        cls.all_companies = Company.concat(*cls.companies.values())
        cls.reader = new_test_user(
            cls.env,
            login="dist_demo_reader",
            groups="base.group_user,account.group_account_readonly,"
            "stock.group_stock_manager,purchase.group_purchase_user,"
            "sales_team.group_sale_salesman_all_leads",
            company_id=cls.all_companies[:1].id,
            company_ids=[(6, 0, cls.all_companies.ids)],
        )

        cls.steward = new_test_user(
            cls.env,
            login="dist_demo_test_steward",
            groups="base.group_user,"
            "dist_harmonize_base.dist_harmonize_base_group_steward",
            company_id=cls.all_companies[:1].id,
            company_ids=[(6, 0, cls.all_companies.ids)],
        )

    def _as_reader(self, model, company=None):
        """``model`` as the reader, in ``company`` or in all demo companies."""
        companies = company or self.all_companies
        return (
            self.env[model]
            .with_user(self.reader)
            .with_context(allowed_company_ids=companies.ids)
        )

    def _as_steward(self, model):
        """``model`` as the steward, in the three demo companies."""
        return (
            self.env[model]
            .with_user(self.steward)
            .with_context(allowed_company_ids=self.all_companies.ids)
        )
