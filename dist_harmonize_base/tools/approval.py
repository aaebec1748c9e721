"""Who may decide on an approval request: one pure function for every path.

The single check enforced on a decision (``dist.approval.request._check_can_act``)
and the batch filter of lists, searches and the activity menu
(``_filter_actionable``) both gather plain facts and call :func:`decide`.
"""

from dataclasses import dataclass

ALLOWED = ""
NOT_PENDING = "not_pending"
# The requester, whoever submitted the document or changed it while it waited,
# and whoever the document names as its authors (e.g. a bill's).
EXCLUDED = "excluded"
NOT_APPROVER = "not_approver"
ALREADY_APPROVED = "already_approved"


@dataclass(frozen=True)
class RequestFacts:
    """What decides who may act on one request (user ids only)."""

    state: str
    candidates: frozenset
    excluded: frozenset
    # (done_by, on_behalf_of or None) of the approved requests of its round.
    round_approvals: tuple = ()


@dataclass(frozen=True)
class Decision:
    refusal: str
    # The delegator the user acts for; None when acting as a candidate.
    on_behalf_of: int | None = None

    @property
    def allowed(self):
        return self.refusal == ALLOWED


def decide(user, facts, delegators=frozenset()):
    """Return the :class:`Decision` of ``user`` on the request ``facts``.

    ``delegators``: the users who delegated their approvals to ``user`` for
    today in the request's company. Rules, in order: only a pending request;
    never an excluded user, nor on behalf of one; only a candidate or the
    delegate of one; never someone who already approved another level of
    the round, directly or through a delegate.
    """
    if facts.state != "pending":
        return Decision(NOT_PENDING)
    if user in facts.excluded:
        return Decision(EXCLUDED)
    is_candidate = user in facts.candidates
    acting_for = {user} if is_candidate else set(delegators) & facts.candidates
    acting_for -= facts.excluded
    if not acting_for:
        return Decision(NOT_APPROVER)
    done_by = {done for done, _behalf in facts.round_approvals}
    deciders = done_by | {behalf for _done, behalf in facts.round_approvals if behalf}
    free = acting_for - deciders
    if user in done_by or not free:
        return Decision(ALREADY_APPROVED)
    return Decision(ALLOWED, None if is_candidate else min(free))
