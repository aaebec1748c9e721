from odoo import fields, models


class DistKpiDeliveryRollup(models.Model):
    """Customer order lines and those on time in full, per company,
    committed day and dimensions."""

    _name = "dist.kpi.delivery.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Customer Deliveries"
    _dist_kpi_fact = "dist.kpi.delivery.fact"
    _dist_kpi_keys = ()
    _dist_kpi_measures = {
        "line_count": "SUM(f.line_count)",
        "otif": "SUM(f.otif)",
    }

    line_count = fields.Integer(string="Lines", readonly=True)
    otif = fields.Integer(string="Lines OTIF", readonly=True)
