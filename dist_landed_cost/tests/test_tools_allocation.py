"""Pure tests of the landed-cost allocation arithmetic (run by pytest)."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from odoo.addons.dist_landed_cost.tools.allocation import (
    BASES,
    SPLIT_METHODS,
    AllocationLine,
    ZeroBasisError,
    allocate,
    allocate_by_weights,
    allocate_units,
    estimate_amount,
    landed_cost_percent,
    missing_estimate_basis,
    to_units,
)

# currency roundings as Odoo ships them: JPY, EUR/USD, KWD, and a cash rounding
roundings = st.sampled_from([1.0, 0.01, 0.001, 0.05])
methods = st.sampled_from(SPLIT_METHODS)
positive = st.floats(min_value=0.001, max_value=1e5, allow_nan=False)
amounts = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False)
lines_st = st.lists(
    st.builds(
        AllocationLine,
        label=st.text(min_size=1, max_size=8),
        quantity=positive,
        weight=positive,
        volume=positive,
        value=positive,
    ),
    min_size=1,
    max_size=40,
)


@settings(deadline=None)  # no timing limit on a loaded machine
@given(amount=amounts, lines=lines_st, method=methods, rounding=roundings)
def test_shares_sum_exactly_to_the_cost(amount, lines, method, rounding):
    """Whatever the method and currency, the shares add up to the rounded cost."""
    units = allocate_units(amount, lines, method, rounding)
    assert sum(units) == to_units(amount, rounding)
    assert len(units) == len(lines)


@settings(deadline=None)  # no timing limit on a loaded machine
@given(amount=amounts, lines=lines_st, method=methods, rounding=roundings)
def test_no_share_has_the_opposite_sign_of_the_cost(amount, lines, method, rounding):
    """A positive cost never gives a negative share (and vice versa)."""
    units = allocate_units(amount, lines, method, rounding)
    if amount >= 0:
        assert all(share >= 0 for share in units)
    else:
        assert all(share <= 0 for share in units)


@settings(deadline=None)  # no timing limit on a loaded machine
@given(amount=amounts, lines=lines_st, method=methods, rounding=roundings)
def test_shares_are_within_one_unit_of_the_exact_proportion(
    amount, lines, method, rounding
):
    """Rounding moves each share by less than one currency unit."""
    units = allocate_units(amount, lines, method, rounding)
    bases = [1 if method == "equal" else getattr(line, method) for line in lines]
    total_units = to_units(amount, rounding)
    for share, basis in zip(units, bases, strict=True):
        assert abs(share - total_units * basis / sum(bases)) < 1 + 1e-6


@settings(deadline=None)  # no timing limit on a loaded machine
@given(amount=amounts, lines=lines_st, method=methods, rounding=roundings)
def test_float_shares_sum_to_the_cost_in_currency_rounding(
    amount, lines, method, rounding
):
    """The float API rounds like the currency: the sum is the rounded cost."""
    shares = allocate(amount, lines, method, rounding)
    assert to_units(sum(shares), rounding) == to_units(amount, rounding)


@settings(deadline=None)  # no timing limit on a loaded machine
@given(lines=lines_st, amount=st.integers(min_value=0, max_value=10**6))
def test_equal_split_differs_by_at_most_one_unit(lines, amount):
    """An equal split gives every line the same share, give or take a cent."""
    units = allocate_units(amount / 100, lines, "equal", 0.01)
    assert max(units) - min(units) <= 1


@settings(deadline=None)  # no timing limit on a loaded machine
@given(lines=lines_st, method=methods)
def test_identical_lines_get_identical_shares_when_divisible(lines, method):
    """Lines with the same basis get the same share when the cost divides."""
    line = lines[0]
    same = [line] * 4
    assert len(set(allocate(4.0, same, method, 0.01))) == 1


@settings(deadline=None)  # no timing limit on a loaded machine
@given(
    weights=st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=30),
    amount=amounts,
    rounding=roundings,
)
def test_split_by_explicit_weights_is_exact(weights, amount, rounding):
    """True-ups split by the estimate's shares also sum exactly to the variance."""
    shares = allocate_by_weights(amount, weights, rounding)
    assert to_units(sum(shares), rounding) == to_units(amount, rounding)
    assert all(share * amount >= 0 for share in shares)


@pytest.mark.parametrize("method", ["weight", "volume"])
def test_missing_weight_is_an_error_naming_the_products(method):
    """Splitting by weight with products lacking a weight names those products."""
    lines = [
        AllocationLine("Chair", quantity=2, weight=10, volume=1),
        AllocationLine("Desk", quantity=1),
        AllocationLine("Lamp", quantity=3),
    ]
    with pytest.raises(ZeroBasisError) as error:
        allocate(100, lines, method)
    assert error.value.labels == ("Desk", "Lamp")
    assert "Desk, Lamp" in str(error.value)


def test_zero_total_value_is_an_error_naming_all_products():
    """A value split over free goods cannot be made and says which goods."""
    lines = [AllocationLine("Sample A", quantity=1), AllocationLine("Sample B")]
    with pytest.raises(ZeroBasisError, match="Sample A, Sample B"):
        allocate(10, lines, "value")


def test_no_lines_is_a_zero_basis_error():
    """An empty receipt cannot carry a cost."""
    with pytest.raises(ZeroBasisError):
        allocate(10, [], "equal")


def test_value_split_is_proportional():
    """100 split by value 1:3 gives 25 and 75."""
    lines = [AllocationLine("A", value=100), AllocationLine("B", value=300)]
    assert allocate(100, lines, "value") == [25.0, 75.0]


def test_remainder_cent_goes_to_the_largest_remainder():
    """10.00 over three equal lines gives 3.34, 3.33, 3.33."""
    lines = [AllocationLine(name, quantity=1) for name in "ABC"]
    assert allocate(10, lines, "quantity") == [3.34, 3.33, 3.33]


def test_yen_split_has_no_decimals():
    """In a currency without decimals shares are whole units."""
    lines = [AllocationLine(name, quantity=1) for name in "ABC"]
    assert allocate(100, lines, "quantity", rounding=1.0) == [34.0, 33.0, 33.0]


@pytest.mark.parametrize(
    ("basis", "rate", "expected"),
    [
        ("percent_value", 5, 50.0),
        ("per_unit", 2, 24.0),
        ("per_kg", 0.5, 30.0),
        ("per_m3", 10, 15.0),
        ("fixed", 80, 160.0),
    ],
)
def test_estimate_follows_the_template_basis(basis, rate, expected):
    """Each template basis multiplies its rate by the right total."""
    lines = [
        AllocationLine("A", quantity=10, weight=50, volume=1, value=600),
        AllocationLine("B", quantity=2, weight=10, volume=0.5, value=400),
    ]
    assert estimate_amount(basis, rate, lines, receipts=2) == pytest.approx(expected)


@settings(deadline=None)  # no timing limit on a loaded machine
@given(basis=st.sampled_from(BASES), rate=positive, lines=lines_st)
def test_estimates_are_never_negative(basis, rate, lines):
    """A positive rate never estimates a negative cost."""
    assert estimate_amount(basis, rate, lines) >= 0


@pytest.mark.parametrize(
    ("basis", "missing"),
    [
        ("per_kg", ("B",)),
        ("per_m3", ("A",)),
        ("percent_value", ()),
        ("per_unit", ()),
        ("fixed", ()),
    ],
)
def test_missing_estimate_basis_names_the_weightless_lines(basis, missing):
    """Per kg / m³, each line without weight / volume is named."""
    lines = [
        AllocationLine("A", quantity=10, weight=50, volume=0, value=600),
        AllocationLine("B", quantity=2, weight=0, volume=0.5, value=400),
    ]
    assert missing_estimate_basis(basis, lines) == missing


def test_zero_goods_value_is_a_missing_basis_for_every_line():
    """A % of value over goods worth nothing names all the lines."""
    lines = [AllocationLine("A", quantity=1), AllocationLine("B", quantity=2)]
    assert missing_estimate_basis("percent_value", lines) == ("A", "B")
    assert missing_estimate_basis("per_unit", lines) == ()


bases_st = st.floats(min_value=0, max_value=1e5, allow_nan=False)
sparse_lines_st = st.lists(
    st.builds(
        AllocationLine,
        label=st.text(min_size=1, max_size=8),
        quantity=bases_st,
        weight=bases_st,
        volume=bases_st,
        value=bases_st,
    ),
    min_size=1,
    max_size=40,
)


@settings(deadline=None)  # no timing limit on a loaded machine
@given(basis=st.sampled_from(BASES), rate=positive, lines=sparse_lines_st)
def test_a_zero_estimate_is_never_silent(basis, rate, lines):
    """A positive rate estimates more than zero, or names the lines it missed."""
    assert estimate_amount(basis, rate, lines) > 0 or missing_estimate_basis(
        basis, lines
    )


@settings(deadline=None)  # no timing limit on a loaded machine
@given(basis=st.sampled_from(BASES), lines=sparse_lines_st)
def test_missing_basis_names_only_given_lines(basis, lines):
    """The missing lines are some of the given lines, each named once per line."""
    missing = missing_estimate_basis(basis, lines)
    assert len(missing) <= len(lines)
    assert set(missing) <= {line.label for line in lines}


def test_unknown_basis_and_method_are_rejected():
    """Typos in a basis or split method do not silently give zero."""
    with pytest.raises(ValueError):
        estimate_amount("per_pallet", 1, [])
    with pytest.raises(ValueError):
        missing_estimate_basis("per_pallet", [])
    with pytest.raises(ValueError):
        allocate(1, [AllocationLine("A", quantity=1)], "by_magic")


def test_landed_cost_percent_of_goods_value():
    """Landed cost as a percentage of goods value, 0 without goods."""
    assert landed_cost_percent(50, 1000) == 5.0
    assert landed_cost_percent(50, 0) == 0.0


@settings(deadline=None)  # no timing limit on a loaded machine
@given(lines=lines_st, amount=amounts)
def test_allocation_is_deterministic(lines, amount):
    """The same input always gives the same split."""
    assume(lines)
    assert allocate(amount, lines, "value") == allocate(amount, lines, "value")
