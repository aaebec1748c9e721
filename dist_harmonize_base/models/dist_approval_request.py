from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

REQUEST_STATES = [
    ("waiting", "Waiting for Previous Level"),
    ("pending", "To Approve"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]


class DistApprovalRequest(models.Model):
    """One approval step: a document x a level of the rule that routed it.

    Requests are written by the engine only (no write/create ACL): every state
    change goes through ``action_approve``/``action_reject``, which check the
    acting user server-side, then write with ``sudo``.
    """

    _name = "dist.approval.request"
    _description = "Approval Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "pending_since desc, id desc"
    _check_company_auto = True
    _rec_name = "document_name"

    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True
    )
    document_name = fields.Char(string="Document", required=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    rule_id = fields.Many2one("dist.approval.rule", required=True, ondelete="restrict")
    level_id = fields.Many2one(
        "dist.approval.rule.level", required=True, ondelete="restrict"
    )
    level_name = fields.Char(related="level_id.name")
    sequence = fields.Integer(required=True)
    approval_round = fields.Integer(
        required=True,
        default=1,
        help="Submission number of the document: a re-submission or re-approval "
        "starts a new round, and only approvals of the same round count.",
    )
    state = fields.Selection(
        REQUEST_STATES, required=True, default="waiting", index=True
    )
    requester_id = fields.Many2one("res.users", required=True)
    candidate_ids = fields.Many2many("res.users", string="Approvers")
    amount = fields.Monetary(help="Document amount in company currency.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    pending_since = fields.Datetime(readonly=True)
    remind_at = fields.Datetime(readonly=True, index=True)
    escalate_at = fields.Datetime(readonly=True, index=True)
    reminded = fields.Boolean(readonly=True)
    escalated = fields.Boolean(readonly=True)
    done_by_id = fields.Many2one("res.users", readonly=True)
    on_behalf_of_id = fields.Many2one(
        "res.users", readonly=True, help="Approver this decision was delegated by."
    )
    done_date = fields.Datetime(readonly=True)
    comment = fields.Text(readonly=True)
    can_act = fields.Boolean(compute="_compute_can_act", search="_search_can_act")

    @api.depends_context("uid")
    @api.depends("state", "candidate_ids")
    def _compute_can_act(self):
        user = self.env.user
        for request in self:
            request.can_act = request.state == "pending" and not request._get_refusal(
                user
            )

    def _search_can_act(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field="can_act"))
        user = self.env.user
        today = fields.Date.context_today(self)
        # sudo: the delegations given to the user, whichever company they are in.
        delegators = (
            self.env["dist.approval.delegation"]
            .sudo()
            .search(
                [
                    ("delegate_id", "=", user.id),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
            .delegator_id
        )
        pending = self.search(
            [
                ("state", "=", "pending"),
                ("requester_id", "!=", user.id),
                ("candidate_ids", "in", (user | delegators).ids),
            ]
        )
        ids = pending.filtered("can_act").ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------
    def _get_delegators(self, user):
        """Return the candidates who delegated to ``user`` for today."""
        self.ensure_one()
        return (
            self.env["dist.approval.delegation"]
            ._get_active_delegations(user, self.company_id)
            .mapped("delegator_id")
            & self.candidate_ids
        )

    def _get_refusal(self, user):
        """Return why ``user`` may not act on this request, or ``""``."""
        self.ensure_one()
        if self.state != "pending":
            return _(
                "Request %(request)s is not awaiting approval.",
                request=self.display_name,
            )
        if user == self.requester_id:
            return _(
                "%(user)s requested %(document)s and cannot approve it.",
                user=user.name,
                document=self.document_name,
            )
        acting_for = user if user in self.candidate_ids else self._get_delegators(user)
        acting_for -= self.requester_id
        if not acting_for:
            return _(
                "%(user)s is not an approver of %(document)s at level %(level)s.",
                user=user.name,
                document=self.document_name,
                level=self.level_id.name,
            )
        done = self._get_round().filtered(lambda r: r.state == "approved")
        deciders = done.done_by_id | done.on_behalf_of_id
        if user in done.done_by_id or not acting_for - deciders:
            return _(
                "%(user)s already approved another level of %(document)s; a second "
                "person must approve this level.",
                user=user.name,
                document=self.document_name,
            )
        return ""

    def _check_can_act(self):
        """Raise unless the current user may decide on this request.

        Return the delegator the user acts for (empty when acting as a candidate).
        """
        self.ensure_one()
        user = self.env.user
        refusal = self._get_refusal(user)
        if refusal:
            raise AccessError(refusal)
        if user in self.candidate_ids:
            return self.env["res.users"]
        done = self._get_round().filtered(lambda r: r.state == "approved")
        delegators = self._get_delegators(user) - self.requester_id
        return (delegators - done.done_by_id - done.on_behalf_of_id)[:1]

    def _get_round(self):
        """Return the live requests of the same document (same approval round)."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("res_model", "=", self.res_model),
                ("res_id", "=", self.res_id),
                ("approval_round", "=", self.approval_round),
                ("state", "!=", "cancelled"),
            ]
        )

    def _get_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_approve(self, comment=None):
        """Approve this request as the current user (checked server-side)."""
        for request in self:
            on_behalf_of = request._check_can_act()
            request._get_document()._dist_approval_apply(
                request, "approved", comment, on_behalf_of
            )
        return True

    def action_reject(self, comment=None):
        """Reject this request as the current user; a comment is mandatory."""
        if not (comment or "").strip():
            raise UserError(
                _("Give a reason to reject %(request)s.", request=self[:1].display_name)
            )
        for request in self:
            on_behalf_of = request._check_can_act()
            request._get_document()._dist_approval_apply(
                request, "rejected", comment, on_behalf_of
            )
        return True

    def action_open_comment(self):
        """Open the comment wizard to approve or reject with a comment."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dist_harmonize_base.dist_approval_comment_action"
        )
        action["context"] = {
            "default_request_ids": self.ids,
            "default_decision": self.env.context.get("dist_decision", "approved"),
        }
        return action

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # engine helpers (called with sudo by the mixin and the cron)
    # ------------------------------------------------------------------
    def _activate(self):
        """Make waiting requests actionable: dates, then an activity per approver."""
        now = fields.Datetime.now()
        for request in self:
            level = request.level_id
            request.write(
                {
                    "state": "pending",
                    "pending_since": now,
                    "remind_at": now + timedelta(days=level.reminder_days)
                    if level.reminder_days
                    else False,
                    "escalate_at": now + timedelta(days=level.escalation_days)
                    if level.escalation_days
                    else False,
                }
            )
            request._schedule_activities(request.candidate_ids - request.requester_id)

    def _schedule_activities(self, users):
        self.ensure_one()
        activity_type = self.env.ref(
            "dist_harmonize_base.mail_activity_type_dist_approval"
        )
        for user in users:
            self.activity_schedule(
                activity_type_id=activity_type.id,
                summary=_("Approve %(document)s", document=self.document_name),
                user_id=user.id,
                date_deadline=fields.Date.context_today(self),
            )

    def _close_activities(self):
        self.activity_ids.unlink()

    def _cancel(self):
        self.write({"state": "cancelled"})
        self._close_activities()

    @api.model
    def _cron_remind_escalate(self, batch_size=200):
        """Remind, then escalate, overdue pending requests in batches.

        Runs without commit; when a batch is full the cron re-triggers itself
        so the next run handles the rest.
        """
        now = fields.Datetime.now()
        to_remind = self.search(
            [
                ("state", "=", "pending"),
                ("reminded", "=", False),
                ("remind_at", "<=", now),
            ],
            limit=batch_size,
        )
        for request in to_remind:
            request._remind()
        to_escalate = self.search(
            [
                ("state", "=", "pending"),
                ("escalated", "=", False),
                ("escalate_at", "<=", now),
            ],
            limit=batch_size,
        )
        for request in to_escalate:
            request._escalate()
        if len(to_remind) == batch_size or len(to_escalate) == batch_size:
            self.env.ref("dist_harmonize_base.ir_cron_dist_approval_remind")._trigger()

    def _remind(self):
        self.ensure_one()
        approvers = self.candidate_ids - self.requester_id
        self.activity_ids.write({"date_deadline": fields.Date.context_today(self)})
        self.message_post(
            body=_(
                "Reminder: %(document)s awaits your approval since %(date)s.",
                document=self.document_name,
                date=self.pending_since,
            ),
            partner_ids=approvers.partner_id.ids,
        )
        self.reminded = True

    def _escalate(self):
        self.ensure_one()
        escalation_users = self.level_id._get_escalation_users(self.requester_id)
        new_users = escalation_users - self.candidate_ids - self.requester_id
        self.write(
            {
                "escalated": True,
                "candidate_ids": [fields.Command.link(user.id) for user in new_users],
            }
        )
        self._schedule_activities(new_users)
        self.env["dist.approval.log"]._log(
            self._get_document(),
            "escalated",
            request=self,
            comment=_(
                "Escalated to %(users)s",
                users=", ".join(new_users.mapped("name"))
                or _("nobody (no escalation user)"),
            ),
        )
