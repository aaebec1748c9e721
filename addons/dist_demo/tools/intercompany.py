"""The intercompany demo (dist_intercompany), as pure data: the holding sells
to the two acquired companies under one rule each, over the last three months,
and the cases the reconciliation of each month explains."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

SELLER = "hq"
# buyer key -> rule values: Nordic buys at the holding's cost plus 8 %, its
# bills posted as they come; Britannia at the holding's intercompany price
# list, its bills left in draft for its payables clerk to check.
RULES = {
    "nordic": {"pricing_method": "cost_plus", "cost_plus_percent": 8.0},
    "brit": {"pricing_method": "pricelist", "bill_state": "draft"},
}
# Price list of the holding for Britannia: the item's cost times this.
PRICELIST_MARKUP = 1.12
TECHNICAL_LOGIN = "dist.ic.{key}"
TECHNICAL_NAME = "Intercompany robot ({company})"

# Calendar months of intercompany trade the controllers have closed (and the
# KPI demo locks), before the open period: last month, still being closed,
# and the current month to today.
CLOSED_MONTHS = 2

# The open period: (buyer key, case, days before today the seller
# invoiced). What the buyer's payables clerk does with the mirrored bill, and
# the reason the reconciliation then gives:
#   balanced - nothing to do (posted as mirrored, same day, same rate);
#   partial  - half the goods shipped and invoiced, the rest on backorder;
#   fx       - invoiced and billed ten days ago: each company booked it at the
#              rate of that day, the group reports at today's (FX);
#   timing   - the bill is still in draft (posted on one side only);
#   amount   - the clerk raised a line's price before posting (amount);
#   tax      - the clerk took the tax off a line before posting (tax);
#   missing  - the clerk cancelled the bill (missing mirror: the line's
#              action creates it again).
CASES = (
    ("nordic", "balanced", 0),
    ("nordic", "partial", 0),
    ("nordic", "fx", 10),
    ("brit", "balanced", 0),
    ("brit", "timing", 0),
    ("brit", "amount", 0),
    ("brit", "tax", 0),
    ("brit", "missing", 0),
)
# The closed months: (buyer key, case, month, 0 the oldest, where in the
# month the seller invoices, 0 its first day to 1 its last). Every bill is posted as
# mirrored (Britannia's clerk posts hers unchanged):
#   shipped   - shipped, invoiced and billed at once;
#   backorder - half shipped and invoiced, the rest a week later;
#   return    - shipped and invoiced; the buyer sends a third back, the
#               holding's credit note is mirrored as a vendor refund.
PAST_CASES = (
    ("nordic", "shipped", 0, 0.2),
    ("nordic", "backorder", 0, 0.4),
    ("nordic", "return", 0, 0.6),
    ("brit", "shipped", 0, 0.3),
    ("brit", "backorder", 0, 0.5),
    ("nordic", "shipped", 1, 0.2),
    ("nordic", "backorder", 1, 0.4),
    ("brit", "shipped", 1, 0.2),
    ("brit", "backorder", 1, 0.4),
    ("brit", "return", 1, 0.6),
)
EXPECTED_REASON = {
    "balanced": False,
    "partial": False,
    "fx": "fx",
    "timing": "timing",
    "amount": "amount",
    "tax": "tax",
    "missing": "missing_mirror",
}
# How the controllers explain the translation differences of a closed month.
FX_RESOLUTION = (
    "Translation difference of a closed month: both companies booked the "
    "same amount, each at the rate of the invoice date."
)
LINES_PER_ORDER = 2
QUANTITY = 6.0
# Of each line, the part the ``return`` chains send back (in the order's unit).
RETURNED_QUANTITY = 2.0
# Days between the first invoice of a chain and the next step (the
# backorder shipped and invoiced, the goods sent back and credited).
LATER_DAYS = 7


@dataclass(frozen=True)
class Chain:
    """One intercompany chain: the buyer's order on ``order_day``, shipped on
    ``ship_day`` and invoiced on ``invoice_day``; ``later_day`` is the day of
    the backorder or the return (None when the chain has neither)."""

    buyer: str
    case: str
    month: int
    order_day: date
    ship_day: date
    invoice_day: date
    later_day: date | None = None

    @property
    def key(self):
        return (self.buyer, self.case, self.month)


def months(today):
    """``[(start, end)]`` of the reconciled periods, the oldest first: the
    ``CLOSED_MONTHS`` calendar months before last month, then the open period
    from the first of last month to today.

    Odoo books a vendor bill of a past calendar month on that month's last
    day: a closed month holds its chains' bills whatever day they are of."""
    open_start = today.replace(day=1) - relativedelta(months=1)
    periods = []
    for back in range(CLOSED_MONTHS, 0, -1):
        start = open_start - relativedelta(months=back)
        periods.append((start, start + relativedelta(months=1, days=-1)))
    return [*periods, (open_start, today)]


def plan_chains(today):
    """Every chain of the demo, the oldest month first, dated inside its period
    (``Chain.month``: its index in ``months(today)``)."""
    periods = months(today)
    chains = []
    for buyer, case, month, position in sorted(PAST_CASES, key=lambda c: c[2]):
        start, end = periods[month]
        invoice = start + timedelta(days=round(position * (end - start).days))
        later = None
        if case in ("backorder", "return"):
            later = min(end, invoice + timedelta(days=LATER_DAYS))
        chains.append(
            Chain(
                buyer,
                case,
                month,
                order_day=max(start, invoice - timedelta(days=2)),
                ship_day=max(start, invoice - timedelta(days=1)),
                invoice_day=invoice,
                later_day=later,
            )
        )
    start = periods[-1][0]
    for buyer, case, days in CASES:
        invoice = today - timedelta(days=days)
        chains.append(
            Chain(
                buyer,
                case,
                len(periods) - 1,
                order_day=max(start, invoice - timedelta(days=2)),
                ship_day=max(start, invoice - timedelta(days=1)),
                invoice_day=invoice,
            )
        )
    return chains
