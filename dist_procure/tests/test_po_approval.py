from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MODULE, ProcureCommon


@tagged("post_install", "-at_install")
class TestPoApproval(ProcureCommon):
    """Purchase orders go through the approval matrix, never around it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._make_po_rule(amount_min=1000.0)

    def test_po_covered_by_rule_waits_for_manager_then_creates_receipt(self):
        """A covered PO waits in 'to approve'; the manager's approval confirms it."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        self.assertEqual(order.state, "to approve")
        self.assertEqual(order.dist_approval_state, "pending")
        self.assertFalse(order.picking_ids)
        order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.picking_ids.move_ids.product_uom_qty, 20)

    def test_controller_without_purchase_rights_gives_last_approval(self):
        """A controller as last level confirms the order; the receipt is created."""
        controllers = self.env.ref(f"{MODULE}.dist_harmonize_base_group_controller")
        self.rule.level_ids = [
            Command.create(
                {"name": "Controller", "sequence": 20, "group_id": controllers.id}
            )
        ]
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(order.state, "to approve")
        request = order.dist_approval_pending_request_ids
        request.with_user(self.controller).action_approve()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.picking_ids.move_ids.product_uom_qty, 20)
        self.assertEqual(request.done_by_id, self.controller)

    def test_rule_threshold_at_limit_minus_at_and_plus_one_cent(self):
        """Amount from is inclusive: 999.99 passes, 1000.00 and 1000.01 wait."""
        states = []
        for amount in (999.99, 1000.0, 1000.01):
            order = self._make_po([(self.product, 1, amount)])
            order.button_confirm()
            states.append(order.state)
        self.assertEqual(states, ["purchase", "to approve", "to approve"])

    def test_rule_threshold_in_foreign_currency(self):
        """A EUR order is routed on its USD value (1 EUR = 2 USD)."""
        self.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.5,
                "currency_id": self.eur.id,
                "company_id": self.company_a.id,
            }
        )
        below = self._make_po([(self.product, 1, 499.99)], currency=self.eur)
        at_limit = self._make_po([(self.product, 1, 500.0)], currency=self.eur)
        (below | at_limit).button_confirm()
        self.assertEqual(below.state, "purchase")
        self.assertEqual(at_limit.state, "to approve")

    def test_buyer_cannot_approve_over_rpc(self):
        """button_approve or a state write by a non-approver is refused."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        with self.assertRaises(AccessError):
            order.with_user(self.buyer).button_approve()
        with self.assertRaises(AccessError):
            order.with_user(self.buyer).write({"state": "purchase"})
        self.assertEqual(order.state, "to approve")

    def test_requester_cannot_approve_own_order(self):
        """A manager who created the order cannot approve it."""
        order = self._make_po([(self.product, 20, 100.0)], user=self.buyer_manager)
        order.with_user(self.buyer_manager).button_confirm()
        with self.assertRaises(AccessError):
            order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(order.state, "to approve")

    def test_matrix_takes_over_two_step_validation(self):
        """With Odoo's two-step validation on, only the matrix decides, once."""
        self.company_a.write(
            {"po_double_validation": "two_step", "po_double_validation_amount": 10}
        )
        small = self._make_po([(self.product, 1, 500.0)])
        large = self._make_po([(self.product, 1, 5000.0)])
        (small | large).button_confirm()
        self.assertEqual(small.state, "purchase")
        large.with_user(self.buyer_manager).button_approve()
        self.assertEqual(large.state, "purchase")

    def test_rejected_order_returns_to_draft(self):
        """A rejection sends the order back to draft, without receipt."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        order.with_user(self.buyer_manager).action_dist_reject("Too expensive")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_amount_increase_beyond_threshold_requires_new_approval(self):
        """+5 % stays approved under a 10 % threshold; +15 % goes back."""
        self.rule.level_ids.reapproval_amount_pct = 10.0
        order = self._confirmed_po([(self.product, 20, 100.0)])
        order.order_line.with_user(self.buyer).write({"product_qty": 21})
        self.assertEqual(order.state, "purchase")
        order.order_line.with_user(self.buyer).write({"product_qty": 24})
        self.assertEqual(order.state, "to approve")
        self.assertEqual(order.dist_approval_state, "pending")

    def test_vendor_change_requires_new_approval(self):
        """Changing the vendor of an approved order sends it back."""
        self.rule.level_ids.reapproval_vendor = True
        order = self._confirmed_po([(self.product, 20, 100.0)])
        order.with_user(self.buyer).write({"partner_id": self.vendor_2.id})
        self.assertEqual(order.state, "to approve")

    def test_company_without_rules_keeps_core_behaviour(self):
        """Company B has no rule: its orders confirm as in plain Odoo."""
        order = self._make_po(
            [(self.product, 20, 100.0)], user=self.user_b, company=self.company_b
        )
        order.with_user(self.user_b).button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.dist_approval_state, "none")

    def test_buyer_cannot_skip_odoo_two_step_validation_over_rpc(self):
        """Without rules, submitting to the engine does not approve the order."""
        self.company_b.write(
            {"po_double_validation": "two_step", "po_double_validation_amount": 10}
        )
        buyer_b = self._make_user(
            "buyer_b", f"{MODULE}.dist_harmonize_base_group_buyer", self.company_b
        )
        order = self._make_po(
            [(self.product, 1, 5000.0)], user=buyer_b, company=self.company_b
        )
        order.with_user(buyer_b).button_confirm()
        with self.assertRaisesRegex(UserError, "no approval rule"):
            order.with_user(buyer_b).action_dist_submit()
        self.assertEqual(order.state, "to approve")
        self.assertFalse(order.picking_ids)

    def test_cancelled_pending_order_can_be_confirmed_again(self):
        """Cancelling drops the pending requests; a new round starts on confirm."""
        order = self._make_po([(self.product, 20, 100.0)])
        order.button_confirm()
        order.with_user(self.buyer).button_cancel()
        self.assertEqual(order.dist_approval_state, "none")
        order.with_user(self.buyer).button_draft()
        order.with_user(self.buyer).button_confirm()
        self.assertEqual(order.dist_approval_state, "pending")
        self.assertEqual(len(order.dist_approval_pending_request_ids), 1)
