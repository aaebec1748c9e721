from odoo import api, fields, models

# Line fields whose change may move the order's amount beyond its approval.
AMOUNT_FIELDS = ("product_qty", "price_unit", "discount", "taxes_id", "product_id")


class PurchaseOrderLine(models.Model):
    """Link to the requisition line and re-approval on amount changes.

    An approved order goes back to approval when its lines change its amount
    beyond the threshold of its rule's levels, whether the lines are edited
    through the order or directly (RPC on ``purchase.order.line``).
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
        lines = super().create(vals_list)
        lines.order_id._dist_po_check_reapproval("order_line")
        return lines

    def write(self, vals):
        result = super().write(vals)
        changed = sorted(set(AMOUNT_FIELDS) & set(vals))
        if changed:
            self.order_id._dist_po_check_reapproval(", ".join(changed))
        if "product_qty" in vals and self.dist_requisition_line_id:
            self.dist_requisition_line_id.requisition_id._update_done_state()
        return result
