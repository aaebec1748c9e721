from odoo.tests import HttpCase, new_test_user, tagged

from .common import DistCommon

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


@tagged("post_install", "-at_install")
class TestStewardDuplicateTour(DistCommon, HttpCase):
    """The steward's way from the item queue to a duplicate and its item."""

    def test_steward_opens_the_item_of_a_duplicate_exception(self):
        """Item queue, exception queue, readable reason, smart button to the item."""
        family = self._make_family("Tea")
        self._make_product("Organic Green Tea 500g", dist_family_id=family.id)
        item = (
            self.env["product.template"]
            .with_user(self.buyer)
            .create({"name": "ORGANIC green tea 500G", "dist_family_id": family.id})
        )
        item.action_dist_submit()
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "product.template"), ("res_id", "=", item.id)]
        )
        self.assertEqual(exception.reason_id.name, "Similar item name")
        self.start_tour(
            "/web#action=dist_harmonize_base.product_template_action_dist_items",
            "dist_steward_duplicate_tour",
            login=self.steward.login,
        )
