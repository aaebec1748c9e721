from odoo import fields, models
from odoo.tools import SQL, sql

from ..models.dist_kpi_fact_mixin import changed_move_lines, write_date_index


class DistKpiMarginFact(models.Model):
    """Revenue and cost of goods sold from the posted journal items of
    customer invoices and credit notes (anglo-saxon accounting).

    Revenue is the income line of each product (``display_type`` product,
    income account), cost of goods sold the expense line Odoo books at the
    invoice (``display_type`` cogs, expense account) at the cost of the
    goods actually delivered, so margin is at the cost booked at sale, never
    today's cost price. Both rows take the dimensions and the warehouse of
    the invoice's product line (its sale order), so revenue and cost cut the
    same way. All amounts in company currency (the journal items' balance).

    When ``dist_intercompany`` is installed (its column on ``sale_order``),
    lines of intercompany orders are flagged ``is_intercompany``: external
    margin leaves them out, ``ic_sales`` shows them.
    """

    _name = "dist.kpi.margin.fact"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact: Sales Margin"
    _auto = False
    _order = "date desc, id desc"
    _dist_kpi_rollup = "dist.kpi.margin.rollup"
    _dist_kpi_indexes = (
        write_date_index("account_move_line"),
        write_date_index("account_move"),
        write_date_index("sale_order"),
        (
            "dist_kpi_aml_margin_idx",
            "account_move_line",
            ["company_id", "date"],
            "display_type IN ('product', 'cogs') AND parent_state = 'posted'",
        ),
    )

    date = fields.Date(readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    move_line_id = fields.Many2one(
        "account.move.line", string="Journal Item", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    is_intercompany = fields.Boolean(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    revenue = fields.Monetary(readonly=True)
    cogs = fields.Monetary(string="Cost of Goods Sold", readonly=True)
    margin = fields.Monetary(readonly=True)

    def _dist_kpi_changed(self, since):
        """Every item of an invoice written, or invoicing an order written
        (its warehouse, its intercompany link): the items of an invoice take
        their dimensions from its product lines."""
        return changed_move_lines(
            since,
            SQL(
                """SELECT il.move_id FROM sale_order so
                     JOIN sale_order_line sol ON sol.order_id = so.id
                     JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = sol.id
                     JOIN account_move_line il ON il.id = rel.invoice_line_id
                    WHERE so.write_date >= %s""",
                since,
            ),
        )

    def _dist_kpi_query(self):
        intercompany = "FALSE"
        if sql.column_exists(self.env.cr, "sale_order", "dist_ic_transaction_id"):
            intercompany = "so.dist_ic_transaction_id IS NOT NULL"
        return f"""
            SELECT aml.id,
                   aml.id AS move_line_id,
                   aml.company_id,
                   aml.date,
                   aml.move_id,
                   aml.product_id,
                   am.commercial_partner_id AS partner_id,
                   COALESCE(src.dist_family_id, aml.dist_family_id) AS family_id,
                   COALESCE(src.dist_segment_id, aml.dist_segment_id) AS segment_id,
                   COALESCE(src.dist_region_id, aml.dist_region_id) AS region_id,
                   so.warehouse_id,
                   COALESCE({intercompany}, FALSE) AS is_intercompany,
                   aml.company_currency_id AS currency_id,
                   CASE WHEN aml.display_type = 'product'
                        THEN -aml.balance ELSE 0 END AS revenue,
                   CASE WHEN aml.display_type = 'cogs'
                        THEN aml.balance ELSE 0 END AS cogs,
                   -aml.balance AS margin
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN account_account acc ON acc.id = aml.account_id
         LEFT JOIN LATERAL (
                    SELECT pl.dist_family_id, pl.dist_segment_id,
                           pl.dist_region_id, rel.order_line_id
                      FROM account_move_line pl
                 LEFT JOIN sale_order_line_invoice_rel rel
                        ON rel.invoice_line_id = pl.id
                     WHERE pl.move_id = aml.move_id
                       AND pl.display_type = 'product'
                       AND pl.product_id IS NOT DISTINCT FROM aml.product_id
                  ORDER BY pl.id = aml.id DESC, rel.order_line_id IS NULL, pl.id
                     LIMIT 1
                   ) src ON TRUE
         LEFT JOIN sale_order_line sol ON sol.id = src.order_line_id
         LEFT JOIN sale_order so ON so.id = sol.order_id
             WHERE aml.parent_state = 'posted'
               AND am.move_type IN ('out_invoice', 'out_refund')
               AND (
                    (aml.display_type = 'product' AND acc.internal_group = 'income')
                 OR (aml.display_type = 'cogs' AND acc.internal_group = 'expense')
               )
        """
