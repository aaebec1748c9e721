"""The base module's controls hold through every door: RPC writes of the fields
they read, creation with forged values or defaults, context keys, lower models.

Each test plays the least-privileged user who would gain from getting around
the control, through the door named in its docstring.
"""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestInvariants(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        cls.vendor = cls._make_vendor("Fast Freight", company_id=cls.company_a.id)
        cls.steward_2 = cls._make_user(
            "dist_steward_2",
            "dist_harmonize_base.dist_harmonize_base_group_steward",
            cls.company_a,
        )
        cls.controller_2 = cls._make_user(
            "dist_controller_2",
            "dist_harmonize_base.dist_harmonize_base_group_controller",
            cls.company_a,
        )
        cls.rule = cls._make_rule(
            "dist.exception",
            cls.company_a,
            [
                {
                    "name": "Controller",
                    "users": cls.controller | cls.controller_2 | cls.dist_admin,
                }
            ],
            amount_min=1000.0,
        )

    def _account(self, user, number="BE71096123456769"):
        return (
            self.env["res.partner.bank"]
            .with_user(user)
            .create({"partner_id": self.vendor.id, "acc_number": number})
        )

    # A2: the four-eyes maker field -----------------------------------------
    def test_steward_cannot_name_a_colleague_as_maker_of_a_bank_change(self):
        """Defect A2: after changing a number, writing Changed By is refused, and
        the steward who made the change still cannot approve it."""
        bank = self._account(self.steward_2)
        bank.with_user(self.steward).action_dist_approve_bank()
        bank.with_user(self.steward).acc_number = "BE68539007547034"
        with self.assertRaisesRegex(UserError, "Changed By"):
            bank.with_user(self.steward).dist_changed_by_id = self.steward_2
        with self.assertRaisesRegex(UserError, "different person"):
            bank.with_user(self.steward).action_dist_approve_bank()
        self.assertEqual(bank.dist_trust_state, "pending")

    def test_trust_cannot_be_given_at_creation_or_by_default(self):
        """A steward creating a trusted account, directly or through a
        default_allow_out_payment in the context, gets an untrusted one or an error."""
        Bank = self.env["res.partner.bank"].with_user(self.steward)
        with self.assertRaisesRegex(UserError, "Send Money"):
            Bank.create(
                {
                    "partner_id": self.vendor.id,
                    "acc_number": "BE71096123456769",
                    "allow_out_payment": True,
                }
            )
        bank = Bank.with_context(default_allow_out_payment=True).create(
            {"partner_id": self.vendor.id, "acc_number": "BE71096123456769"}
        )
        self.assertEqual(bank.dist_trust_state, "pending")

    def test_changing_the_bank_of_a_trusted_account_needs_a_second_person(self):
        """Trust follows the destination: a new bank (BIC) makes the account pending."""
        bank = self._account(self.buyer)
        bank.with_user(self.steward).action_dist_approve_bank()
        other_bank = self.env["res.bank"].create(
            {"name": "Elsewhere", "bic": "ELSEBEBB"}
        )
        bank.with_user(self.buyer).bank_id = other_bank
        self.assertEqual(bank.dist_trust_state, "pending")
        change = bank.dist_change_ids.filtered(lambda log: log.kind == "change")
        self.assertEqual(change.bank_after_id, other_bank)

    def test_bank_change_log_cannot_be_forged_even_as_superuser(self):
        """The before/after log is created by the four-eyes engine only."""
        with self.assertRaises(UserError):
            self.env["dist.bank.change"].sudo().create(
                {"kind": "approve", "user_id": self.steward.id}
            )

    # A3: the requester of a waiver -----------------------------------------
    def test_controller_cannot_hand_their_waiver_to_a_colleague(self):
        """Defect A3: writing Waiver Requested By (and a new amount) is refused; the
        controller who asked still cannot approve the waiver."""
        exception = self._make_exception(amount=5000.0)
        exception.with_user(self.controller).action_request_waiver()
        with self.assertRaisesRegex(UserError, "controls of the suite only"):
            exception.with_user(self.controller).write(
                {"waiver_requester_id": self.controller_2.id, "amount": 5100.0}
            )
        with self.assertRaises(AccessError):
            exception.with_user(self.controller).action_dist_approve()
        exception.with_user(self.controller_2).action_dist_approve()
        self.assertEqual(exception.state, "waived")

    # B: context keys -------------------------------------------------------
    def test_forged_transition_context_does_not_close_an_exception(self):
        """Defect B4: the old dist_exception_transition key changes nothing."""
        exception = self._make_exception(amount=10.0).with_user(self.controller)
        forged = exception.with_context(dist_exception_transition=True)
        with self.assertRaisesRegex(UserError, "Status"):
            forged.write({"state": "resolved"})
        self.assertEqual(exception.state, "open")

    def test_forged_active_test_does_not_revive_an_archived_delegation(self):
        """An archived delegation grants nothing, even with active_test=False."""
        delegation = (
            self.env["dist.approval.delegation"]
            .with_user(self.controller_2)
            .create(
                {
                    "delegate_id": self.steward.id,
                    "date_from": "2026-04-01",
                    "date_to": "2026-04-30",
                    "company_id": self.company_a.id,
                }
            )
        )
        delegation.active = False
        exception = self._make_exception(amount=5000.0)
        exception.with_user(self.controller).action_request_waiver()
        steward = exception.with_user(self.steward).with_context(active_test=False)
        with freeze_time("2026-04-10"), self.assertRaises(AccessError):
            steward.action_dist_approve()

    def test_a_delegation_never_hands_over_someone_elses_approvals(self):
        """A user can delegate only their own approvals, and cannot re-point a
        delegation to another delegator afterwards."""
        Delegation = self.env["dist.approval.delegation"].with_user(self.controller_2)
        values = {
            "delegate_id": self.steward.id,
            "date_from": "2026-04-01",
            "date_to": "2026-04-30",
            "company_id": self.company_a.id,
        }
        with self.assertRaisesRegex(UserError, "Delegator"):
            Delegation.create(dict(values, delegator_id=self.controller.id))
        delegation = Delegation.create(values)
        with self.assertRaisesRegex(UserError, "Delegator"):
            delegation.write({"delegator_id": self.controller.id})
        self.assertEqual(delegation.delegator_id, self.controller_2)

    @freeze_time("2026-04-30 23:30:00")
    def test_forged_time_zone_does_not_extend_a_delegation(self):
        """A delegation ending on the 30th is over for a UTC delegate on the 1st,
        whatever tz the client sends."""
        self.env["dist.approval.delegation"].with_user(self.controller_2).create(
            {
                "delegate_id": self.steward.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-29",
                "company_id": self.company_a.id,
            }
        )
        self.steward.tz = "UTC"
        exception = self._make_exception(amount=5000.0)
        exception.with_user(self.controller).action_request_waiver()
        forged = exception.with_user(self.steward).with_context(tz="Pacific/Apia")
        with self.assertRaises(AccessError):
            forged.action_dist_approve()

    def test_forged_decision_context_opens_the_wizard_but_decides_nothing(self):
        """dist_decision only pre-selects the wizard's choice; a buyer who is not
        an approver is refused when confirming it."""
        exception = self._make_exception(amount=5000.0)
        exception.with_user(self.controller).action_request_waiver()
        request = exception.dist_approval_pending_request_ids.with_user(self.buyer)
        action = request.with_context(dist_decision="approved").action_open_comment()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.buyer)
            .with_context(**action["context"])
            .create({"comment": "fine"})
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(request.state, "pending")

    # Who may approve ---------------------------------------------------------
    def test_whoever_submits_a_colleagues_item_cannot_approve_it(self):
        """A steward submitting a buyer's draft item is excluded from approving it."""
        family = self._make_family("Beverages")
        item = (
            self.env["product.template"]
            .with_user(self.buyer)
            .create({"name": "Cola 1l", "dist_family_id": family.id})
        )
        item.with_user(self.steward).action_dist_submit()
        with self.assertRaises(UserError):
            item.with_user(self.steward).action_dist_approve()
        item.with_user(self.steward_2).action_dist_approve()
        self.assertEqual(item.dist_state, "active")

    def test_changing_a_pending_waiver_excludes_the_editor(self):
        """The controller whose change re-routes a pending waiver cannot approve
        the new round; the round is for the new amount."""
        exception = self._make_exception(amount=5000.0)
        exception.with_user(self.controller_2).action_request_waiver()
        self.env["dist.exception"].with_user(self.controller).raise_for(
            self.env["res.partner"].browse(exception.res_id),
            "override",
            self.reason_override,
            "Control overridden again",
            amount=9000.0,
        )
        request = exception.dist_approval_pending_request_ids
        self.assertEqual((request.amount, request.approval_round), (9000.0, 2))
        self.assertIn(self.controller, request.excluded_ids)
        self.assertFalse(exception.with_user(self.controller).dist_can_approve)
        exception.with_user(self.dist_admin).action_dist_approve()
        self.assertEqual(exception.state, "waived")
