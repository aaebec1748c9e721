from odoo import api, fields, models


class SaleOrderLine(models.Model):
    """Carry the harmonized dimensions so sales and margins can be cut by them.

    Captured when the line is created or its product/customer changes; a
    later reclassification of the product does not rewrite past orders.
    """

    _inherit = "sale.order.line"

    dist_family_id = fields.Many2one(
        "dist.product.family",
        string="Product Family",
        compute="_compute_dist_dimensions",
        store=True,
        readonly=False,
        index=True,
    )
    dist_segment_id = fields.Many2one(
        "dist.customer.segment",
        string="Segment",
        compute="_compute_dist_dimensions",
        store=True,
        readonly=False,
        index=True,
    )
    dist_region_id = fields.Many2one(
        "dist.region",
        string="Region",
        compute="_compute_dist_dimensions",
        store=True,
        readonly=False,
        index=True,
    )

    @api.depends("product_id", "order_id.partner_id", "order_id.warehouse_id")
    def _compute_dist_dimensions(self):
        for line in self:
            order = line.order_id
            line.dist_family_id = line.product_id.product_tmpl_id.dist_family_id
            line.dist_segment_id = (
                order.partner_id.commercial_partner_id.dist_segment_id
            )
            line.dist_region_id = (
                order.warehouse_id.dist_region_id or order.company_id.dist_region_id
            )
