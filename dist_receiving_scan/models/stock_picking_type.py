from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    dist_scan_allow_extra = fields.Boolean(
        string="Scan Products Not Ordered",
        help="On the receiving screen, a product that is not on the receipt's purchase "
        "order is added to the receipt instead of being refused (the receipt gate "
        "of the company still applies at validation).",
    )
