"""Plan of the procure-to-pay demo (pure Python, no ORM).

The same table is played in each company, amounts in the company's currency:
approval thresholds, harmonized tolerance keys, requisitions in every state and a
few weeks of purchase orders whose bills show each outcome of the three-way match.
Days count back from the day of installation.
"""

import math
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class ProcurePolicy:
    """Approval thresholds and variance caps of one company (company currency)."""

    manager_from: float  # order total from which a buyer manager approves
    director_from: float  # order total from which the procurement director does too
    line_cap: float  # largest price variance of one bill line
    bill_cap: float  # largest price variance of one bill


POLICIES = {
    "hq": ProcurePolicy(5000.0, 25000.0, 300.0, 600.0),
    "nordic": ProcurePolicy(4000.0, 20000.0, 250.0, 500.0),
    "brit": ProcurePolicy(3500.0, 18000.0, 220.0, 450.0),
}

# Harmonized tolerance keys: the same percentages in every company.
COMPANY_KEY = {"qty_pct": 2.0, "price_pct": 2.0, "over_receipt_pct": 5.0}
# A strategic vendor whose prices follow raw materials: wider price tolerance.
VENDOR_KEY = {"qty_pct": 2.0, "price_pct": 5.0, "over_receipt_pct": 5.0}
# Weighed goods: scales differ, quantities get more room than prices.
FAMILY_KEY = {"qty_pct": 5.0, "price_pct": 2.0, "over_receipt_pct": 10.0}
BULK_FAMILY = "Bulk Granulates"

# Untaxed amount of an order as a multiple of one of its company's thresholds:
# "small" needs no approval, "manager" one level, "director" two.
SIZES = {
    "small": ("manager_from", 0.5),
    "manager": ("manager_from", 1.6),
    "director": ("director_from", 1.2),
}
LINES_PER_ORDER = 2

# Steps of a day in the order they happen, with their hour.
STEPS = (
    ("requisition", 8),
    ("submit_requisition", 8),
    ("order", 8),
    ("approve_requisition", 9),
    ("approve", 9),
    ("convert", 10),
    ("receive", 10),
    ("confirm_rfq", 11),
    ("bill", 11),
    ("release", 14),
    ("pay", 16),
)
STEP_HOURS = dict(STEPS)
STEP_RANKS = {name: rank for rank, (name, _hour) in enumerate(STEPS)}


@dataclass(frozen=True)
class Wave:
    """Days back of each step of a batch of orders raised together."""

    order: int
    approve: int
    receive: int
    bill: int


ORDER_STEPS = ("order", "approve", "receive", "bill")
EARLY = Wave(order=32, approve=31, receive=25, bill=21)
MIDDLE = Wave(order=24, approve=23, receive=16, bill=12)
LATE = Wave(order=15, approve=14, receive=9, bill=6)
RECENT = Wave(order=3, approve=2, receive=1, bill=1)


@dataclass(frozen=True)
class PurchaseCase:
    """One purchase order and what happens to it, up to step ``until``.

    ``vendor`` is ``main``, ``key`` (the vendor with a key of its own) or ``bulk``
    (sells weighed goods: the family key applies). Receipt and bill variances
    apply to the first line: ``receive_pct`` of its ordered quantity is
    received; its bill has ``bill_qty_pct`` more than ordered at a price
    ``bill_price_pct`` above the order's. Orders below the manager threshold
    skip the approval; ``levels`` stops the approval after that many levels.
    ``released`` and ``paid`` are days back too (``None``: not yet).
    """

    code: str
    size: str
    vendor: str
    wave: Wave
    until: str = "bill"
    levels: int | None = None
    receive_pct: float = 100.0
    bill_price_pct: float = 0.0
    bill_qty_pct: float = 0.0
    released: int | None = None
    reason: str = ""
    paid: int | None = None


CASES = (
    PurchaseCase("MATCHED", "small", "main", EARLY, paid=12),
    PurchaseCase("PRICE-IN", "manager", "main", EARLY, bill_price_pct=1.5, paid=12),
    PurchaseCase("VENDOR-KEY", "manager", "key", EARLY, bill_price_pct=4.0),
    PurchaseCase(
        "RELEASED-PAID",
        "director",
        "main",
        EARLY,
        bill_price_pct=8.0,
        released=15,
        reason="Expedited freight surcharge agreed with the vendor by phone.",
        paid=12,
    ),
    PurchaseCase("FAMILY-KEY", "manager", "bulk", MIDDLE, bill_qty_pct=4.0),
    PurchaseCase(
        "RELEASED",
        "manager",
        "key",
        MIDDLE,
        bill_price_pct=9.0,
        released=6,
        reason="Raw material surcharge confirmed in writing by the vendor.",
    ),
    PurchaseCase("PRICE-OUT", "manager", "main", MIDDLE, bill_price_pct=6.5),
    PurchaseCase("QTY-OUT", "manager", "bulk", MIDDLE, bill_qty_pct=12.0),
    PurchaseCase("AWAITING", "manager", "main", LATE, receive_pct=60.0),
    PurchaseCase("OVER-RECEIPT", "manager", "main", LATE, "receive", receive_pct=115.0),
    PurchaseCase("DIRECTOR", "director", "main", RECENT, "approve", levels=1),
)


@dataclass(frozen=True)
class RequisitionCase:
    """One requisition: raised, submitted, approved, turned into an RFQ (of which
    ``ordered_pct`` % of the first line is kept), that RFQ confirmed."""

    code: str
    size: str
    note: str
    created: int
    submitted: int | None = None
    approved: int | None = None
    converted: int | None = None
    ordered_pct: float = 100.0
    confirmed: int | None = None


REQUISITIONS = (
    RequisitionCase("DRAFT", "small", "Safety stock for the winter peak.", created=1),
    RequisitionCase(
        "TO-APPROVE",
        "manager",
        "Fast movers below their reorder point.",
        created=4,
        submitted=3,
    ),
    RequisitionCase(
        "PARTLY",
        "small",
        "Contractor project; the vendor ships part of it now.",
        created=10,
        submitted=10,
        approved=9,
        converted=8,
        ordered_pct=60.0,
    ),
    RequisitionCase(
        "ORDERED",
        "manager",
        "Monthly replenishment.",
        created=7,
        submitted=7,
        approved=6,
        converted=5,
        confirmed=4,
    ),
)


def case_steps(case):
    """``(step, days back)`` of a purchase or requisition case, steps that happen."""
    if isinstance(case, RequisitionCase):
        days = [
            ("requisition", case.created),
            ("submit_requisition", case.submitted),
            ("approve_requisition", case.approved),
            ("convert", case.converted),
            ("confirm_rfq", case.confirmed),
        ]
    else:
        steps = ORDER_STEPS[: ORDER_STEPS.index(case.until) + 1]
        days = [(step, getattr(case.wave, step)) for step in steps]
        days += [("release", case.released), ("pay", case.paid)]
    return [(step, back) for step, back in days if back is not None]


def plan_steps(today, cases=CASES + REQUISITIONS):
    """Return ``[(day, step, [cases])]`` in the order they happen, oldest first."""
    batches = {}
    for case in cases:
        for step, back in case_steps(case):
            day = today - timedelta(days=back)
            batches.setdefault((day, STEP_RANKS[step], step), []).append(case)
    return [
        (day, step, batches[(day, rank, step)]) for day, rank, step in sorted(batches)
    ]


def line_amount(policy, size, lines=LINES_PER_ORDER):
    """Untaxed amount of one line of an order of ``size`` under ``policy``."""
    threshold, factor = SIZES[size]
    return getattr(policy, threshold) * factor / lines


def target_qty(amount, unit_price, min_qty=0.0):
    """Whole purchase units worth about ``amount`` (at least one, and ``min_qty``)."""
    qty = round(amount / unit_price) if unit_price > 0 else 1
    return float(max(qty, 1, math.ceil(min_qty)))


def share_qty(qty, pct):
    """Whole units in ``pct`` % of ``qty``: rounded up above 100 % (an
    over-receipt), down below (a partial receipt, a cut order line)."""
    qty = qty * pct / 100.0
    return float(math.ceil(qty) if pct > 100 else math.floor(qty))
