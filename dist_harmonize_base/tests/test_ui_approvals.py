from odoo.tests import HttpCase, tagged

from .common import ROLE_GROUPS, DistCommon


@tagged("post_install", "-at_install")
class TestApprovalTour(HttpCase, DistCommon):
    """The approver's to-do list works in a real browser."""

    def test_manager_rejects_waiver_from_my_approvals(self):
        """In the browser, a manager rejects a waiver from My Approvals with a reason."""
        company = self.env.ref("base.main_company")
        manager = self._make_user("tour_manager", ROLE_GROUPS["buyer_manager"], company)
        controller = self._make_user(
            "tour_controller", ROLE_GROUPS["controller"], company
        )
        self._make_rule(
            "dist.exception", company, [{"name": "Manager", "users": manager}]
        )
        exception = self._make_exception(
            company=company, amount=50.0, res_name="Tour Supplier"
        )
        exception.with_user(controller).action_request_waiver()
        request = exception.dist_approval_pending_request_ids
        self.start_tour(
            "/web#action=dist_harmonize_base.dist_approval_request_action_my",
            "dist_approval_reject_tour",
            login="tour_manager",
        )
        request.invalidate_recordset()
        exception.invalidate_recordset()
        self.assertEqual(
            (request.state, request.comment), ("rejected", "Price was never agreed")
        )
        self.assertEqual(exception.state, "open")
