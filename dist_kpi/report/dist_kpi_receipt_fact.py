from odoo import fields, models
from odoo.tools import SQL

from ..models.dist_kpi_fact_mixin import write_date_index


class DistKpiReceiptFact(models.Model):
    """Purchase order lines against the promised receipt date and the
    vendor's stated lead time (supplier on time, lead-time adherence).

    One row per confirmed purchase order line of goods. ``date`` is the
    promised receipt date (``date_planned``, UTC day); ``qty_on_time`` what
    done receipts from a vendor location brought (quantities in the
    product's unit of measure) by the end of that day.
    ``vendor_lead_days`` is the shortest delivery lead time of the vendor's
    price list lines for the product (company or shared): the lines of the
    product's template for every variant or for this one (a line naming a
    variant names its template too, so the lookup reads the index on vendor
    and template), ``actual_lead_days``
    the days from the order's confirmation
    (``date_approve``) to the receipt completing the line.
    """

    _name = "dist.kpi.receipt.fact"
    _inherit = "dist.kpi.purchase.fact.mixin"
    _description = "KPI Fact: Supplier Receipts"
    _auto = False
    _order = "date desc, id desc"
    _dist_kpi_rollup = "dist.kpi.receipt.rollup"
    _dist_kpi_indexes = (
        write_date_index("purchase_order_line"),
        write_date_index("purchase_order"),
        (
            "dist_kpi_supplierinfo_partner_tmpl_idx",
            "product_supplierinfo",
            ["partner_id", "product_tmpl_id"],
            "",
        ),
    )

    date = fields.Date(string="Promised Date", readonly=True)
    qty_ordered = fields.Float(readonly=True, digits="Product Unit of Measure")
    qty_on_time = fields.Float(
        string="Received On Time", readonly=True, digits="Product Unit of Measure"
    )
    qty_received = fields.Float(readonly=True, digits="Product Unit of Measure")
    full_receipt_date = fields.Datetime(
        string="Received In Full On",
        readonly=True,
        help="The receipt that completed the line (last receipt date).",
    )
    vendor_lead_days = fields.Integer(string="Vendor Lead Time", readonly=True)
    actual_lead_days = fields.Integer(string="Actual Lead Time", readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    on_time = fields.Integer(string="Lines On Time", readonly=True)
    lead_count = fields.Integer(
        string="Lines With Lead Time",
        readonly=True,
        help="Lines received in full whose vendor states a lead time.",
    )
    lead_ok = fields.Integer(string="Lines Within Lead Time", readonly=True)

    def _dist_kpi_changed(self, since):
        """As every purchase fact, and the lines a vendor lead time written
        applies to."""
        return SQL(
            """%s
         UNION ALL SELECT pol.id FROM product_supplierinfo si
                     JOIN product_product pp ON pp.product_tmpl_id = si.product_tmpl_id
                     JOIN purchase_order_line pol ON pol.product_id = pp.id
                     JOIN purchase_order po
                       ON po.id = pol.order_id AND po.partner_id = si.partner_id
                    WHERE si.write_date >= %s""",
            super()._dist_kpi_changed(since),
            since,
        )

    def _dist_kpi_query(self):
        return (
            self._dist_kpi_purchase_columns
            + """
                   pol.product_uom_qty AS qty_ordered,
                   COALESCE(r.qty_on_time, 0) AS qty_on_time,
                   COALESCE(r.qty_received, 0) AS qty_received,
                   full_date.value AS full_receipt_date,
                   lead.days AS vendor_lead_days,
                   full_date.value::date - po.date_approve::date AS actual_lead_days,
                   1 AS line_count,
                   CASE WHEN COALESCE(r.qty_on_time, 0) >= pol.product_uom_qty
                        THEN 1 ELSE 0 END AS on_time,
                   CASE WHEN full_date.value IS NOT NULL AND lead.days IS NOT NULL
                        THEN 1 ELSE 0 END AS lead_count,
                   CASE WHEN full_date.value IS NOT NULL AND lead.days IS NOT NULL
                         AND full_date.value::date - po.date_approve::date <= lead.days
                        THEN 1 ELSE 0 END AS lead_ok
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN product_product pp ON pp.id = pol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN stock_picking_type spt ON spt.id = po.picking_type_id
         LEFT JOIN LATERAL (
                    SELECT SUM(sm.product_qty) FILTER (
                               WHERE sm.date::date <= pol.date_planned::date
                           ) AS qty_on_time,
                           SUM(sm.product_qty) AS qty_received,
                           MAX(sm.date) AS last_date
                      FROM stock_move sm
                      JOIN stock_location ls ON ls.id = sm.location_id
                     WHERE sm.purchase_line_id = pol.id AND sm.state = 'done'
                       AND ls.usage = 'supplier'
                   ) r ON TRUE
         LEFT JOIN LATERAL (
                    SELECT CASE WHEN r.qty_received >= pol.product_uom_qty
                                THEN r.last_date END AS value
                   ) full_date ON TRUE
         LEFT JOIN LATERAL (
                    SELECT MIN(si.delay) AS days
                      FROM product_supplierinfo si
                     WHERE si.partner_id = po.partner_id
                       AND si.product_tmpl_id = pp.product_tmpl_id
                       AND (si.product_id IS NULL OR si.product_id = pol.product_id)
                       AND (si.company_id IS NULL OR si.company_id = pol.company_id)
                   ) lead ON TRUE
             WHERE po.state IN ('purchase', 'done')
               AND pol.display_type IS NULL
               AND pol.product_qty > 0
               AND pt.type IN ('product', 'consu')
        """
        )
