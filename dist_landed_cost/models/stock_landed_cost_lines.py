from odoo import fields, models


class StockLandedCostLines(models.Model):
    _inherit = "stock.landed.cost.lines"

    dist_actual_amount = fields.Monetary(
        string="Actual Billed",
        readonly=True,
        help="For a true-up: the amount of the actual bill for this cost type, "
        "in company currency at the bill date.",
    )
