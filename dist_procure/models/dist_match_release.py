from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tools import guard

CONTROLLER_GROUP = "dist_harmonize_base.dist_harmonize_base_group_controller"


class DistMatchRelease(models.Model):
    """A request to pay a bill despite its three-way match status.

    Approved through the approval engine. The requester is whoever asked; no
    one who entered, changed or posted the bill (``account.move``
    ``_dist_bill_authors``) may approve it. When the company has no rule for
    releases, a default rule (one level: controllers) is created on first
    use: a release is never approved without a controller. On approval the
    bill is released and its match exception closed with the reason. A
    release is for the bill as it was: resetting the bill voids it.
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
    _dist_approval_requester_field = "requester_id"
    _dist_approval_vendor_field = "partner_id"
    _dist_guarded_fields = ("state", "requester_id")

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
    requester_id = fields.Many2one(
        "res.users",
        string="Requested By",
        readonly=True,
        default=lambda self: self.env.user,
        help="Who asked to release the payment.",
    )
    released_by_id = fields.Many2one(
        "res.users",
        compute="_compute_released",
        store=True,
        help="Who gave the last approval of the release.",
    )
    released_date = fields.Datetime(
        string="Released On", compute="_compute_released", store=True
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

    @api.depends("state", "dist_approval_request_ids.state")
    def _compute_released(self):
        for release in self:
            done = release.dist_approval_request_ids.filtered(
                lambda request: request.state == "approved"
            ).sorted("done_date")[-1:]
            approved = release.state == "approved"
            release.released_by_id = approved and done.done_by_id
            release.released_date = approved and done.done_date

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
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if "move_id" in vals and any(
            release.move_id.id != vals["move_id"] for release in self
        ):
            raise UserError(
                _(
                    "Release %(release)s: the Bill cannot be changed; a release is "
                    "for the bill it was asked for.",
                    release=self[:1].display_name,
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # engine hooks
    # ------------------------------------------------------------------
    def _dist_approval_excluded_users(self):
        """Nobody who entered, changed or posted the bill releases it."""
        return self.move_id._dist_bill_authors()

    def _dist_void(self, reason):
        """Void releases of a bill that changed (reset to draft)."""
        live = self.filtered(lambda release: release.state in ("draft", "to_approve"))
        live._dist_approval_cancel()
        for release in live:
            release._dist_approval_write({"state": "rejected"})
            release.message_post(body=reason)

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
            with guard.permit(bill):
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
    @api.model
    def action_open_queue(self):
        """Payment Releases, on "To Approve" when the user has some to approve
        (else on all releases, rather than on an empty list)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dist_procure.dist_match_release_action"
        )
        pending = self.search([("state", "=", "to_approve")])
        if pending.filtered("dist_can_approve"):
            action["context"] = {"search_default_filter_to_approve": 1}
        return action

    def action_open_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
