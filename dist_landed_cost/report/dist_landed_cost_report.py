from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools import allocation

#: one row per posted estimate / true-up / reversal line (move x cost type)
REPORT_QUERY = """
    SELECT val.id AS id,
           sm.company_id AS company_id,
           picking.dist_shipment_id AS shipment_id,
           sm.picking_id AS picking_id,
           COALESCE(po.partner_id, picking.partner_id) AS partner_id,
           val.dist_cost_product_id AS cost_product_id,
           sm.product_id AS product_id,
           lc.dist_kind AS kind,
           lc.date AS date,
           CASE WHEN lc.dist_kind = 'estimate'
                THEN val.additional_landed_cost ELSE 0 END AS estimated_amount,
           CASE WHEN lc.dist_kind != 'estimate'
                THEN val.dist_actual_amount ELSE 0 END AS actual_amount,
           CASE WHEN lc.dist_kind != 'estimate'
                THEN val.additional_landed_cost ELSE 0 END AS variance_amount,
           val.additional_landed_cost AS current_amount,
           CASE WHEN lc.dist_kind = 'estimate'
                 AND ROW_NUMBER() OVER (
                     PARTITION BY val.cost_id, val.move_id ORDER BY val.id) = 1
                THEN val.former_cost ELSE 0 END AS goods_value
      FROM stock_valuation_adjustment_lines val
      JOIN stock_landed_cost lc
        ON lc.id = val.cost_id AND lc.state = 'done' AND lc.dist_kind IS NOT NULL
      JOIN stock_move sm ON sm.id = val.move_id
 LEFT JOIN stock_picking picking ON picking.id = sm.picking_id
 LEFT JOIN purchase_order_line pol ON pol.id = sm.purchase_line_id
 LEFT JOIN purchase_order po ON po.id = pol.order_id
"""


class DistLandedCostReport(models.Model):
    """Estimated vs actual landed cost by shipment, vendor and cost type.

    ``current_amount`` is what stock valuation carries now (estimate plus
    true-ups); ``goods_value`` is counted once per received move, so the
    landed cost % is right for any grouping but by cost type.
    """

    _name = "dist.landed.cost.report"
    _description = "Landed Cost Analysis"
    _auto = False
    _order = "date desc, id desc"
    #: flushed before the view is read
    _depends = {
        "stock.valuation.adjustment.lines": [
            "cost_id",
            "move_id",
            "additional_landed_cost",
            "dist_actual_amount",
            "dist_cost_product_id",
            "former_cost",
        ],
        "stock.landed.cost": ["state", "dist_kind", "date"],
        "stock.move": ["company_id", "picking_id", "product_id", "purchase_line_id"],
        "stock.picking": ["dist_shipment_id", "partner_id"],
        "purchase.order.line": ["order_id"],
        "purchase.order": ["partner_id"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    shipment_id = fields.Many2one("dist.inbound.shipment", readonly=True)
    picking_id = fields.Many2one("stock.picking", string="Receipt", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Vendor", readonly=True)
    cost_product_id = fields.Many2one(
        "product.product", string="Cost Type", readonly=True
    )
    product_id = fields.Many2one("product.product", readonly=True)
    kind = fields.Selection(
        [("estimate", "Estimate"), ("true_up", "True-up"), ("reversal", "Reversal")],
        readonly=True,
    )
    date = fields.Date(readonly=True)
    estimated_amount = fields.Monetary(string="Estimated", readonly=True)
    actual_amount = fields.Monetary(string="Actual", readonly=True)
    variance_amount = fields.Monetary(string="Variance", readonly=True)
    current_amount = fields.Monetary(string="Landed Cost", readonly=True)
    goods_value = fields.Monetary(readonly=True)
    landed_cost_percent = fields.Float(
        string="Landed Cost %",
        readonly=True,
        group_operator="sum",
        help="Landed cost as % of goods value of the group.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT report.*,
                       CASE WHEN report.goods_value != 0
                            THEN 100.0 * report.current_amount / report.goods_value
                            ELSE 0 END AS landed_cost_percent
                  FROM (%s) report
            )""",
                SQL.identifier(self._table),
                SQL(REPORT_QUERY),
            )
        )

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Landed cost % of a group is a ratio of its sums, not a sum of ratios."""
        wants_percent = any(f.split(":")[0] == "landed_cost_percent" for f in fields)
        if wants_percent:
            fields = [*fields, "current_amount:sum", "goods_value:sum"]
        groups = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        if wants_percent:
            for group in groups:
                group["landed_cost_percent"] = allocation.landed_cost_percent(
                    group.get("current_amount") or 0.0, group.get("goods_value") or 0.0
                )
        return groups
