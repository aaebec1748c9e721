from odoo import fields, models


class StockValuationAdjustmentLines(models.Model):
    _inherit = "stock.valuation.adjustment.lines"

    dist_actual_amount = fields.Monetary(
        string="Actual Share",
        readonly=True,
        help="Share of the actual bill allocated to this move (true-ups only).",
    )
    dist_cost_product_id = fields.Many2one(
        related="cost_line_id.product_id", store=True, string="Cost Type"
    )
    dist_kind = fields.Selection(related="cost_id.dist_kind", store=True)
