"""Pure tests of who may decide on an approval request (``tools/approval.py``)."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.dist_harmonize_base.tools import approval
from odoo.addons.dist_harmonize_base.tools.approval import RequestFacts, decide

users = st.integers(min_value=1, max_value=8)
user_sets = st.frozensets(users, max_size=5)
approvals = st.lists(st.tuples(users, st.none() | users), max_size=3).map(tuple)


def facts(candidates, excluded=(), round_approvals=(), state="pending"):
    return RequestFacts(
        state=state,
        candidates=frozenset(candidates),
        excluded=frozenset(excluded),
        round_approvals=tuple(round_approvals),
    )


def test_a_candidate_decides_for_themselves():
    decision = decide(1, facts({1, 2}))
    assert decision.allowed and decision.on_behalf_of is None


def test_the_requester_never_decides_even_as_a_candidate():
    assert decide(1, facts({1, 2}, excluded={1})).refusal == approval.EXCLUDED


def test_a_delegate_acts_for_the_candidate_who_delegated():
    decision = decide(5, facts({1, 2}), delegators={2, 9})
    assert decision.allowed and decision.on_behalf_of == 2


def test_nobody_acts_on_behalf_of_an_excluded_candidate():
    decision = decide(5, facts({1, 2}, excluded={2}), delegators={2})
    assert decision.refusal == approval.NOT_APPROVER


def test_one_person_cannot_approve_two_levels_of_a_round():
    round_ = [(1, None)]
    assert decide(1, facts({1, 2}, round_approvals=round_)).refusal == (
        approval.ALREADY_APPROVED
    )


def test_a_delegate_cannot_approve_again_for_who_already_approved():
    round_ = [(2, None)]
    decision = decide(5, facts({1, 2}, round_approvals=round_), delegators={2})
    assert decision.refusal == approval.ALREADY_APPROVED


def test_a_decided_request_takes_no_decision():
    assert decide(1, facts({1}, state="approved")).refusal == approval.NOT_PENDING


@given(users, user_sets, user_sets, approvals, user_sets)
def test_an_allowed_decision_never_breaks_four_eyes(
    user, candidates, excluded, round_approvals, delegators
):
    request = facts(candidates, excluded, round_approvals)
    decision = decide(user, request, delegators)
    if not decision.allowed:
        assert decision.on_behalf_of is None
        return
    acting_for = decision.on_behalf_of or user
    deciders = {done for done, _ in round_approvals} | {
        behalf for _, behalf in round_approvals if behalf
    }
    assert user not in excluded and acting_for not in excluded
    assert acting_for in candidates
    assert decision.on_behalf_of is None or decision.on_behalf_of in delegators
    assert user not in {done for done, _ in round_approvals}
    assert acting_for not in deciders


@given(users, user_sets, user_sets, approvals, user_sets)
def test_decisions_are_deterministic_and_refusals_are_known_codes(
    user, candidates, excluded, round_approvals, delegators
):
    request = facts(candidates, excluded, round_approvals)
    first = decide(user, request, delegators)
    assert first == decide(user, request, set(delegators))
    assert first.refusal in {
        approval.ALLOWED,
        approval.EXCLUDED,
        approval.NOT_APPROVER,
        approval.ALREADY_APPROVED,
    }
