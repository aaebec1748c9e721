from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import guard

ENGINE_FIELDS = (
    "dist_approval_state",
    "dist_approval_round",
    "dist_approval_rule_id",
    "dist_approved_amount",
    "dist_approved_vendor_id",
)


class DistApprovalMixin(models.AbstractModel):
    """Approval engine for any document (see readme/DEVELOP.md).

    A consumer inherits this mixin and sets the ``_dist_approval_*`` class
    attributes below; it needs a ``company_id`` field. The engine routes the
    document through ``dist.approval.rule`` on submit, creates one
    ``dist.approval.request`` per level, enforces who may approve, logs every
    decision and sends an approved document back to approval when it changes
    beyond a level's threshold.
    """

    _name = "dist.approval.mixin"
    _inherit = ["dist.guarded.mixin"]
    _description = "Approval Engine Mixin"
    # Written by the engine only; a consumer adds its own state field when it
    # owns it (the guard refuses every other write, see tools/guard.py).
    _dist_guarded_fields = ENGINE_FIELDS

    # Selection field holding the document's own workflow state.
    _dist_approval_state_field = "state"
    # States from which the document may be submitted.
    _dist_approval_states_submit = ("draft",)
    # State values written by the engine.
    _dist_approval_state_pending = "to_approve"
    _dist_approval_state_approved = "approved"
    _dist_approval_state_rejected = "draft"
    # Amount routed on; converted from its currency at the document date.
    _dist_approval_amount_field = None
    _dist_approval_currency_field = "currency_id"
    _dist_approval_date_field = None
    # res.users field of the person asking: they never approve their document.
    _dist_approval_requester_field = "create_uid"
    # res.partner field routed on (vendor) and watched for re-approval.
    _dist_approval_vendor_field = None
    # Fields whose change re-routes a pending document and may send an
    # approved one back to approval.
    _dist_approval_reapproval_fields = ()

    dist_approval_state = fields.Selection(
        [
            ("none", "Not Submitted"),
            ("pending", "Pending Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Approval Status",
        default="none",
        copy=False,
        readonly=True,
        index=True,
    )
    dist_approval_rule_id = fields.Many2one(
        "dist.approval.rule", string="Approval Rule", copy=False, readonly=True
    )
    dist_approval_round = fields.Integer(
        string="Approval Round",
        copy=False,
        readonly=True,
        help="Number of times the document was routed for approval; the requests "
        "of the last round are the live ones.",
    )
    dist_approved_amount = fields.Float(
        string="Approved Amount",
        copy=False,
        readonly=True,
        help="Amount in company currency when the document was last approved.",
    )
    dist_approved_vendor_id = fields.Many2one(
        "res.partner", string="Approved Vendor", copy=False, readonly=True
    )
    dist_approval_request_ids = fields.One2many(
        "dist.approval.request", "res_id", string="Approval Requests", readonly=True
    )
    dist_approval_pending_request_ids = fields.Many2many(
        "dist.approval.request", compute="_compute_dist_approval_pending"
    )
    dist_can_approve = fields.Boolean(compute="_compute_dist_can_approve")
    dist_next_approver_ids = fields.Many2many(
        "res.users", string="Next Approvers", compute="_compute_dist_approval_pending"
    )

    @api.depends_context("uid")
    @api.depends("dist_approval_request_ids.state")
    def _compute_dist_approval_pending(self):
        for record in self:
            pending = record.dist_approval_request_ids.filtered(
                lambda request: request.state == "pending"
            )
            record.dist_approval_pending_request_ids = pending
            record.dist_next_approver_ids = pending.candidate_ids - pending.excluded_ids

    @api.depends_context("uid")
    @api.depends("dist_approval_request_ids.state")
    def _compute_dist_can_approve(self):
        actionable = self.dist_approval_pending_request_ids._filter_actionable(
            self.env.user
        )
        for record in self:
            record.dist_can_approve = bool(
                record.dist_approval_pending_request_ids & actionable
            )

    # ------------------------------------------------------------------
    # override points
    # ------------------------------------------------------------------
    def _dist_approval_values(self):
        """Return the routing values of this document (one record).

        Keys: ``company``, ``amount`` (company currency), ``product_family_ids``,
        ``product_categ_ids`` (lists of ids), ``warehouse``, ``vendor``.
        Consumers extend the dict (call super) to route on their lines.
        """
        self.ensure_one()
        return dict(
            self._dist_approval_decision_values(),
            product_family_ids=[],
            product_categ_ids=[],
            warehouse=self.env["stock.warehouse"],
        )

    def _dist_approval_decision_values(self):
        """Return what an approval records: ``company``, ``amount`` (company
        currency) and ``vendor``; cheaper than the routing values."""
        self.ensure_one()
        company = self.company_id or self.env.company
        amount = 0.0
        if self._dist_approval_amount_field:
            amount = self[self._dist_approval_amount_field] or 0.0
            currency_field = self._dist_approval_currency_field
            currency = (currency_field and self[currency_field]) or company.currency_id
            if amount and currency != company.currency_id:
                date = (
                    self._dist_approval_date_field
                    and self[self._dist_approval_date_field]
                )
                amount = currency._convert(
                    amount,
                    company.currency_id,
                    company,
                    fields.Date.to_date(date) or fields.Date.context_today(self),
                )
        vendor_field = self._dist_approval_vendor_field
        return {
            "company": company,
            "amount": amount,
            "vendor": self[vendor_field] if vendor_field else self.env["res.partner"],
        }

    def _dist_approval_on_approved(self):
        """Hook called after the last level approved (state already written)."""

    def _dist_approval_on_rejected(self):
        """Hook called after a rejection (state already written)."""

    def _dist_approval_excluded_users(self):
        """Return who may not approve this document in the round being routed.

        Default: the requester and the current user (who submits the
        document, or changed it while it awaited approval). Consumers add the
        document's authors (e.g. whoever entered or changed a bill).
        """
        self.ensure_one()
        return self._dist_approval_requester() | self.env.user

    def _dist_approval_needs_reapproval(self, vals=None):
        """Return whether this approved document must be approved again.

        It must when it now routes to another rule with levels (e.g. its
        amount reached a rule with more levels; a document approved without
        a rule once a rule matches it), when its amount grew beyond a level's
        percentage or absolute threshold, or when its vendor changed on a
        level that watches it.
        """
        self.ensure_one()
        rule = self.dist_approval_rule_id
        row = self._dist_approval_find_rule_row(self._dist_approval_values())
        if row and row.levels and row.id != rule.id:
            return True
        if not rule:
            return False
        values = self._dist_approval_decision_values()
        old = self.dist_approved_amount
        increase = values["amount"] - old
        vendor_changed = values["vendor"] != self.dist_approved_vendor_id
        for level in rule.level_ids:
            pct = level.reapproval_amount_pct
            if pct and increase > 0 and (not old or increase > old * pct / 100.0):
                return True
            if level.reapproval_amount_abs and increase > level.reapproval_amount_abs:
                return True
            if level.reapproval_vendor and vendor_changed:
                return True
        return False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        watched = sorted(set(self._dist_approval_reapproval_fields) & set(vals))
        if not watched:
            return super().write(vals)
        with self._dist_approval_watch(", ".join(watched)):
            return super().write(vals)

    def unlink(self):
        self._dist_approval_live_requests()._cancel()
        return super().unlink()

    @contextmanager
    def _dist_approval_watch(self, changed):
        """Follow a change of these documents' amounts, vendor or lines.

        Around the change: a pending document whose routing values changed
        is routed again (new round, the rule and levels it now needs, the
        user who changed it excluded from approving); an approved document
        that needs it goes back to approval. Consumers wrap line changes in
        it (e.g. purchase order lines).
        """
        # A change nested in a watched one (lines created through the
        # document's write) is followed by the outer watch, once.
        watching = self.env.cr.cache.setdefault("dist_approval_watching", set())
        live = self.filtered(
            lambda rec: (
                rec.dist_approval_state in ("approved", "pending")
                and (rec._name, rec.id) not in watching
            )
        )
        keys = {(rec._name, rec.id) for rec in live}
        watching |= keys
        before = {
            rec.id: rec._dist_approval_snapshot()
            for rec in live
            if rec.dist_approval_state == "pending"
        }
        try:
            yield
        finally:
            watching -= keys
        for record in live.exists():
            if record.dist_approval_state == "pending":
                if record._dist_approval_snapshot() != before.get(record.id):
                    record._dist_approval_reset(
                        _("Changed during approval (%(fields)s).", fields=changed)
                    )
            elif (
                record.dist_approval_state == "approved"
                and record._dist_approval_needs_reapproval()
            ):
                record._dist_approval_reset(
                    _("Changed after approval (%(fields)s).", fields=changed)
                )

    def _dist_approval_snapshot(self):
        """Comparable routing values and watched fields: what a pending
        decision is about."""
        self.ensure_one()
        values = self._dist_approval_values()
        company = values["company"]
        watched = tuple(
            value.ids if isinstance(value, models.BaseModel) else value
            for value in (self[name] for name in self._dist_approval_reapproval_fields)
        )
        return watched + (
            company.id,
            company.currency_id.round(values["amount"]),
            values["vendor"].commercial_partner_id.id if values["vendor"] else False,
            tuple(sorted(values["product_family_ids"])),
            tuple(sorted(values["product_categ_ids"])),
            values["warehouse"].id,
        )

    # ------------------------------------------------------------------
    # actions (checked server-side, safe over RPC)
    # ------------------------------------------------------------------
    def action_dist_submit(self):
        """Submit for approval; without a matching rule the document is approved."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        state_field = self._dist_approval_state_field
        for record in self:
            if record[state_field] not in self._dist_approval_states_submit:
                raise UserError(
                    _(
                        "%(document)s cannot be submitted for approval from state "
                        "%(state)s.",
                        document=record.display_name,
                        state=record[state_field],
                    )
                )
            record._dist_approval_route("submitted")
        return True

    def action_dist_approve(self, comment=None):
        """Approve the current level as the current user."""
        return self._dist_approval_pending_or_raise().action_approve(comment)

    def action_dist_reject(self, comment=None):
        """Reject the current level as the current user (comment required)."""
        return self._dist_approval_pending_or_raise().action_reject(comment)

    def action_dist_open_decision(self):
        """Open the comment wizard on the current level's request."""
        return self._dist_approval_pending_or_raise().action_open_comment()

    def _dist_approval_pending_or_raise(self):
        requests = self.dist_approval_pending_request_ids
        for record in self:
            if not record.dist_approval_pending_request_ids:
                raise UserError(
                    _(
                        "%(document)s is not awaiting approval.",
                        document=record.display_name,
                    )
                )
        return requests

    # ------------------------------------------------------------------
    # engine
    # ------------------------------------------------------------------
    def _dist_approval_find_rule_row(self, values):
        """Return the ``RuleRow`` routing a document with ``values``, or None.

        Override point of routing (e.g. to fall back on a default rule).
        """
        rows = self.env["dist.approval.rule"]._get_matching_rule_rows(
            dict(values, model=self._name, record=self)
        )
        return rows[0] if rows else None

    def _dist_approval_requester(self):
        field = self._dist_approval_requester_field
        return (field and self[field]) or self.env.user

    def _dist_approval_live_requests(self):
        return (
            self.env["dist.approval.request"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("state", "in", ("waiting", "pending")),
                ]
            )
        )

    def _dist_approval_route(self, decision=None, excluded=None):
        """Route this document: create its requests, or approve it directly.

        ``excluded``: users who may not approve this round, besides
        ``_dist_approval_excluded_users()``.
        """
        self.ensure_one()
        values = self._dist_approval_values()
        row = self._dist_approval_find_rule_row(values)
        rule = self.env["dist.approval.rule"].browse(row.id if row else ())
        if not row or not row.levels:
            if decision:
                self.env["dist.approval.log"]._log(self, decision, rule=rule)
            self._dist_approval_finish(rule, values)
            return
        requester = self._dist_approval_requester()
        excluded = self._dist_approval_excluded_users() | (
            excluded or self.env["res.users"]
        )
        Request = self.env["dist.approval.request"].sudo()
        Level = self.env["dist.approval.rule.level"]
        approval_round = self.dist_approval_round + 1
        requests_vals = []
        for sequence, level in enumerate(row.levels, start=1):
            approvers = Level._get_approver_users(level, self, values["company"])
            if not approvers - excluded:
                raise UserError(
                    _(
                        "Nobody but the requester, or who submitted or changed "
                        "%(document)s, can approve it at level %(level)s of rule "
                        "%(rule)s; fix the rule or ask a colleague to submit it.",
                        document=self.display_name,
                        level=Level.browse(level.id).name,
                        rule=rule.display_name,
                    )
                )
            vals = {
                "res_model": self._name,
                "res_id": self.id,
                "document_name": self.display_name,
                "company_id": values["company"].id,
                "rule_id": rule.id,
                "level_id": level.id,
                "sequence": sequence,
                "approval_round": approval_round,
                "requester_id": requester.id,
                "candidate_ids": [fields.Command.set(approvers.ids)],
                # Only when it says more than the requester (who is always
                # excluded): no relation row in the common case.
                "excluded_ids": [fields.Command.set(excluded.ids)]
                if excluded != requester
                else [],
                "amount": values["amount"],
            }
            if sequence == 1:
                # The first level is actionable at once.
                vals.update(
                    Request._get_pending_vals(
                        level.reminder_days, level.escalation_days
                    )
                )
            requests_vals.append(vals)
        # sudo: requests have no create ACL; the engine is their only author.
        requests = Request.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(requests_vals)
        self._dist_approval_write(
            {
                self._dist_approval_state_field: self._dist_approval_state_pending,
                "dist_approval_state": "pending",
                "dist_approval_rule_id": rule.id,
                "dist_approval_round": approval_round,
            }
        )
        if decision:
            self.env["dist.approval.log"]._log(
                self, decision, rule=rule, approvers=requests.candidate_ids
            )
        requests[0]._notify_approvers(email=row.levels[0].notify_email)

    def _dist_approval_apply(self, request, decision, comment, on_behalf_of):
        """Record ``decision`` of the current user on ``request`` (already checked)."""
        self.ensure_one()
        request = request.sudo()  # the approver has no write right on requests
        request.write(
            {
                "state": decision,
                "done_by_id": self.env.user.id,
                "on_behalf_of_id": on_behalf_of.id if on_behalf_of else False,
                "done_date": fields.Datetime.now(),
                "comment": comment,
            }
        )
        request._notify_closed()
        log_decision = (
            "delegated" if on_behalf_of and decision == "approved" else decision
        )
        approval_round = request._get_round()
        self.env["dist.approval.log"]._log(
            self,
            log_decision,
            request=request,
            comment=comment,
            on_behalf_of=on_behalf_of,
            approvers=approval_round.candidate_ids,
        )
        if decision == "rejected":
            (approval_round - request).filtered(
                lambda r: r.state in ("waiting", "pending")
            )._cancel()
            self._dist_approval_write(
                {
                    self._dist_approval_state_field: self._dist_approval_state_rejected,
                    "dist_approval_state": "rejected",
                }
            )
            self._dist_approval_on_rejected()
            return
        waiting = approval_round.filtered(lambda r: r.state == "waiting")
        if waiting:
            waiting.sorted("sequence")[:1]._activate()
        else:
            self._dist_approval_finish(request.rule_id, by_levels=True)

    def _dist_approval_finish(self, rule, values=None, by_levels=False):
        """Approve the document; ``by_levels`` when its levels were approved,
        else it is approved automatically (no rule, or a rule without levels)."""
        values = values or self._dist_approval_decision_values()
        if not by_levels:
            self.env["dist.approval.log"]._log(
                self, "auto_approved", rule=rule, comment=_("No approval rule applies.")
            )
        self._dist_approval_write(
            {
                self._dist_approval_state_field: self._dist_approval_state_approved,
                "dist_approval_state": "approved",
                "dist_approval_rule_id": rule.id,
                "dist_approved_amount": values["amount"],
                "dist_approved_vendor_id": values["vendor"].id,
            }
        )
        self._dist_approval_on_approved()

    def _dist_approval_reset(self, reason):
        """Route a changed document again (re-approval): its live requests are
        cancelled; whoever could not approve the last round still cannot."""
        self.ensure_one()
        last_round = self.dist_approval_request_ids.filtered(
            lambda request: request.approval_round == self.dist_approval_round
        )
        excluded = last_round.sudo().excluded_ids
        self._dist_approval_live_requests()._cancel()
        self.env["dist.approval.log"]._log(
            self, "reset", rule=self.dist_approval_rule_id, comment=reason
        )
        self._dist_approval_route(excluded=excluded)

    def _dist_approval_cancel(self):
        """Cancel live requests, e.g. when the consumer cancels the document."""
        self._dist_approval_live_requests()._cancel()
        self._dist_approval_write({"dist_approval_state": "none"})

    def _dist_approval_write(self, vals):
        # sudo: the approver may not hold write rights on the document; the
        # decision was checked by the request before this call. The permit
        # lets the engine, and nothing else, write the guarded fields.
        with guard.permit(self):
            self.sudo().write(vals)
