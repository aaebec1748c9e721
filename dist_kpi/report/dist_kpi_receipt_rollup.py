from odoo import fields, models


class DistKpiReceiptRollup(models.Model):
    """Purchase order lines, on time and within the vendor's lead time, per
    company, promised day and dimensions."""

    _name = "dist.kpi.receipt.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Supplier Receipts"
    _dist_kpi_fact = "dist.kpi.receipt.fact"
    _dist_kpi_keys = ()
    _dist_kpi_measures = {
        "line_count": "SUM(f.line_count)",
        "on_time": "SUM(f.on_time)",
        "lead_count": "SUM(f.lead_count)",
        "lead_ok": "SUM(f.lead_ok)",
    }

    line_count = fields.Integer(string="Lines", readonly=True)
    on_time = fields.Integer(string="Lines On Time", readonly=True)
    lead_count = fields.Integer(string="Lines With Lead Time", readonly=True)
    lead_ok = fields.Integer(string="Lines Within Lead Time", readonly=True)
