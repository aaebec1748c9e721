"""KPI arithmetic of dist_kpi: plain Python over numbers, no ORM.

The SQL of the facts returns sums per company (and per dimension). A KPI is a
``Figure``: its numerator and denominator as sums, its value computed from
them, so that figures of several companies or warehouses combine as a ratio
of sums, never as a sum (or average) of ratios.
"""

from dataclasses import dataclass, field

STATUSES = ("ok", "warn", "critical")

# Aged inventory buckets: (label, lowest age in days, highest age or None).
AGE_BUCKETS = (
    ("0-30", 0, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("91-180", 91, 180),
    ("181-365", 181, 365),
    ("> 365", 366, None),
)
# Remaining value older than this many days is "aged" (the KPI's value).
AGED_AFTER_DAYS = 90


@dataclass
class Figure:
    """A KPI figure: ``value = numerator / denominator * scale``.

    A figure with no denominator (``None``) is an amount or a count: its value
    is the numerator. A zero denominator gives no value (``None``), not 0.
    ``breakdown`` holds ``(label, value)`` parts (aged buckets, components).
    ``monetary``: numerator, denominator and breakdown are amounts of the
    company currency (converted for the group view); else counts or days.
    """

    numerator: float | None = None
    denominator: float | None = None
    scale: float = 1.0
    breakdown: list = field(default_factory=list)
    monetary: bool = False

    @property
    def value(self):
        if self.numerator is None:
            return None
        if self.denominator is None:
            return self.numerator
        if not self.denominator:
            return None
        return self.numerator / self.denominator * self.scale

    def converted(self, rate):
        """The same figure in another currency (amounts times ``rate``);
        itself when not monetary."""
        if not self.monetary:
            return self
        return Figure(
            _times(self.numerator, rate),
            _times(self.denominator, rate),
            self.scale,
            [(label, _times(value, rate)) for label, value in self.breakdown],
            True,
        )


def _times(value, rate):
    return None if value is None else value * rate


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def combine(figures):
    """One figure from several (companies, warehouses): sums of the parts."""
    figures = [figure for figure in figures if figure is not None]
    if not figures:
        return Figure()
    total = Figure(scale=figures[0].scale, monetary=figures[0].monetary)
    parts = {}
    for figure in figures:
        total.numerator = _add(total.numerator, figure.numerator)
        total.denominator = _add(total.denominator, figure.denominator)
        for label, value in figure.breakdown:
            parts[label] = _add(parts.get(label), value)
    total.breakdown = list(parts.items())
    return total


def ratio(numerator, denominator, scale=1.0, monetary=False):
    """A ratio figure (``scale=100`` for a percentage)."""
    return Figure(numerator or 0.0, denominator or 0.0, scale, [], monetary)


def amount(value, breakdown=None, monetary=True):
    """An amount (or, not ``monetary``, a count) figure."""
    return Figure(value or 0.0, None, 1.0, list(breakdown or []), monetary)


def status(value, warn, critical, direction):
    """``ok``/``warn``/``critical`` of ``value`` against thresholds.

    ``direction`` ``up``: higher is better, a value at or below a threshold
    crosses it; ``down``: lower is better, at or above crosses. A threshold
    of ``None`` (or ``False``) is not set. No value is ``ok``.
    """
    if value is None:
        return "ok"

    def crossed(limit):
        if limit is None or limit is False:
            return False
        return value <= limit if direction == "up" else value >= limit

    if crossed(critical):
        return "critical"
    if crossed(warn):
        return "warn"
    return "ok"


def worst(statuses):
    """The worst of ``statuses`` (``ok`` when empty)."""
    return max(statuses, key=STATUSES.index, default="ok")


def is_alert(previous, current):
    """Whether moving from status ``previous`` to ``current`` is a crossing
    to alert on: into warn or critical, or from warn to critical."""
    return STATUSES.index(current) > STATUSES.index(previous or "ok")


def age_bucket(age_days):
    """The label of the aged-inventory bucket of a layer ``age_days`` old."""
    for label, low, high in AGE_BUCKETS:
        if age_days >= low and (high is None or age_days <= high):
            return label
    return AGE_BUCKETS[0][0]


def average_stock(opening, closing):
    """Average stock value of a period, from its opening and closing values."""
    return ((opening or 0.0) + (closing or 0.0)) / 2.0


# KPIs whose numerator and denominator are amounts (converted for the group
# view); the others are counts, days or ratios of counts.
MONETARY_CODES = frozenset(
    (
        "stock_value",
        "stock_turns",
        "days_inventory",
        "aged_stock",
        "open_commitments",
        "gross_margin",
        "gross_margin_pct",
        "ic_sales",
        "working_capital",
        "ppv",
    )
)


def from_parts(code, unit, numerator, denominator):
    """The figure of KPI ``code`` from a stored numerator and denominator."""
    return Figure(
        numerator,
        denominator,
        100.0 if unit == "percent" else 1.0,
        [],
        code in MONETARY_CODES,
    )
