from odoo import models


class SaleOrderLine(models.Model):
    """Carry the harmonized dimensions so sales and margins can be cut by them.

    Captured when the line is created or its product/customer changes; a later
    reclassification of the product or segment change of the customer does not
    rewrite past orders.
    """

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "dist.dimension.mixin"]
    _dist_dimension_depends = (
        "product_id",
        "order_id.partner_id",
        "order_id.warehouse_id",
    )

    def _dist_dimension_values(self):
        order = self.order_id
        region = order.warehouse_id.dist_region_id or order.company_id.dist_region_id
        return self._dist_dimensions_from(self.product_id, order.partner_id, region)
