from odoo import models


class SaleOrder(models.Model):
    """Only active items can be sold.

    ``action_confirm`` is the single entry point that confirms quotations in
    Odoo 17 (UI, RPC, portal signature and payment all go through it).
    """

    _inherit = "sale.order"

    def action_confirm(self):
        for order in self:
            order.order_line.product_id.product_tmpl_id._dist_check_active(order)
        return super().action_confirm()
