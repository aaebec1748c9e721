"""Time and SQL queries of the parts of the generation, for its log."""

import logging
import time
from contextlib import contextmanager

_logger = logging.getLogger(__name__)


@contextmanager
def measure(cr, label, totals=None, documents=0):
    """Time a part of the generation (wall clock and this process's CPU) and count
    its SQL queries: logged at once, or added to ``totals[label]`` when given."""
    started = (time.monotonic(), time.process_time(), cr.sql_log_count)
    yield
    ended = (time.monotonic(), time.process_time(), cr.sql_log_count)
    spent = [end - start for end, start in zip(ended, started, strict=True)]
    spent.append(documents)
    if totals is None:
        _logger.info("dist_demo: %-12s %s", label, _format_spent(*spent))
        return
    total = totals.setdefault(label, [0.0, 0.0, 0, 0])
    for number, value in enumerate(spent):
        total[number] += value


def _format_spent(seconds, cpu, queries, documents):
    text = f"{seconds:7.1f}s (cpu {cpu:6.1f}s) {queries:8d} queries"
    return f"{text} {documents:6d} steps" if documents else text


def log_totals(totals):
    for label, spent in totals.items():
        _logger.info("dist_demo: %-12s %s", label, _format_spent(*spent))
