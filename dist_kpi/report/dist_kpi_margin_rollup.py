from odoo import fields, models


class DistKpiMarginRollup(models.Model):
    """Revenue and cost of goods sold per company, accounting day,
    dimensions and intercompany flag."""

    _name = "dist.kpi.margin.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Sales Margin"
    _dist_kpi_fact = "dist.kpi.margin.fact"
    _dist_kpi_keys = ("is_intercompany",)
    _dist_kpi_measures = {
        "revenue": "SUM(f.revenue)",
        "cogs": "SUM(f.cogs)",
    }

    is_intercompany = fields.Boolean(readonly=True)
    revenue = fields.Float(readonly=True)
    cogs = fields.Float(string="Cost of Goods Sold", readonly=True)
