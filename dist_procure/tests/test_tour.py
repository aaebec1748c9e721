from odoo.tests import HttpCase, tagged

from .common import BUYER_MANAGER, ProcureCommon


@tagged("post_install", "-at_install")
class TestProcureTour(ProcureCommon, HttpCase):
    """The whole procure-to-pay flow in Chromium, each step under its role's login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_po_rule()
        cls._make_rule(
            "dist.purchase.requisition",
            cls.company_a,
            [{"name": "Manager", "group": BUYER_MANAGER}],
        )
        cls._make_key(price_pct=5.0)

    def _form(self, record):
        return f"/web#id={record.id}&model={record._name}&view_type=form"

    def test_requisition_to_payment_flow(self):
        """Requisition, approvals, receipt, blocked bill, release and payment."""
        action = self.env.ref("dist_procure.dist_purchase_requisition_action")
        self.start_tour(
            f"/web#action={action.id}",
            "dist_procure_requisition_tour",
            login="dist_buyer",
        )
        requisition = self.env["dist.purchase.requisition"].search(
            [("requester_id", "=", self.buyer.id)]
        )
        self.assertEqual(requisition.state, "to_approve")
        self.start_tour(
            self._form(requisition),
            "dist_procure_requisition_approve_tour",
            login="dist_buyer_manager",
        )
        self.start_tour(
            self._form(requisition), "dist_procure_rfq_tour", login="dist_buyer"
        )
        order = requisition.purchase_ids
        self.assertEqual(order.state, "to approve")
        self.start_tour(
            self._form(order),
            "dist_procure_po_approve_tour",
            login="dist_buyer_manager",
        )
        self.start_tour(
            self._form(order.picking_ids),
            "dist_procure_receipt_tour",
            login="dist_warehouse",
        )
        bill = self._make_bill(order, prices={self.product: 106.0})
        self.start_tour(
            self._form(bill),
            "dist_procure_clerk_blocked_bill_tour",
            login="dist_payables",
        )
        self.assertEqual(bill.payment_state, "not_paid")
        self.start_tour(
            self._form(bill), "dist_procure_release_tour", login="dist_controller"
        )
        self.assertTrue(bill.dist_payment_released)
        self.start_tour(
            self._form(bill), "dist_procure_payment_tour", login="dist_payables"
        )
        self.assertIn(bill.payment_state, ("paid", "in_payment"))


@tagged("post_install", "-at_install")
class TestBlockedBillScreens(ProcureCommon, HttpCase):
    """The screens of a bill blocked by its match, per role, in Chromium."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_key(price_pct=5.0, price_abs=0.5)

    def setUp(self):
        super().setUp()
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        self.bill = self._make_bill(order, prices={self.product: 106.0})
        self.exception = self.env["dist.exception"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", self.bill.id)]
        )

    def _form(self, record):
        return f"/web#id={record.id}&model={record._name}&view_type=form"

    def _action(self, xmlid):
        return f"/web#action={self.env.ref(xmlid).id}"

    def test_controller_releases_from_the_exception_queue(self):
        """Controller: queue -> the bill through the smart button -> Release
        Payment on the match exception; then the lists that follow it."""
        self.assertEqual(self.exception.state, "open")
        self.start_tour(
            self._action("dist_harmonize_base.dist_exception_action"),
            "dist_procure_controller_queue_tour",
            login="dist_controller",
        )
        self.assertTrue(self.bill.dist_payment_released)
        self.assertEqual(self.exception.state, "resolved")
        release = self.bill.dist_release_ids
        self.assertEqual(
            (release.requester_id, release.released_by_id),
            (self.controller, self.controller),
        )
        self.start_tour(
            self._action("dist_procure.dist_match_release_action_open"),
            "dist_procure_controller_releases_tour",
            login="dist_controller",
        )

    def test_controller_match_list_opens_the_bill(self):
        """Controller: Match Exceptions shows the tolerance, a row opens its bill."""
        self.start_tour(
            self._action("dist_procure.account_move_line_action_match"),
            "dist_procure_controller_lists_tour",
            login="dist_controller",
        )

    def test_clerk_sees_why_a_blocked_bill_cannot_be_paid(self):
        """Payables clerk: banner with the reason, no Register Payment."""
        self.start_tour(
            self._form(self.bill),
            "dist_procure_clerk_blocked_bill_tour",
            login="dist_payables",
        )
        self.assertEqual(self.bill.payment_state, "not_paid")
