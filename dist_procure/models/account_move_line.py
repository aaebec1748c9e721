from odoo import api, fields, models

from ..tools.match import MatchInput
from ..tools.tolerance import EXACT
from .account_move import LINE_FIELDS, MATCH_STATES


class AccountMoveLine(models.Model):
    """Per-line three-way match results, and the payment block at reconciliation.

    A bill is paid only when its payable line is reconciled with a payment
    (register-payment wizard, grouped payments, outstanding payment assigned
    on the bill, RPC). ``_reconcile_plan`` is the method all of them go
    through, so the block holds whatever the entry point.
    """

    _name = "account.move.line"
    _inherit = ["account.move.line", "dist.guarded.mixin"]
    # Written by the match only (one batch UPDATE, _dist_compute_match).
    _dist_guarded_fields = LINE_FIELDS

    dist_match_state = fields.Selection(
        MATCH_STATES, string="Match Status", copy=False, readonly=True
    )
    dist_ordered_qty = fields.Float(
        string="Ordered", digits="Product Unit of Measure", copy=False, readonly=True
    )
    dist_received_qty = fields.Float(
        string="Received", digits="Product Unit of Measure", copy=False, readonly=True
    )
    dist_prev_billed_qty = fields.Float(
        string="Previously Billed",
        digits="Product Unit of Measure",
        copy=False,
        readonly=True,
        help="Billed on earlier bills, net of every credit note (order line UoM).",
    )
    dist_billed_qty = fields.Float(
        string="Billed",
        digits="Product Unit of Measure",
        copy=False,
        readonly=True,
        help="Billed on this line, in the order line UoM (negative on a credit note).",
    )
    dist_po_price = fields.Monetary(
        string="PO Price",
        currency_field="company_currency_id",
        copy=False,
        readonly=True,
        help="Net order unit price, in company currency at the bill date.",
    )
    dist_bill_price = fields.Monetary(
        string="Bill Price",
        currency_field="company_currency_id",
        copy=False,
        readonly=True,
        help="Net bill unit price, in company currency at the bill date.",
    )
    dist_price_variance = fields.Monetary(
        string="Unit Price Variance",
        currency_field="company_currency_id",
        copy=False,
        readonly=True,
    )
    dist_price_variance_pct = fields.Float(
        string="Price Variance %", digits=(16, 2), copy=False, readonly=True
    )
    dist_ppv_amount = fields.Monetary(
        string="Purchase Price Variance",
        currency_field="company_currency_id",
        copy=False,
        readonly=True,
        help="(Bill price - PO price) x billed quantity, in company currency.",
    )
    dist_tolerance_key_id = fields.Many2one(
        "dist.tolerance.key", string="Tolerance Key", copy=False, readonly=True
    )
    dist_tolerance_summary = fields.Char(
        related="dist_tolerance_key_id.summary",
        string="Tolerance",
        help="Allowances of the tolerance key the line was matched with.",
    )

    # ------------------------------------------------------------------
    # match inputs and batch write
    # ------------------------------------------------------------------
    def _dist_match_input(self, company_keys, previously_billed, converter):
        """Return ``(MatchInput, ToleranceKey | None)`` for this bill line."""
        self.ensure_one()
        pol = self.purchase_line_id
        move = self.move_id
        company = move.company_id
        date = move.invoice_date or move.date
        key = self.env["dist.tolerance.key"]._select(
            company_keys, move.partner_id, self.product_id
        )
        sign = -1.0 if move.move_type == "in_refund" else 1.0
        billed = self.product_uom_id._compute_quantity(
            self.quantity, pol.product_uom, round=False
        )
        bill_price = self.product_uom_id._compute_price(
            self.price_unit * (1 - (self.discount or 0.0) / 100.0), pol.product_uom
        )
        po_price = pol.price_unit * (1 - (pol.discount or 0.0) / 100.0)
        data = MatchInput(
            ordered_qty=pol.product_qty,
            received_qty=pol.qty_received,
            previously_billed_qty=previously_billed,
            billed_qty=sign * billed,
            po_price=converter(po_price, pol.currency_id, company, date),
            bill_price=converter(bill_price, move.currency_id, company, date),
            tolerance=key.values if key else EXACT,
            needs_receipt=pol.product_id.type in ("product", "consu"),
            qty_rounding=pol.product_uom.rounding,
            price_rounding=company.currency_id.rounding,
        )
        return data, key

    def _dist_match_row(self, data, result, key):
        """Return the row of ``LINE_FIELDS`` values (plus the id first)."""
        return (
            self.id,
            result.state,
            data.ordered_qty,
            data.received_qty,
            data.previously_billed_qty,
            data.billed_qty,
            data.po_price,
            data.bill_price,
            result.price_variance,
            result.price_variance_pct,
            result.ppv_amount,
            key.key_id if key else None,
        )

    # ------------------------------------------------------------------
    # payment block
    # ------------------------------------------------------------------
    @api.model
    def _reconcile_plan(self, reconciliation_plan):
        self._dist_check_reconcile_block(reconciliation_plan)
        return super()._reconcile_plan(reconciliation_plan)

    @api.model
    def _dist_check_reconcile_block(self, reconciliation_plan):
        """Refuse settling a blocked bill with anything but a credit note."""
        lines = self.browse()
        stack = list(reconciliation_plan)
        while stack:
            item = stack.pop()
            if isinstance(item, models.BaseModel):
                lines |= item
            else:
                stack.extend(item)
        moves = lines.move_id
        blocked = moves.filtered("dist_payment_blocked")
        if not blocked:
            return
        if all(move.move_type in ("in_invoice", "in_refund") for move in moves):
            return
        blocked._dist_check_payment_block()
