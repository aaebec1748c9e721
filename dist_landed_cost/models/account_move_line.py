from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    dist_shipment_id = fields.Many2one(
        "dist.inbound.shipment",
        string="Inbound Shipment",
        check_company=True,
        index="btree_not_null",
        help="Posting the bill trues up this shipment's estimated landed cost.",
    )
    dist_picking_ids = fields.Many2many(
        "stock.picking",
        "dist_landed_cost_aml_picking_rel",
        "line_id",
        "picking_id",
        string="Landed Cost Receipts",
        check_company=True,
        domain=[("picking_type_code", "=", "incoming"), ("state", "=", "done")],
        help="Receipts whose estimated landed cost this bill line trues up.",
    )

    @api.onchange("dist_shipment_id", "dist_picking_ids")
    def _onchange_dist_landed_cost_target(self):
        if (
            self.dist_shipment_id or self.dist_picking_ids
        ) and self.product_id.landed_cost_ok:
            self.is_landed_costs_line = True

    def _dist_target_pickings(self):
        """The receipts this landed-cost line points at (shipment or explicit)."""
        self.ensure_one()
        return (self.dist_shipment_id.picking_ids | self.dist_picking_ids).filtered(
            lambda picking: (
                picking.state == "done" and picking.picking_type_code == "incoming"
            )
        )

    def _dist_is_true_up_line(self):
        self.ensure_one()
        return bool(
            self.display_type == "product"
            and self.product_id.landed_cost_ok
            and (self.dist_shipment_id or self.dist_picking_ids)
        )

    def _dist_match_is_explained(self):
        # A true-up line is accounted for against its receipts' estimate.
        return self._dist_is_true_up_line() or super()._dist_match_is_explained()
