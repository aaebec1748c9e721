from odoo import fields, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    dist_use_date = fields.Datetime(
        string="Best Before",
        copy=False,
        help="Best-before date read from the GS1 label (AI 15) of a new lot: the lot "
        "created at validation takes it.",
    )

    def _prepare_new_lot_vals(self):
        vals = super()._prepare_new_lot_vals()
        if self.dist_use_date:
            vals["use_date"] = self.dist_use_date
        return vals
