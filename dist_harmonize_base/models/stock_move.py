from odoo import models


class StockMove(models.Model):
    """Carry the harmonized dimensions onto stock moves (stock turns, OTIF).

    Captured when the move is created; moves created from an order line take
    the line's values, so the same family/segment/region flows from the
    order to the picking. Reclassifying a product later rewrites nothing.
    """

    _name = "stock.move"
    _inherit = ["stock.move", "dist.dimension.mixin"]
    _dist_dimension_depends = (
        "product_id",
        "partner_id",
        "picking_type_id",
        "warehouse_id",
    )

    def _dist_dimension_values(self):
        source_line = self.purchase_line_id or self.sale_line_id
        if source_line:
            return {
                "dist_family_id": source_line.dist_family_id,
                "dist_segment_id": source_line.dist_segment_id,
                "dist_region_id": source_line.dist_region_id,
            }
        partner = self.partner_id or self.picking_id.partner_id
        warehouse = self.warehouse_id or self.picking_type_id.warehouse_id
        region = warehouse.dist_region_id or self.company_id.dist_region_id
        return self._dist_dimensions_from(self.product_id, partner, region)
