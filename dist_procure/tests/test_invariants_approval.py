"""Approvals and releases of procure-to-pay hold through every door.

Each test plays the least-privileged user who would gain from getting around
the control: a buyer changing an order under approval, a billing controller
releasing a bill they changed, a client forging context keys.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MODULE, ProcureCommon

DIRECTOR = f"{MODULE}.dist_harmonize_base_group_admin"


@tagged("post_install", "-at_install")
class TestApprovalInvariants(ProcureCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.small = cls._make_po_rule(amount_min=1000.0, amount_max=10000.0)
        cls.large = cls._make_rule(
            "purchase.order",
            cls.company_a,
            [
                {
                    "name": "Manager",
                    "group": f"{MODULE}.dist_harmonize_base_group_buyer_manager",
                },
                {"name": "Director", "group": DIRECTOR},
            ],
            amount_min=10000.0,
        )
        cls.small.level_ids.reapproval_amount_pct = 10.0

    def test_raising_a_pending_order_reroutes_it_to_the_rule_it_now_needs(self):
        """Defect D11: a 1,500 order pending under a one-level rule, raised to
        20,000 by the buyer, needs the two levels of the 10,000 rule."""
        order = self._make_po([(self.product, 15, 100.0)])
        order.button_confirm()
        order.order_line.with_user(self.buyer).product_qty = 200
        request = order.dist_approval_pending_request_ids
        self.assertEqual(order.dist_approval_rule_id, self.large)
        self.assertEqual(request.amount, 20000.0)
        order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(order.state, "to approve")
        director = order.dist_approval_pending_request_ids.with_user(self.dist_admin)
        director.action_approve()
        self.assertEqual(order.state, "purchase")

    def test_a_line_added_to_a_pending_order_reroutes_it(self):
        """Adding a line through the order (the web client's door) re-routes too."""
        order = self._make_po([(self.product, 15, 100.0)])
        order.button_confirm()
        order.with_user(self.buyer).write(
            {
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_2.id,
                            "product_qty": 2000,
                            "price_unit": 10.0,
                        }
                    )
                ]
            }
        )
        self.assertEqual(order.dist_approval_rule_id, self.large)
        self.assertEqual(order.dist_approval_pending_request_ids.approval_round, 2)

    def test_a_line_created_directly_on_a_pending_order_reroutes_it(self):
        """A line created over RPC on purchase.order.line (the lower door) too."""
        order = self._make_po([(self.product, 15, 100.0)])
        order.button_confirm()
        self.env["purchase.order.line"].with_user(self.buyer).create(
            {
                "order_id": order.id,
                "product_id": self.product_2.id,
                "product_qty": 2000,
                "price_unit": 10.0,
            }
        )
        self.assertEqual(order.dist_approval_rule_id, self.large)
        self.assertEqual(order.dist_approval_pending_request_ids.amount, 21500.0)

    def test_manager_who_changed_a_pending_order_cannot_approve_it(self):
        """Whoever changed the amounts of a pending order may not approve it."""
        manager_2 = self._make_user(
            "dist_manager_2",
            f"purchase.group_purchase_user,{MODULE}.dist_harmonize_base_group_buyer_manager",
            self.company_a,
        )
        order = self._make_po([(self.product, 15, 100.0)])
        order.button_confirm()
        order.order_line.with_user(manager_2).price_unit = 110.0
        with self.assertRaises(AccessError):
            order.with_user(manager_2).button_approve()
        order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(order.state, "purchase")

    def test_forged_no_reapproval_context_does_not_keep_an_order_approved(self):
        """Defect B4: a vendor change on an approved order with the old
        dist_approval_no_reapproval key sends it back to approval all the same."""
        self.small.level_ids.reapproval_vendor = True
        order = self._confirmed_po([(self.product, 15, 100.0)])
        self.assertEqual(order.state, "purchase")
        forged = order.with_user(self.buyer).with_context(
            dist_approval_no_reapproval=True
        )
        forged.partner_id = self.vendor_2
        self.assertEqual(order.state, "to approve")
        self.assertEqual(order.dist_approval_state, "pending")

    def test_an_approved_order_raised_into_a_larger_rule_is_approved_again(self):
        """An approved 1,500 order raised to 20,000 needs the large rule's levels,
        even if the small rule's thresholds are not reached first."""
        self.small.level_ids.reapproval_amount_pct = 0.0
        order = self._confirmed_po([(self.product, 15, 100.0)])
        order.order_line.with_user(self.buyer).product_qty = 200
        self.assertEqual(order.dist_approval_state, "pending")
        self.assertEqual(order.dist_approval_rule_id, self.large)

    def test_buyer_cannot_write_approval_fields_of_an_order(self):
        """The approval status, rule and approved amount are the engine's."""
        order = self._make_po([(self.product, 15, 100.0)]).with_user(self.buyer)
        order.button_confirm()
        for vals in (
            {"dist_approval_state": "approved"},
            {"dist_approved_amount": 99999.0},
            {"dist_approval_rule_id": False},
        ):
            with self.assertRaisesRegex(UserError, "controls of the suite only"):
                order.write(vals)
        with self.assertRaises(AccessError):
            order.write({"state": "purchase"})
        self.assertEqual(order.state, "to approve")


@tagged("post_install", "-at_install")
class TestReleaseInvariants(ProcureCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls._make_key(price_pct=5.0)
        cls.order = None

    def _blocked_bill(self, author, poster=None):
        """A bill 6 % over price, entered by ``author``, posted by ``poster``."""
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        line = order.order_line
        bill = (
            self.env["account.move"]
            .with_user(author)
            .with_company(self.company_a)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.vendor.id,
                    "invoice_date": "2026-03-02",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "quantity": 10,
                                "price_unit": 100.0,
                                "purchase_line_id": line.id,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        return bill

    def test_controller_who_changed_and_posted_a_bill_cannot_release_it(self):
        """Defect D12: a billing controller raises a colleague's draft bill to 6 %
        over and posts it; that controller may not release it, another may."""
        bill = self._blocked_bill(self.payables)
        changed = bill.with_user(self.controller_clerk)
        changed.invoice_line_ids.price_unit = 106.0
        changed.action_post()
        self.assertTrue(bill.dist_payment_blocked)
        self._release(bill, self.controller_clerk)
        self.assertTrue(bill.dist_payment_blocked)
        release = bill.dist_release_ids
        self.assertEqual(release.requester_id, self.controller_clerk)
        self.assertIn(
            self.controller_clerk, release.dist_approval_request_ids.excluded_ids
        )
        release.with_user(self.controller).action_dist_approve()
        self.assertFalse(bill.dist_payment_blocked)
        self.assertEqual(release.released_by_id, self.controller)

    def test_resetting_a_bill_voids_its_pending_release(self):
        """A release is for the bill as it was: reset to draft, it is void."""
        bill = self._blocked_bill(self.payables)
        bill.with_user(self.payables).invoice_line_ids.price_unit = 106.0
        bill.with_user(self.payables).action_post()
        self._release(bill, self.payables)
        release = bill.dist_release_ids
        self.assertEqual(release.state, "to_approve")
        bill.with_user(self.payables).button_draft()
        self.assertEqual(release.state, "rejected")
        self.assertFalse(release.dist_approval_pending_request_ids)

    def test_release_cannot_be_repointed_to_another_bill(self):
        """The bill of a release never changes, whoever writes it."""
        bill = self._blocked_bill(self.payables)
        bill.with_user(self.payables).invoice_line_ids.price_unit = 106.0
        bill.with_user(self.payables).action_post()
        self._release(bill, self.payables)
        other = self._blocked_bill(self.payables)
        with self.assertRaisesRegex(UserError, "Bill cannot be changed"):
            bill.dist_release_ids.sudo().move_id = other

    def test_forged_match_closing_context_does_not_close_a_match_exception(self):
        """The old dist_match_closing and dist_exception_transition keys close
        nothing: the status is guarded."""
        bill = self._blocked_bill(self.payables)
        bill.with_user(self.payables).invoice_line_ids.price_unit = 106.0
        bill.with_user(self.payables).action_post()
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )
        forged = exception.with_user(self.controller).with_context(
            dist_match_closing=True, dist_exception_transition=True
        )
        with self.assertRaises(UserError):
            forged.write({"state": "resolved", "resolution": "forged"})
        self.assertEqual(exception.state, "open")

    def test_forged_active_test_does_not_bring_back_an_archived_key(self):
        """An archived, looser key never applies, even with active_test=False."""
        self.key.active = False
        self._make_key(name="Strict", price_pct=1.0)
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        bill = self._make_bill(order, prices={self.product: 104.0})
        bill = bill.with_context(active_test=False)
        bill._dist_compute_match()
        self.assertEqual(bill.dist_match_state, "exception")


@tagged("post_install", "-at_install")
class TestMatchFieldsInvariants(ProcureCommon):
    """The fields the payment block reads are the match engine's."""

    def test_clerk_cannot_unblock_a_bill_by_writing_its_match_fields(self):
        """Defect A1: a payables clerk writing Match Status 'matched' or Payment
        Released on a blocked bill is refused, and the bill still cannot be paid."""
        self._make_key(price_pct=5.0)
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        bill = self._make_bill(order, prices={self.product: 106.0})
        self.assertTrue(bill.dist_payment_blocked)
        clerk_bill = bill.with_user(self.payables)
        for vals in ({"dist_match_state": "matched"}, {"dist_payment_released": True}):
            with self.assertRaises(UserError):
                clerk_bill.write(vals)
        line = clerk_bill.invoice_line_ids[:1]
        with self.assertRaises(UserError):
            line.write({"dist_match_state": "matched"})
        with self.assertRaises(UserError):
            self._pay(bill)
        self.assertTrue(bill.dist_payment_blocked)
