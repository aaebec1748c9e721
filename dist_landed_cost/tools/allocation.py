"""Landed-cost arithmetic, free of the ORM.

Models gather the receipt lines of a shipment into :class:`AllocationLine`
values, call :func:`allocate` (or :func:`estimate_amount`) and write the
results in one batch. Everything here works on plain numbers so that it can
be tested with hypothesis, and so that the exactness rules hold whatever
the caller:

* the shares of a cost always sum exactly to the cost, in units of the
  currency rounding (largest-remainder method on integers);
* a share never has the opposite sign of the cost (no negative shares for a
  positive cost);
* a basis that is zero in total, or missing on a line for a physical
  method (weight, volume), raises :class:`ZeroBasisError` naming the lines;
* an estimate basis that is zero in total, or missing on a line for a
  physical basis (per kg, per m³), is named by :func:`missing_estimate_basis`
  so that the caller queues it instead of accruing nothing silently.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

SPLIT_METHODS = ("quantity", "weight", "volume", "value", "equal")
#: methods where every line must carry its own basis (master data on the product)
PHYSICAL_METHODS = ("weight", "volume")
BASES = ("percent_value", "per_unit", "per_kg", "per_m3", "fixed")


class ZeroBasisError(ValueError):
    """Raised when a cost cannot be split because its basis is zero.

    ``labels`` names the lines (products) concerned, ``method`` the split
    method; the models turn it into a translated ``UserError``.
    """

    def __init__(self, method, labels):
        self.method = method
        self.labels = tuple(labels)
        super().__init__(
            "Cannot split by %s: no %s on %s"
            % (method, method, ", ".join(str(label) for label in self.labels))
        )


@dataclass(frozen=True)
class AllocationLine:
    """One receipt line as seen by the split: totals for the whole line.

    ``label`` names the line in errors: a product name, or a key (the models
    pass the product id) that the caller turns into a name. ``weight`` and
    ``volume`` are totals (unit weight x quantity), ``value`` is the goods
    value of the line in the cost's currency.
    """

    label: Hashable
    quantity: float = 0.0
    weight: float = 0.0
    volume: float = 0.0
    value: float = 0.0


def decimal_places(rounding):
    """Number of decimals of a currency rounding (0.01 -> 2, 1 -> 0)."""
    if rounding <= 0:
        raise ValueError("rounding must be positive, got %r" % rounding)
    return max(0, -math.floor(math.log10(rounding) + 1e-9))


def to_units(amount, rounding):
    """``amount`` as an integer number of rounding units (half away from zero)."""
    units = Fraction(amount) / Fraction(rounding).limit_denominator(10**9)
    sign = -1 if units < 0 else 1
    return sign * math.floor(abs(units) + Fraction(1, 2))


def from_units(units, rounding):
    """Inverse of :func:`to_units`, rounded to the currency's decimals."""
    return round(units * rounding, decimal_places(rounding))


def basis_of(line, method):
    """The basis of ``line`` for ``method`` (``equal`` counts 1 per line)."""
    if method == "equal":
        return 1
    if method not in SPLIT_METHODS:
        raise ValueError("unknown split method %r" % method)
    return getattr(line, method)


def split_weights(weights, units):
    """Split the integer ``units`` (>= 0) proportionally to ``weights``.

    Largest-remainder method, exact: the weights are scaled to integers over
    their common denominator, so each exact share ``units * w / total`` is an
    integer quotient and remainder. The result sums to ``units`` and every
    share is >= 0. Ties go to the earlier line, so the result is
    deterministic.
    """
    fractions = [Fraction(weight) for weight in weights]
    denominator = math.lcm(*(fraction.denominator for fraction in fractions))
    scaled = [
        fraction.numerator * (denominator // fraction.denominator)
        for fraction in fractions
    ]
    total = sum(scaled)
    shares, remainders = [], []
    for weight in scaled:
        share, remainder = divmod(units * weight, total)
        shares.append(share)
        remainders.append(remainder)
    missing = units - sum(shares)
    order = sorted(range(len(scaled)), key=lambda index: (-remainders[index], index))
    for index in order[:missing]:
        shares[index] += 1
    return shares


def allocate_units(amount, lines: Sequence[AllocationLine], method, rounding):
    """Split ``amount`` over ``lines`` by ``method``; shares in rounding units."""
    if not lines:
        raise ZeroBasisError(method, ())
    bases = [basis_of(line, method) for line in lines]
    negative = [
        line.label for line, basis in zip(lines, bases, strict=True) if basis < 0
    ]
    if negative:
        raise ValueError(
            "Negative %s on %s" % (method, ", ".join(str(label) for label in negative))
        )
    if method in PHYSICAL_METHODS:
        missing = [
            line.label for line, basis in zip(lines, bases, strict=True) if not basis
        ]
        if missing:
            raise ZeroBasisError(method, missing)
    if not sum(bases):
        raise ZeroBasisError(method, [line.label for line in lines])
    units = to_units(amount, rounding)
    sign = -1 if units < 0 else 1
    return [sign * share for share in split_weights(bases, abs(units))]


def allocate(amount, lines: Sequence[AllocationLine], method, rounding=0.01):
    """Split ``amount`` over ``lines`` by ``method``, rounded to ``rounding``.

    Returns one float per line, in the order of ``lines``; their sum equals
    ``amount`` rounded to the currency.
    """
    return [
        from_units(units, rounding)
        for units in allocate_units(amount, lines, method, rounding)
    ]


def allocate_by_weights(amount, weights, rounding=0.01):
    """Split ``amount`` proportionally to explicit non-negative ``weights``.

    Used to true up a cost with the split of its estimate: the weights are
    the estimated shares. Falls back to an equal split when all are zero.
    """
    if not weights:
        return []
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    if not sum(weights):
        weights = [1] * len(weights)
    units = to_units(amount, rounding)
    sign = -1 if units < 0 else 1
    return [
        from_units(sign * share, rounding)
        for share in split_weights(weights, abs(units))
    ]


def estimate_amount(basis, rate, lines: Sequence[AllocationLine], receipts=1):
    """Estimated cost of a template line over ``lines`` (not rounded).

    ``percent_value``: ``rate`` % of the goods value; ``per_unit``,
    ``per_kg``, ``per_m3``: ``rate`` x total quantity, weight or volume;
    ``fixed``: ``rate`` per receipt.
    """
    if basis == "percent_value":
        return rate * sum(line.value for line in lines) / 100.0
    if basis == "per_unit":
        return rate * sum(line.quantity for line in lines)
    if basis == "per_kg":
        return rate * sum(line.weight for line in lines)
    if basis == "per_m3":
        return rate * sum(line.volume for line in lines)
    if basis == "fixed":
        return rate * receipts
    raise ValueError("unknown basis %r" % basis)


#: the line attribute an estimate basis multiplies (``fixed`` needs none)
ESTIMATE_BASIS_ATTRIBUTE = {
    "percent_value": "value",
    "per_unit": "quantity",
    "per_kg": "weight",
    "per_m3": "volume",
}
#: bases where every line must carry its own basis (master data on the product)
PHYSICAL_BASES = ("per_kg", "per_m3")


def missing_estimate_basis(basis, lines: Sequence[AllocationLine]):
    """Labels of the ``lines`` an estimate by ``basis`` cannot see, as a tuple.

    ``per_kg`` and ``per_m3``: every line without a weight (volume), since its
    goods would accrue nothing; ``percent_value`` and ``per_unit``: every line
    when their total value (quantity) is zero. Empty when the estimate covers
    all lines (``fixed`` always does). With a positive rate, a zero estimate
    over some lines always comes with a non-empty result: no silent zero.
    """
    if basis == "fixed":
        return ()
    if basis not in ESTIMATE_BASIS_ATTRIBUTE:
        raise ValueError("unknown basis %r" % basis)
    attribute = ESTIMATE_BASIS_ATTRIBUTE[basis]
    if basis in PHYSICAL_BASES:
        return tuple(line.label for line in lines if getattr(line, attribute) <= 0)
    if sum(getattr(line, attribute) for line in lines) <= 0:
        return tuple(line.label for line in lines)
    return ()


def landed_cost_percent(landed, goods_value):
    """Landed cost as % of goods value (0 when there is no goods value)."""
    if not goods_value:
        return 0.0
    return 100.0 * landed / goods_value
