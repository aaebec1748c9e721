from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import kpi as kpi_tools

REASON_CODE = "KPI_THRESHOLD"


class DistKpiThreshold(models.Model):
    """Warn and critical levels of a KPI in one company.

    The direction comes from the KPI: for a KPI where higher is better, a
    value at or below a level crosses it; lower is better, at or above. The
    snapshot cron compares each company's figure of the current month
    (``_dist_kpi_evaluate``): on a crossing (ok to warn or critical, warn to
    critical) the KPI's owner gets a message and an activity and the
    exception queue an entry (kind ``kpi``), once: the status reached is
    stored on the threshold (``state``, guarded: only the engine writes it)
    and the alert is raised again only after the figure came back.
    """

    _name = "dist.kpi.threshold"
    _description = "KPI Threshold"
    _inherit = ["mail.thread", "mail.activity.mixin", "dist.guarded.mixin"]
    _order = "kpi_id, company_id"
    _check_company_auto = True
    _dist_guarded_fields = ("state", "last_value", "last_check")

    kpi_id = fields.Many2one(
        "dist.kpi", string="KPI", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    direction = fields.Selection(related="kpi_id.direction")
    unit = fields.Selection(related="kpi_id.unit")
    owner_id = fields.Many2one(related="kpi_id.owner_id")
    warn_value = fields.Float(string="Warn At", tracking=True)
    critical_value = fields.Float(string="Critical At", tracking=True)
    state = fields.Selection(
        [(status, status.capitalize()) for status in kpi_tools.STATUSES],
        string="Status",
        default="ok",
        required=True,
        readonly=True,
        tracking=True,
        help="The status the last check reached; an alert is raised when it gets worse.",
    )
    last_value = fields.Float(readonly=True)
    last_check = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "kpi_company_unique",
            "unique(kpi_id, company_id)",
            "A KPI has one threshold per company.",
        ),
    ]

    @api.depends("kpi_id", "company_id")
    def _compute_display_name(self):
        for threshold in self:
            threshold.display_name = (
                f"{threshold.kpi_id.name} ({threshold.company_id.name})"
            )

    @api.constrains("warn_value", "critical_value", "kpi_id")
    def _check_levels(self):
        for threshold in self:
            warn, critical = threshold.warn_value, threshold.critical_value
            wrong = warn < critical if threshold.direction == "up" else warn > critical
            if wrong:
                raise ValidationError(
                    _(
                        "Threshold %(threshold)s: the Critical At level must be "
                        "beyond the Warn At level in the KPI's direction "
                        "(%(direction)s).",
                        threshold=threshold.display_name,
                        direction=dict(
                            threshold._fields["direction"]._description_selection(
                                self.env
                            )
                        )[threshold.direction],
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "company_id" in vals:
            # Odoo checks the record rules before a write only: a threshold
            # moved to a company the user is not in would stay there.
            self.check_access_rule("write")
        return result

    def _dist_kpi_status(self, value):
        self.ensure_one()
        return kpi_tools.status(
            value, self.warn_value, self.critical_value, self.direction
        )

    @api.model
    def _dist_kpi_evaluate(self, values):
        """Check the thresholds against ``{(kpi, company): value}``; alert on
        each crossing; store the status reached. Returns the thresholds that
        alerted."""
        thresholds = self.search([("kpi_id.active", "=", True)])
        alerted = self.browse()
        now = fields.Datetime.now()
        for threshold in thresholds:
            key = (threshold.kpi_id, threshold.company_id)
            if key not in values:
                continue
            value = values[key]
            status = threshold._dist_kpi_status(value)
            if kpi_tools.is_alert(threshold.state, status):
                threshold._dist_kpi_alert(status, value)
                alerted |= threshold
            elif status == "ok" and threshold.state != "ok":
                self.env["dist.exception"].close_for(
                    threshold,
                    kind="kpi",
                    resolution=_("The KPI is back within its thresholds."),
                )
            with guard.permit(threshold):
                threshold.write(
                    {"state": status, "last_value": value or 0.0, "last_check": now}
                )
        return alerted

    def _dist_kpi_alert(self, status, value):
        """Tell the KPI's owner and queue an exception (kind ``kpi``)."""
        self.ensure_one()
        message = _(
            "KPI %(kpi)s of %(company)s is %(status)s: %(value)s (warn at "
            "%(warn)s, critical at %(critical)s).",
            kpi=self.kpi_id.name,
            company=self.company_id.name,
            status=status,
            value=round(value, 2) if value is not None else "-",
            warn=self.warn_value,
            critical=self.critical_value,
        )
        owner = self.kpi_id.owner_id
        if self.company_id not in owner.company_ids:
            # The figures of a company go to its own people only.
            owner = owner.browse()
        self.env["dist.exception"].raise_for(
            self,
            "kpi",
            REASON_CODE,
            message,
            severity="high" if status == "critical" else "medium",
            owner=owner or None,
        )
        if owner:
            self.message_post(body=message, partner_ids=owner.partner_id.ids)
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("KPI %(kpi)s crossed a threshold", kpi=self.kpi_id.name),
                note=message,
                user_id=owner.id,
            )
        else:
            self.message_post(body=message)
