"""Server-side write permits held in a per-transaction dict.

Some writes are allowed only from inside a governed action (approve a bank
account, move an item's lifecycle state). A context key would not do: the
client controls the context of every RPC call. The permit is instead kept in
a dict owned by the server for the transaction (``env.cr.cache``), opened by
the action around its own write and closed right after.
"""

from contextlib import contextmanager


@contextmanager
def permit(store, key, ids):
    """Allow ``ids`` under ``key`` in ``store`` for the ``with`` block."""
    granted = store.setdefault(key, set())
    added = set(ids) - granted
    granted |= added
    try:
        yield
    finally:
        granted -= added


def is_permitted(store, key, ids):
    """True when every id of ``ids`` (non-empty) holds a permit under ``key``."""
    ids = set(ids)
    return bool(ids) and ids <= store.get(key, set())
