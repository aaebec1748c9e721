from odoo import fields, models

from odoo.addons.dist_procure.models.account_move import MATCH_STATES


class DistKpiBillCountRollup(models.Model):
    """Bills and their price variance per company, accounting day and match
    status, for the figures not cut by a dimension: a bill is on one day with
    one status, so its count adds up over days and companies (the bill
    rollup, cut by dimension, keeps each bill to count it once)."""

    _name = "dist.kpi.bill.count.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Vendor Bill Counts"
    _dist_kpi_fact = "dist.kpi.bill.fact"
    _dist_kpi_keys = ("bill_match_state",)
    _dist_kpi_dimension_columns = ()
    _dist_kpi_measures = {
        "ppv": "SUM(f.ppv)",
        "bill_count": "COUNT(DISTINCT f.move_id)",
    }

    bill_match_state = fields.Selection(
        MATCH_STATES, string="Bill Match Status", readonly=True
    )
    ppv = fields.Float(string="Price Variance", readonly=True)
    bill_count = fields.Integer(string="Bills", readonly=True)
