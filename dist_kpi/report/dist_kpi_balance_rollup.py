from odoo import fields, models


class DistKpiBalanceRollup(models.Model):
    """Receivable and payable movements per company and accounting day (the
    working capital sums them up to the date asked)."""

    _name = "dist.kpi.balance.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Receivables and Payables"
    _dist_kpi_fact = "dist.kpi.balance.fact"
    _dist_kpi_measures = {
        "receivable": "SUM(f.receivable)",
        "payable": "SUM(f.payable)",
    }

    receivable = fields.Float(readonly=True)
    payable = fields.Float(readonly=True)
