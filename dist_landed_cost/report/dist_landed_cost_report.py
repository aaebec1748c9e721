from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools import allocation

#: one row per posted estimate / true-up / reversal line (move x cost type).
#: A move's cost type is billed once a true-up not reversed since books its
#: actual; only billed ones have an actual and a variance, and their estimate
#: is kept apart from the estimates still waiting for a bill.
REPORT_QUERY = """
    SELECT line.id, line.company_id, line.shipment_id, line.picking_id,
           line.partner_id, line.cost_product_id, line.product_id, line.kind,
           line.date, line.is_billed,
           CASE WHEN line.is_billed THEN 'billed' ELSE 'open' END AS billing_state,
           CASE WHEN line.kind = 'estimate' THEN 'estimate_'
                    || CASE WHEN line.is_billed THEN 'billed' ELSE 'open' END
                ELSE 'actual' END AS amount_type,
           CASE WHEN line.kind = 'estimate'
                THEN line.amount ELSE line.actual END AS amount,
           CASE WHEN line.kind = 'estimate'
                THEN line.amount ELSE 0 END AS estimated_amount,
           CASE WHEN line.kind = 'estimate' AND line.is_billed
                THEN line.amount ELSE 0 END AS billed_estimate_amount,
           CASE WHEN line.kind = 'estimate' AND NOT line.is_billed
                THEN line.amount ELSE 0 END AS open_estimate_amount,
           CASE WHEN line.kind != 'estimate'
                THEN line.actual ELSE 0 END AS actual_amount,
           CASE WHEN line.kind != 'estimate'
                THEN line.amount ELSE 0 END AS variance_amount,
           line.amount AS current_amount,
           line.goods_value
      FROM (
        SELECT val.id AS id,
               sm.company_id AS company_id,
               picking.dist_shipment_id AS shipment_id,
               sm.picking_id AS picking_id,
               COALESCE(po.partner_id, picking.partner_id) AS partner_id,
               val.dist_cost_product_id AS cost_product_id,
               sm.product_id AS product_id,
               lc.dist_kind AS kind,
               lc.date AS date,
               val.additional_landed_cost AS amount,
               val.dist_actual_amount AS actual,
               SUM(CASE lc.dist_kind WHEN 'true_up' THEN 1
                                     WHEN 'reversal' THEN -1 ELSE 0 END)
                   OVER (PARTITION BY val.move_id, val.dist_cost_product_id)
                   > 0 AS is_billed,
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
      ) line
"""

#: measures that mean nothing until a bill booked actuals: empty, not 0
BILLED_ONLY_MEASURES = ("actual_amount", "variance_amount")
BILLING_STATES = [("open", "Not Billed Yet"), ("billed", "Billed")]


class DistLandedCostReport(models.Model):
    """Estimated vs actual landed cost by shipment, vendor and cost type.

    Estimates are split by billing state: ``billed_estimate_amount`` compares
    with ``actual_amount`` (their difference is ``variance_amount``), while
    ``open_estimate_amount`` waits for its bill; a group without any billed
    line has no actual and no variance (empty, not zero). ``amount`` with
    ``amount_type`` puts estimates and actuals side by side in one measure
    (the graph); it is empty unless grouped by ``amount_type``.
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
    is_billed = fields.Boolean(string="Billed", readonly=True)
    billing_state = fields.Selection(
        BILLING_STATES,
        readonly=True,
        help="Billed once a bill booked the actual of this cost type on this move.",
    )
    amount_type = fields.Selection(
        [
            ("estimate_open", "Estimated, Not Billed Yet"),
            ("estimate_billed", "Estimated, Billed"),
            ("actual", "Actual"),
        ],
        readonly=True,
    )
    amount = fields.Monetary(
        readonly=True,
        help="Estimated or actual, as Amount Type says: group by Amount Type "
        "to read it (an estimate plus an actual means nothing).",
    )
    estimated_amount = fields.Monetary(
        string="Estimated (All)",
        readonly=True,
        help="Every estimate, billed or not: compare Estimated (Billed) with Actual.",
    )
    billed_estimate_amount = fields.Monetary(
        string="Estimated (Billed)",
        readonly=True,
        help="Estimates of the costs a bill has booked: what Actual replaces.",
    )
    open_estimate_amount = fields.Monetary(
        string="Not Billed Yet",
        readonly=True,
        help="Estimates still accrued, waiting for their bill.",
    )
    actual_amount = fields.Monetary(string="Actual", readonly=True)
    variance_amount = fields.Monetary(
        string="Variance",
        readonly=True,
        help="Actual minus Estimated (Billed); empty until a bill arrives.",
    )
    current_amount = fields.Monetary(
        string="In Stock Valuation",
        readonly=True,
        help="What stock valuation carries: the estimate until billed, then the actual.",
    )
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
        """Landed cost % of a group is a ratio of its sums, not a sum of ratios;
        actual and variance of a group without billed lines are empty; the
        mixed ``amount`` is empty unless grouped by ``amount_type``."""
        names = {f.split(":")[0] for f in fields}
        wants_percent = "landed_cost_percent" in names
        if wants_percent:
            fields = [*fields, "current_amount:sum", "goods_value:sum"]
        billed_only = [name for name in BILLED_ONLY_MEASURES if name in names]
        if billed_only:
            fields = [*fields, "is_billed:bool_or"]
        groupby = [groupby] if isinstance(groupby, str) else groupby or []
        by_type = any(spec.split(":")[0] == "amount_type" for spec in groupby)
        groups = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        for group in groups:
            if wants_percent:
                group["landed_cost_percent"] = allocation.landed_cost_percent(
                    group.get("current_amount") or 0.0, group.get("goods_value") or 0.0
                )
            if billed_only and not group.get("is_billed"):
                group.update(dict.fromkeys(billed_only, False))
            if "amount" in names and not by_type:
                group["amount"] = False
        return groups
