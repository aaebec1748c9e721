from odoo import _, api, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    """Only approved suppliers and active items can be ordered.

    The vendor (its commercial partner) must be approved whenever it becomes
    the order's, by ``create`` or a ``write`` of ``partner_id``, in any state
    of the order; lines take active items only (``dist.item.line.mixin`` on
    ``purchase.order.line``). ``button_confirm`` (draft/sent -> purchase or to
    approve) and ``button_approve`` (to approve -> purchase) check both again,
    as an early explanation for masters blocked since they entered the order.
    """

    _inherit = "purchase.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._check_dist_vendor_approved()
        return orders

    def write(self, vals):
        if "partner_id" not in vals:
            return super().write(vals)
        # Writing the vendor an order already has brings nobody in.
        changed = self.filtered(lambda order: order.partner_id.id != vals["partner_id"])
        result = super().write(vals)
        changed._check_dist_vendor_approved()
        return result

    def button_confirm(self):
        self.filtered(lambda o: o.state in ("draft", "sent"))._check_dist_masters()
        return super().button_confirm()

    def button_approve(self, force=False):
        self._check_dist_masters()
        return super().button_approve(force=force)

    def _check_dist_vendor_approved(self):
        """Raise naming the order whose vendor is not an approved supplier."""
        for order in self:
            vendor = order.partner_id.commercial_partner_id
            if vendor and vendor.dist_supplier_state != "approved":
                vendor._dist_raise_not_approved(order)

    def _check_dist_masters(self):
        """Raise naming the order and the vendor or items that are not cleared."""
        for order in self:
            vendor = order.partner_id.commercial_partner_id
            if vendor.dist_supplier_state != "approved":
                raise UserError(
                    _(
                        "%(order)s cannot be confirmed: the vendor %(vendor)s is "
                        "not approved (field Supplier Status: %(state)s).",
                        order=order.display_name,
                        vendor=vendor.display_name,
                        state=dict(vendor._fields["dist_supplier_state"].selection)[
                            vendor.dist_supplier_state
                        ],
                    )
                )
            order.order_line.product_id.product_tmpl_id._dist_check_active(order)
