from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import match as match_tools
from ..tools.tolerance import EXACT

MATCH_STATES = [
    ("matched", "Matched"),
    ("within_tolerance", "Within Tolerance"),
    ("awaiting_receipt", "Awaiting Receipt"),
    ("exception", "Exception"),
]
BLOCKING_STATES = ("awaiting_receipt", "exception")
MATCH_MOVE_TYPES = ("in_invoice", "in_refund", "in_receipt")
# The vendor bill types that are paid out (a credit note is not).
PAID_MOVE_TYPES = ("in_invoice", "in_receipt")
# Column casts of the batch UPDATEs (VALUES rows carry untyped parameters).
LINE_CASTS = {
    "dist_match_state": "varchar",
    "dist_tolerance_key_id": "int4",
}
BILL_FIELDS = ("dist_match_state", "dist_ppv_amount")
LINE_FIELDS = (
    "dist_match_state",
    "dist_ordered_qty",
    "dist_received_qty",
    "dist_prev_billed_qty",
    "dist_billed_qty",
    "dist_po_price",
    "dist_bill_price",
    "dist_price_variance",
    "dist_price_variance_pct",
    "dist_ppv_amount",
    "dist_tolerance_key_id",
)


class AccountMove(models.Model):
    """Three-way match of vendor bills and the payment block it drives.

    The match state of each product line is stored and recomputed in
    batches (``_dist_compute_match``) when a bill, receipt or credit note is
    posted, when a receipt of its order lines is validated and when an order
    is approved or changes vendor. Every line is matched against what it
    points at: the order line, its order's approval and vendor; in a bill with
    a line on an order, or in a company whose bills need a purchase order
    (``dist_bill_require_po``), a product line on no order line is an
    exception unless another module explains it
    (``account.move.line._dist_match_is_explained``). A posted vendor bill
    or receipt whose state is "awaiting receipt" or "exception" cannot be
    paid until a controller other than its author releases it
    (``dist.match.release``). Bills of companies without tolerance keys and
    without that setting are not controlled.
    """

    _inherit = "account.move"
    _dist_guarded_fields = BILL_FIELDS + ("dist_payment_released",)

    dist_match_state = fields.Selection(
        MATCH_STATES,
        string="Match Status",
        copy=False,
        readonly=True,
        index=True,
        help="Worst match status of the bill's lines against orders and receipts.",
    )
    dist_ppv_amount = fields.Monetary(
        string="Price Variance",
        currency_field="company_currency_id",
        copy=False,
        readonly=True,
        help="Purchase price variance of the bill, in company currency.",
    )
    dist_payment_released = fields.Boolean(
        string="Payment Released",
        copy=False,
        readonly=True,
        help="A controller approved paying this bill despite its match exception.",
    )
    dist_payment_blocked = fields.Boolean(
        string="Payment Blocked",
        compute="_compute_dist_payment_blocked",
        search="_search_dist_payment_blocked",
    )
    dist_release_ids = fields.One2many(
        "dist.match.release", "move_id", string="Payment Releases", readonly=True
    )
    dist_match_line_ids = fields.One2many(
        "account.move.line",
        "move_id",
        string="Match Lines",
        domain=[("dist_match_state", "!=", False)],
        readonly=True,
    )

    @api.depends("dist_match_state", "dist_payment_released", "state", "move_type")
    def _compute_dist_payment_blocked(self):
        for move in self:
            move.dist_payment_blocked = (
                move.move_type in PAID_MOVE_TYPES
                and move.state == "posted"
                and move.dist_match_state in BLOCKING_STATES
                and not move.dist_payment_released
            )

    def _search_dist_payment_blocked(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                _("Unsupported search on %(field)s.", field="dist_payment_blocked")
            )
        domain = [
            ("move_type", "in", PAID_MOVE_TYPES),
            ("state", "=", "posted"),
            ("dist_match_state", "in", BLOCKING_STATES),
            ("dist_payment_released", "=", False),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", "&", *domain]

    # ------------------------------------------------------------------
    # posting hooks
    # ------------------------------------------------------------------
    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        bills = posted.filtered(lambda move: move.move_type in MATCH_MOVE_TYPES)
        if bills:
            refunds = bills.filtered(lambda move: move.move_type == "in_refund")
            others = self._dist_bills_of(refunds.invoice_line_ids.purchase_line_id)
            (bills | others)._dist_compute_match()
        return posted

    def button_draft(self):
        bills = self.filtered(
            lambda move: move.state == "posted" and move.move_type in MATCH_MOVE_TYPES
        )
        purchase_lines = bills.invoice_line_ids.purchase_line_id
        result = super().button_draft()
        for bill in bills:
            # Matched again when posted again; a draft or cancelled bill is
            # no breach waiting in the queue.
            self.env["dist.exception"].close_for(
                bill,
                kind="match",
                resolution=_("The bill was reset to draft."),
            )
        if purchase_lines:
            # The quantities this bill billed no longer count for the others.
            (self._dist_bills_of(purchase_lines) - self)._dist_compute_match()
        released = self.filtered("dist_payment_released")
        if released:
            # sudo: the release is the engine's decision; resetting the bill voids it.
            with guard.permit(released):
                released.sudo().write({"dist_payment_released": False})
        # sudo: pending releases are the controllers'; the bill they were
        # asked for no longer exists as it was.
        bills.sudo().dist_release_ids._dist_void(_("The bill was reset to draft."))
        return result

    def _dist_bill_authors(self):
        """Return the users who entered, changed or posted these bills."""
        return self.create_uid | self.dist_author_ids

    # ------------------------------------------------------------------
    # payment block
    # ------------------------------------------------------------------
    def _dist_check_payment_block(self):
        """Raise naming the first bill of ``self`` that may not be paid."""
        for move in self.filtered("dist_payment_blocked"):
            raise UserError(
                _(
                    "Bill %(bill)s cannot be paid: its three-way match status is "
                    "%(state)s. A controller who did not enter the bill must "
                    "release it first (Release Payment on the bill).",
                    bill=move.display_name,
                    state=dict(MATCH_STATES)[move.dist_match_state],
                )
            )

    def action_dist_open_release(self):
        """Open the release wizard (reason) for blocked bills."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Release Payment"),
            "res_model": "account.move.release",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # three-way match (batched)
    # ------------------------------------------------------------------
    @api.model
    def _dist_bills_of(self, purchase_lines):
        """Return the posted vendor bills/credit notes billing ``purchase_lines``."""
        if not purchase_lines:
            return self.browse()
        lines = self.env["account.move.line"].search(
            [
                ("purchase_line_id", "in", purchase_lines.ids),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "in", MATCH_MOVE_TYPES),
            ]
        )
        return lines.move_id

    @api.model
    def _dist_rematch_purchase_lines(self, purchase_lines):
        """Re-match the bills of ``purchase_lines`` (after a receipt, a refund)."""
        self._dist_bills_of(purchase_lines)._dist_compute_match()

    def _dist_billed_entries(self, purchase_lines):
        """Return ``{pol_id: [(move_id, line_id, is_refund, qty in pol UoM)]}``."""
        lines = self.env["account.move.line"].search_fetch(
            [
                ("purchase_line_id", "in", purchase_lines.ids),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "in", MATCH_MOVE_TYPES),
                ("display_type", "=", "product"),
            ],
            ["purchase_line_id", "move_id", "quantity", "product_uom_id"],
        )
        entries = defaultdict(list)
        for line in lines:
            pol = line.purchase_line_id
            qty = line.product_uom_id._compute_quantity(
                line.quantity, pol.product_uom, round=False
            )
            is_refund = line.move_id.move_type == "in_refund"
            entries[pol.id].append((line.move_id.id, line.id, is_refund, qty))
        return entries

    @staticmethod
    def _dist_previously_billed(entries, line):
        """Quantity billed before ``line``: earlier bills, and every credit note."""
        total = 0.0
        for move_id, line_id, is_refund, qty in entries:
            if line_id == line.id:
                continue
            if is_refund:
                total -= qty
            elif (move_id, line_id) < (line.move_id.id, line.id):
                total += qty
        return total

    def _dist_compute_match(self):
        """Match the posted vendor bills of ``self`` and store the results.

        Queries do not depend on the number of lines: keys, earlier billed
        quantities and rates are read once for the batch, line results are
        written with one UPDATE.
        """
        bills = self.filtered(
            lambda move: move.move_type in MATCH_MOVE_TYPES and move.state == "posted"
        )
        keys = self.env["dist.tolerance.key"]._get_company_keys(bills.company_id)
        bills = bills.filtered(
            lambda move: (
                move.company_id.id in keys or move.company_id.dist_bill_require_po
            )
        )
        if not bills:
            return
        lines = bills._dist_match_lines()
        entries = self._dist_billed_entries(lines.purchase_line_id)
        converter = _Converter()
        rows, results = [], defaultdict(list)
        for line in lines:
            data, key = line._dist_match_input(
                keys.get(line.company_id.id, []),
                self._dist_previously_billed(entries[line.purchase_line_id.id], line),
                converter,
            )
            result = match_tools.match_line(data)
            results[line.move_id].append(result)
            rows.append(line._dist_match_row(data, result, key))
        # A line the match no longer covers keeps no result of an earlier one.
        stale = (bills.invoice_line_ids - lines).filtered("dist_match_state")
        rows += [(line.id, *(None for _f in LINE_FIELDS)) for line in stale]
        lines |= stale
        bulk_update(self.env, "account_move_line", LINE_FIELDS, LINE_CASTS, rows)
        lines.invalidate_recordset(list(LINE_FIELDS))
        lines.modified(list(LINE_FIELDS))
        previous = {bill: bill.dist_match_state for bill in bills}
        outcomes = {
            bill: bill._dist_bill_match(
                results.get(bill, []), keys.get(bill.company_id.id, [])
            )
            for bill in bills
        }
        bulk_update(
            self.env,
            "account_move",
            BILL_FIELDS,
            LINE_CASTS,
            [
                (bill.id, state or None, ppv)
                for bill, (state, ppv, _r) in outcomes.items()
            ],
        )
        bills.invalidate_recordset(list(BILL_FIELDS))
        # Dependent non-stored fields (payment block) must see the new values.
        bills.modified(list(BILL_FIELDS))
        for bill, (state, ppv, reasons) in outcomes.items():
            bill._dist_queue_match_exception(
                previous[bill], state, ppv, results.get(bill, []), reasons
            )

    def _dist_match_lines(self):
        """Return the product lines of the bills ``self`` the match must explain.

        The lines linked to an order line; in a bill having one, or in a
        company whose bills need a purchase order, every other product line
        too, unless another module explains it (``_dist_match_is_explained``).
        """
        lines = self.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        linked = lines.filtered("purchase_line_id")
        controlled = linked.move_id | self.filtered("company_id.dist_bill_require_po")
        return linked | (lines - linked).filtered(
            lambda line: (
                line.move_id in controlled and not line._dist_match_is_explained()
            )
        )

    def _dist_bill_match(self, results, company_keys):
        """Return ``(state, ppv, reasons)`` of this bill from its lines' results."""
        self.ensure_one()
        key = self.env["dist.tolerance.key"]._select(company_keys, self.partner_id)
        state, ppv, reasons = match_tools.match_bill(
            results, key.values if key else EXACT, self.company_currency_id.rounding
        )
        if self.move_type == "in_refund":
            state = state and match_tools.MATCHED
        return state, ppv, reasons

    def _dist_queue_match_exception(self, previous, state, ppv, results, reasons):
        """Raise (or close) the bill's match exception in the queue."""
        self.ensure_one()
        if state == match_tools.EXCEPTION and not self.dist_payment_released:
            self.env["dist.exception"].raise_for(
                self,
                "match",
                "three_way_match",
                self._dist_match_message(results, reasons),
                severity="high",
                amount=abs(ppv),
            )
        elif previous == match_tools.EXCEPTION and state != match_tools.EXCEPTION:
            self.env["dist.exception"].close_for(
                self,
                kind="match",
                resolution=_("The bill now matches its orders and receipts."),
            )

    def _dist_match_message(self, results, reasons):
        codes = set(reasons)
        for result in results:
            codes.update(result.reasons)
        labels = {
            "price": _("unit price beyond tolerance"),
            "qty_over_ordered": _("billed more than ordered"),
            "qty": _("billed more than ordered"),
            "line_amount": _("line variance above its cap"),
            "bill_total": _("bill variance above its cap"),
            "no_order": _("a product line is on no purchase order line"),
            "order_not_approved": _("the purchase order is not approved"),
            "vendor": _("the purchase order is from another vendor"),
            "product": _("a line's product differs from its order line's"),
        }
        return _(
            "Bill %(bill)s does not match its purchase orders: %(reasons)s.",
            bill=self.display_name,
            reasons=", ".join(sorted(labels.get(code, code) for code in codes)),
        )


class _Converter:
    """Currency conversion with one rate lookup per (currency, company, date)."""

    def __init__(self):
        self.rates = {}

    def __call__(self, amount, currency, company, date):
        target = company.currency_id
        if not amount or currency == target:
            return amount
        key = (currency.id, company.id, date)
        if key not in self.rates:
            self.rates[key] = currency._get_conversion_rate(
                currency, target, company, date
            )
        return amount * self.rates[key]


def bulk_update(env, table, names, casts, rows):
    """Write ``rows`` (``(id, *values)`` in ``names`` order) with one UPDATE.

    For hot paths only (match results of many lines and bills): the fields
    written are plain stored fields no other field depends on; callers
    invalidate them from the cache afterwards.
    """
    if not rows:
        return
    model = {"account_move": "account.move", "account_move_line": "account.move.line"}
    env[model[table]].flush_model(list(names))
    values = SQL(", ").join(
        SQL("(%s)", SQL(", ").join(SQL("%s", value) for value in row)) for row in rows
    )
    assignments = SQL(", ").join(
        SQL(
            "%s = v.%s::%s",
            SQL.identifier(name),
            SQL.identifier(name),
            SQL(casts.get(name, "numeric")),
        )
        for name in names
    )
    env.cr.execute(
        SQL(
            "UPDATE %s AS t SET %s FROM (VALUES %s) AS v(%s) WHERE t.id = v.id::int4",
            SQL.identifier(table),
            assignments,
            values,
            SQL(", ").join(map(SQL.identifier, ("id", *names))),
        )
    )
