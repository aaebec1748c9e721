from odoo import models


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "dist.guarded.mixin", "dist.intercompany.link.mixin"]
