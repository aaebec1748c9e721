from odoo import fields, models


class StockValuationAdjustmentLines(models.Model):
    _inherit = "stock.valuation.adjustment.lines"

    # computed before the INSERT: one batch create of the split, no UPDATE per line
    name = fields.Char(compute="_compute_name", store=True, precompute=True)
    final_cost = fields.Monetary(
        compute="_compute_final_cost", store=True, precompute=True
    )

    dist_actual_amount = fields.Monetary(
        string="Actual Share",
        readonly=True,
        help="Share of the actual bill allocated to this move (true-ups only).",
    )
    dist_cost_product_id = fields.Many2one(
        related="cost_line_id.product_id",
        store=True,
        precompute=True,
        string="Cost Type",
    )
    dist_kind = fields.Selection(
        related="cost_id.dist_kind", store=True, precompute=True
    )
