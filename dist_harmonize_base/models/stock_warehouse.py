from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    dist_region_id = fields.Many2one(
        "dist.region",
        string="Region",
        index=True,
        help="Harmonized region; stock moves and order lines of this warehouse "
        "are reported under it.",
    )
