from odoo import _, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    """Only approved suppliers and active items can be ordered.

    Checked in ``button_confirm`` (draft/sent -> purchase or to approve) and
    in ``button_approve`` (to approve -> purchase), the two entry points that
    move an order into a confirmed state, whether called from the UI or RPC.
    """

    _inherit = "purchase.order"

    def button_confirm(self):
        self.filtered(lambda o: o.state in ("draft", "sent"))._check_dist_masters()
        return super().button_confirm()

    def button_approve(self, force=False):
        self._check_dist_masters()
        return super().button_approve(force=force)

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
