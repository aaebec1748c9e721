from odoo.tests import HttpCase, new_test_user, tagged

from ..tools.catalog import COMPANIES


@tagged("post_install", "-at_install")
class TestDemoTour(HttpCase):
    def test_user_switches_between_the_demo_companies(self):
        """A plain internal user of the three demo companies can work in each of them."""
        companies = self.env["res.company"].search(
            [("name", "in", [c.name for c in COMPANIES])]
        )
        self.assertEqual(len(companies), 3)
        new_test_user(
            self.env,
            login="dist_demo_tour",
            groups="base.group_user",
            company_id=companies.filtered(lambda c: c.name == "Dist Holding").id,
            company_ids=[(6, 0, companies.ids)],
        )
        self.start_tour("/web", "dist_demo_company_switch", login="dist_demo_tour")
