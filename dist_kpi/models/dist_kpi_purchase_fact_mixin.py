from odoo import fields, models

from .dist_kpi_fact_mixin import changed_order_lines, write_date_index


class DistKpiPurchaseFactMixin(models.AbstractModel):
    """The purchase order line a purchase fact's row stands for."""

    _name = "dist.kpi.purchase.fact.mixin"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact on Purchase Order Lines"
    _dist_kpi_indexes = (
        write_date_index("purchase_order_line"),
        write_date_index("purchase_order"),
    )

    order_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True)
    purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Purchase Order Line", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Vendor", readonly=True)

    def _dist_kpi_changed(self, since):
        """Order lines written (their received quantity), of an order written,
        or with a move written."""
        return changed_order_lines(
            since, "purchase_order_line", "purchase_order", "purchase_line_id"
        )

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
