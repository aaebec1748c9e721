from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    dist_estimate_amount = fields.Monetary(
        string="Estimated Landed Cost",
        compute="_compute_dist_estimate_amount",
        currency_field="dist_company_currency_id",
        help="Landed cost accrued at receipt on this order's receipts "
        "(company currency); trued up by the actual bills.",
    )

    dist_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )

    @api.depends("picking_ids.dist_estimate_amount")
    def _compute_dist_estimate_amount(self):
        for order in self:
            order.dist_estimate_amount = sum(
                order.picking_ids.mapped("dist_estimate_amount")
            )
