from odoo import models


class SaleOrderLine(models.Model):
    """Carry the harmonized dimensions so sales and margins can be cut by them;
    take active items only, in any state of the order (``dist.item.line.mixin``),
    but the company's down payment product (a technical service Odoo creates).

    Captured when the line is created or its product/customer changes; a later
    reclassification of the product or segment change of the customer does not
    rewrite past orders.
    """

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "dist.dimension.mixin", "dist.item.line.mixin"]
    _dist_dimension_depends = (
        "product_id",
        "order_id.partner_id",
        "order_id.warehouse_id",
    )

    def _dist_dimension_values(self):
        order = self.order_id
        region = order.warehouse_id.dist_region_id or order.company_id.dist_region_id
        return self._dist_dimensions_from(self.product_id, order.partner_id, region)

    def _dist_item_lines_allowed(self):
        return self.filtered(
            lambda line: (
                line.is_downpayment
                and line.product_id
                == line.order_id.company_id.sale_down_payment_product_id
            )
        )
