from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestDelegation(DistCommon):
    """Out-of-office delegation: valid only inside its dates, never on one's own document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._make_rule(
            "dist.exception",
            cls.company_a,
            [{"name": "Manager", "users": cls.buyer_manager}],
        )
        cls.delegation = (
            cls.env["dist.approval.delegation"]
            .with_user(cls.buyer_manager)
            .create(
                {
                    "delegate_id": cls.steward.id,
                    "date_from": "2026-04-01",
                    "date_to": "2026-04-10",
                    "company_id": cls.company_a.id,
                }
            )
        )

    def _pending_exception(self):
        exception = self._make_exception(amount=100.0)
        exception.with_user(self.controller).action_request_waiver()
        return exception

    @freeze_time("2026-04-10 16:00:00")
    def test_delegate_approves_on_last_day(self):
        """On the last (inclusive) day the delegate approves for the manager; the log says so."""
        exception = self._pending_exception()
        exception.with_user(self.steward).action_dist_approve("covering")
        self.assertEqual(exception.state, "waived")
        log = self.env["dist.approval.log"].search(
            [("res_id", "=", exception.id), ("res_model", "=", "dist.exception")]
        )
        delegated = log.filtered(lambda line: line.decision == "delegated")
        self.assertEqual(
            (delegated.user_id, delegated.on_behalf_of_id),
            (self.steward, self.buyer_manager),
        )

    @freeze_time("2026-04-11 08:00:00")
    def test_delegate_refused_the_day_after(self):
        """The day after the delegation ends, the delegate is refused."""
        exception = self._pending_exception()
        with self.assertRaises(AccessError):
            exception.with_user(self.steward).action_dist_approve()
        self.assertEqual(exception.state, "waiver_pending")

    @freeze_time("2026-04-05 08:00:00")
    def test_delegate_never_approves_own_document(self):
        """A delegate who requested the waiver cannot approve it through the delegation."""
        self.delegation.delegate_id = self.controller
        exception = self._pending_exception()
        with self.assertRaisesRegex(AccessError, "cannot approve"):
            exception.with_user(self.controller).action_dist_approve()

    @freeze_time("2026-04-05 08:00:00")
    def test_delegate_cannot_add_a_second_level_for_the_same_person(self):
        """A manager approved level 1: their delegate may not approve level 2 for them."""
        self.env["dist.approval.rule.level"].create(
            {
                "rule_id": self.rule.id,
                "name": "Second",
                "sequence": 20,
                "approver_type": "user",
                "user_ids": (self.buyer_manager | self.dist_admin).ids,
            }
        )
        exception = self._pending_exception()
        exception.with_user(self.buyer_manager).action_dist_approve()
        with self.assertRaisesRegex(AccessError, "second person"):
            exception.with_user(self.steward).action_dist_approve()
        exception.with_user(self.dist_admin).action_dist_approve()
        self.assertEqual(exception.state, "waived")

    def test_delegation_to_oneself_or_backwards_refused(self):
        """A delegation to oneself, or ending before it starts, is refused."""
        Delegation = self.env["dist.approval.delegation"].with_user(self.buyer_manager)
        values = {"company_id": self.company_a.id, "date_from": "2026-05-02"}
        with self.assertRaises(ValidationError):
            Delegation.create(
                dict(values, delegate_id=self.buyer_manager.id, date_to="2026-05-03")
            )
        with self.assertRaises(ValidationError):
            Delegation.create(
                dict(values, delegate_id=self.steward.id, date_to="2026-05-01")
            )

    def test_delegate_sees_but_cannot_change_delegation(self):
        """The delegate reads the delegation; only the delegator may change it."""
        as_delegate = self.delegation.with_user(self.steward)
        self.assertEqual(as_delegate.date_to.isoformat(), "2026-04-10")
        with self.assertRaises(AccessError):
            as_delegate.write({"date_to": "2026-12-31"})

    def test_delegation_changes_are_tracked(self):
        """Who moved a delegation's end date, from what to what."""
        self.env.flush_all()
        self.env.cr.precommit.run()  # the delegation is saved, as after its commit
        context = {
            key: value
            for key, value in self.env.context.items()
            if key not in ("tracking_disable", "mail_notrack", "mail_create_nolog")
        }
        delegation = self.delegation.with_env(
            self.env(context=context, user=self.buyer_manager)
        )
        delegation.write({"date_to": "2026-04-20"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        message = delegation.sudo().message_ids.filtered("tracking_value_ids")[:1]
        self.assertEqual(message.author_id, self.buyer_manager.partner_id)
        tracking = message.tracking_value_ids
        self.assertEqual(tracking.field_id.name, "date_to")
        shown = tracking._tracking_value_format()[0]
        self.assertEqual(
            (shown["oldValue"]["value"], shown["newValue"]["value"]),
            ("2026-04-10", "2026-04-20"),
        )
