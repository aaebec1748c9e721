from odoo import models


class PurchaseOrderLine(models.Model):
    """Carry the harmonized dimensions so purchases can be cut by them; take
    active items only, in any state of the order (``dist.item.line.mixin``).

    The values are captured when the line is created or its product changes
    (the compute depends on ``product_id``, not on the product's family): a
    later reclassification of the product does not rewrite past orders.
    """

    _name = "purchase.order.line"
    _inherit = [
        "purchase.order.line",
        "dist.dimension.mixin",
        "dist.item.line.mixin",
    ]
    _dist_dimension_depends = (
        "product_id",
        "order_id.partner_id",
        "order_id.picking_type_id",
    )

    def _dist_dimension_values(self):
        order = self.order_id
        region = (
            order.picking_type_id.warehouse_id.dist_region_id
            or order.company_id.dist_region_id
        )
        return self._dist_dimensions_from(self.product_id, order.partner_id, region)
