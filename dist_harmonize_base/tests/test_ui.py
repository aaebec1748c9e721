from odoo.tests import HttpCase, new_test_user, tagged

MODULE = "dist_harmonize_base"


@tagged("post_install", "-at_install")
class TestItemApprovalTour(HttpCase):
    def test_steward_approves_item_submitted_by_buyer(self):
        """In the browser, a steward approves the item a buyer submitted."""
        company = self.env.ref("base.main_company")
        family = self.env["dist.product.family"].create({"name": "Water"})
        buyer = new_test_user(
            self.env,
            login="tour_buyer",
            groups=f"base.group_user,{MODULE}.dist_harmonize_base_group_buyer",
            company_id=company.id,
        )
        new_test_user(
            self.env,
            login="tour_steward",
            groups=f"base.group_user,{MODULE}.dist_harmonize_base_group_steward",
            company_id=company.id,
        )
        item = (
            self.env["product.template"]
            .with_user(buyer)
            .create({"name": "Tour Sparkling Water", "dist_family_id": family.id})
        )
        item.action_dist_submit()
        self.assertEqual(item.dist_state, "to_approve")
        self.start_tour(
            "/web#action=dist_harmonize_base.product_template_action_dist_items",
            "dist_item_approval_tour",
            login="tour_steward",
        )
        item.invalidate_recordset()
        self.assertEqual(item.dist_state, "active")
