from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError

from ..tools import approval

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
    res_model_id = fields.Many2one(
        "ir.model",
        string="Document Type",
        compute="_compute_res_model_id",
        store=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    rule_id = fields.Many2one("dist.approval.rule", required=True, ondelete="restrict")
    level_id = fields.Many2one(
        "dist.approval.rule.level",
        string="Rule Level",
        required=True,
        ondelete="restrict",
    )
    level_name = fields.Char(related="level_id.name", string="Level Name")
    level_label = fields.Char(
        string="Level",
        compute="_compute_level_label",
        help="Position of this level in the document's approval, e.g. "
        "Level 2 of 3 — Director.",
    )
    sequence = fields.Integer(required=True)
    approval_round = fields.Integer(
        required=True,
        default=1,
        help="Submission number of the document: a re-submission or re-approval "
        "starts a new round, and only approvals of the same round count.",
    )
    state = fields.Selection(
        REQUEST_STATES,
        string="Status",
        required=True,
        default="waiting",
        index=True,
        tracking=True,
    )
    requester_id = fields.Many2one("res.users", string="Requested by", required=True)
    candidate_ids = fields.Many2many("res.users", string="Approvers", tracking=True)
    excluded_ids = fields.Many2many(
        "res.users",
        "dist_approval_request_excluded_rel",
        "request_id",
        "user_id",
        string="Cannot Approve",
        help="The requester, whoever submitted the document or changed it while it "
        "awaited approval, and the people the document names as its authors.",
    )
    # No total: the amounts of different documents (orders, releases, items
    # without an amount) mean nothing added together.
    amount = fields.Monetary(
        help="Document amount in company currency.", group_operator=None
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pending_since = fields.Datetime(string="Requested on", readonly=True)
    remind_at = fields.Datetime(readonly=True, index=True)
    escalate_at = fields.Datetime(readonly=True, index=True)
    reminded = fields.Boolean(readonly=True)
    escalated = fields.Boolean(readonly=True)
    done_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, tracking=True
    )
    on_behalf_of_id = fields.Many2one(
        "res.users",
        string="On Behalf of",
        readonly=True,
        tracking=True,
        help="Approver this decision was delegated by.",
    )
    done_date = fields.Datetime(string="Decided on", readonly=True)
    comment = fields.Text(readonly=True)
    can_act = fields.Boolean(compute="_compute_can_act", search="_search_can_act")
    waiting_for = fields.Char(
        string="Waiting for",
        compute="_compute_waiting_for",
        help="Who may decide on this request now: its approvers and their "
        "delegates of today, without whoever cannot approve the document.",
    )

    @api.depends("res_model")
    def _compute_res_model_id(self):
        for request in self:
            request.res_model_id = self.env["ir.model"]._get_id(request.res_model)

    @api.depends("level_id", "sequence", "approval_round")
    def _compute_level_label(self):
        records = self.filtered("res_id")
        counts = {}
        if records:
            # sudo: the levels of a round are counted whoever reads one of them.
            groups = self.sudo()._read_group(
                [
                    ("res_model", "in", list(set(records.mapped("res_model")))),
                    ("res_id", "in", records.mapped("res_id")),
                ],
                ["res_model", "res_id", "approval_round"],
                ["__count"],
            )
            counts = {(m, i, r): count for m, i, r, count in groups}
        for request in self:
            total = counts.get(
                (request.res_model, request.res_id, request.approval_round)
            )
            request.level_label = (
                _(
                    "Level %(sequence)s of %(count)s — %(level)s",
                    sequence=request.sequence,
                    count=total,
                    level=request.level_id.name,
                )
                if total
                else request.level_id.name
            )

    @api.depends("state", "candidate_ids", "excluded_ids")
    def _compute_waiting_for(self):
        actors = self._get_actors()
        for request in self:
            request.waiting_for = ", ".join(
                _("%(user)s (for %(delegator)s)", user=user.name, delegator=behalf.name)
                if behalf
                else user.name
                for user, behalf in actors.get(request, ())
            )

    def _get_actors(self):
        """Return ``{request: [(user, delegator)]}``: who may decide on each
        pending request now, and for whom (an empty delegator when acting as a
        candidate).

        The same decision as every approval (``tools/approval.decide``) run for
        each candidate and each delegate of one, with a fixed number of queries.
        """
        # sudo: who can act is shown to whoever reads the request.
        pending = self.sudo().filtered(lambda request: request.state == "pending")
        if not pending:
            return {}
        delegations = self.env["dist.approval.delegation"]._get_active_delegations_from(
            pending.candidate_ids, pending.company_id
        )
        approvals = pending._get_round_approvals()
        Users = self.env["res.users"]
        actors = {}
        for request in pending:
            facts = request._get_facts(approvals)
            delegators = defaultdict(set)
            for delegation in delegations:
                if (
                    delegation.company_id == request.company_id
                    and delegation.delegator_id.id in facts.candidates
                ):
                    delegators[delegation.delegate_id].add(delegation.delegator_id.id)
            users = request.candidate_ids | Users.concat(*delegators)
            found = []
            for user in users.filtered("active").sorted("name"):
                # As _get_decision: a candidate acts for themselves.
                given = () if user.id in facts.candidates else delegators[user]
                decision = approval.decide(user.id, facts, frozenset(given))
                if decision.allowed:
                    found.append((user, Users.browse(decision.on_behalf_of or ())))
            actors[self.browse(request.id)] = found
        return actors

    @api.depends_context("uid")
    @api.depends("state", "candidate_ids")
    def _compute_can_act(self):
        actionable = self._filter_actionable(self.env.user)
        for request in self:
            request.can_act = request in actionable

    def _search_can_act(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field="can_act"))
        user = self.env.user
        delegations = self._get_delegations_to(user)
        pending = self.search(
            [
                ("state", "=", "pending"),
                ("excluded_ids", "not in", user.ids),
                ("candidate_ids", "in", (user | delegations.delegator_id).ids),
            ]
        )
        ids = pending._filter_actionable(user, delegations).ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    @api.model
    def _get_delegations_to(self, user):
        """Return the delegations to ``user`` valid today, in any company."""
        # The user's own time zone and only active delegations, whatever the
        # caller's context says (tz, active_test).
        today = fields.Date.context_today(self.with_context(tz=user.tz))
        # sudo: the delegations given to the user, whichever company they are in.
        return (
            self.env["dist.approval.delegation"]
            .sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("delegate_id", "=", user.id),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
        )

    def _filter_actionable(self, user, delegations=None):
        """Return the requests of ``self`` that ``user`` may decide on now.

        The batch form of the check enforced on every decision: the same
        pure function (``tools/approval.decide``) on facts gathered with a
        fixed number of queries, whatever the number of requests.
        """
        pending = self.filtered(lambda request: request.state == "pending")
        if not pending:
            return pending
        if delegations is None:
            delegations = self._get_delegations_to(user)
        delegators = defaultdict(set)
        for delegation in delegations:
            delegators[delegation.company_id.id].add(delegation.delegator_id.id)
        approvals = pending._get_round_approvals()
        return pending.filtered(
            lambda request: (
                approval.decide(
                    user.id,
                    request._get_facts(approvals),
                    delegators[request.company_id.id],
                ).allowed
            )
        )

    def _get_round_approvals(self):
        """Return ``{(model, id, round): ((done_by, on_behalf_of), ...)}``."""
        # sudo: approvals of the same rounds decide who may still act.
        approved = self.sudo().search_fetch(
            [
                ("state", "=", "approved"),
                ("res_model", "in", list(set(self.mapped("res_model")))),
                ("res_id", "in", self.mapped("res_id")),
            ],
            ["res_model", "res_id", "approval_round", "done_by_id", "on_behalf_of_id"],
        )
        approvals = defaultdict(tuple)
        for request in approved:
            key = (request.res_model, request.res_id, request.approval_round)
            approvals[key] += (
                (request.done_by_id.id, request.on_behalf_of_id.id or None),
            )
        return approvals

    def _get_facts(self, approvals):
        self.ensure_one()
        return approval.RequestFacts(
            state=self.state,
            candidates=frozenset(self.candidate_ids.ids),
            # Requests routed before exclusions were recorded: the requester.
            excluded=frozenset((self.excluded_ids or self.requester_id).ids),
            round_approvals=approvals[
                (self.res_model, self.res_id, self.approval_round)
            ],
        )

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------
    def _get_decision(self, user):
        """Return the ``approval.Decision`` of ``user`` on this request."""
        self.ensure_one()
        delegators = self.env["res.users"]
        if user not in self.candidate_ids:
            # A candidate acts for themselves: delegations matter to others only.
            delegators = (
                self.env["dist.approval.delegation"]
                ._get_active_delegations(user, self.company_id)
                .delegator_id
            )
        approvals = defaultdict(tuple)
        if self.state == "pending":
            # The round, through the document (usually cached): no search.
            approvals[(self.res_model, self.res_id, self.approval_round)] = tuple(
                (request.done_by_id.id, request.on_behalf_of_id.id or None)
                for request in self._get_round()
                if request.state == "approved"
            )
        facts = self._get_facts(approvals)
        return approval.decide(user.id, facts, frozenset(delegators.ids))

    def _get_refusal(self, user):
        """Return why ``user`` may not act on this request, or ``""``."""
        self.ensure_one()
        return self._refusal_message(self._get_decision(user).refusal, user)

    def _refusal_message(self, refusal, user):
        document, level = self.document_name, self.level_id.name
        messages = {
            approval.ALLOWED: "",
            approval.NOT_PENDING: _(
                "Request %(request)s is not awaiting approval.",
                request=self.display_name,
            ),
            approval.EXCLUDED: _(
                "%(user)s requested, submitted, entered or changed %(document)s "
                "and cannot approve it.",
                user=user.name,
                document=document,
            ),
            approval.NOT_APPROVER: _(
                "%(user)s is not an approver of %(document)s at level %(level)s.",
                user=user.name,
                document=document,
                level=level,
            ),
            approval.ALREADY_APPROVED: _(
                "%(user)s already approved another level of %(document)s; a second "
                "person must approve this level.",
                user=user.name,
                document=document,
            ),
        }
        return messages[refusal]

    def _check_can_act(self):
        """Raise unless the current user may decide on this request.

        Return the delegator the user acts for (empty when acting as a candidate).
        """
        self.ensure_one()
        user = self.env.user
        decision = self._get_decision(user)
        if not decision.allowed:
            raise AccessError(self._refusal_message(decision.refusal, user))
        return self.env["res.users"].browse(decision.on_behalf_of or ())

    def _get_round(self):
        """Return the live requests of the same document (same approval round)."""
        self.ensure_one()
        # sudo: the approver may not read the document; its requests are known
        # through it (usually already in cache), else searched.
        document = self.env[self.res_model].sudo().browse(self.res_id)
        try:
            siblings = document.dist_approval_request_ids
        except MissingError:
            siblings = self.browse()
        if self not in siblings:
            siblings = self.sudo().search(
                [("res_model", "=", self.res_model), ("res_id", "=", self.res_id)]
            )
        return siblings.filtered(
            lambda r: r.approval_round == self.approval_round and r.state != "cancelled"
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
        """Make waiting requests actionable: dates, then tell their approvers."""
        for request in self:
            level = request.level_id
            request.write(
                self._get_pending_vals(level.reminder_days, level.escalation_days)
            )
        self._notify_approvers()

    @api.model
    def _get_pending_vals(self, reminder_days, escalation_days):
        """Return the values of a request becoming actionable now."""
        now = fields.Datetime.now()
        return {
            "state": "pending",
            "pending_since": now,
            "remind_at": now + timedelta(days=reminder_days)
            if reminder_days
            else False,
            "escalate_at": now + timedelta(days=escalation_days)
            if escalation_days
            else False,
        }

    def _get_approvers_to_notify(self):
        self.ensure_one()
        return self.candidate_ids - (self.excluded_ids or self.requester_id)

    def _notify_approvers(self, users_by_request=None, email=None):
        """Tell approvers a request awaits them.

        Their inbox is the request itself (*My Approvals*, and the
        *Approvals* entry of the activity systray, counted by query): no
        activity record is written per approver. The web clients of the
        approvers refresh their counter through the bus; levels with
        ``notify_email`` also post a message to them (email or inbox,
        following each user's notification preference); ``email`` overrides
        reading that flag when the caller knows it.
        """
        users_by_request = users_by_request or {
            request: request._get_approvers_to_notify() for request in self
        }
        notifications = []
        for request, users in users_by_request.items():
            notifications += [
                (partner, "mail.activity/updated", {"activity_created": True})
                for partner in users.partner_id
            ]
            notify_email = request.level_id.notify_email if email is None else email
            if users and notify_email:
                request._post_to_approvers(
                    _(
                        "%(document)s awaits your approval (level %(level)s).",
                        document=request.document_name,
                        level=request.level_id.name,
                    ),
                    users,
                )
        if notifications:
            self.env["bus.bus"]._sendmany(notifications)

    def _notify_closed(self):
        """Decrement the systray counter of the approvers of closed requests."""
        notifications = [
            (partner, "mail.activity/updated", {"activity_deleted": True})
            for request in self
            for partner in request._get_approvers_to_notify().partner_id
        ]
        if notifications:
            self.env["bus.bus"]._sendmany(notifications)

    def _cancel(self):
        pending = self.filtered(lambda request: request.state == "pending")
        self.write({"state": "cancelled"})
        pending._notify_closed()

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

    def _post_to_approvers(self, body, users):
        """Post ``body`` on the request, addressed to ``users``."""
        self.ensure_one()
        self.message_post(
            body=body, partner_ids=users.partner_id.ids, subtype_xmlid="mail.mt_comment"
        )

    def _remind(self):
        self.ensure_one()
        self._post_to_approvers(
            _(
                "Reminder: %(document)s awaits your approval since %(date)s.",
                document=self.document_name,
                date=self.pending_since,
            ),
            self._get_approvers_to_notify(),
        )
        self.reminded = True

    def _escalate(self):
        self.ensure_one()
        escalation_users = self.level_id._get_escalation_users(self.requester_id)
        new_users = (
            escalation_users
            - self.candidate_ids
            - (self.excluded_ids or self.requester_id)
        )
        self.write(
            {
                "escalated": True,
                "candidate_ids": [fields.Command.link(user.id) for user in new_users],
            }
        )
        if new_users:
            self._post_to_approvers(
                _(
                    "Escalated: %(document)s awaits your approval since %(date)s.",
                    document=self.document_name,
                    date=self.pending_since,
                ),
                new_users,
            )
            self._notify_approvers({self: new_users}, email=False)
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
