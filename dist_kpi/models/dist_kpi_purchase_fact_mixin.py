from odoo import fields, models


class DistKpiPurchaseFactMixin(models.AbstractModel):
    """The purchase order line a purchase fact's row stands for."""

    _name = "dist.kpi.purchase.fact.mixin"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact on Purchase Order Lines"

    order_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True)
    purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Purchase Order Line", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Vendor", readonly=True)

    # The columns every purchase fact selects first (``pol``: the order line,
    # ``po``: its order, ``spt``: the order's operation type); ``date`` is the
    # line's planned date.
    _dist_kpi_purchase_columns = """
            SELECT pol.id,
                   pol.id AS purchase_line_id,
                   pol.company_id,
                   pol.order_id,
                   po.partner_id,
                   pol.product_id,
                   spt.warehouse_id,
                   pol.dist_family_id AS family_id,
                   pol.dist_segment_id AS segment_id,
                   pol.dist_region_id AS region_id,
                   pol.date_planned::date AS date,"""
