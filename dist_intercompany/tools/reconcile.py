"""Why two intercompany documents differ: pure arithmetic over plain numbers.

The reconciliation gathers, per document pair, what each company's books say
(``Side``) and asks :func:`explain` for the reason code of the difference.
"""

from dataclasses import dataclass

MISSING_MIRROR = "missing_mirror"
TIMING = "timing"
AMOUNT = "amount"
TAX = "tax"
FX = "fx"
REASONS = (TIMING, FX, TAX, AMOUNT, MISSING_MIRROR)


@dataclass(frozen=True)
class Side:
    """One company's document of a pair, as its books show it.

    ``counted``: posted and dated in the period (its ``balance`` counts);
    ``untaxed``/``tax``: in the document currency ``currency``; ``balance``:
    the receivable (seller) or payable (buyer, as a positive debt) in the
    reporting currency, 0 when not counted.
    """

    exists: bool = False
    counted: bool = False
    currency: int = 0
    untaxed: float = 0.0
    tax: float = 0.0
    balance: float = 0.0


def is_zero(value, rounding):
    return abs(value) < rounding / 2.0


def explain(seller, buyer, rounding, document_rounding=None):
    """Return ``(difference, reason)`` of a pair; ``reason`` is None when it agrees.

    ``rounding``: of the reporting currency; ``document_rounding``: of the
    document currency (defaults to ``rounding``). Missing mirror before
    timing before amount before tax before FX: the first cause that explains
    the difference.
    """
    document_rounding = document_rounding or rounding
    difference = seller.balance - buyer.balance
    if not (seller.exists and buyer.exists):
        return difference, MISSING_MIRROR
    if seller.counted != buyer.counted:
        return difference, TIMING
    if is_zero(difference, rounding):
        return 0.0, None
    if seller.currency != buyer.currency or not is_zero(
        seller.untaxed - buyer.untaxed, document_rounding
    ):
        return difference, AMOUNT
    if not is_zero(seller.tax - buyer.tax, document_rounding):
        return difference, TAX
    return difference, FX
