from odoo import api, fields, models


class StockMove(models.Model):
    """Carry the harmonized dimensions onto stock moves (stock turns, OTIF).

    Captured when the move is created; moves created from an order line take
    the line's values, so the same family/segment/region flows from the
    order to the picking. Reclassifying a product later rewrites nothing.
    """

    _inherit = "stock.move"

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

    @api.depends("product_id", "partner_id", "picking_type_id", "warehouse_id")
    def _compute_dist_dimensions(self):
        for move in self:
            source_line = move.purchase_line_id or move.sale_line_id
            if source_line:
                move.dist_family_id = source_line.dist_family_id
                move.dist_segment_id = source_line.dist_segment_id
                move.dist_region_id = source_line.dist_region_id
                continue
            partner = move.partner_id or move.picking_id.partner_id
            warehouse = move.warehouse_id or move.picking_type_id.warehouse_id
            move.dist_family_id = move.product_id.product_tmpl_id.dist_family_id
            move.dist_segment_id = partner.commercial_partner_id.dist_segment_id
            move.dist_region_id = (
                warehouse.dist_region_id or move.company_id.dist_region_id
            )
