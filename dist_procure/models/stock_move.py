from odoo import _, api, models
from odoo.exceptions import UserError

# Transaction-owned stack of the moves the running stock operation touches
# (cursor cache, like the guard's permits): names the receipts in messages.
OPERATION_STORE = "dist_procure_receiving_moves"
# Move fields that change what core counts as received on the order line.
RECEIVED_FIELDS = frozenset(
    (
        "state",
        "quantity",
        "product_uom",
        "product_id",
        "purchase_line_id",
        "location_id",
        "location_dest_id",
        "origin_returned_move_id",
        "to_refund",
    )
)


class StockMove(models.Model):
    """Receipt doors of the received-quantity invariant, PO gate, match refresh.

    The invariant itself (a received quantity rises only on an approved order,
    within tolerance unless overridden) is checked where core computes the
    received quantity (``purchase.order.line._check_dist_received``), whatever
    the source location of the move. Creating done moves and writing the
    fields core counts on done moves (state, quantity, unit, order line,
    product, locations, return links) run that check at once, naming these
    moves' receipts; so does ``stock.move.line``.

    ``_action_done`` (every validation path goes through it) also refuses a
    move from a supplier without an order when its company sets "Receipts
    Need a Purchase Order", and re-matches the bills of the order lines once
    their moves are done.
    """

    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves._dist_check_received_if_done()
        return moves

    def write(self, vals):
        if not RECEIVED_FIELDS & set(vals):
            return super().write(vals)
        done = self.filtered(lambda move: move.state == "done")
        lines = done.purchase_line_id
        result = super().write(vals)
        done |= self.filtered(lambda move: move.state == "done")
        if done:
            lines |= done.purchase_line_id
            # some of these fields are not in core's dependencies: recompute
            self.env.add_to_compute(lines._fields["qty_received"], lines)
            done._dist_check_received()
        return result

    def _action_done(self, cancel_backorder=False):
        self.filtered(
            lambda move: (
                move.state not in ("done", "cancel")
                and move.location_id.usage == "supplier"
                and move.picked
                and move.quantity > 0
                and not move.purchase_line_id
            )
        )._check_dist_receipt_gate()
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

    # ------------------------------------------------------------------
    # received quantity
    # ------------------------------------------------------------------
    def _dist_check_received(self):
        """Check now the pending changes of received quantities, as made by ``self``.

        Runs core's pending recomputation of ``qty_received`` (where the
        check lives) while ``self`` is the running operation, so that its
        messages name these moves' receipts. Costs nothing when no received
        quantity is pending.
        """
        stack = self.env.cr.cache.setdefault(OPERATION_STORE, [])
        stack.append(self)
        try:
            self.env["purchase.order.line"]._recompute_model(["qty_received"])
        finally:
            stack.pop()

    def _dist_check_received_if_done(self):
        done = self.filtered(lambda move: move.state == "done")
        if done:
            done._dist_check_received()

    @api.model
    def _dist_moves_in_operation(self):
        """The moves of the running stock operation (empty outside one)."""
        stack = self.env.cr.cache.get(OPERATION_STORE)
        return self.browse(stack[-1].ids) if stack else self.browse()

    def _check_dist_receipt_gate(self):
        """Refuse moves from a supplier without an order where one is required."""
        for move in self.filtered("company_id.dist_receipt_require_po"):
            raise UserError(
                _(
                    "Receipt %(picking)s cannot be validated: %(product)s is not "
                    "linked to a purchase order and %(company)s requires one "
                    "(setting Receipts Need a Purchase Order).",
                    picking=move.picking_id.display_name or move.reference,
                    product=move.product_id.display_name,
                    company=move.company_id.name,
                )
            )
