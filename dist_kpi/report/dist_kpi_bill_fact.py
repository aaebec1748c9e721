from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.dist_procure.models.account_move import MATCH_STATES

from ..models.dist_kpi_fact_mixin import changed_move_lines


class DistKpiBillFact(models.Model):
    """Product lines of posted vendor bills, credit notes and receipts with
    dist_procure's three-way match results (purchase price variance,
    invoice-exception rate).

    ``ppv`` is the line's price variance in company currency ((bill price -
    order price) x billed quantity, positive when paid above the order);
    ``bill_match_state`` is the bill's worst match status. ``date`` is the
    accounting date.
    """

    _name = "dist.kpi.bill.fact"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact: Vendor Bills"
    _auto = False
    _order = "date desc, id desc"
    _dist_kpi_rollup = "dist.kpi.bill.rollup"

    date = fields.Date(readonly=True)
    move_id = fields.Many2one("account.move", string="Bill", readonly=True)
    move_line_id = fields.Many2one(
        "account.move.line", string="Journal Item", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Vendor", readonly=True)
    match_state = fields.Selection(MATCH_STATES, readonly=True)
    bill_match_state = fields.Selection(
        MATCH_STATES, string="Bill Match Status", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    ppv = fields.Monetary(string="Price Variance", readonly=True)

    def _dist_kpi_changed(self, since):
        """Every item of a bill written (its match status is the bill's), or
        billing an order written (its operation type, so its warehouse)."""
        return changed_move_lines(
            since,
            SQL(
                """SELECT aml.move_id FROM purchase_order po
                     JOIN purchase_order_line pol ON pol.order_id = po.id
                     JOIN account_move_line aml ON aml.purchase_line_id = pol.id
                    WHERE po.write_date >= %s""",
                since,
            ),
        )

    def _dist_kpi_query(self):
        return """
            SELECT aml.id,
                   aml.id AS move_line_id,
                   aml.company_id,
                   aml.date,
                   aml.move_id,
                   am.commercial_partner_id AS partner_id,
                   aml.product_id,
                   spt.warehouse_id,
                   aml.dist_family_id AS family_id,
                   aml.dist_segment_id AS segment_id,
                   aml.dist_region_id AS region_id,
                   aml.dist_match_state AS match_state,
                   am.dist_match_state AS bill_match_state,
                   aml.company_currency_id AS currency_id,
                   COALESCE(aml.dist_ppv_amount, 0) AS ppv
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
         LEFT JOIN purchase_order_line pol ON pol.id = aml.purchase_line_id
         LEFT JOIN purchase_order po ON po.id = pol.order_id
         LEFT JOIN stock_picking_type spt ON spt.id = po.picking_type_id
             WHERE am.state = 'posted'
               AND am.move_type IN ('in_invoice', 'in_refund', 'in_receipt')
               AND aml.display_type = 'product'
        """
