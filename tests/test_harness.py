"""The harness counts what Odoo's runner and pytest report, and never a skip as a pass."""

import argparse
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev import positive_scale
from harness import env
from harness.runner import read_junit, read_odoo_tests

HEAD = "2026-11-25 12:00:00,000 42 {level} db {logger}: {message}\n"


def odoo_log(tmp_path, *lines):
    log = tmp_path / "odoo.log"
    log.write_text(
        "".join(HEAD.format(level=lv, logger=lg, message=m) for lv, lg, m in lines)
    )
    return log


def test_odoo_summary_counts_passed_and_failed(tmp_path):
    log = odoo_log(
        tmp_path,
        ("ERROR", "odoo.addons.x.tests.test_a", "FAIL: test_rule (x.TestA.test_rule)"),
        (
            "ERROR",
            "odoo.tests.result",
            "1 failed, 0 error(s) of 12 tests when loading database 'db'",
        ),
    )
    tally, _text = read_odoo_tests(log, 1, "modules")
    assert (tally.passed, tally.failed) == (11, 1)
    assert "test_rule" in tally.failures[0]


def test_skipped_tour_counts_as_failure(tmp_path):
    log = odoo_log(
        tmp_path,
        (
            "INFO",
            "odoo.addons.x.tests.test_ui",
            "skipped test_tour (x.TestUi) : Chrome not found",
        ),
        (
            "INFO",
            "odoo.tests.result",
            "0 failed, 0 error(s) of 3 tests when loading database 'db'",
        ),
    )
    tally, _text = read_odoo_tests(log, 0, "modules")
    assert (tally.passed, tally.failed) == (2, 1)
    assert "Chrome not found" in tally.failures[0]


def test_crash_before_summary_is_a_failure(tmp_path):
    log = odoo_log(
        tmp_path, ("CRITICAL", "odoo.service.server", "Failed to initialize")
    )
    tally, _text = read_odoo_tests(log, 255, "modules")
    assert (tally.passed, tally.failed) == (0, 1)


def test_zero_tests_is_a_failure(tmp_path):
    log = odoo_log(
        tmp_path,
        (
            "WARNING",
            "odoo.tests.result",
            "0 failed, 0 error(s) of 0 tests when loading database 'db'",
        ),
    )
    tally, _text = read_odoo_tests(log, 0, "modules")
    assert tally.failed == 1 and tally.passed == 0


def test_junit_skips_and_errors_count_as_failures(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(
        "<testsuites><testsuite>"
        '<testcase classname="a" name="ok"/>'
        '<testcase classname="a" name="skip"><skipped message="no browser"/></testcase>'
        '<testcase classname="a" name="err"><error message="boom"/></testcase>'
        "</testsuite></testsuites>"
    )
    tally = read_junit(report, "pytest")
    assert (tally.passed, tally.failed) == (1, 2)


def test_template_key_changes_with_dependencies():
    one = env.template_key("17.0", ["purchase_stock"])
    assert one == env.template_key("17.0", ["purchase_stock"])
    assert one != env.template_key("17.0", ["purchase_stock", "stock_landed_costs"])
    assert one != env.template_key("17.1", ["purchase_stock"])


def test_demo_scale_accepts_fractions_and_refuses_zero():
    """`demo --scale 0.3` is a valid scale; 0 and words are refused."""
    assert positive_scale("0.3") == 0.3
    for bad in ("0", "-1", "ten"):
        with pytest.raises(argparse.ArgumentTypeError):
            positive_scale(bad)
