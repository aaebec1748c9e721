from odoo import fields, models

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools.match import MatchInput
from ..tools.tolerance import EXACT
from .account_move import LINE_FIELDS, MATCH_STATES
from .purchase_order import APPROVED_STATES


class AccountMoveLine(models.Model):
    """Per-line three-way match results.

    The payment block itself holds on ``account.partial.reconcile``, where
    every settlement of a bill ends (account_partial_reconcile.py).
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
        """Return ``(MatchInput, ToleranceKey | None)`` for this bill line.

        Quantities and prices are converted to the order line's UoM and the
        company currency; a line on no order line gives its own only.
        """
        self.ensure_one()
        pol = self.purchase_line_id
        move = self.move_id
        company = move.company_id
        date = move.invoice_date or move.date
        key = self.env["dist.tolerance.key"]._select(
            company_keys, move.partner_id, self.product_id
        )
        sign = -1.0 if move.move_type == "in_refund" else 1.0
        billed = self.quantity
        bill_price = self.price_unit * (1 - (self.discount or 0.0) / 100.0)
        if pol and self.product_uom_id:
            # Another product's UoM may not convert: the product check says why.
            billed = self.product_uom_id._compute_quantity(
                billed, pol.product_uom, round=False, raise_if_failure=False
            )
            bill_price = self.product_uom_id._compute_price(bill_price, pol.product_uom)
        values = {
            "billed_qty": sign * billed,
            "bill_price": converter(bill_price, move.currency_id, company, date),
            "tolerance": key.values if key else EXACT,
            "price_rounding": company.currency_id.rounding,
            "ordered_qty": 0.0,
            "received_qty": 0.0,
            "previously_billed_qty": 0.0,
            "po_price": 0.0,
            "order_linked": bool(pol),
        }
        if pol:
            values.update(self._dist_order_match_values(previously_billed, converter))
        return MatchInput(**values), key

    def _dist_order_match_values(self, previously_billed, converter):
        """Return the ``MatchInput`` values this line's order line gives."""
        pol = self.purchase_line_id
        order = pol.order_id
        move = self.move_id
        po_price = pol.price_unit * (1 - (pol.discount or 0.0) / 100.0)
        return {
            "ordered_qty": pol.product_qty,
            "received_qty": pol.qty_received,
            "previously_billed_qty": previously_billed,
            "po_price": converter(
                po_price,
                pol.currency_id,
                move.company_id,
                move.invoice_date or move.date,
            ),
            "needs_receipt": pol.product_id.type in ("product", "consu"),
            "qty_rounding": pol.product_uom.rounding,
            "order_approved": order.state in APPROVED_STATES,
            "same_vendor": (
                order.partner_id.commercial_partner_id == move.commercial_partner_id
            ),
            "same_product": self.product_id == pol.product_id,
        }

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
    def _create_exchange_difference_moves(self, exchange_diff_values_list):
        # Core books these on a settlement the payment block already accepted
        # (account_partial_reconcile.py); they settle no more than it did.
        with guard.permit(self.env["account.partial.reconcile"], create=True):
            return super()._create_exchange_difference_moves(exchange_diff_values_list)
