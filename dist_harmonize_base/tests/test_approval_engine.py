from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dist_harmonize_base.tools import guard

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestApprovalEngine(DistCommon):
    """The engine end to end, through a real consumer: waiving an exception."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._make_rule(
            "dist.exception",
            cls.company_a,
            [
                {"name": "Manager", "users": cls.buyer_manager},
                {"name": "Director", "users": cls.dist_admin | cls.steward},
            ],
            amount_min=1000.0,
        )

    def _control_updates(self, exception, **values):
        """The control that raised ``exception`` updates it (as ``raise_for``
        does when the breach grows); nobody else can write these fields."""
        with guard.permit(exception):
            exception.with_user(self.controller).write(values)

    def _request_waiver(self, amount=1000.0, **values):
        exception = self._make_exception(amount=amount, **values)
        exception.with_user(self.controller).action_request_waiver()
        return exception

    def test_amount_lower_limit_is_inclusive(self):
        """999.99 is waived without approval; 1,000.00 and 1,000.01 need it."""
        states = [
            self._request_waiver(amount).state for amount in (999.99, 1000, 1000.01)
        ]
        self.assertEqual(states, ["waived", "waiver_pending", "waiver_pending"])

    def test_amount_upper_limit_is_exclusive(self):
        """A rule for [500, 1,000) takes 999.99; 1,000.00 goes to the next rule."""
        lower = self._make_rule(
            "dist.exception",
            self.company_a,
            [{"users": self.steward, "name": "Steward"}],
            amount_min=500.0,
            amount_max=1000.0,
        )
        Rule = self.env["dist.approval.rule"].with_user(self.controller)
        base = {"model": "dist.exception", "company": self.company_a}
        routed = [
            self._matching_rules(Rule, dict(base, amount=amount))[:1]
            for amount in (999.99, 1000.0, 1000.01)
        ]
        self.assertEqual(routed, [lower, self.rule, self.rule])

    def test_dimension_rules_match_sub_families_and_vendor(self):
        """A rule on a family matches its sub-families, and only for its vendor."""
        parent = self.env["dist.product.family"].create({"name": "Electrical"})
        child = self.env["dist.product.family"].create(
            {"name": "Cables", "parent_id": parent.id}
        )
        other = self.env["dist.product.family"].create({"name": "Food"})
        vendor = self.env["res.partner"].create(
            {"name": "Cable Co", "is_company": True}
        )
        contact = self.env["res.partner"].create({"name": "Jo", "parent_id": vendor.id})
        rule = self._make_rule(
            "dist.exception",
            self.company_a,
            [{"users": self.steward}],
            sequence=1,
            product_family_ids=parent.ids,
            partner_ids=vendor.ids,
        )
        Rule = self.env["dist.approval.rule"].with_user(self.controller)
        base = {"model": "dist.exception", "company": self.company_a, "amount": 5.0}
        self.assertEqual(
            self._matching_rules(
                Rule, dict(base, product_family_ids=child.ids, vendor=contact)
            ),
            rule,
        )
        self.assertFalse(
            self._matching_rules(
                Rule, dict(base, product_family_ids=other.ids, vendor=vendor)
            )
        )
        self.assertFalse(
            self._matching_rules(Rule, dict(base, product_family_ids=child.ids))
        )

    def _vendor_rule(self):
        """A rule restricted to a new vendor; return (rule, vendor, other vendor)."""
        vendor, other = self.env["res.partner"].create(
            [{"name": "Merged Co", "is_company": True}, {"name": "Kept Co"}]
        )
        rule = self._make_rule(
            "dist.exception",
            self.company_a,
            [{"users": self.steward}],
            sequence=1,
            partner_ids=vendor.ids,
        )
        return rule, vendor, other

    def _routes(self, vendor):
        Rule = self.env["dist.approval.rule"].with_user(self.controller)
        values = {"model": "dist.exception", "company": self.company_a, "amount": 5.0}
        return self._matching_rules(Rule, dict(values, vendor=vendor))

    def test_merging_the_vendor_of_a_rule_routes_the_merged_partner(self):
        """Partner merge rewrites the rule's vendors in SQL: routing follows."""
        rule, vendor, other = self._vendor_rule()
        self.assertNotIn(rule, self._routes(other))
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((vendor | other).ids, other, extra_checks=False)
        self.assertEqual(rule.partner_ids, other)
        self.assertIn(rule, self._routes(other))

    def test_deleting_the_vendor_of_a_rule_updates_routing(self):
        """Deleting its only vendor leaves the rule for any vendor, as stored."""
        rule, vendor, other = self._vendor_rule()
        self.assertNotIn(rule, self._routes(other))
        vendor.unlink()
        self.assertIn(rule, self._routes(other))

    def test_archived_rules_never_route_whatever_the_context(self):
        """A routing run with active_test=False does not bring archived rules back."""
        values = {"model": "dist.exception", "company": self.company_a}
        values["amount"] = 5000.0
        Rule = self.env["dist.approval.rule"]
        self.assertIn(self.rule, self._matching_rules(Rule, values))
        self.rule.active = False
        Rule = Rule.with_context(active_test=False)
        self.assertNotIn(self.rule, self._matching_rules(Rule, values))
        self.assertNotIn(
            self.rule, self._matching_rules(Rule.with_context(active_test=True), values)
        )

    def test_rule_without_amounts_matches_any_amount(self):
        """A rule left without amount bounds applies to every amount."""
        self.rule.active = False
        rule = self.env["dist.approval.rule"].create(
            {
                "name": "Any amount",
                "model_id": self.env["ir.model"]._get_id("dist.exception"),
                "company_id": self.company_a.id,
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "L1",
                            "approver_type": "user",
                            "user_ids": self.buyer_manager.ids,
                        },
                    )
                ],
            }
        )
        self.assertEqual(self._request_waiver(1.0).dist_approval_rule_id, rule)

    def test_foreign_currency_converted_at_document_date(self):
        """600 EUR opened when 1 USD = 0.5 EUR counts as 1,200 USD, whatever later rates."""
        Rate = self.env["res.currency.rate"]
        for day, rate in (("2026-01-01", 0.5), ("2026-02-01", 2.0)):
            Rate.create(
                {
                    "currency_id": self.eur.id,
                    "company_id": self.company_a.id,
                    "name": day,
                    "rate": rate,
                }
            )
        exception = self._request_waiver(
            600.0, currency=self.eur, date_open="2026-01-15 10:00:00"
        )
        self.assertEqual(exception.state, "waiver_pending")
        self.assertAlmostEqual(
            exception.dist_approval_pending_request_ids.amount, 1200.0
        )

    def test_levels_are_approved_in_sequence(self):
        """Level 2 is actionable only once level 1 approved; then the waiver applies."""
        exception = self._request_waiver()
        with self.assertRaises(AccessError):
            exception.with_user(self.dist_admin).action_dist_approve()
        exception.with_user(self.buyer_manager).action_dist_approve()
        self.assertEqual(exception.state, "waiver_pending")
        exception.with_user(self.dist_admin).action_dist_approve("ok")
        self.assertEqual(exception.state, "waived")
        self.assertEqual(exception.closed_by_id, self.dist_admin)

    def test_requester_cannot_approve_own_document(self):
        """The controller who asked for the waiver cannot approve it, even as a candidate."""
        self.rule.level_ids[0].user_ids |= self.controller
        exception = self._request_waiver()
        with self.assertRaisesRegex(AccessError, "cannot approve"):
            exception.with_user(self.controller).action_dist_approve()
        self.assertEqual(exception.state, "waiver_pending")

    def test_one_user_cannot_approve_two_levels(self):
        """Whoever approved level 1 is refused at level 2; another approver succeeds."""
        self.rule.level_ids[0].user_ids = self.dist_admin
        exception = self._request_waiver()
        exception.with_user(self.dist_admin).action_dist_approve()
        with self.assertRaisesRegex(AccessError, "second person"):
            exception.with_user(self.dist_admin).action_dist_approve()
        exception.with_user(self.steward).action_dist_approve()
        self.assertEqual(exception.state, "waived")

    def test_requests_of_another_model_with_the_same_id_are_not_the_document_s(self):
        """A supplier never sees, nor approves, a request of another model with its id."""
        exception = self._request_waiver()
        vendor = self._make_vendor("Same Id Supplies")
        request = exception.dist_approval_pending_request_ids
        request.sudo().res_id = vendor.id
        self.assertFalse(vendor.dist_approval_request_ids)
        with self.assertRaisesRegex(UserError, "not awaiting approval"):
            vendor.with_user(self.buyer_manager).action_dist_approve()
        self.assertEqual(request.state, "pending")

    def test_non_candidate_refused_over_rpc(self):
        """A warehouse user calling the approve methods directly is refused."""
        exception = self._request_waiver()
        request = exception.dist_approval_pending_request_ids
        with self.assertRaises(AccessError):
            exception.with_user(self.warehouse).action_dist_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.warehouse).action_approve()
        self.assertEqual(request.state, "pending")

    def test_approved_state_cannot_be_written_directly(self):
        """Writing the waived state or the engine fields over RPC is refused."""
        exception = self._make_exception(amount=5000.0)
        with self.assertRaisesRegex(UserError, "Status.*controls of the suite only"):
            exception.with_user(self.controller).write({"state": "waived"})
        with self.assertRaisesRegex(UserError, "Approval Status.*controls"):
            exception.with_user(self.controller).write(
                {"dist_approval_state": "approved"}
            )
        self.assertEqual(exception.state, "open")

    def test_reject_needs_comment_and_reopens(self):
        """A rejection needs a reason; the exception is open again, later levels cancelled."""
        exception = self._request_waiver()
        with self.assertRaises(UserError):
            exception.with_user(self.buyer_manager).action_dist_reject("")
        exception.with_user(self.buyer_manager).action_dist_reject("Not acceptable")
        self.assertEqual(exception.state, "open")
        self.assertEqual(exception.dist_approval_state, "rejected")
        self.assertEqual(
            exception.dist_approval_request_ids.sorted("sequence").mapped("state"),
            ["rejected", "cancelled"],
        )

    def test_requester_manager_approves_through_field_path(self):
        """A level by field routes to the requester's approval manager."""
        self.controller.dist_manager_id = self.buyer_manager
        self.rule.level_ids[1].unlink()
        self.rule.level_ids.write(
            {
                "approver_type": "field",
                "field_path": "waiver_requester_id.dist_manager_id",
            }
        )
        exception = self._request_waiver()
        self.assertEqual(exception.dist_next_approver_ids, self.buyer_manager)
        self.assertTrue(exception.with_user(self.buyer_manager).dist_can_approve)
        exception.with_user(self.buyer_manager).action_dist_approve()
        self.assertEqual(exception.state, "waived")

    def test_amount_increase_beyond_threshold_needs_reapproval(self):
        """+5 % keeps the waiver; +20 % over a 10 % threshold sends it back to approval."""
        self.rule.level_ids.write({"reapproval_amount_pct": 10.0})
        exception = self._request_waiver(2000.0)
        exception.with_user(self.buyer_manager).action_dist_approve()
        exception.with_user(self.steward).action_dist_approve()
        self._control_updates(exception, amount=2100.0)
        self.assertEqual(exception.state, "waived")
        self._control_updates(exception, amount=2400.0)
        self.assertEqual(exception.state, "waiver_pending")
        pending = exception.dist_approval_pending_request_ids
        self.assertEqual(
            (pending.level_id, pending.amount), (self.rule.level_ids[0], 2400.0)
        )

    def test_absolute_increase_beyond_threshold_needs_reapproval(self):
        """With a +100 threshold, +100 keeps the waiver and +150 sends it back."""
        self.rule.level_ids.write({"reapproval_amount_abs": 100.0})
        exception = self._request_waiver(2000.0)
        exception.with_user(self.buyer_manager).action_dist_approve()
        exception.with_user(self.steward).action_dist_approve()
        self._control_updates(exception, amount=2100.0)
        self.assertEqual(exception.state, "waived")
        self._control_updates(exception, amount=2150.0)
        self.assertEqual(exception.state, "waiver_pending")

    def test_vendor_change_needs_reapproval_when_watched(self):
        """A level watching the vendor sends the waiver back when the vendor changes."""
        self.rule.level_ids.write({"reapproval_vendor": True})
        vendors = self.env["res.partner"].create([{"name": "V1"}, {"name": "V2"}])
        exception = self._request_waiver(2000.0, partner_id=vendors[0].id)
        exception.with_user(self.buyer_manager).action_dist_approve()
        exception.with_user(self.steward).action_dist_approve()
        self.assertEqual(exception.dist_approved_vendor_id, vendors[0])
        self._control_updates(exception, partner_id=vendors[1].id)
        self.assertEqual(exception.state, "waiver_pending")

    def test_change_during_approval_restarts_the_round(self):
        """Raising the amount while level 2 is pending restarts at level 1 with it."""
        exception = self._request_waiver(2000.0)
        exception.with_user(self.buyer_manager).action_dist_approve()
        self._control_updates(exception, amount=2500.0)
        pending = exception.dist_approval_pending_request_ids
        self.assertEqual(
            (pending.level_id, pending.amount), (self.rule.level_ids[0], 2500.0)
        )
        self.assertEqual(pending.approval_round, 2)
        exception.with_user(self.buyer_manager).action_dist_approve()
        exception.with_user(self.steward).action_dist_approve()
        self.assertEqual(exception.state, "waived")

    def test_auto_waived_document_needs_approval_when_raised_into_a_rule(self):
        """Waived below the rule, then raised above it: approval is required."""
        exception = self._request_waiver(900.0)
        self.assertEqual(exception.state, "waived")
        self._control_updates(exception, amount=1500.0)
        self.assertEqual(exception.state, "waiver_pending")

    def test_my_approvals_lists_only_actionable_requests(self):
        """The manager's to-do list shows level 1, the director's shows nothing yet."""
        exception = self._request_waiver()
        Request = self.env["dist.approval.request"]
        mine = Request.with_user(self.buyer_manager).search([("can_act", "=", True)])
        self.assertEqual(mine.mapped("res_id"), exception.ids)
        self.assertFalse(
            Request.with_user(self.dist_admin).search([("can_act", "=", True)])
        )

    def test_comment_wizard_rejects_with_reason(self):
        """The decision wizard rejects the pending request with its comment."""
        exception = self._request_waiver()
        request = exception.dist_approval_pending_request_ids.with_user(
            self.buyer_manager
        )
        wizard = (
            self.env["dist.approval.comment"]
            .with_user(self.buyer_manager)
            .create(
                {"request_ids": request.ids, "decision": "rejected", "comment": "No"}
            )
        )
        wizard.action_confirm()
        self.assertEqual((request.state, request.comment), ("rejected", "No"))


@tagged("post_install", "-at_install")
class TestApprovalReminders(DistCommon):
    """Pending requests are reminded, then escalated, by the cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller.dist_manager_id = cls.dist_admin
        cls.rule = cls._make_rule(
            "dist.exception",
            cls.company_a,
            [
                {
                    "name": "Manager",
                    "users": cls.buyer_manager,
                    "reminder_days": 2,
                    "escalation_days": 5,
                }
            ],
        )

    def _approvals_entry(self, user):
        """Return the Approvals entry of ``user``'s activity menu, or None."""
        groups = self.env["res.users"].with_user(user).systray_get_activities()
        return next((g for g in groups if g.get("dist_approvals")), None)

    def test_approver_sees_request_in_activity_menu(self):
        """The approver's activity menu counts the request; the requester's does not."""
        exception = self._make_exception(amount=10.0)
        exception.with_user(self.controller).action_request_waiver()
        entry = self._approvals_entry(self.buyer_manager)
        self.assertEqual((entry["total_count"], entry["overdue_count"]), (1, 0))
        self.assertIsNone(self._approvals_entry(self.controller))

    def test_decided_request_leaves_activity_menu(self):
        """Once approved, the request no longer counts for its approver."""
        exception = self._make_exception(amount=10.0)
        exception.with_user(self.controller).action_request_waiver()
        exception.with_user(self.buyer_manager).action_dist_approve()
        self.assertIsNone(self._approvals_entry(self.buyer_manager))

    def test_level_notifying_by_email_messages_approvers(self):
        """A level with Notify Approvers posts a message addressed to them."""
        self.rule.level_ids.notify_email = True
        exception = self._make_exception(amount=10.0)
        exception.with_user(self.controller).action_request_waiver()
        request = exception.dist_approval_pending_request_ids
        notified = request.message_ids.notification_ids.res_partner_id
        self.assertEqual(notified, self.buyer_manager.partner_id)

    def test_level_without_email_notification_posts_nothing(self):
        """By default approvers are not messaged when a request reaches them."""
        exception = self._make_exception(amount=10.0)
        exception.with_user(self.controller).action_request_waiver()
        request = exception.dist_approval_pending_request_ids
        self.assertFalse(request.message_ids.notification_ids)

    def test_cron_reminds_then_escalates_to_requester_manager(self):
        """After 2 days a reminder; after 5 the requester's manager becomes approver."""
        with freeze_time("2026-03-02 09:00:00"):
            exception = self._make_exception(amount=10.0)
            exception.with_user(self.controller).action_request_waiver()
        request = exception.dist_approval_pending_request_ids
        Request = self.env["dist.approval.request"]
        with freeze_time("2026-03-03 10:00:00"):
            Request._cron_remind_escalate()
            self.assertFalse(request.reminded)
        with freeze_time("2026-03-04 10:00:00"):
            Request._cron_remind_escalate()
            self.assertTrue(request.reminded)
            self.assertFalse(request.escalated)
        with freeze_time("2026-03-07 10:00:00"):
            Request._cron_remind_escalate()
        self.assertTrue(request.escalated)
        self.assertIn(self.dist_admin, request.candidate_ids)
        escalation = request.message_ids.filtered(
            lambda m: self.dist_admin.partner_id in m.notification_ids.res_partner_id
        )
        self.assertTrue(escalation, "the escalation user is messaged")
        entry = self._approvals_entry(self.dist_admin)
        self.assertEqual(entry["overdue_count"], 1, "reminded, so late")
        log = self.env["dist.approval.log"].search([("request_id", "=", request.id)])
        self.assertIn("escalated", log.mapped("decision"))
