from odoo import fields, models


class DistKpiStockRollup(models.Model):
    """Stock valuation layers per company, day (of the layer), warehouse,
    family and region: their value and the remaining value of those still in
    stock (the aged inventory ages each day's remaining value)."""

    _name = "dist.kpi.stock.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Stock Valuation"
    _dist_kpi_fact = "dist.kpi.stock.fact"
    _dist_kpi_keys = ()
    _dist_kpi_measures = {
        "value": "SUM(f.value)",
        "remaining_value": "SUM(f.remaining_value) FILTER (WHERE f.remaining_qty > 0)",
    }

    value = fields.Float(readonly=True)
    remaining_value = fields.Float(
        readonly=True, help="Of the layers with a quantity still in stock."
    )
