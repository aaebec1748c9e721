from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ADMIN_GROUP = "dist_harmonize_base.dist_harmonize_base_group_admin"


class DistApprovalDelegation(models.Model):
    """Out-of-office delegation: the delegate approves for the delegator.

    Both dates are inclusive, in the acting user's timezone. A delegate never
    approves a document they requested themselves (checked on the request).
    Who may approve is control configuration: every change is tracked.
    """

    _name = "dist.approval.delegation"
    _inherit = ["dist.tracked.mixin", "mail.thread"]
    _description = "Approval Delegation"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    delegator_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    delegate_id = fields.Many2one("res.users", required=True, index=True, tracking=True)
    date_from = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Char(tracking=True)

    @api.depends("delegator_id", "delegate_id", "date_from", "date_to")
    def _compute_display_name(self):
        for delegation in self:
            delegation.display_name = _(
                "%(delegator)s → %(delegate)s (%(start)s – %(end)s)",
                delegator=delegation.delegator_id.name,
                delegate=delegation.delegate_id.name,
                start=delegation.date_from,
                end=delegation.date_to,
            )

    @api.model_create_multi
    def create(self, vals_list):
        is_admin = self.env.user.has_group(ADMIN_GROUP)
        for vals in vals_list:
            delegator = vals.get("delegator_id", self.env.uid)
            if delegator != self.env.uid and not is_admin:
                raise UserError(
                    _(
                        "%(user)s can only delegate their own approvals (field "
                        "Delegator).",
                        user=self.env.user.name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        # Whose approvals are delegated never changes: re-pointing a delegation
        # would hand someone else's approvals to its delegate.
        if "delegator_id" in vals and any(
            delegation.delegator_id.id != vals["delegator_id"] for delegation in self
        ):
            raise UserError(
                _(
                    "Delegation %(delegation)s: the Delegator cannot be changed; "
                    "create a new delegation.",
                    delegation=self[:1].display_name,
                )
            )
        return super().write(vals)

    @api.constrains("delegator_id", "delegate_id", "date_from", "date_to", "company_id")
    def _check_delegation(self):
        for delegation in self:
            if delegation.delegator_id == delegation.delegate_id:
                raise ValidationError(
                    _(
                        "%(user)s cannot delegate to themselves.",
                        user=delegation.delegator_id.name,
                    )
                )
            if delegation.date_to < delegation.date_from:
                raise ValidationError(
                    _(
                        "Delegation %(delegation)s ends before it starts.",
                        delegation=delegation.display_name,
                    )
                )
            for user in delegation.delegator_id | delegation.delegate_id:
                if delegation.company_id not in user.company_ids:
                    raise ValidationError(
                        _(
                            "%(user)s does not work for %(company)s.",
                            user=user.name,
                            company=delegation.company_id.name,
                        )
                    )

    @api.model
    def _get_active_delegations(self, delegate, company):
        """Return the delegations to ``delegate`` in ``company`` valid today."""
        # The delegate's own time zone and only active delegations, whatever
        # the caller's context says (tz, active_test).
        today = fields.Date.context_today(self.with_context(tz=delegate.tz))
        return (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("delegate_id", "=", delegate.id),
                    ("company_id", "=", company.id),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
        )

    @api.model
    def _get_active_delegations_from(self, delegators, companies):
        """Return the delegations given by ``delegators`` in ``companies`` that
        are valid today for their delegate (in the delegate's time zone)."""
        if not delegators:
            return self.browse()
        today = fields.Date.context_today(self)
        # Candidates around today in any time zone, then each delegate's own day.
        delegations = (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("delegator_id", "in", delegators.ids),
                    ("company_id", "in", companies.ids),
                    ("date_from", "<=", today + timedelta(days=1)),
                    ("date_to", ">=", today - timedelta(days=1)),
                ]
            )
        )
        return delegations.filtered(
            lambda delegation: (
                delegation.date_from
                <= fields.Date.context_today(
                    self.with_context(tz=delegation.delegate_id.tz)
                )
                <= delegation.date_to
            )
        )
