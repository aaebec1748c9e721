from odoo import _, api, fields, models
from odoo.exceptions import UserError

CONTROLLER_GROUP = "dist_harmonize_base.dist_harmonize_base_group_controller"


class DistMatchRelease(models.Model):
    """A request to pay a bill despite its three-way match status.

    Approved through the approval engine with the bill's author as requester,
    so the author can never approve it. When the company has no rule for
    releases, a default rule (one level: controllers) is created on first
    use: a release is never approved without a controller. On approval the
    bill is released and its match exception closed with the reason.
    """

    _name = "dist.match.release"
    _description = "Payment Release"
    _inherit = ["mail.thread", "dist.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _dist_approval_state_field = "state"
    _dist_approval_states_submit = ("draft", "rejected")
    _dist_approval_state_pending = "to_approve"
    _dist_approval_state_approved = "approved"
    _dist_approval_state_rejected = "rejected"
    _dist_approval_amount_field = "amount"
    _dist_approval_currency_field = "currency_id"
    _dist_approval_requester_field = "bill_author_id"
    _dist_approval_vendor_field = "partner_id"

    name = fields.Char(related="move_id.name", string="Bill Number")
    move_id = fields.Many2one(
        "account.move",
        string="Bill",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain=[("move_type", "in", ("in_invoice", "in_receipt"))],
    )
    company_id = fields.Many2one(
        related="move_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        related="move_id.commercial_partner_id", string="Vendor", store=True
    )
    bill_author_id = fields.Many2one(
        related="move_id.create_uid", string="Bill Author", store=True, precompute=True
    )
    match_state = fields.Selection(related="move_id.dist_match_state")
    amount = fields.Monetary(
        string="Price Variance",
        compute="_compute_amount",
        store=True,
        help="Absolute price variance of the bill, in company currency.",
    )
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Released"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )

    @api.depends("move_id.dist_ppv_amount")
    def _compute_amount(self):
        for release in self:
            release.amount = abs(release.move_id.dist_ppv_amount)

    @api.constrains("move_id", "state")
    def _check_move_blocked(self):
        for release in self.filtered(lambda r: r.state in ("draft", "to_approve")):
            if not release.move_id.dist_payment_blocked:
                raise UserError(
                    _(
                        "Bill %(bill)s is not blocked for payment; there is nothing "
                        "to release.",
                        bill=release.move_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # engine hooks
    # ------------------------------------------------------------------
    def _dist_approval_find_rule_row(self, values):
        row = super()._dist_approval_find_rule_row(values)
        if row and row.levels:
            return row
        return self._dist_default_rule(values["company"])._make_rule_row()

    def _dist_default_rule(self, company):
        """Return (creating it once) the controllers-only rule of ``company``."""
        Rule = self.env["dist.approval.rule"].sudo()
        domain = [
            ("model_name", "=", self._name),
            ("company_id", "=", company.id),
            ("active", "in", (True, False)),
            ("amount_min", "=", 0.0),
            ("amount_max", "=", 0.0),
        ]
        rule = Rule.search(domain, limit=1)
        if rule:
            return rule.filtered("active") or rule
        # sudo: a release must never be approved without a controller; the
        # default rule is configuration the admin can then adjust.
        return Rule.create(
            {
                "name": _("Payment release by a controller"),
                "model_id": self.env["ir.model"]._get_id(self._name),
                "company_id": company.id,
                "sequence": 1000,
                "level_ids": [
                    fields.Command.create(
                        {
                            "name": _("Controller"),
                            "approver_type": "group",
                            "group_id": self.env.ref(CONTROLLER_GROUP).id,
                        }
                    )
                ],
            }
        )

    def _dist_approval_on_approved(self):
        result = super()._dist_approval_on_approved()
        for release in self:
            bill = release.move_id
            # sudo: controllers read accounting only; the engine checked that
            # this user may approve the release.
            bill.sudo().write({"dist_payment_released": True})
            self.env["dist.exception"].close_for(
                bill.sudo(),
                kind="match",
                resolution=_(
                    "Payment released by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=release.reason,
                ),
            )
            bill.sudo().message_post(
                body=_(
                    "Payment released despite the match status by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=release.reason,
                )
            )
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_open_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
