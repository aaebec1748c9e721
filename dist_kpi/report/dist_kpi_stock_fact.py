from odoo import fields, models
from odoo.tools import SQL

from ..models.dist_kpi_fact_mixin import write_date_index


class DistKpiStockFact(models.Model):
    """Stock valuation layers with their warehouse, family and region.

    One row per ``stock.valuation.layer``: ``value`` sums to Odoo's own
    valuation at a date (the layers created up to it), ``remaining_qty`` and
    ``remaining_value`` are what is still in stock of the layer, aged from the
    layer's date. The warehouse is taken from the layer's move: its
    destination for an incoming layer (and a landed cost or revaluation on a
    receipt), its source for an outgoing one; a landed-cost layer takes the
    move of the layer it adjusts. The family is the one captured on the move,
    else the product's.
    """

    _name = "dist.kpi.stock.fact"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact: Stock Valuation"
    _auto = False
    _order = "date desc, id desc"
    _dist_kpi_dimensions = ("warehouse_ids", "family_ids", "region_ids")
    _dist_kpi_rollup = "dist.kpi.stock.rollup"
    _dist_kpi_indexes = (
        write_date_index("stock_valuation_layer"),
        write_date_index("stock_move"),
        (
            "dist_kpi_svl_company_date_idx",
            "stock_valuation_layer",
            ["company_id", "create_date"],
            "",
        ),
        (
            "dist_kpi_svl_remaining_idx",
            "stock_valuation_layer",
            ["company_id", "create_date"],
            "remaining_qty > 0",
        ),
    )

    date = fields.Datetime(readonly=True)
    move_id = fields.Many2one("stock.move", string="Stock Move", readonly=True)
    layer_id = fields.Many2one(
        "stock.valuation.layer", string="Valuation Layer", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    value = fields.Monetary(readonly=True)
    remaining_qty = fields.Float(readonly=True, digits="Product Unit of Measure")
    remaining_value = fields.Monetary(readonly=True)

    def _dist_kpi_changed(self, since):
        """Layers written (their remaining quantity consumed), of a move or a
        product template written, and those adjusting them."""
        return SQL(
            """SELECT id FROM stock_valuation_layer WHERE write_date >= %(since)s
         UNION ALL SELECT svl.id FROM stock_move sm
                     JOIN stock_valuation_layer svl ON svl.stock_move_id = sm.id
                    WHERE sm.write_date >= %(since)s
         UNION ALL SELECT svl.id FROM product_template pt
                     JOIN product_product pp ON pp.product_tmpl_id = pt.id
                     JOIN stock_valuation_layer svl ON svl.product_id = pp.id
                    WHERE pt.write_date >= %(since)s
         UNION ALL SELECT child.id FROM stock_valuation_layer parent
                     JOIN stock_valuation_layer child
                       ON child.stock_valuation_layer_id = parent.id
                    WHERE parent.write_date >= %(since)s""",
            since=since,
        )

    def _dist_kpi_query(self):
        return """
            SELECT svl.id,
                   svl.id AS layer_id,
                   svl.company_id,
                   svl.create_date AS date,
                   svl.product_id,
                   COALESCE(sm.dist_family_id, pt.dist_family_id) AS family_id,
                   wh.id AS warehouse_id,
                   wh.dist_region_id AS region_id,
                   NULL::int AS segment_id,
                   sm.id AS move_id,
                   c.currency_id,
                   svl.quantity,
                   svl.value,
                   svl.remaining_qty,
                   svl.remaining_value
              FROM stock_valuation_layer svl
              JOIN res_company c ON c.id = svl.company_id
              JOIN product_product pp ON pp.id = svl.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN stock_valuation_layer parent
                ON parent.id = svl.stock_valuation_layer_id
         LEFT JOIN stock_move sm
                ON sm.id = COALESCE(svl.stock_move_id, parent.stock_move_id)
         LEFT JOIN stock_location ls ON ls.id = sm.location_id
         LEFT JOIN stock_location ld ON ld.id = sm.location_dest_id
         LEFT JOIN stock_warehouse wh
                ON wh.id = CASE WHEN svl.quantity < 0
                                THEN COALESCE(ls.warehouse_id, ld.warehouse_id)
                                ELSE COALESCE(ld.warehouse_id, ls.warehouse_id)
                           END
        """
