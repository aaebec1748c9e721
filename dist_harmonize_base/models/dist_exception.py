from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import guard
from ..tools.priority import priority_score
from .dist_exception_reason import SEVERITIES

EXCEPTION_KINDS = [
    ("duplicate", "Duplicate"),
    ("price_anomaly", "Price Anomaly"),
    ("match", "Match"),
    ("override", "Override"),
    ("master_data", "Master Data"),
    ("other", "Other"),
]
OPEN_STATES = ("open", "waiver_pending")


class DistException(models.Model):
    """One control breach in the shared exception queue.

    Other modules raise and close exceptions through :meth:`raise_for` and
    :meth:`close_for`. Waiving an exception goes through the approval engine
    (``dist.approval.mixin``): without a matching rule the waiver is immediate,
    with one (e.g. severity high) a controller approves it.
    """

    _name = "dist.exception"
    _description = "Exception"
    _inherit = ["mail.thread", "mail.activity.mixin", "dist.approval.mixin"]
    _order = "priority_score desc, date_open, id"
    _check_company_auto = True
    _rec_name = "res_name"

    _dist_approval_state_field = "state"
    _dist_approval_states_submit = ("open",)
    _dist_approval_state_pending = "waiver_pending"
    _dist_approval_state_approved = "waived"
    _dist_approval_state_rejected = "open"
    _dist_approval_amount_field = "amount"
    _dist_approval_currency_field = "currency_id"
    _dist_approval_date_field = "date_open"
    _dist_approval_requester_field = "waiver_requester_id"
    _dist_approval_vendor_field = "partner_id"
    _dist_approval_reapproval_fields = ("amount", "partner_id")
    # What the raising control recorded and the status its transitions set:
    # users triage (owner, reason code, notes), never re-point, re-weigh or
    # close an exception by a write.
    _dist_guarded_fields = (
        "state",
        "res_model",
        "res_id",
        "res_name",
        "kind",
        "company_id",
        "partner_id",
        "severity",
        "amount",
        "currency_id",
        "date_open",
        "waiver_requester_id",
        "closed_by_id",
        "closed_date",
    )

    res_model = fields.Char(
        string="Source Model", required=True, index=True, readonly=True
    )
    res_id = fields.Many2oneReference(
        string="Source ID",
        model_field="res_model",
        required=True,
        index=True,
        readonly=True,
    )
    res_name = fields.Char(string="Source Document", readonly=True)
    document_ref = fields.Reference(
        selection="_selection_target_model",
        string="Document",
        compute="_compute_document_ref",
        help="The record this exception is about, when you may open it.",
    )
    document_label = fields.Char(compute="_compute_document_ref")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(EXCEPTION_KINDS, required=True, index=True, default="other")
    reason_id = fields.Many2one(
        "dist.exception.reason", required=True, check_company=True
    )
    reason_code = fields.Char(related="reason_id.code")
    message = fields.Text(required=True)
    severity = fields.Selection(
        SEVERITIES, required=True, default="medium", tracking=True
    )
    priority_score = fields.Float(
        compute="_compute_priority_score",
        store=True,
        help="Severity weight x age factor x amount factor; recomputed daily.",
    )
    owner_id = fields.Many2one("res.users", tracking=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        index=True,
        help="Vendor or customer concerned, taken from the source document.",
    )
    date_open = fields.Datetime(
        string="Opened On", required=True, readonly=True, default=fields.Datetime.now
    )
    age_days = fields.Integer(string="Age (days)", compute="_compute_age_days")
    state = fields.Selection(
        string="Status",
        selection=[
            ("open", "Open"),
            ("waiver_pending", "Waiver Pending"),
            ("resolved", "Resolved"),
            ("waived", "Waived"),
        ],
        required=True,
        default="open",
        index=True,
        tracking=True,
    )
    amount = fields.Monetary()
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    resolution = fields.Text()
    waive_reason = fields.Text()
    waiver_requester_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)

    @api.model
    def _selection_target_model(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"].sudo().search([])
        ]

    @api.depends_context("uid")
    @api.depends("res_model", "res_id")
    def _compute_document_ref(self):
        """The source document, only when the current user may read it."""
        self.document_ref = False
        self.document_label = False
        by_model = defaultdict(lambda: self.browse())
        for exception in self:
            if exception.res_model in self.env and exception.res_id:
                by_model[exception.res_model] |= exception
        for model, exceptions in by_model.items():
            records = self.env[model].browse(set(exceptions.mapped("res_id")))
            if not records.check_access_rights("read", raise_exception=False):
                continue
            readable = set(records.exists()._filter_access_rules("read").ids)
            for exception in exceptions:
                if exception.res_id in readable:
                    record = records.browse(exception.res_id)
                    exception.document_ref = f"{model},{record.id}"
                    exception.document_label = exception._get_document_label(record)

    def _get_document_label(self, record):
        """Label of the button opening ``record`` (override per model)."""
        return self.env["ir.model"]._get(record._name).name

    @api.depends("date_open")
    def _compute_age_days(self):
        today = fields.Date.context_today(self)
        for exception in self:
            opened = fields.Date.context_today(
                self, exception.date_open or fields.Datetime.now()
            )
            exception.age_days = (today - opened).days

    @api.depends("severity", "amount", "currency_id", "date_open", "state")
    def _compute_priority_score(self):
        for exception in self:
            if exception.state not in OPEN_STATES:
                exception.priority_score = 0.0
                continue
            exception.priority_score = priority_score(
                exception.severity,
                exception.age_days,
                exception._get_company_amount(),
            )

    def _get_company_amount(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        if (
            not self.amount
            or not self.currency_id
            or self.currency_id == company.currency_id
        ):
            return self.amount
        return self.currency_id._convert(
            self.amount, company.currency_id, company, self.date_open.date()
        )

    # ------------------------------------------------------------------
    # API for other modules
    # ------------------------------------------------------------------
    @api.model
    def raise_for(
        self,
        record,
        kind,
        reason_code,
        message,
        severity="medium",
        amount=None,
        owner=None,
    ):
        """Queue an exception on ``record``; idempotent while it is open.

        An open exception with the same record, kind and reason code is
        updated (message, severity, amount, owner) instead of duplicated.
        ``reason_code`` is a ``dist.exception.reason`` or its code; a code
        is seeded data of the module raising it (an unknown code is a
        programming error and is refused). Returns the exception.
        """
        if not isinstance(record, models.BaseModel) or len(record) != 1:
            raise UserError(_("An exception is raised on exactly one record."))
        record.check_access_rights("read")
        record.check_access_rule("read")
        company = record.company_id if "company_id" in record._fields else False
        company = company or self.env.company
        reason = self._get_reason(reason_code, kind)
        values = {"message": message, "severity": severity}
        if amount is not None:
            values["amount"] = amount
        if owner:
            values["owner_id"] = owner.id
        # sudo: controls record breaches whatever the acting user may edit;
        # the record was access-checked above, the other values come from code.
        Exception_ = self.sudo().with_company(company)
        existing = Exception_.search(
            self._get_open_domain(record, kind, reason), limit=1
        )
        if existing:
            with guard.permit(existing):
                existing.write(values)
            return existing.sudo(False)
        values.update(
            partner_id=self._get_source_partner(record).id,
            res_model=record._name,
            res_id=record.id,
            res_name=record.display_name,
            company_id=company.id,
            kind=kind,
            reason_id=reason.id,
            currency_id=company.currency_id.id,
        )
        with guard.permit(Exception_, create=True):
            return Exception_.create(values).sudo(False)

    @api.model
    def close_for(self, record, kind=None, reason_code=None, resolution=None):
        """Resolve the open exceptions of ``record`` (optionally one kind/reason)."""
        reason = self._get_reason(reason_code, kind) if reason_code else None
        domain = self._get_open_domain(record, kind, reason)
        # sudo: closing follows the control that raised it, not the user's rights.
        exceptions = self.sudo().search(domain)
        exceptions._dist_close(resolution or _("Resolved automatically."))
        return exceptions.sudo(False)

    @api.model
    def _get_source_partner(self, record):
        """Return the commercial partner of ``record`` (itself for a partner)."""
        if record._name == "res.partner":
            return record.commercial_partner_id
        field = record._fields.get("partner_id")
        if field and field.comodel_name == "res.partner":
            return record.partner_id.commercial_partner_id
        return self.env["res.partner"]

    @api.model
    def _get_open_domain(self, record, kind=None, reason=None):
        domain = [
            ("res_model", "=", record._name),
            ("res_id", "=", record.id),
            ("state", "in", OPEN_STATES),
        ]
        if kind:
            domain.append(("kind", "=", kind))
        if reason:
            domain.append(("reason_id", "=", reason.id))
        return domain

    @api.model
    def _get_reason(self, reason_code, kind=None):
        """Return the reason of ``reason_code``; refuse a code nobody seeded."""
        if isinstance(reason_code, models.BaseModel):
            return reason_code
        # sudo: reason codes are a shared catalogue read by every control.
        reason = (
            self.env["dist.exception.reason"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "=", reason_code)], limit=1)
        )
        if not reason:
            raise ValueError(
                f"Unknown exception reason code {reason_code!r} (kind {kind!r}): "
                "seed it as dist.exception.reason data, with a readable name, in "
                "the module that raises it."
            )
        return reason

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_open_document(self):
        """Open the source document (read access checked as the user)."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access_rights("read")
        record.check_access_rule("read")
        return record.get_formview_action()

    def action_resolve(self):
        """Resolve: the cause was fixed; a resolution note is required."""
        for exception in self:
            if exception.state not in OPEN_STATES or not exception.resolution:
                raise UserError(
                    _(
                        "Exception %(exception)s needs to be open and to have a "
                        "Resolution to be resolved.",
                        exception=exception.display_name,
                    )
                )
        self._dist_close()
        return True

    def _dist_close(self, resolution=None):
        """Resolve these exceptions (the engine's transition, under its permit)."""
        self._dist_approval_live_requests()._cancel()
        vals = {
            "state": "resolved",
            "closed_by_id": self.env.user.id,
            "closed_date": fields.Datetime.now(),
        }
        if resolution:
            vals["resolution"] = resolution
        with guard.permit(self):
            self.write(vals)

    def action_request_waiver(self):
        """Waive: accept the breach; approval depends on the rules for exceptions."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for exception in self:
            if not (exception.waive_reason or "").strip():
                raise UserError(
                    _(
                        "Exception %(exception)s: give a Waive Reason first.",
                        exception=exception.display_name,
                    )
                )
        with guard.permit(self):
            self.write({"waiver_requester_id": self.env.user.id})
        return self.action_dist_submit()

    def _dist_approval_on_approved(self):
        # sudo: written by the engine once the waiver is approved (or needs none).
        self._dist_approval_write(
            {"closed_by_id": self.env.user.id, "closed_date": fields.Datetime.now()}
        )
        return super()._dist_approval_on_approved()

    def _dist_approval_on_rejected(self):
        self._dist_approval_write({"waiver_requester_id": False})
        return super()._dist_approval_on_rejected()

    @api.model
    def _cron_recompute_priority(self, batch_size=1000):
        """Refresh the stored priority of open exceptions as they age."""
        exceptions = self.search([("state", "in", OPEN_STATES)])
        for start in range(0, len(exceptions), batch_size):
            batch = exceptions[start : start + batch_size]
            batch.invalidate_recordset(["age_days"])
            self.env.add_to_compute(self._fields["priority_score"], batch)
            batch.flush_recordset(["priority_score"])
