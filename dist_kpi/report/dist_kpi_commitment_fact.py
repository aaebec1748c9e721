from odoo import fields, models


class DistKpiCommitmentFact(models.Model):
    """Open purchase commitments: confirmed order lines not yet received.

    One row per line of a confirmed purchase order with quantity still to
    receive. ``open_amount`` is the untaxed value of that quantity in the
    order's currency; the engine converts it to company currency at the
    closing rate of the date asked (a balance). ``date`` is the expected
    receipt date. Commitments are those open now (received quantities as of
    today), whatever the period.
    """

    _name = "dist.kpi.commitment.fact"
    _inherit = "dist.kpi.purchase.fact.mixin"
    _description = "KPI Fact: Open Purchase Commitments"
    _auto = False
    _order = "date, id"
    _dist_kpi_rollup = "dist.kpi.commitment.rollup"

    date = fields.Date(string="Expected Date", readonly=True)
    order_currency_id = fields.Many2one("res.currency", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    qty_open = fields.Float(
        string="Quantity to Receive", readonly=True, digits="Product Unit of Measure"
    )
    open_amount = fields.Monetary(
        string="Open Amount (Order Currency)",
        currency_field="order_currency_id",
        readonly=True,
        group_operator=False,
    )
    open_amount_company = fields.Monetary(
        string="Open Amount",
        currency_field="company_currency_id",
        readonly=True,
        help="In company currency at today's rate (the dashboard converts at "
        "the rate of the end of the period asked).",
    )

    def _dist_kpi_query(self):
        rate = """COALESCE((
                SELECT r.rate FROM res_currency_rate r
                 WHERE r.currency_id = {currency} AND r.name <= CURRENT_DATE
                   AND (r.company_id IS NULL
                        OR r.company_id = split_part(c.parent_path, '/', 1)::int)
              ORDER BY r.company_id, r.name DESC LIMIT 1), 1.0)"""
        return (
            self._dist_kpi_purchase_columns
            + """
                   po.currency_id AS order_currency_id,
                   c.currency_id AS company_currency_id,
                   pol.product_qty - pol.qty_received AS qty_open,
                   (pol.product_qty - pol.qty_received)
                   * pol.price_subtotal / pol.product_qty AS open_amount,
                   (pol.product_qty - pol.qty_received)
                   * pol.price_subtotal / pol.product_qty
                   * {rate_company} / {rate_order} AS open_amount_company
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN res_company c ON c.id = pol.company_id
         LEFT JOIN stock_picking_type spt ON spt.id = po.picking_type_id
             WHERE po.state = 'purchase'
               AND pol.display_type IS NULL
               AND pol.product_qty > 0
               AND pol.qty_received < pol.product_qty
        """.format(
                rate_company=rate.format(currency="c.currency_id"),
                rate_order=rate.format(currency="po.currency_id"),
            )
        )
