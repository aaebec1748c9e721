"""SQL helpers of the suite: statements the ORM cannot express cheaply.

Raw SQL only for measured hot paths (duplicate detection over 100,000 items,
``python3 tests/dev.py bench duplicates``); always parameterised. Table and
column names are identifiers from code, never user input.
"""

import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)

# Two names are "similar" from this trigram similarity on (0..1).
SIMILARITY_THRESHOLD = 0.6
SIMILAR_LIMIT = 5


def ensure_trigram_index(env, table, column):
    """Create pg_trgm and a GIN trigram index on ``table.column`` if possible.

    Returns True when trigram search is available. When the extension cannot
    be created (no superuser right, not shipped), similar-name detection
    falls back to an exact match of the normalized key (logged once here).
    """
    cr = env.cr
    if not env.registry.has_trigram:
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            env.registry.has_trigram = True
        except Exception as error:  # any refusal (rights, not shipped): no trigram
            _logger.warning(
                "pg_trgm unavailable (%s): similar names fall back to an exact "
                "match of the normalized name.",
                error,
            )
            return False
    sql.create_index(
        cr,
        f"{table}_{column}_trgm_idx",
        table,
        [f'"{column}" gin_trgm_ops'],
        method="gin",
    )
    return True


def find_similar_ids(env, table, column, key, exclude_ids):
    """Ids of rows of ``table`` whose normalized ``column`` resembles ``key``.

    One statement. With pg_trgm: the trigram operator ``%`` (GIN index) at
    ``SIMILARITY_THRESHOLD``, best matches first; the threshold is set for
    the transaction in the same round trip. Without pg_trgm: rows with
    exactly the same normalized key (btree index). ``table`` and ``column``
    are identifiers from code, never user input.
    """
    if not key:
        return []
    assert table.isidentifier() and column.isidentifier()
    exclude = list(exclude_ids) or [0]
    if env.registry.has_trigram:
        # Plain string: odoo.tools.SQL cannot carry the literal % operator.
        query = f"""
            SET LOCAL pg_trgm.similarity_threshold = %s;
            SELECT id FROM "{table}"
             WHERE "{column}" %% %s AND NOT id = ANY(%s)
          ORDER BY similarity("{column}", %s) DESC, id
             LIMIT %s"""
        params = (SIMILARITY_THRESHOLD, key, exclude, key, SIMILAR_LIMIT)
    else:
        query = f"""
            SELECT id FROM "{table}"
             WHERE "{column}" = %s AND NOT id = ANY(%s)
          ORDER BY id LIMIT %s"""
        params = (key, exclude, SIMILAR_LIMIT)
    env.cr.execute(query, params)
    return [row[0] for row in env.cr.fetchall()]
