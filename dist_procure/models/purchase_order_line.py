from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare
from odoo.tools.misc import formatLang

from ..tools.match import over_receipt_excess
from .purchase_order import APPROVED_STATES

# Line fields whose change may move the order's amount beyond its approval.
AMOUNT_FIELDS = ("product_qty", "price_unit", "discount", "taxes_id", "product_id")
OVERRIDE_GROUP = "dist_procure.dist_procure_group_over_receipt"


class PurchaseOrderLine(models.Model):
    """Link to the requisition line; line changes follow the order's approval;
    the received-quantity invariant.

    Whether lines are edited through the order or directly (RPC on
    ``purchase.order.line``): a pending order whose routing changes is routed
    again, the editor excluded from approving it; an approved order goes back
    to approval when the change needs it (``_dist_approval_watch``).

    Received means received from the vendor: the received quantity of a line
    rises only on an approved order (state purchase/done), within the ordered
    quantity plus the over-receipt tolerance of the applicable key, unless the
    acting user holds the over-receipt override role (then it goes through,
    is queued, the user is warned and the receipt's chatter says who did it).
    The check sits where the quantity changes: core's
    ``_compute_qty_received`` (every receipt, correction, re-pointed move or
    manual line ends there) and the direct writes of ``qty_received``. Stock
    doors (``stock.move``, ``stock.move.line``) only make it run at once,
    naming their receipts (``stock.move._dist_check_received``). Decreases
    (returns to the vendor) are always allowed.

    The link to the requisition line is set only when the requisition makes
    its RFQs (guarded field): a line linked by hand would mark a requisition
    ordered that nobody ordered.

    Override points: ``_check_dist_received(before)``,
    ``_dist_received_receipts()``, ``_dist_record_over_receipt(...)``.
    """

    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "dist.guarded.mixin"]
    # What was ordered of a requisition line (and so whether the requisition
    # is done) counts the order lines linked to it: only the requisition's
    # RFQ creation links them.
    _dist_guarded_fields = ("dist_requisition_line_id",)

    dist_requisition_line_id = fields.Many2one(
        "dist.purchase.requisition.line",
        string="Requisition Line",
        index="btree_not_null",
        copy=False,
        readonly=True,
        check_company=True,
    )

    def _compute_qty_received(self):
        # The old value is still in cache (or in the database) while computing.
        before = {line.id: line.qty_received for line in self if line.id}
        result = super()._compute_qty_received()
        self._check_dist_received(before)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["purchase.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        )
        with orders._dist_approval_watch(_("order lines added")):
            lines = super().create(vals_list)
        if any("qty_received" in vals for vals in vals_list):
            # written, not computed: core's compute does not run on it
            before = dict.fromkeys(lines.ids, 0.0)
            lines._check_dist_received_write(before)
            lines._check_dist_received(before)
        return lines

    def write(self, vals):
        before = None
        if "qty_received" in vals:
            before = {line.id: line.qty_received for line in self}
        changed = sorted(set(AMOUNT_FIELDS) & set(vals))
        orders = self.order_id.browse()
        if changed or "order_id" in vals:
            orders = self.order_id
            if vals.get("order_id"):
                orders |= self.env["purchase.order"].browse(vals["order_id"])
        with orders._dist_approval_watch(", ".join(changed) or "order_id"):
            result = super().write(vals)
        if "product_qty" in vals and self.dist_requisition_line_id:
            self.dist_requisition_line_id.requisition_id._update_done_state()
        if before is not None:
            # written, not computed: core's compute does not run on it
            self._check_dist_received_write(before)
            self._check_dist_received(before)
        elif "qty_received_manual" in vals:
            # recomputed now, so that the check runs in the writer's call
            self._recompute_recordset(["qty_received"])
        return result

    def unlink(self):
        with self.order_id._dist_approval_watch(_("order lines removed")):
            return super().unlink()

    # ------------------------------------------------------------------
    # received quantity
    # ------------------------------------------------------------------
    def _check_dist_received_write(self, before):
        """Refuse a received quantity written on lines received by stock moves.

        ``before`` maps line ids to their received quantity before the write.
        """
        stocked = self.filtered(lambda line: line.qty_received_method == "stock_moves")
        for line in stocked:
            if float_compare(
                line.qty_received,
                before[line.id],
                precision_rounding=line.product_uom.rounding,
            ):
                raise UserError(
                    _(
                        "%(order)s: the received quantity of %(product)s follows its "
                        "receipts; validate or return a receipt instead of writing it.",
                        order=line.order_id.display_name,
                        product=line.product_id.display_name,
                    )
                )

    def _check_dist_received(self, before):
        """Refuse, or record as overridden, the rises of received quantities.

        ``before`` maps line ids to their received quantity before the change;
        lines missing from it are not checked. Reads the tolerance keys once
        for all lines.
        """
        risen = self.filtered(
            lambda line: (
                line.id in before
                and float_compare(
                    line.qty_received,
                    before[line.id],
                    precision_rounding=line.product_uom.rounding,
                )
                > 0
            )
        )
        if not risen:
            return
        for line in risen:
            if line.order_id.state not in APPROVED_STATES:
                raise UserError(line._dist_not_approved_message())
        Key = self.env["dist.tolerance.key"]
        keys_by_company = Key._get_company_keys(risen.company_id)
        if not keys_by_company:
            return
        may_override = self.env.user.has_group(OVERRIDE_GROUP)
        for line in risen:
            company_keys = keys_by_company.get(line.company_id.id)
            if company_keys is None:
                continue
            key = Key._select(company_keys, line.order_id.partner_id, line.product_id)
            pct = key.values.over_receipt_pct if key else 0.0
            old = before[line.id]
            excess = over_receipt_excess(
                line.product_qty,
                old,
                line.qty_received - old,
                pct,
                line.product_uom.rounding,
            )
            if not excess:
                continue
            message = line._dist_over_receipt_message(excess, pct)
            if not may_override:
                raise UserError(
                    message
                    + "\n"
                    + _(
                        "Only a user with the Over-Receipt Override role can receive it."
                    )
                )
            line._dist_record_over_receipt(excess, message)

    def _dist_received_receipts(self):
        """The receipts changing this line's received quantity.

        Those of the moves the current stock operation touches, else the
        receipts of the line's done moves.
        """
        self.ensure_one()
        moves = self.env["stock.move"]._dist_moves_in_operation()
        moves = moves.filtered(lambda move: move.purchase_line_id == self)
        moves = moves or self.move_ids.filtered(lambda move: move.state == "done")
        return moves.picking_id

    def _dist_source_name(self):
        receipts = self._dist_received_receipts()
        if receipts:
            return _("Receipt %(receipt)s", receipt=", ".join(receipts.mapped("name")))
        return _("Purchase order line")

    def _dist_not_approved_message(self):
        order = self.order_id
        states = dict(order._fields["state"]._description_selection(self.env))
        return _(
            "%(document)s cannot receive %(product)s on purchase order %(order)s: "
            "the order is not approved (field Status: %(state)s).",
            document=self._dist_source_name(),
            product=self.product_id.display_name,
            order=order.display_name,
            state=states[order.state],
        )

    def _dist_over_receipt_message(self, excess, pct):
        return _(
            "%(document)s: receiving %(excess)s %(uom)s of %(product)s beyond the "
            "ordered %(ordered)s of %(order)s plus the over-receipt tolerance of "
            "%(pct)s %%.",
            document=self._dist_source_name(),
            excess=self._dist_format_qty(excess),
            uom=self.product_uom.name,
            product=self.product_id.display_name,
            ordered=self._dist_format_qty(self.product_qty),
            order=self.order_id.display_name,
            pct=formatLang(self.env, pct, digits=2),
        )

    def _dist_format_qty(self, qty):
        """A quantity as the user reads it (their language, the UoM precision)."""
        return formatLang(self.env, qty, dp="Product Unit of Measure")

    def _dist_record_over_receipt(self, excess, message):
        """An override went through: queue it, warn the user, note it on the receipt."""
        self.ensure_one()
        user = self.env.user
        company = self.company_id
        self.env["dist.exception"].raise_for(
            self.order_id,
            "override",
            "over_receipt",
            message,
            severity="medium",
            amount=self.currency_id._convert(
                excess * self.price_unit,
                company.currency_id,
                company,
                fields.Date.context_today(self),
            ),
            owner=user,
        )
        note = _(
            "%(user)s overrode the over-receipt tolerance: %(excess)s %(uom)s of "
            "%(product)s beyond the tolerance of order line %(line)s.",
            user=user.name,
            excess=self._dist_format_qty(excess),
            uom=self.product_uom.name,
            product=self.product_id.display_name,
            line="%s - %s" % (self.order_id.display_name, self.name),
        )
        # sudo: the note records the override on documents a warehouse user
        # may only read (the order of a manual line); its author is the user.
        for record in self._dist_received_receipts().sudo() or self.order_id.sudo():
            record.message_post(body=note, subtype_xmlid="mail.mt_note")
        self.env["bus.bus"]._sendone(
            user.partner_id,
            "simple_notification",
            {
                "type": "warning",
                "title": _("Over-receipt overridden"),
                "message": message,
                "sticky": True,
            },
        )
