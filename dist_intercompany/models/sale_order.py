from odoo import _, models
from odoo.exceptions import UserError

from .dist_intercompany_transaction import mirroring, record_ref

# What the seller may not change on a sale order mirroring a purchase order.
HEADER_FIELDS = ("partner_id", "pricelist_id", "currency_id", "company_id")


class SaleOrder(models.Model):
    """The seller's side of the order flow: the mirrored sale order.

    Created by the engine as the seller's technical user
    (``purchase.order._dist_ic_mirror_order``), it is never mirrored back
    into a new order. Its later changes (quantities, prices, new lines,
    cancellation) are written on the buyer's purchase order as the buyer's
    technical user, or refused naming both orders (``sale_order_line.py``).
    """

    _name = "sale.order"
    _inherit = ["sale.order", "dist.guarded.mixin", "dist.intercompany.link.mixin"]

    def _dist_ic_purchase(self):
        """The live purchase order ``self`` mirrors (sudo: the buyer's), or empty."""
        self.ensure_one()
        if not self.dist_ic_mirrored:
            return self.env["purchase.order"]
        # sudo: the chain's other document, only read here to check and name it.
        purchase = self.sudo().dist_ic_transaction_id.purchase_id
        return purchase if purchase.state != "cancel" else purchase.browse()

    def write(self, vals):
        linked = self.filtered(lambda order: order._dist_ic_purchase())
        changed = [name for name in HEADER_FIELDS if name in vals]
        if changed and linked:
            linked._check_dist_ic_header(vals, changed)
        cancelling = self.browse()
        if vals.get("state") == "cancel":
            cancelling = linked.filtered(lambda order: order.state != "cancel")
            cancelling._check_dist_ic_cancel()
        result = super().write(vals)
        if cancelling:
            cancelling._dist_ic_cancel_purchase()
        return result

    def _dist_ic_raise(self, message):
        purchase = self._dist_ic_purchase()
        raise UserError(
            _(
                "Sale order %(sale)s (%(seller)s) mirrors purchase order "
                "%(order)s (%(buyer)s): %(message)s.",
                sale=self.name,
                seller=self.company_id.name,
                order=purchase.name,
                buyer=purchase.company_id.name,
                message=message,
            )
        )

    def _check_dist_ic_header(self, vals, changed):
        for order in self:
            for name in changed:
                field = order._fields[name]
                if field.convert_to_cache(vals[name], order) != order[name].id:
                    order._dist_ic_raise(
                        _("its %(field)s cannot change", field=field.string)
                    )

    def _check_dist_ic_cancel(self):
        for order in self:
            reason = order._dist_ic_purchase()._dist_ic_cancel_blocker() or (
                order._dist_ic_cancel_blocker()
            )
            if reason:
                order._dist_ic_raise(
                    _("it cannot be cancelled, %(reason)s", reason=reason)
                )

    def _dist_ic_cancel_blocker(self):
        """Why the order can no longer be cancelled (text), or False."""
        self.ensure_one()
        order = self.sudo()
        if order.order_line.move_ids.filtered(lambda move: move.state == "done"):
            return _("%(order)s is already delivered", order=order.name)
        if order.invoice_ids.filtered(lambda move: move.state == "posted"):
            return _("%(order)s is already invoiced", order=order.name)
        return False

    def _dist_ic_cancel_purchase(self):
        """Cancel the purchase orders the cancelled sale orders mirror."""
        for order in self:
            purchase = order._dist_ic_purchase()
            if not purchase:
                continue
            transaction = order.sudo().dist_ic_transaction_id
            rule = transaction.rule_id
            with mirroring(order, purchase, rule.buyer_user_id):
                purchase.with_env(rule._dist_buyer_env()).button_cancel()
            transaction._dist_log_event(
                "order",
                order,
                purchase,
                "ok",
                _(
                    "Purchase order %(order)s cancelled with the sale order.",
                    order=record_ref(purchase),
                ),
                state="skipped",
            )
