"""Three-way match of a bill line against its order line and receipts (pure).

All quantities are in the order line's unit of measure, all prices per unit
of that UoM in one currency (the company currency): the caller converts.

Line state, from best to worst (``STATES``):

* ``matched``: billed quantity within received, price equal;
* ``within_tolerance``: a variance, but inside the key's allowances;
* ``awaiting_receipt``: more billed than received, but not more than
  ordered (the goods have not all arrived yet);
* ``exception``: anything beyond the allowances.

Allowances (``ToleranceValues``):

* quantity: billed (cumulated with earlier bills) may exceed the received
  quantity by ``qty_pct`` % of it;
* price: the unit price may differ from the order by the larger of
  ``price_pct`` % of the order price and ``price_abs`` per unit (both
  directions: a cheaper bill is a variance too);
* line amount: the price variance of the line, ``(bill - order price) x
  billed qty``, may not exceed ``line_amount`` in absolute value (0: no cap);
* bill total: the sum of the lines' price variances may not exceed
  ``bill_total`` in absolute value (0: no cap).

Comparisons are made at half the given rounding, so a variance exactly at
the limit is inside and one rounding step above is outside.

A line is matched only against what it points at: a line on no order line
(``no_order``), on an order not approved (``order_not_approved``), of
another vendor than the order's (``vendor``) or of another product than the
order line's (``product``) is an exception whatever its quantities and
prices (``reference_reasons``), credit note lines included.
"""

from dataclasses import dataclass

from .tolerance import EXACT, ToleranceValues

MATCHED = "matched"
WITHIN = "within_tolerance"
AWAITING = "awaiting_receipt"
EXCEPTION = "exception"
STATES = (MATCHED, WITHIN, AWAITING, EXCEPTION)
PAYABLE_STATES = (MATCHED, WITHIN)


@dataclass(frozen=True)
class MatchInput:
    """One bill line with what its order line says (see module doc for units)."""

    ordered_qty: float
    received_qty: float
    previously_billed_qty: float
    billed_qty: float
    po_price: float
    bill_price: float
    tolerance: ToleranceValues = EXACT
    needs_receipt: bool = True
    qty_rounding: float = 0.001
    price_rounding: float = 0.01
    order_linked: bool = True
    order_approved: bool = True
    same_vendor: bool = True
    same_product: bool = True


@dataclass(frozen=True)
class MatchResult:
    """The variances of a line and its state; ``reasons`` explain an exception."""

    state: str
    qty_variance: float
    price_variance: float
    price_variance_pct: float
    ppv_amount: float
    reasons: tuple = ()


def worst(states):
    """Return the worst of ``states`` (``matched`` for an empty iterable)."""
    return max(states, key=STATES.index, default=MATCHED)


def exceeds(value, limit, rounding):
    """Whether ``value`` is above ``limit`` by more than half a ``rounding`` step."""
    return value - limit > rounding / 2.0


def _qty_state(data, reference, total):
    excess = total - reference
    if not exceeds(excess, 0.0, data.qty_rounding):
        return MATCHED, ()
    allowance = max(reference, 0.0) * data.tolerance.qty_pct / 100.0
    if not exceeds(excess, allowance, data.qty_rounding):
        return WITHIN, ()
    ordered_limit = data.ordered_qty * (1.0 + data.tolerance.qty_pct / 100.0)
    if data.needs_receipt and not exceeds(total, ordered_limit, data.qty_rounding):
        return AWAITING, ()
    return EXCEPTION, ("qty_over_ordered" if data.needs_receipt else "qty",)


def _price_state(data, diff):
    if not exceeds(abs(diff), 0.0, data.price_rounding):
        return MATCHED, ()
    tol = data.tolerance
    allowance = max(abs(data.po_price) * tol.price_pct / 100.0, tol.price_abs)
    if not exceeds(abs(diff), allowance, data.price_rounding):
        return WITHIN, ()
    return EXCEPTION, ("price",)


def reference_reasons(data):
    """Why the line cannot be matched against what it points at (``()``: it can)."""
    if not data.order_linked:
        return ("no_order",)
    checks = (
        (data.order_approved, "order_not_approved"),
        (data.same_vendor, "vendor"),
        (data.same_product, "product"),
    )
    return tuple(code for ok, code in checks if not ok)


def match_line(data):
    """Return the ``MatchResult`` of one bill line."""
    reasons = reference_reasons(data)
    if not data.order_linked:
        return MatchResult(EXCEPTION, data.billed_qty, 0.0, 0.0, 0.0, reasons)
    reference = data.received_qty if data.needs_receipt else data.ordered_qty
    total = data.previously_billed_qty + data.billed_qty
    diff = data.bill_price - data.po_price
    pct = diff / data.po_price * 100.0 if data.po_price else 0.0
    ppv = diff * data.billed_qty
    states = [EXCEPTION] if reasons else [MATCHED]
    if data.billed_qty <= 0:
        # A credit note line only gives back: its quantity and price never block.
        return MatchResult(worst(states), total - reference, diff, pct, ppv, reasons)
    qty_state, qty_reasons = _qty_state(data, reference, total)
    price_state, price_reasons = _price_state(data, diff)
    states += [qty_state, price_state]
    reasons += qty_reasons + price_reasons
    cap = data.tolerance.line_amount
    if cap and exceeds(abs(ppv), cap, data.price_rounding):
        states.append(EXCEPTION)
        reasons += ("line_amount",)
    return MatchResult(worst(states), total - reference, diff, pct, ppv, reasons)


def match_bill(results, tolerance=EXACT, price_rounding=0.01):
    """Return ``(state, total_ppv, reasons)`` of a bill from its lines' results.

    The bill takes the worst state of its lines; a bill-total cap of the
    ``tolerance`` (the company key) turns it into an exception when the sum
    of the price variances goes beyond it. No line: ``(False, 0.0, ())``.
    """
    results = list(results)
    if not results:
        return False, 0.0, ()
    total_ppv = sum(result.ppv_amount for result in results)
    state = worst(result.state for result in results)
    reasons = ()
    if tolerance.bill_total and exceeds(
        abs(total_ppv), tolerance.bill_total, price_rounding
    ):
        state, reasons = EXCEPTION, ("bill_total",)
    return state, total_ppv, reasons


def over_receipt_excess(ordered, already_received, receiving, pct, rounding=0.001):
    """Return the quantity received beyond ``ordered`` + ``pct`` % (0.0 if none)."""
    allowed = ordered * (1.0 + pct / 100.0)
    excess = already_received + receiving - allowed
    return excess if exceeds(excess, 0.0, rounding) else 0.0
