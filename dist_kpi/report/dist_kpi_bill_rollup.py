from odoo import fields, models

from odoo.addons.dist_procure.models.account_move import MATCH_STATES


class DistKpiBillRollup(models.Model):
    """Price variance per company, accounting day, dimensions and bill (the
    bill is a key: the invoice-exception rate counts distinct bills, exactly,
    at any grouping)."""

    _name = "dist.kpi.bill.rollup"
    _inherit = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup: Vendor Bills"
    _dist_kpi_fact = "dist.kpi.bill.fact"
    _dist_kpi_keys = ("move_id", "bill_match_state")
    _dist_kpi_measures = {
        "ppv": "SUM(f.ppv)",
    }

    move_id = fields.Many2one("account.move", string="Bill", readonly=True)
    bill_match_state = fields.Selection(
        MATCH_STATES, string="Bill Match Status", readonly=True
    )
    ppv = fields.Float(string="Price Variance", readonly=True)
