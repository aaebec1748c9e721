from odoo import fields, models

from ..models.dist_kpi_fact_mixin import changed_move_lines


class DistKpiBalanceFact(models.Model):
    """Posted journal items on receivable and payable accounts (working
    capital), in company currency.

    ``receivable`` is the item's balance on a receivable account, ``payable``
    its balance on a payable one (negative for what is owed). ``date`` is the
    accounting date; the balance at a date sums the items up to it. A
    company-level figure: not cut by any dimension.
    """

    _name = "dist.kpi.balance.fact"
    _inherit = "dist.kpi.fact.mixin"
    _description = "KPI Fact: Receivables and Payables"
    _auto = False
    _order = "date desc, id desc"
    _dist_kpi_dimensions = ()
    _dist_kpi_rollup = "dist.kpi.balance.rollup"

    date = fields.Date(readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    receivable = fields.Monetary(readonly=True)
    payable = fields.Monetary(readonly=True)

    def _dist_kpi_changed(self, since):
        """Every item of an entry written (its state is the entry's)."""
        return changed_move_lines(since)

    def _dist_kpi_query(self):
        return """
            SELECT aml.id,
                   aml.company_id,
                   aml.date,
                   aml.move_id,
                   aml.account_id,
                   aml.partner_id,
                   NULL::int AS product_id,
                   NULL::int AS warehouse_id,
                   NULL::int AS family_id,
                   NULL::int AS segment_id,
                   NULL::int AS region_id,
                   aml.company_currency_id AS currency_id,
                   CASE WHEN acc.account_type = 'asset_receivable'
                        THEN aml.balance ELSE 0 END AS receivable,
                   CASE WHEN acc.account_type = 'liability_payable'
                        THEN aml.balance ELSE 0 END AS payable
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id
             WHERE aml.parent_state = 'posted'
               AND acc.account_type IN ('asset_receivable', 'liability_payable')
        """
