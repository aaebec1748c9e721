from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools.match import over_receipt_excess

OVERRIDE_GROUP = "dist_procure.dist_procure_group_over_receipt"


class StockMove(models.Model):
    """Receipt gate, over-receipt tolerance and match refresh on receipts.

    The checks run in ``_action_done``, the one method every validation path
    goes through (picking button, backorder wizard, scanner flows, code), on
    the picked moves core is about to set done (``button_validate`` picks
    every move when none is), so a receipt cannot be validated however it
    was created:

    * a move from a supplier linked to an order that is not approved
      (state other than purchase/done) is refused;
    * a move from a supplier without an order is refused when its company
      sets "Receipts Need a Purchase Order";
    * receiving beyond the ordered quantity plus the over-receipt tolerance of
      the applicable key is refused, unless the user holds the over-receipt
      override role: then it goes through and an exception is queued.

    After the moves are done, the bills of their order lines are re-matched.
    """

    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        incoming = self.filtered(
            lambda move: (
                move.state not in ("done", "cancel")
                and move.location_id.usage == "supplier"
                and move.picked
                and move.quantity > 0
            )
        )
        if incoming:
            incoming._check_dist_receipt_gate()
            incoming.filtered("purchase_line_id")._check_dist_over_receipt()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        purchase_lines = moves.filtered(
            lambda move: move.state == "done" and move.purchase_line_id
        ).purchase_line_id
        if purchase_lines:
            # sudo: the receiving user (warehouse) has no access to bills, yet
            # their match must follow the goods; only stored match results
            # are written.
            self.env["account.move"].sudo()._dist_rematch_purchase_lines(
                purchase_lines.sudo()
            )
        return moves

    def _check_dist_receipt_gate(self):
        for move in self:
            order = move.purchase_line_id.order_id
            picking = move.picking_id.display_name or move.reference
            if order and order.state not in ("purchase", "done"):
                raise UserError(
                    _(
                        "Receipt %(picking)s cannot be validated: purchase order "
                        "%(order)s is not approved (field Status: %(state)s).",
                        picking=picking,
                        order=order.display_name,
                        state=dict(
                            order._fields["state"]._description_selection(self.env)
                        )[order.state],
                    )
                )
            if not order and move.company_id.dist_receipt_require_po:
                raise UserError(
                    _(
                        "Receipt %(picking)s cannot be validated: %(product)s is not "
                        "linked to a purchase order and %(company)s requires one "
                        "(setting Receipts Need a Purchase Order).",
                        picking=picking,
                        product=move.product_id.display_name,
                        company=move.company_id.name,
                    )
                )

    def _check_dist_over_receipt(self):
        """Refuse (or, for the override role, queue) receipts beyond tolerance."""
        lines = self.purchase_line_id
        keys_by_company = self.env["dist.tolerance.key"]._get_company_keys(
            lines.company_id
        )
        if not keys_by_company:
            return
        receiving = defaultdict(float)
        for move in self:
            line = move.purchase_line_id
            receiving[line] += move.product_uom._compute_quantity(
                move.quantity, line.product_uom, rounding_method="HALF-UP"
            )
        may_override = self.env.user.has_group(OVERRIDE_GROUP)
        for line, qty in receiving.items():
            company_keys = keys_by_company.get(line.company_id.id)
            if company_keys is None:
                continue
            key = self.env["dist.tolerance.key"]._select(
                company_keys, line.order_id.partner_id, line.product_id
            )
            pct = key.values.over_receipt_pct if key else 0.0
            excess = over_receipt_excess(
                line.product_qty, line.qty_received, qty, pct, line.product_uom.rounding
            )
            if not excess:
                continue
            message = self._dist_over_receipt_message(line, excess, pct)
            if not may_override:
                raise UserError(
                    message
                    + "\n"
                    + _(
                        "Only a user with the Over-Receipt Override role can receive it."
                    )
                )
            self.env["dist.exception"].raise_for(
                line.order_id,
                "override",
                "over_receipt",
                message,
                severity="medium",
                amount=line.currency_id._convert(
                    excess * line.price_unit,
                    line.company_id.currency_id,
                    line.company_id,
                    fields.Date.context_today(self),
                ),
                owner=self.env.user,
            )

    def _dist_over_receipt_message(self, line, excess, pct):
        return _(
            "%(order)s: receiving %(excess)s %(uom)s of %(product)s beyond the "
            "ordered %(ordered)s plus the over-receipt tolerance of %(pct)s %%.",
            order=line.order_id.display_name,
            excess=round(excess, 4),
            uom=line.product_uom.name,
            product=line.product_id.display_name,
            ordered=line.product_qty,
            pct=pct,
        )
