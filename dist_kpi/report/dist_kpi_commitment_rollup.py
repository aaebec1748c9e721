from odoo import fields, models


class DistKpiCommitmentRollup(models.Model):
    """Open purchase amounts per company, expected day, dimensions and
    currencies (in the order's currency: the engine converts at the rate of
    the date asked)."""

    _name = "dist.kpi.commitment.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Open Purchase Commitments"
    _dist_kpi_fact = "dist.kpi.commitment.fact"
    _dist_kpi_keys = ("order_currency_id", "company_currency_id")
    _dist_kpi_measures = {
        "open_amount": "SUM(f.open_amount)",
    }

    order_currency_id = fields.Many2one("res.currency", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    open_amount = fields.Float(
        string="Open Amount (Order Currency)", readonly=True, group_operator=False
    )
