from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What a landed-cost line trues up: fixed once its bill is posted.
TARGET_FIELDS = ("dist_shipment_id", "dist_picking_ids")


class AccountMoveLine(models.Model):
    """Landed-cost targets of bill lines.

    Posting a bill trues up the estimate of the receipts its landed-cost
    lines point at; re-pointing a line afterwards would leave the posted
    true-up under another shipment's bills. So the targets of a posted
    bill's lines change only after resetting it to draft (which reverses
    its true-up), whichever door the change comes through (form, RPC on the
    line, a line added to the posted bill).
    """

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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: line.dist_shipment_id or line.dist_picking_ids
        )._check_dist_targets_unposted()
        return lines

    def write(self, vals):
        if set(TARGET_FIELDS) & set(vals):
            self._check_dist_targets_unposted()
        return super().write(vals)

    def _check_dist_targets_unposted(self):
        posted = self.filtered(lambda line: line.move_id.state == "posted")
        if posted:
            line = posted[0]
            raise UserError(
                _(
                    "Bill %(bill)s is posted: the inbound shipment and landed cost "
                    "receipts of line %(line)s change only after resetting it to "
                    "draft (fields Inbound Shipment, Landed Cost Receipts).",
                    bill=line.move_id.display_name,
                    line=line.name or line.product_id.display_name,
                )
            )
