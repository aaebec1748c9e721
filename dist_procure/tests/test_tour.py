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


@tagged("post_install", "-at_install")
class TestApprovalScreensTour(ProcureCommon, HttpCase):
    """The approval screens of a buyer and a buyer manager, in Chromium: who
    and which level an order waits for, My Approvals, an approval rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls._make_user(
            "dist_director", BUYER_MANAGER, cls.company_a, name="Dora Director"
        )
        cls.buyer.name = "Bob Buyer"
        cls.buyer_manager.name = "Bea Manager"
        cls.dist_admin.name = "Ada Admin"
        cls.rule = cls._make_rule(
            "purchase.order",
            cls.company_a,
            [
                {"name": "Manager", "group": BUYER_MANAGER},
                {"name": "Director", "users": cls.director},
            ],
            name="Orders of any amount",
        )

    def _form(self, record):
        return f"/web#id={record.id}&model={record._name}&view_type=form"

    def _action(self, xmlid):
        return f"/web#action={self.env.ref(xmlid).id}"

    def test_buyer_sees_whom_the_order_waits_for(self):
        """Buyer: confirms an order that needs approval; the form and Orders to
        Approve name its level and who may approve it."""
        order = self._make_po([(self.product, 10, 100.0)])
        self.start_tour(
            self._form(order), "dist_procure_buyer_submit_tour", login="dist_buyer"
        )
        self.assertEqual(order.state, "to approve")
        self.assertIn("Bea Manager", order.dist_waiting_for)
        self.assertNotIn("Bob Buyer", order.dist_waiting_for)
        self.start_tour(
            self._action("dist_procure.purchase_order_action_to_approve"),
            "dist_procure_buyer_orders_to_approve_tour",
            login="dist_buyer",
        )

    def test_manager_approves_from_my_approvals(self):
        """Buyer manager: My Approvals reads as a manager speaks and totals
        nothing; approving names the next level; a rule reads No limit."""
        order = self._make_po([(self.product, 10, 100.0)])
        order.button_confirm()
        self.start_tour(
            self._action("dist_harmonize_base.dist_approval_request_action_my"),
            "dist_procure_manager_my_approvals_tour",
            login="dist_buyer_manager",
        )
        self.assertEqual(
            order.dist_approval_request_ids.sorted("sequence").mapped("state"),
            ["approved", "pending"],
        )
        self.assertEqual(order.dist_waiting_for, "Dora Director")
        self.start_tour(
            self._action("dist_harmonize_base.dist_approval_rule_action"),
            "dist_procure_manager_rule_tour",
            login="dist_buyer_manager",
        )

    def test_admin_changes_a_threshold_and_sees_it_tracked(self):
        """Distribution administrator: sets the rule's upper bound; the
        chatter says who changed it, from what to what."""
        self.start_tour(
            self._form(self.rule),
            "dist_procure_admin_rule_threshold_tour",
            login="dist_dist_admin",
        )
        self.assertEqual(self.rule.amount_max, 50000.0)


@tagged("post_install", "-at_install")
class TestProcureRoleTours(ProcureCommon, HttpCase):
    """The warehouse user's receipt and the controller's tolerance keys, in Chromium."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls._make_key(
            name="Company tolerance", price_pct=5.0, over_receipt_pct=5.0
        )

    def test_warehouse_user_meets_the_over_receipt_refusal(self):
        """130 of 100 ordered is refused naming the tolerance; 100 is received."""
        order = self._confirmed_po([(self.product, 100, 1.0)])
        receipt = order.picking_ids
        self.start_tour(
            f"/web#id={receipt.id}&model=stock.picking&view_type=form",
            "dist_procure_warehouse_over_receipt_tour",
            login="dist_warehouse",
        )
        self.assertEqual(receipt.state, "done")
        self.assertEqual(order.order_line.qty_received, 100)

    def test_controller_reads_tolerance_keys_and_their_history(self):
        """Invoicing > Configuration > Tolerance Keys: no limit, the change in chatter."""
        self.env.cr.precommit.run()  # the key's creation is committed first
        self.key.with_user(self.dist_admin).with_context(
            tracking_disable=False, mail_notrack=False
        ).write({"price_pct": 7.5})
        self.env.cr.precommit.run()  # mail tracking is written at commit
        action = self.env.ref("account.action_move_in_invoice_type")
        self.start_tour(
            f"/web#action={action.id}",
            "dist_procure_controller_tolerance_keys_tour",
            login="dist_controller",
        )
