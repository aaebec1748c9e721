"""Pure tests of the tolerance-key choice and the three-way match arithmetic."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.dist_procure.tools import match, tolerance
from odoo.addons.dist_procure.tools.match import MatchInput, match_bill, match_line
from odoo.addons.dist_procure.tools.tolerance import (
    LineScope,
    ToleranceKey,
    ToleranceValues,
    select_key,
)

FIVE_PCT = ToleranceValues(qty_pct=5.0, price_pct=5.0)


def line(**values):
    base = dict(
        ordered_qty=10.0,
        received_qty=10.0,
        previously_billed_qty=0.0,
        billed_qty=10.0,
        po_price=100.0,
        bill_price=100.0,
        tolerance=FIVE_PCT,
    )
    base.update(values)
    return MatchInput(**base)


# ---------------------------------------------------------------- key choice
def key(key_id, vendor=None, family=None, categ=None, sequence=10):
    return ToleranceKey(key_id, FIVE_PCT, vendor, family, categ, sequence)


def test_most_specific_key_wins_family_over_category_over_vendor_over_company():
    keys = [key(1), key(2, vendor=7), key(3, categ=30), key(4, family=40)]
    scope = LineScope(vendor_id=7, family_ids=(40, 4), categ_ids=(30, 3))
    assert select_key(keys, scope).key_id == 4
    assert select_key(keys[:3], scope).key_id == 3
    assert select_key(keys[:2], scope).key_id == 2
    assert select_key(keys[:1], scope).key_id == 1


def test_closer_family_beats_ancestor_and_vendor_breaks_ties():
    keys = [key(1, family=4), key(2, family=40), key(3, family=40, vendor=7)]
    assert select_key(keys[:2], LineScope(7, (40, 4))).key_id == 2
    assert select_key(keys, LineScope(7, (40, 4))).key_id == 3
    assert select_key(keys, LineScope(8, (40, 4))).key_id == 2


def test_key_of_other_vendor_or_family_does_not_apply():
    keys = [key(1, vendor=9), key(2, family=99)]
    assert select_key(keys, LineScope(7, (40,), (30,))) is None


@given(st.permutations([key(1), key(2, vendor=7), key(3, categ=30), key(4, family=40)]))
def test_key_choice_does_not_depend_on_order(keys):
    assert select_key(keys, LineScope(7, (40,), (30,))).key_id == 4


# ---------------------------------------------------------------- line match
def test_exact_line_is_matched():
    result = match_line(line())
    assert result.state == match.MATCHED
    assert result.ppv_amount == 0.0


def test_price_four_pct_over_is_within_and_six_pct_is_exception():
    assert match_line(line(bill_price=104.0)).state == match.WITHIN
    result = match_line(line(bill_price=106.0))
    assert result.state == match.EXCEPTION
    assert result.reasons == ("price",)
    assert result.ppv_amount == 60.0


def test_price_limit_minus_at_and_plus_one_cent():
    assert match_line(line(bill_price=104.99)).state == match.WITHIN
    assert match_line(line(bill_price=105.0)).state == match.WITHIN
    assert match_line(line(bill_price=105.01)).state == match.EXCEPTION


def test_absolute_price_allowance_applies_when_larger():
    tol = ToleranceValues(price_pct=1.0, price_abs=3.0)
    assert match_line(line(bill_price=103.0, tolerance=tol)).state == match.WITHIN
    assert match_line(line(bill_price=103.01, tolerance=tol)).state == match.EXCEPTION


def test_cheaper_bill_beyond_allowance_is_an_exception_too():
    assert match_line(line(bill_price=94.0)).state == match.EXCEPTION


def test_no_key_means_exact():
    assert match_line(line(bill_price=100.01, tolerance=tolerance.EXACT)).state == (
        match.EXCEPTION
    )


def test_bill_before_receipt_awaits_then_matches():
    assert match_line(line(received_qty=0.0)).state == match.AWAITING
    assert match_line(line(received_qty=10.0)).state == match.MATCHED


def test_billing_more_than_ordered_is_an_exception():
    result = match_line(line(billed_qty=11.0, received_qty=10.0))
    assert result.state == match.EXCEPTION
    assert result.reasons == ("qty_over_ordered",)


def test_quantity_within_pct_of_received():
    assert match_line(line(ordered_qty=20.0, billed_qty=10.5)).state == match.WITHIN
    assert match_line(line(ordered_qty=20.0, billed_qty=10.6)).state == match.AWAITING


def test_previous_bills_count_and_credit_notes_reduce_them():
    assert match_line(line(previously_billed_qty=5.0, billed_qty=6.0)).state == (
        match.EXCEPTION
    )
    assert match_line(line(previously_billed_qty=5.0 - 2.0, billed_qty=6.0)).state == (
        match.MATCHED
    )


def test_credit_note_line_never_blocks():
    result = match_line(line(billed_qty=-3.0, bill_price=150.0))
    assert result.state == match.MATCHED
    assert result.ppv_amount == -150.0


def test_service_line_matches_against_ordered():
    assert match_line(line(received_qty=0.0, needs_receipt=False)).state == (
        match.MATCHED
    )


def test_line_amount_cap():
    tol = ToleranceValues(price_pct=5.0, line_amount=30.0)
    assert match_line(line(bill_price=103.0, tolerance=tol)).state == match.WITHIN
    result = match_line(line(bill_price=104.0, tolerance=tol))
    assert result.reasons == ("line_amount",)


def test_line_on_no_order_is_an_exception_without_variance():
    result = match_line(line(order_linked=False, bill_price=3.0))
    assert (result.state, result.reasons) == (match.EXCEPTION, ("no_order",))
    assert result.ppv_amount == 0.0


@given(
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans()).filter(
        lambda flags: not all(flags)
    ),
    billed=st.sampled_from([10.0, -3.0]),
    needs_receipt=st.booleans(),
)
def test_line_on_wrong_reference_is_an_exception_whatever_its_numbers(
    flags, billed, needs_receipt
):
    approved, same_vendor, same_product = flags
    data = line(
        billed_qty=billed,
        needs_receipt=needs_receipt,
        order_approved=approved,
        same_vendor=same_vendor,
        same_product=same_product,
    )
    result = match_line(data)
    assert result.state == match.EXCEPTION
    assert ("order_not_approved" in result.reasons) is not approved
    assert ("vendor" in result.reasons) is not same_vendor
    assert ("product" in result.reasons) is not same_product


def test_service_line_of_an_order_awaiting_approval_is_an_exception():
    data = line(received_qty=0.0, needs_receipt=False, order_approved=False)
    assert match_line(data).reasons == ("order_not_approved",)


# ---------------------------------------------------------------- bill level
def test_one_unexplained_line_makes_the_bill_an_exception():
    results = [match_line(line()), match_line(line(order_linked=False))]
    assert match_bill(results) == (match.EXCEPTION, 0.0, ())


def test_bill_takes_worst_line_and_total_cap():
    results = [match_line(line()), match_line(line(bill_price=104.0))]
    assert match_bill(results)[0] == match.WITHIN
    capped = ToleranceValues(bill_total=39.99)
    assert match_bill(results, capped) == (match.EXCEPTION, 40.0, ("bill_total",))
    assert match_bill([]) == (False, 0.0, ())


@given(st.lists(st.sampled_from(match.STATES), min_size=1))
def test_worst_is_one_of_the_states_and_dominates(states):
    result = match.worst(states)
    assert result in states
    assert all(match.STATES.index(s) <= match.STATES.index(result) for s in states)


@given(
    price=st.floats(min_value=0.01, max_value=1e6),
    pct=st.floats(min_value=0.0, max_value=50.0),
    ratio=st.floats(min_value=0.0, max_value=1.0),
)
def test_price_variance_inside_the_pct_allowance_is_never_an_exception(
    price, pct, ratio
):
    bill_price = price + price * pct / 100.0 * ratio
    data = line(
        po_price=price,
        bill_price=bill_price,
        tolerance=ToleranceValues(price_pct=pct),
        price_rounding=max(price * 1e-9, 1e-6),
    )
    assert match_line(data).state in match.PAYABLE_STATES


# ---------------------------------------------------------------- receipts
def test_over_receipt_limit_minus_at_and_plus():
    assert match.over_receipt_excess(100.0, 0.0, 109.99, 10.0) == 0.0
    assert match.over_receipt_excess(100.0, 100.0, 10.0, 10.0) == 0.0
    assert round(match.over_receipt_excess(100.0, 60.0, 50.01, 10.0), 3) == 0.01


@given(
    ordered=st.floats(min_value=1.0, max_value=1e5),
    pct=st.floats(min_value=0.0, max_value=100.0),
)
def test_receiving_exactly_the_allowance_is_never_refused(ordered, pct):
    allowed = ordered * (1.0 + pct / 100.0)
    assert match.over_receipt_excess(ordered, 0.0, allowed, pct) == 0.0
