"""Priority score of a queued exception: pure arithmetic, no ORM.

``score = severity weight x age factor x amount factor``

* severity weight: low 1, medium 2, high 4, critical 8;
* age factor: 1 + age/30, capped at ``max_age_days`` (so 90 days -> 4);
* amount factor: 1 + log10(1 + amount/amount_scale) (0 or no amount -> 1).

The score only grows with severity, age and amount, which is what the queue
order relies on.
"""

import math

SEVERITY_WEIGHTS = {"low": 1.0, "medium": 2.0, "high": 4.0, "critical": 8.0}


def age_factor(age_days, max_age_days=90):
    """Return the ageing multiplier for an exception ``age_days`` old."""
    age = min(max(age_days or 0, 0), max_age_days)
    return 1.0 + age / 30.0


def amount_factor(amount, amount_scale=1000.0):
    """Return the amount multiplier; amounts are taken in absolute value."""
    if not amount or amount_scale <= 0:
        return 1.0
    return 1.0 + math.log10(1.0 + abs(amount) / amount_scale)


def priority_score(severity, age_days, amount=None, amount_scale=1000.0):
    """Return the priority score (rounded to 2 decimals) of an exception."""
    try:
        weight = SEVERITY_WEIGHTS[severity]
    except KeyError as error:
        raise ValueError(f"Unknown severity {severity!r}") from error
    score = weight * age_factor(age_days) * amount_factor(amount, amount_scale)
    return round(score, 2)
