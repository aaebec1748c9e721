from odoo import fields, models

from ..models.dist_kpi_fact_mixin import changed_order_lines, write_date_index


class DistKpiDeliveryFact(models.Model):
    """Customer order lines against their committed date (OTIF).

    One row per confirmed sale order line of goods. The committed date is the
    order's delivery date (``commitment_date``), else the order date plus the
    line's customer lead time; ``date`` is that day (UTC). ``qty_on_time`` is
    what the done deliveries to a customer location of the line moved by the
    end of that day; the line is on time and in full (``otif``) when it covers
    the ordered quantity (quantities in the line's unit of measure).
    """

    _name = "dist.kpi.delivery.fact"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact: Customer Deliveries"
    _auto = False
    _order = "date desc, id desc"
    _dist_kpi_rollup = "dist.kpi.delivery.rollup"
    _dist_kpi_indexes = (write_date_index("sale_order_line"),)

    date = fields.Date(string="Committed Date", readonly=True)
    order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Sales Order Line", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    qty_ordered = fields.Float(readonly=True, digits="Product Unit of Measure")
    qty_on_time = fields.Float(
        string="Delivered On Time", readonly=True, digits="Product Unit of Measure"
    )
    qty_delivered = fields.Float(readonly=True, digits="Product Unit of Measure")
    last_delivery_date = fields.Datetime(readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    otif = fields.Integer(string="Lines OTIF", readonly=True)

    def _dist_kpi_changed(self, since):
        """Order lines written, of an order written (its commitment date), or
        with a move written (delivered)."""
        return changed_order_lines(
            since, "sale_order_line", "sale_order", "sale_line_id"
        )

    def _dist_kpi_query(self):
        return """
            SELECT sol.id,
                   sol.id AS sale_line_id,
                   sol.company_id,
                   sol.order_id,
                   so.partner_id,
                   sol.product_id,
                   so.warehouse_id,
                   sol.dist_family_id AS family_id,
                   sol.dist_segment_id AS segment_id,
                   sol.dist_region_id AS region_id,
                   d.committed::date AS date,
                   sol.product_uom_qty AS qty_ordered,
                   COALESCE(d.qty_on_time, 0) AS qty_on_time,
                   COALESCE(d.qty_delivered, 0) AS qty_delivered,
                   d.last_delivery_date,
                   1 AS line_count,
                   CASE WHEN COALESCE(d.qty_on_time, 0) >= sol.product_uom_qty
                        THEN 1 ELSE 0 END AS otif
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN product_product pp ON pp.id = sol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
        CROSS JOIN LATERAL (
                    SELECT c.committed,
                           SUM(sm.quantity) FILTER (
                               WHERE sm.date::date <= c.committed::date
                           ) AS qty_on_time,
                           SUM(sm.quantity) AS qty_delivered,
                           MAX(sm.date) AS last_delivery_date
                      FROM (SELECT COALESCE(
                                so.commitment_date,
                                so.date_order
                                + make_interval(days => COALESCE(sol.customer_lead, 0)::int)
                            ) AS committed) c
                 LEFT JOIN stock_move sm
                        ON sm.sale_line_id = sol.id AND sm.state = 'done'
                       AND sm.location_dest_id IN (
                           SELECT id FROM stock_location WHERE usage = 'customer'
                       )
                  GROUP BY c.committed
                   ) d
             WHERE so.state IN ('sale', 'done')
               AND sol.display_type IS NULL
               AND sol.product_uom_qty > 0
               AND pt.type IN ('product', 'consu')
        """
