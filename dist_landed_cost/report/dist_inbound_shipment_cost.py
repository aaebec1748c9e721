from odoo import fields, models, tools
from odoo.tools import SQL

from .dist_landed_cost_report import REPORT_QUERY, DistLandedCostReport


class DistInboundShipmentCost(models.Model):
    """Per shipment and cost type: estimated, actual and variance.

    Actual and variance mean something only once ``is_billed`` (a bill booked
    the cost type on one of the shipment's moves): the views hide them before.
    """

    _name = "dist.inbound.shipment.cost"
    _description = "Inbound Shipment Cost Summary"
    _auto = False
    _order = "shipment_id, cost_product_id"
    _depends = DistLandedCostReport._depends

    shipment_id = fields.Many2one("dist.inbound.shipment", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost_product_id = fields.Many2one(
        "product.product", string="Cost Type", readonly=True
    )
    is_billed = fields.Boolean(string="Billed", readonly=True)
    estimated_amount = fields.Monetary(string="Estimated", readonly=True)
    actual_amount = fields.Monetary(string="Actual", readonly=True)
    variance_amount = fields.Monetary(string="Variance", readonly=True)
    current_amount = fields.Monetary(
        string="In Stock Valuation",
        readonly=True,
        help="The estimate until billed, then the actual.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT MIN(report.id) AS id,
                       report.shipment_id,
                       report.company_id,
                       report.cost_product_id,
                       BOOL_OR(report.is_billed) AS is_billed,
                       SUM(report.estimated_amount) AS estimated_amount,
                       SUM(report.actual_amount) AS actual_amount,
                       SUM(report.variance_amount) AS variance_amount,
                       SUM(report.current_amount) AS current_amount
                  FROM (%s) report
                 WHERE report.shipment_id IS NOT NULL
              GROUP BY report.shipment_id, report.company_id, report.cost_product_id
            )""",
                SQL.identifier(self._table),
                SQL(REPORT_QUERY),
            )
        )
