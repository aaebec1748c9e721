from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from ..tools import guard, normalize

# The destination a trust is granted for: changing one of these makes a
# governed account untrusted until a second person approves it again.
SENSITIVE_FIELDS = ("acc_number", "acc_holder_name", "partner_id", "bank_id")
APPROVER_GROUPS = (
    "dist_harmonize_base.dist_harmonize_base_group_steward",
    "dist_harmonize_base.dist_harmonize_base_group_controller",
)


class ResPartnerBank(models.Model):
    """Four-eyes control on partner bank accounts, built on ``allow_out_payment``.

    Odoo 17 lets one member of *Validate bank account* trust an account
    ("Send Money"), and refuses payments only when the payment method needs an
    account. Here, creating an account or changing its number, holder or
    owner makes it untrusted and pending; only a steward or controller who is
    not the person who made the change can trust it again
    (:meth:`action_dist_approve_bank`), and no outgoing payment can be posted
    to an untrusted account (account_move.py). Every event is logged in the
    immutable ``dist.bank.change``. Accounts of the companies themselves are
    not governed.
    """

    _name = "res.partner.bank"
    _inherit = ["res.partner.bank", "dist.guarded.mixin"]
    _dist_guarded_fields = (
        "allow_out_payment",
        "dist_pending_approval",
        "dist_changed_by_id",
        "dist_changed_date",
    )

    dist_pending_approval = fields.Boolean(
        string="Awaiting Second Approval",
        copy=False,
        readonly=True,
        tracking=True,
        help="Created or changed; a second person must approve it before money "
        "can be sent to it.",
    )
    dist_changed_by_id = fields.Many2one(
        "res.users",
        string="Changed By",
        copy=False,
        readonly=True,
        help="Who made the last change; that person cannot approve it.",
    )
    dist_changed_date = fields.Datetime(string="Changed On", copy=False, readonly=True)
    dist_change_ids = fields.One2many(
        "dist.bank.change", "bank_id", string="Change History", readonly=True
    )
    dist_trust_state = fields.Selection(
        [
            ("trusted", "Trusted"),
            ("pending", "Awaiting Approval"),
            ("untrusted", "Untrusted"),
        ],
        string="Trust",
        compute="_compute_dist_trust_state",
    )
    dist_can_approve_bank = fields.Boolean(compute="_compute_dist_can_approve_bank")

    @api.depends("allow_out_payment", "dist_pending_approval")
    def _compute_dist_trust_state(self):
        for bank in self:
            if bank.allow_out_payment:
                bank.dist_trust_state = "trusted"
            elif bank.dist_pending_approval:
                bank.dist_trust_state = "pending"
            else:
                bank.dist_trust_state = "untrusted"

    @api.depends("dist_changed_by_id", "allow_out_payment")
    @api.depends_context("uid")
    def _compute_dist_can_approve_bank(self):
        is_approver = self._dist_user_is_approver()
        for bank in self:
            bank.dist_can_approve_bank = (
                is_approver
                and not bank.allow_out_payment
                and bank._dist_maker() != self.env.user
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not guard.is_permitted(self, create=True):
            self._dist_guard_check_create(vals_list, self._dist_guarded_field_names())
            for vals in vals_list:
                if self._dist_guard_applies_to_vals(vals):
                    vals.update(self._dist_untrust_vals())
        # The engine's own values, after the user's were checked above.
        with guard.permit(self, create=True):
            banks = super().create(vals_list)
        banks.filtered("dist_pending_approval")._dist_log("create", {})
        banks._dist_check_holder_duplicates()
        return banks

    def write(self, vals):
        names = self._dist_guarded_field_names() & set(vals)
        if names and not guard.is_permitted(self):
            self._dist_guard_check_write(vals, names)
        changed = self._dist_filter_changed(vals)
        if not changed or guard.is_permitted(self):
            return super().write(vals)
        before = {bank.id: bank._dist_snapshot() for bank in changed}
        # The destination changes: trust is withdrawn first, then the user's
        # change applies to an untrusted account (core refuses changing the
        # number of a trusted one).
        changed._dist_engine_write(self._dist_untrust_vals())
        result = super().write(vals)
        changed._dist_log("change", before)
        if {"acc_number", "partner_id"} & set(vals):
            self._dist_check_holder_duplicates()
        return result

    def _dist_check_holder_duplicates(self):
        """Queue the supplier holding an account another partner holds too.

        Whether the account comes through the supplier's form or is created
        (or re-numbered, re-assigned) directly on ``res.partner.bank``, the
        governed supplier is checked on its bank account criterion, as a
        write of its ``bank_ids`` would be.
        """
        suppliers = self.partner_id.commercial_partner_id
        suppliers = suppliers._dist_governed_records()
        if suppliers:
            self.flush_model()
            suppliers._dist_handle_duplicates({"bank account"})

    def _dist_guard_records(self):
        return self.filtered(lambda bank: not bank._dist_is_company_account())

    @api.model
    def _dist_guard_applies_to_vals(self, vals):
        return not self._dist_is_company_partner(vals.get("partner_id"))

    def _dist_untrust_vals(self):
        return {
            "allow_out_payment": False,
            "dist_pending_approval": True,
            "dist_changed_by_id": self.env.uid,
            "dist_changed_date": fields.Datetime.now(),
        }

    def _dist_engine_write(self, vals):
        """Write the four-eyes fields of these accounts (the engine only).

        Core lets only members of *Validate bank account* write the trust
        flag, whatever ``sudo``: the engine writes it as the system user,
        under the guard's permit, once its own checks passed.
        """
        with guard.permit(self):
            self.with_user(SUPERUSER_ID).write(vals)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_approve_bank(self):
        """Second person trusts the account (server-side four-eyes check)."""
        if not self._dist_user_is_approver():
            raise UserError(
                _(
                    "Only a master-data steward or a controller can approve bank accounts."
                )
            )
        for bank in self:
            if bank.allow_out_payment:
                continue
            if bank._dist_maker() == self.env.user:
                raise UserError(
                    _(
                        "Bank account %(account)s was changed by %(user)s: a "
                        "different person must approve it.",
                        account=bank.display_name,
                        user=self.env.user.name,
                    )
                )
        to_trust = self.filtered(lambda b: not b.allow_out_payment)
        to_trust._dist_engine_write(
            {"allow_out_payment": True, "dist_pending_approval": False}
        )
        to_trust._dist_log("approve", {})
        return True

    def action_dist_untrust_bank(self):
        """Withdraw trust (e.g. after a phishing suspicion)."""
        if not self._dist_user_is_approver():
            raise UserError(
                _("Only a master-data steward or a controller can withdraw trust.")
            )
        to_untrust = self.filtered("allow_out_payment")
        to_untrust._dist_engine_write(to_untrust._dist_untrust_vals())
        to_untrust._dist_log("untrust", {})
        return True

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _dist_user_is_approver(self):
        return any(self.env.user.has_group(group) for group in APPROVER_GROUPS)

    def _dist_maker(self):
        """The user who made the pending change (creator for old accounts)."""
        self.ensure_one()
        return self.dist_changed_by_id or self.create_uid

    @api.model
    def _dist_is_company_partner(self, partner_id):
        if not partner_id:
            return False
        # sudo: company partners may belong to companies the user cannot read.
        return bool(
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("partner_id", "=", partner_id)], limit=1)
        )

    def _dist_is_company_account(self):
        self.ensure_one()
        return self._dist_is_company_partner(self.partner_id.id)

    def _dist_filter_changed(self, vals):
        """Governed accounts whose number, holder or owner really changes."""
        if not any(name in vals for name in SENSITIVE_FIELDS):
            return self.browse()
        changed = self.browse()
        for bank in self:
            if not bank._dist_is_company_account() and bank._dist_differs(vals):
                changed |= bank
        return changed

    def _dist_differs(self, vals):
        """True when ``vals`` really changes the number, holder or owner."""
        self.ensure_one()
        new_number = normalize.normalize_account_number(vals.get("acc_number"))
        old_number = normalize.normalize_account_number(self.acc_number)
        return (
            ("acc_number" in vals and new_number != old_number)
            or (
                "acc_holder_name" in vals
                and (vals["acc_holder_name"] or "") != (self.acc_holder_name or "")
            )
            or ("partner_id" in vals and vals["partner_id"] != self.partner_id.id)
            or ("bank_id" in vals and (vals["bank_id"] or False) != self.bank_id.id)
        )

    def _dist_snapshot(self):
        self.ensure_one()
        return {
            "acc_number_before": self.acc_number,
            "holder_before": self.acc_holder_name,
            "owner_before_id": self.partner_id.id,
            "bank_before_id": self.bank_id.id,
        }

    def _dist_log(self, kind, before):
        """Write one immutable dist.bank.change per account."""
        if not self:
            return
        # sudo: nobody holds create rights on the log; the engine writes it.
        Change = self.env["dist.bank.change"].sudo()
        with guard.permit(Change, create=True):
            Change.create(
                [
                    dict(
                        before.get(bank.id, {}),
                        bank_id=bank.id,
                        partner_id=bank.partner_id.id,
                        company_id=bank.company_id.id,
                        kind=kind,
                        user_id=self.env.uid,
                        acc_number_after=bank.acc_number,
                        holder_after=bank.acc_holder_name,
                        owner_after_id=bank.partner_id.id,
                        bank_after_id=bank.bank_id.id,
                        trusted_after=bank.allow_out_payment,
                    )
                    for bank in self
                ]
            )
