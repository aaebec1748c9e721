"""Pure tests of the permit store behind every guarded field (``tools/guard.py``)."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.dist_harmonize_base.tools import guard


def _records(env, name, ids, inherits=()):
    return SimpleNamespace(
        env=env, _name=name, _ids=tuple(ids), _inherits=dict.fromkeys(inherits)
    )


def _env():
    return SimpleNamespace(cr=SimpleNamespace(cache={}))


def test_permit_covers_its_records_for_the_block_only():
    env = _env()
    with guard.permit(_records(env, "account.move", [1, 2])):
        assert guard.is_permitted(_records(env, "account.move", [1]))
        assert not guard.is_permitted(_records(env, "account.move", [1, 3]))
        assert not guard.is_permitted(_records(env, "account.move.line", [1]))
    assert not guard.is_permitted(_records(env, "account.move", [1]))


def test_no_records_is_never_permitted():
    env = _env()
    with guard.permit(_records(env, "account.move", [1])):
        assert not guard.is_permitted(_records(env, "account.move", []))


def test_creation_permit_covers_inherits_parents_not_existing_records():
    env = _env()
    variants = _records(env, "product.product", [], inherits=["product.template"])
    with guard.permit(variants, create=True):
        assert guard.is_permitted(variants, create=True)
        assert guard.is_permitted(_records(env, "product.template", []), create=True)
        assert not guard.is_permitted(_records(env, "product.product", [7]))
    assert not guard.is_permitted(variants, create=True)


def test_permit_is_closed_even_when_the_block_raises():
    env = _env()
    with pytest.raises(ValueError), guard.permit(_records(env, "res.partner", [5])):
        raise ValueError("write refused")
    assert not guard.is_permitted(_records(env, "res.partner", [5]))


@given(
    st.lists(st.integers(min_value=1, max_value=20), max_size=6),
    st.lists(st.integers(min_value=1, max_value=20), max_size=6),
)
def test_nested_permits_restore_exactly_the_outer_one(outer, inner):
    env = _env()
    with guard.permit(_records(env, "m", outer)):
        with guard.permit(_records(env, "m", inner)):
            assert (not outer and not inner) or guard.is_permitted(
                _records(env, "m", set(outer) | set(inner))
            )
        for record_id in set(inner) - set(outer):
            assert not guard.is_permitted(_records(env, "m", [record_id]))
        if outer:
            assert guard.is_permitted(_records(env, "m", outer))
    assert env.cr.cache[guard.STORE]["m"] == set()
