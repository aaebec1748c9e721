"""Tolerance keys: which key applies to a line (pure, no ORM).

A key is scoped by company (always), and optionally by vendor, product
family and product category. A key applies to a line when every scope it
fills matches the line (families and categories match their descendants).
Among the applicable keys the most specific wins, compared in this order:

1. a product-family scope beats no family; a closer family (the line's own
   family) beats an ancestor;
2. then a product-category scope, closer beats farther, in the same way;
3. then a vendor scope beats none;
4. finally the lower ``sequence``, then the lower ``key_id`` (deterministic).

So the chain reads company -> vendor -> product family/category, the product
scopes being the most specific, as in SAP's tolerance keys.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ToleranceValues:
    """The limits of one key; all ``0`` means "no allowance" (exact)."""

    qty_pct: float = 0.0
    price_pct: float = 0.0
    price_abs: float = 0.0
    line_amount: float = 0.0
    bill_total: float = 0.0
    over_receipt_pct: float = 0.0


EXACT = ToleranceValues()


@dataclass(frozen=True)
class ToleranceKey:
    """A key as read from the database; scope ids are ``None`` when unset."""

    key_id: int
    values: ToleranceValues
    vendor_id: int | None = None
    family_id: int | None = None
    categ_id: int | None = None
    sequence: int = 10


@dataclass(frozen=True)
class LineScope:
    """What a line offers to the scopes.

    ``family_ids`` and ``categ_ids`` list the line's own family/category first,
    then their ancestors up to the root.
    """

    vendor_id: int | None = None
    family_ids: tuple = field(default_factory=tuple)
    categ_ids: tuple = field(default_factory=tuple)


def _closeness(scope_id, chain):
    """Return 0 when unscoped, -1 when not applicable, else a rank (higher = closer)."""
    if scope_id is None:
        return 0
    if scope_id not in chain:
        return -1
    return len(chain) - chain.index(scope_id)


def specificity(key, scope):
    """Return the sort key of ``key`` for ``scope``, or ``None`` if it does not apply."""
    if key.vendor_id is not None and key.vendor_id != scope.vendor_id:
        return None
    family = _closeness(key.family_id, scope.family_ids)
    categ = _closeness(key.categ_id, scope.categ_ids)
    if family < 0 or categ < 0:
        return None
    return (
        family,
        categ,
        1 if key.vendor_id is not None else 0,
        -key.sequence,
        -key.key_id,
    )


def select_key(keys, scope):
    """Return the most specific key of ``keys`` applying to ``scope``, or ``None``."""
    best, best_rank = None, None
    for key in keys:
        rank = specificity(key, scope)
        if rank is not None and (best_rank is None or rank > best_rank):
            best, best_rank = key, rank
    return best
