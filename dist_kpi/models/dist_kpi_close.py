from odoo import api, fields, models


class DistKpiClose(models.Model):
    """A month locked in a company's accounts, and how long after its end.

    Written when a lock date of the company (``period_lock_date``,
    ``fiscalyear_lock_date``) moves forward (``res.company.write``), one row
    per lock: the close-cycle KPI averages ``days`` over the locks of the
    periods ending in the dates asked. Odoo keeps no history of lock dates, so
    the KPI starts with the first lock after the module is installed.
    """

    _name = "dist.kpi.close"
    _description = "Period Close"
    _order = "period_end desc, id desc"
    _rec_name = "period_end"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    period_end = fields.Date(
        string="Locked Up To", required=True, index=True, readonly=True
    )
    locked_on = fields.Datetime(required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Locked By", readonly=True)
    days = fields.Integer(
        string="Days to Close",
        compute="_compute_days",
        store=True,
        help="Days from the end of the period locked to the day it was locked.",
    )

    @api.depends("period_end", "locked_on")
    def _compute_days(self):
        for close in self:
            close.days = (close.locked_on.date() - close.period_end).days

    @api.model
    def _dist_kpi_record(self, companies, previous):
        """Record the locks of ``companies`` whose lock date moved past
        ``previous`` (``{company id: date or None}``)."""
        now = fields.Datetime.now()
        vals_list = []
        for company in companies:
            lock = max(
                filter(None, (company.period_lock_date, company.fiscalyear_lock_date)),
                default=None,
            )
            before = previous.get(company.id)
            if lock and (not before or lock > before):
                vals_list.append(
                    {
                        "company_id": company.id,
                        "period_end": lock,
                        "locked_on": now,
                        "user_id": self.env.uid,
                    }
                )
        # sudo: the close is recorded whoever locks; nobody else writes it.
        return self.sudo().create(vals_list)
