from odoo import models

LOCK_FIELDS = ("period_lock_date", "fiscalyear_lock_date")


class ResCompany(models.Model):
    _inherit = "res.company"

    def write(self, vals):
        """Record when a period is locked (close-cycle KPI, ``dist.kpi.close``)."""
        if not set(LOCK_FIELDS) & set(vals):
            return super().write(vals)
        previous = {
            company.id: max(
                filter(None, (company.period_lock_date, company.fiscalyear_lock_date)),
                default=None,
            )
            for company in self
        }
        result = super().write(vals)
        self.env["dist.kpi.close"]._dist_kpi_record(self, previous)
        return result
