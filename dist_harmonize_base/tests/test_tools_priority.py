"""Pure tests of the exception priority formula."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.dist_harmonize_base.tools.priority import (
    SEVERITY_WEIGHTS,
    age_factor,
    amount_factor,
    priority_score,
)

severities = st.sampled_from(sorted(SEVERITY_WEIGHTS))
ages = st.integers(min_value=0, max_value=400)
amounts = st.floats(min_value=0, max_value=1e9, allow_nan=False)


def test_new_exception_without_amount_scores_its_severity_weight():
    assert priority_score("low", 0) == 1.0
    assert priority_score("critical", 0) == 8.0


def test_age_factor_grows_to_four_at_ninety_days_then_stops():
    assert age_factor(30) == 2.0
    assert age_factor(90) == 4.0
    assert age_factor(365) == 4.0
    assert age_factor(-3) == 1.0


def test_amount_factor_is_one_without_amount_and_logarithmic_after():
    assert amount_factor(None) == 1.0
    assert amount_factor(0) == 1.0
    assert amount_factor(9000) == pytest.approx(2.0)
    assert amount_factor(-9000) == amount_factor(9000)


def test_unknown_severity_is_refused():
    with pytest.raises(ValueError):
        priority_score("urgent", 1)


@settings(deadline=None)
@given(severities, ages, ages, amounts)
def test_score_never_decreases_with_age(severity, age1, age2, amount):
    low, high = sorted((age1, age2))
    assert priority_score(severity, low, amount) <= priority_score(
        severity, high, amount
    )


@settings(deadline=None)
@given(ages, amounts)
def test_higher_severity_never_scores_lower(age, amount):
    order = ["low", "medium", "high", "critical"]
    scores = [priority_score(severity, age, amount) for severity in order]
    assert scores == sorted(scores)


@settings(deadline=None)
@given(severities, ages, amounts, amounts)
def test_score_never_decreases_with_amount(severity, age, amount1, amount2):
    low, high = sorted((amount1, amount2))
    assert priority_score(severity, age, low) <= priority_score(severity, age, high)
