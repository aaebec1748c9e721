from odoo import _, api, fields, models

# Line fields whose change may move the order's amount beyond its approval.
AMOUNT_FIELDS = ("product_qty", "price_unit", "discount", "taxes_id", "product_id")


class PurchaseOrderLine(models.Model):
    """Link to the requisition line; line changes follow the order's approval.

    Whether lines are edited through the order or directly (RPC on
    ``purchase.order.line``): a pending order whose routing changes is routed
    again, the editor excluded from approving it; an approved order goes back
    to approval when the change needs it (``_dist_approval_watch``).
    """

    _inherit = "purchase.order.line"

    dist_requisition_line_id = fields.Many2one(
        "dist.purchase.requisition.line",
        string="Requisition Line",
        index="btree_not_null",
        copy=False,
        readonly=True,
        check_company=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["purchase.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        )
        with orders._dist_approval_watch(_("order lines added")):
            return super().create(vals_list)

    def write(self, vals):
        changed = sorted(set(AMOUNT_FIELDS) & set(vals))
        if not changed and "order_id" not in vals:
            return self._dist_write_requisition(vals)
        orders = self.order_id
        if vals.get("order_id"):
            orders |= self.env["purchase.order"].browse(vals["order_id"])
        with orders._dist_approval_watch(", ".join(changed) or "order_id"):
            return self._dist_write_requisition(vals)

    def unlink(self):
        with self.order_id._dist_approval_watch(_("order lines removed")):
            return super().unlink()

    def _dist_write_requisition(self, vals):
        result = super().write(vals)
        if "product_qty" in vals and self.dist_requisition_line_id:
            self.dist_requisition_line_id.requisition_id._update_done_state()
        return result
