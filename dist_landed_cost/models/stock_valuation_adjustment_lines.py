from odoo import fields, models
from odoo.tools import float_round


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

    def _create_accounting_entries(self, move, qty_out):
        """Book as delivered exactly what the valuation layer did not keep.

        Core rounds the on-hand share (valuation layer) and the delivered share
        (journal items) separately, so both can round a half cent the same way
        and stock valuation drifts from the stock account by a cent. For our
        landed costs the delivered share is the complement of the rounded
        on-hand share, passed to core as the equivalent quantity.
        """
        if self.cost_id.dist_kind and qty_out and self.quantity:
            amount = self.additional_landed_cost
            currency = self.cost_id.currency_id
            on_hand = currency.round((self.quantity - qty_out) / self.quantity * amount)
            if not currency.is_zero(amount):
                qty_out = float_round(
                    (amount - on_hand) / amount * self.quantity, precision_digits=9
                )
        return super()._create_accounting_entries(move, qty_out)
