from odoo import _, models
from odoo.exceptions import UserError

from .dist_intercompany_transaction import mirroring


class SaleOrder(models.Model):
    """The seller's side of the order flow: the mirrored sale order.

    Created by the engine as the seller's technical user
    (``purchase.order._dist_ic_mirror_order``), it is never mirrored back
    into a new order. Its later changes (quantities, prices, new lines,
    cancellation) are written on the buyer's purchase order as the buyer's
    technical user, or refused naming both orders (``sale_order_line.py``).
    """

    _name = "sale.order"
    _inherit = [
        "sale.order",
        "dist.guarded.mixin",
        "dist.intercompany.link.mixin",
        "dist.intercompany.order.mixin",
    ]
    _dist_ic_header_fields = ("partner_id", "pricelist_id", "currency_id", "company_id")

    def _dist_ic_purchase(self):
        """The live purchase order ``self`` mirrors (sudo: the buyer's), or empty."""
        self.ensure_one()
        if not self.dist_ic_mirrored:
            return self.env["purchase.order"]
        # sudo: the chain's other document, only read here to check and name it.
        purchase = self.sudo().dist_ic_transaction_id.purchase_id
        return purchase if purchase.state != "cancel" else purchase.browse()

    # ------------------------------------------------------------------
    # dist.intercompany.order.mixin
    # ------------------------------------------------------------------
    def _dist_ic_counterpart(self):
        return self._dist_ic_purchase()

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

    def _dist_ic_done_labels(self):
        return _("delivered"), _("invoiced")

    def _dist_ic_cancel_counterpart(self):
        """Cancel the purchase orders the cancelled sale orders mirror."""
        for order in self:
            purchase = order._dist_ic_purchase()
            rule = order.sudo().dist_ic_transaction_id.rule_id
            with mirroring(order, purchase, rule.buyer_user_id):
                purchase.with_env(rule._dist_buyer_env()).button_cancel()
            order._dist_ic_log_cancel(purchase)
