"""The one guard of the suite: a field a control reads is written under a permit only.

A model declares such fields in ``_dist_guarded_fields`` (``dist.guarded.mixin``).
Any create, write, copy or import that sets one of them to another value is refused,
to the superuser too, unless the engine opened a permit for those records. A permit
lives for one ``with`` block in a dict the server owns for the transaction
(``env.cr.cache``); nothing the client sends (context keys included) can open one.

    with guard.permit(bills):
        bills.write({"dist_payment_released": True})

    with guard.permit(env["product.template"], create=True):
        env["product.template"].create({"name": "Chair", "dist_state": "active"})
"""

from contextlib import contextmanager

STORE = "dist_guard_permits"
# Stands for the records being created, which have no id yet.
NEW = 0


def _granted(env, model_name):
    return env.cr.cache.setdefault(STORE, {}).setdefault(model_name, set())


def _keys(records, create):
    """``(model name, ids)`` a permit on ``records`` covers.

    A creation permit also covers the parents of ``_inherits`` (creating a
    product variant creates its template).
    """
    if create:
        names = [records._name, *records._inherits]
        return [(name, {NEW}) for name in names]
    return [(records._name, set(records._ids))]


@contextmanager
def permit(records, create=False):
    """Allow writing the guarded fields of ``records`` (or creating such records
    when ``create``) for the ``with`` block; yields ``records``."""
    opened = []
    for name, ids in _keys(records, create):
        granted = _granted(records.env, name)
        added = ids - granted
        granted |= added
        opened.append((granted, added))
    try:
        yield records
    finally:
        for granted, added in opened:
            granted -= added


def is_permitted(records, create=False):
    """True when a permit covers every record of ``records`` (or their creation)."""
    store = records.env.cr.cache.get(STORE, {})
    ids = {NEW} if create else set(records._ids)
    return bool(ids) and ids <= store.get(records._name, set())
