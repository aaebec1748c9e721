"""The harness counts what Odoo's runner and pytest report, and never a skip as a pass."""

import argparse
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev import positive_scale
from harness import bootstrap, env
from harness.runner import install_progress, read_junit, read_odoo_tests

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


def test_install_progress_shows_modules_demo_steps_and_errors():
    """While the demo builds, the user sees modules n/N, generator steps and errors."""
    line = HEAD.format
    assert (
        install_progress(
            line(
                level="INFO",
                logger="odoo.modules.loading",
                message="Loading module dist_demo (68/68) ",
            )
        )
        == "module 68/68: dist_demo"
    )
    step = "dist_demo: replaying 2026-02, month 3 of 12 (62 environments)"
    assert install_progress(line(level="INFO", logger="x", message=step)) == step
    error = line(level="ERROR", logger="odoo.sql_db", message="bad query")
    assert install_progress(error) == "ERROR odoo.sql_db: bad query"
    assert install_progress(line(level="INFO", logger="x", message="noise")) is None


def test_odoo_requirements_install_on_a_fresh_python_311():
    """psycopg2 becomes its binary wheel at the same pin; python-ldap is left out."""
    text = (
        "psycopg2==2.9.5 ; python_version == '3.11'\n"
        "python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12'\n"
        "pytz  # no pin\n"
    )
    assert bootstrap.odoo_requirements(text) == (
        "psycopg2-binary==2.9.5 ; python_version == '3.11'\npytz  # no pin\n"
    )
    assert bootstrap.BUILD_REQUIREMENTS == ["setuptools<70", "wheel"]


def test_no_bootstrap_stops_naming_odoo(monkeypatch):
    """With DIST_BOOTSTRAP=0 and no importable Odoo 17, ./dist stops at once."""
    monkeypatch.setattr(bootstrap, "importable_odoo", lambda python: None)
    monkeypatch.setattr(bootstrap, "preflight", list)
    monkeypatch.delenv("DIST_ODOO_SRC", raising=False)
    monkeypatch.setenv("DIST_BOOTSTRAP", "0")
    python, missing = bootstrap.python_for_odoo()
    assert python is None
    assert [m.what for m in missing] == ["Odoo 17 (the `odoo` Python package)"]


def test_a_local_source_must_be_odoo_17(monkeypatch, tmp_path):
    """DIST_ODOO_SRC naming anything but an Odoo 17 tree is refused before any set-up."""
    monkeypatch.setattr(bootstrap, "preflight", list)
    # CI runs with DIST_BOOTSTRAP=0; this test is about the bootstrap itself.
    monkeypatch.delenv("DIST_BOOTSTRAP", raising=False)
    monkeypatch.setenv("DIST_ODOO_SRC", str(tmp_path))
    monkeypatch.setenv("DIST_CACHE_DIR", str(tmp_path / "cache"))
    python, missing = bootstrap.python_for_odoo()
    assert python is None and "DIST_ODOO_SRC" in missing[0].what
    assert not list((tmp_path / "cache").iterdir())


def test_an_unreachable_repository_stops_at_once(monkeypatch, tmp_path):
    """Without network (here: a repository that is not there) the fetch stops naming
    the repository and the ways around it."""
    monkeypatch.setattr(bootstrap, "ODOO_GIT", f"file://{tmp_path}/no-odoo")
    found = bootstrap._fetch_source(tmp_path)
    assert isinstance(found, env.Missing)
    assert "cannot be reached" in found.what and "DIST_ODOO_SRC" in found.how
