#!/usr/bin/env python3
"""Developer commands of the dist suite: run every test, serve the demo, build demo data,
run benchmarks. See README.md; `./dist --help` lists the commands.

Odoo 17 must be importable by the Python running this file: `./dist` (at the repository
root) runs it with one, setting one up on first use. PostgreSQL is the one named by
DIST_DB_HOST/DIST_DB_PORT/DIST_DB_USER/DIST_DB_PASSWORD, or else a throwaway cluster started
on loopback in the state dir (DIST_STATE_DIR, default /var/tmp/dist-dev-<uid>).
"""

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import env, pg
from harness.runner import Odoo, Tally, install_progress, read_junit, read_odoo_tests

DEMO_TABLES = [
    "res_company",
    "stock_warehouse",
    "res_partner",
    "product_product",
    "purchase_order",
    "purchase_order_line",
    "sale_order",
    "sale_order_line",
    "stock_picking",
    "stock_move",
    "stock_valuation_layer",
    "account_move",
    "account_move_line",
]


def say(message):
    print(message, flush=True)


def stop_missing(missing):
    """Stop at once, naming everything that is missing and how to get it."""
    if missing:
        for item in missing:
            say(f"ERROR: {item}")
        sys.exit(2)


class Session:
    """An Odoo 17 and a database server for one command; stops what it started."""

    def __init__(self, need_browser=False, need_tools=False):
        missing = []
        info = env.odoo_info()
        if isinstance(info, env.Missing):
            missing.append(info)
        self.server = pg.configured()
        self.bindir = None
        if not self.server:
            self.bindir = env.pg_bindir()
            if isinstance(self.bindir, env.Missing):
                missing.append(self.bindir)
        if need_browser:
            for check in (
                env.chromium(),
                env.python_module("websocket", "websocket-client"),
            ):
                if isinstance(check, env.Missing):
                    missing.append(check)
        if need_tools:
            for name, package in (
                ("pytest_odoo", "pytest-odoo"),
                ("ruff", "ruff"),
                ("pylint_odoo", "pylint-odoo"),
                ("hypothesis", "hypothesis"),
            ):
                check = env.python_module(name, package)
                if isinstance(check, env.Missing):
                    missing.append(check)
        stop_missing(missing)
        self.version, self.odoo_path = info
        if not self.server:
            self.server = pg.start_local(self.bindir)
        say(
            f"Odoo {self.version} from {self.odoo_path} (Python {env.PYTHON}); "
            f"PostgreSQL on {self.server.host}:{self.server.port}"
        )
        self.odoo = Odoo(self.server, self.odoo_path)

    def close(self):
        if self.server.owned:
            pg.stop_local(self.bindir)

    def template(self, names):
        """A database with the core modules `names` need, built once and reused."""
        depends = env.external_depends(names)
        name = f"dist_tmpl_{env.template_key(self.version, depends)}"
        if name in self.server.databases():
            say(f"template {name} reused ({', '.join(depends)})")
            return name, 0.0
        building = f"{name}_build"
        self.server.drop(building)
        log = self.odoo.logs / "template.log"
        say(
            f"building template {name} (once per Odoo version and dependency list): "
            f"{', '.join(depends)} and their dependencies; log {log}"
        )
        rc, log, secs = self.odoo.run(
            building, ["-i", ",".join(depends)], "template", show=install_progress
        )
        if rc or self.odoo.installed(building, depends) != set(depends):
            say(f"ERROR: building the template failed (rc={rc}), see {log}")
            say(tail(log))
            sys.exit(1)
        self.server.rename(building, name, self.odoo.data_dir)
        say(f"template {name} built in {secs:.0f} s")
        return name, secs

    def fresh(self, template, dbname):
        self.server.copy(template, dbname, self.odoo.data_dir)

    def install(self, dbname, names, log_name, tests=(), extra_env=None, show=None):
        """Install modules, running the tests of `tests`; return (rc, log, seconds)."""
        extra = ["-i", ",".join(names)]
        if tests:
            extra += ["--test-enable", "--test-tags", ",".join(f"/{t}" for t in tests)]
        return self.odoo.run(dbname, extra, log_name, extra_env=extra_env, show=show)

    def require_installed(self, dbname, names, log):
        missing = set(names) - self.odoo.installed(dbname, names)
        if missing:
            say(f"ERROR: not installed: {', '.join(sorted(missing))}; see {log}")
            say(tail(log))
        return not missing


def tail(path, lines=40):
    if not Path(path).exists():
        return ""
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def lint():
    """ruff (lint and format) and pylint-odoo, one check each."""
    tally = Tally()
    checks = [
        ("ruff check", [env.PYTHON, "-m", "ruff", "check", "."]),
        ("ruff format", [env.PYTHON, "-m", "ruff", "format", "--check", "."]),
    ]
    targets = env.modules() + [f"addons/{m}" for m in env.modules("addons")]
    if targets:
        pylint = [env.PYTHON, "-m", "pylint", "--rcfile=.pylintrc", *targets]
        checks.append(("pylint-odoo", pylint))
    for label, cmd in checks:
        proc = subprocess.run(cmd, cwd=env.REPO, capture_output=True, text=True)
        if proc.returncode:
            say(f"FAILED {label}:\n{proc.stdout[-4000:]}{proc.stderr[-2000:]}")
            tally.fail(f"lint: {label}")
        else:
            tally.ok()
    say(f"lint: {tally.passed} passed, {tally.failed} failed")
    return tally


def module_tests(session, template, suite):
    """Install the suite on a fresh copy of the template with Odoo's test runner."""
    dbname = "dist_test_modules"
    session.fresh(template, dbname)
    rc, log, secs = session.install(dbname, suite, "modules", tests=suite)
    tally, _text = read_odoo_tests(log, rc, "modules")
    if not session.require_installed(dbname, suite, log):
        tally.fail("modules: suite not installed")
    say(
        f"module tests ({', '.join(suite)}): install + tests {secs:.0f} s, "
        f"{tally.passed} passed, {tally.failed} failed"
    )
    return tally


def pytest_files():
    files = sorted(str(p) for p in (env.REPO / "tests").glob("test_*.py"))
    for base in ("", "addons/"):
        for module in env.modules(base.rstrip("/")):
            pattern = f"{base}{module}/tests/test_tools_*.py"
            files += sorted(str(p) for p in env.REPO.glob(pattern))
    return files


def write_config(session, dbname):
    conf = env.state_dir() / "pytest-odoo.conf"
    server = session.server
    conf.write_text(
        "[options]\n"
        f"addons_path = {session.odoo.addons}\n"
        f"data_dir = {session.odoo.data_dir}\n"
        f"db_host = {server.host}\ndb_port = {server.port}\ndb_user = {server.user}\n"
        f"db_password = {server.password or 'False'}\n"
        f"db_name = {dbname}\nwithout_demo = all\nworkers = 0\n"
        "max_cron_threads = 0\n"
    )
    return conf


def demo_and_pytest(session, template, suite, demo):
    """Install the demo distributor (its tests included), then run pytest on it."""
    dbname = "dist_test_demo"
    session.fresh(template, dbname)
    names = demo + suite
    rc, log, secs = session.install(dbname, names, "demo", tests=demo)
    tally, _text = read_odoo_tests(log, rc, "demo")
    if not session.require_installed(dbname, names, log):
        tally.fail("demo: not installed")
        return tally
    say(
        f"demo install + tests {secs:.0f} s: {tally.passed} passed, {tally.failed} failed"
    )
    files = pytest_files()
    if not files:
        return tally
    report = env.state_dir() / "logs" / "pytest.xml"
    report.unlink(missing_ok=True)
    cmd = [env.PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEs"]
    cmd += ["--odoo-config", str(write_config(session, dbname)), "--odoo-http"]
    cmd += ["--odoo-database", dbname, f"--junitxml={report}", *files]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=env.REPO, capture_output=True, text=True)
    pytest_tally = read_junit(report, "pytest")
    if proc.returncode not in (0, 1) or pytest_tally.failed:
        say(proc.stdout[-6000:] + proc.stderr[-3000:])
    if proc.returncode not in (0, 1, 5) and not pytest_tally.failed:
        pytest_tally.fail(f"pytest: exited with {proc.returncode}")
    say(
        f"pytest ({len(files)} files) {time.monotonic() - start:.0f} s: "
        f"{pytest_tally.passed} passed, {pytest_tally.failed} failed"
    )
    tally.add(pytest_tally)
    return tally


def cmd_test(args):
    start = time.monotonic()
    session = Session(need_browser=True, need_tools=True)
    total = Tally()
    try:
        total.add(lint())
        suite, demo = env.modules(), env.modules("addons")
        template, _secs = session.template(suite + demo)
        if suite:
            total.add(module_tests(session, template, suite))
        if demo:
            total.add(demo_and_pytest(session, template, suite, demo))
        if not suite and not demo:
            total.fail("no module to test")
    finally:
        session.close()
    for name in total.failures:
        say(f"FAILED: {name}")
    say(
        f"full run {time.monotonic() - start:.0f} s; logs in {env.state_dir() / 'logs'}"
    )
    say(f"{total.passed} passed, {total.failed} failed")
    return 1 if total.failed else 0


def cmd_modtest(args):
    """Install some modules on a fresh copy of the template and run their tests only."""
    session = Session(need_browser=True)
    try:
        names = args.modules
        unknown = set(names) - set(env.modules()) - set(env.modules("addons"))
        if unknown:
            say(f"ERROR: not a module of this repository: {', '.join(sorted(unknown))}")
            return 2
        template, _secs = session.template(env.modules() + env.modules("addons"))
        dbname = args.db or f"dist_modtest_{os.getpid()}"
        session.fresh(template, dbname)
        tags = args.tags or ",".join(f"/{name}" for name in names)
        extra = ["-i", ",".join(names), "--test-enable", "--test-tags", tags]
        rc, log, secs = session.odoo.run(dbname, extra, dbname)
        tally, _text = read_odoo_tests(log, rc, dbname)
        for name in tally.failures:
            say(f"FAILED: {name}")
        say(f"log {log}; {secs:.0f} s")
        say(f"{tally.passed} passed, {tally.failed} failed")
        if not args.keep:
            session.server.drop(dbname)
        return 1 if tally.failed else 0
    finally:
        session.close()


def cmd_pot(args):
    """Rewrite each module's translation template (i18n/<module>.pot) from the code."""
    session = Session()
    try:
        names = args.modules or env.modules() + env.modules("addons")
        template, _secs = session.template(env.modules() + env.modules("addons"))
        dbname = f"dist_pot_{os.getpid()}"
        session.fresh(template, dbname)
        rc, log, _secs = session.odoo.run(dbname, ["-i", ",".join(names)], dbname)
        if rc or not session.require_installed(dbname, names, log):
            return 1
        for name in names:
            base = (
                env.REPO / name if name in env.modules() else env.REPO / "addons" / name
            )
            target = base / "i18n" / f"{name}.pot"
            target.parent.mkdir(exist_ok=True)
            extra = [f"--i18n-export={target}", f"--modules={name}"]
            rc, log, _secs = session.odoo.run(dbname, extra, f"{dbname}-{name}")
            say(f"{target.relative_to(env.REPO)}: {'written' if not rc else 'FAILED'}")
        session.server.drop(dbname)
        return 0
    finally:
        session.close()


def positive_scale(text):
    """Parse a demo scale: a positive number (``0.3``, ``1``, ``10``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def build_demo(session, dbname, scale, rebuild=False):
    """Create (or reuse) a database with the suite and the demo distributor, showing
    the steps of a build as they happen."""
    suite, demo = env.modules(), env.modules("addons")
    names = demo + suite
    exists = dbname in session.server.databases() and not rebuild
    if exists and session.odoo.installed(dbname, names) == set(names):
        say(f"database {dbname} reused (--rebuild builds it again)")
        return True
    started = time.monotonic()
    say(
        f"building database {dbname}: the suite and the demo distributor at scale {scale:g}"
    )
    template, _secs = session.template(names)
    session.fresh(template, dbname)
    extra_env = {**os.environ, "DIST_DEMO_SCALE": f"{scale:g}"}
    log_name = f"demo-{dbname}"
    say(
        f"installing {', '.join(names)} and generating the demo data "
        "(11 minutes at scale 1 measured on two cores shared with other builds, "
        f"see README); log {session.odoo.logs / log_name}.log"
    )
    rc, log, secs = session.install(
        dbname, names, log_name, extra_env=extra_env, show=install_progress
    )
    if rc or not session.require_installed(dbname, names, log):
        say(f"ERROR: demo install failed (rc={rc}), see {log}")
        return False
    say(f"demo at scale {scale:g} generated and installed in {secs:.0f} s")
    for table in DEMO_TABLES:
        count = session.server.sql(f"SELECT count(*) FROM {table}", dbname)
        say(f"  {table:<24} {int(count):>10,}")
    say(f"database {dbname} built in {time.monotonic() - started:.0f} s")
    return True


def demo_logins_module():
    """`addons/dist_demo/tools/logins.py`: pure data, loaded without Odoo."""
    path = env.REPO / "addons" / "dist_demo" / "tools" / "logins.py"
    spec = importlib.util.spec_from_file_location("dist_demo_logins", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def show_logins(session, dbname, where):
    """Who can sign in (`where`), with which password, where each lands and what
    to try first."""
    logins = demo_logins_module()
    rows = session.server.sql(
        "SELECT u.login, c.name, (SELECT count(*) FROM res_company_users_rel r"
        " WHERE r.user_id = u.id) FROM res_users u"
        " JOIN res_company c ON c.id = u.company_id"
        f" WHERE u.active AND u.login LIKE '{logins.LOGIN_PREFIX}%' ORDER BY u.id",
        dbname,
    )
    say(
        f"sign in {where} as admin / admin, or as a demo user, password "
        f"'{logins.DEMO_PASSWORD}':"
    )
    say(f"  {'login':<28} {'role':<21} {'company':<20} {'lands on':<17} try first")
    for row in rows.splitlines():
        login, company, count = row.split("|")
        role = logins.role_of(login)
        label, first = logins.ROLES.get(role, ("", ""))
        _xmlid, lands_on = logins.LANDINGS.get(role, ("", ""))
        company = "all three" if int(count) > 1 else company
        say(f"  {login:<28} {label:<21} {company:<20} {lands_on:<17} {first}")


def cmd_demo(args):
    session = Session()
    try:
        dbname = args.db or f"dist_demo_x{args.scale:g}".replace(".", "_")
        if not build_demo(session, dbname, args.scale, rebuild=True):
            return 1
        show_logins(session, dbname, f"(once `./dist serve --db {dbname}` runs)")
        return 0
    finally:
        session.close()


def cmd_serve(args):
    session = Session()
    try:
        if not build_demo(session, args.db, args.scale, rebuild=args.rebuild):
            return 1
        cmd = [env.PYTHON, "-m", "odoo", "-c", str(env.REPO / "odoo.conf")]
        cmd += session.odoo.base_args(args.db, http_port=args.port)[3:]
        cmd += ["--db-filter", f"^{args.db}$", "--max-cron-threads", "1"]
        url = f"http://localhost:{args.port}"
        show_logins(session, args.db, f"at {url}")
        say(f"serving {url} (database {args.db}); Ctrl-C stops")
        return subprocess.run(cmd, cwd="/", check=False).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        session.close()


# A benchmark declaring this gets, as first argument, a fresh copy of the template
# database: plain Odoo 17 with the suite's core dependencies and no suite module.
BASELINE_MARK = "NEEDS_BASELINE_DB = True"


def cmd_bench(args):
    script = env.REPO / "tests" / "benchmarks" / f"bench_{args.topic}.py"
    if not script.exists():
        names = sorted(p.stem[6:] for p in script.parent.glob("bench_*.py"))
        say(f"ERROR: no benchmark {args.topic!r}; known: {', '.join(names)}")
        return 2
    session = Session()
    try:
        suite = env.modules()
        dbname = args.db
        if args.db not in session.server.databases() or args.rebuild:
            template, _secs = session.template(suite)
            session.fresh(template, dbname)
            rc, log, secs = session.install(dbname, suite, "bench")
            if rc or not session.require_installed(dbname, suite, log):
                return 1
            say(f"suite ({', '.join(suite)}) installed in {secs:.0f} s")
        rest = list(args.rest)
        if BASELINE_MARK in script.read_text():
            # Plain Odoo: the template (the suite's core dependencies, no suite).
            template, _secs = session.template(suite)
            baseline = f"{dbname}_odoo"
            session.fresh(template, baseline)
            rest = [baseline, *rest]
        conf = write_config(session, dbname)
        runner = env.REPO / "tests" / "harness" / "bench_main.py"
        cmd = [env.PYTHON, str(runner), str(conf), dbname, str(script), *rest]
        return subprocess.run(cmd, cwd="/", check=False).returncode
    finally:
        session.close()


def suite_database(session, dbname, rebuild=False):
    """A database with the suite installed (no demo): reused, or made from the template."""
    suite = env.modules()
    if dbname in session.server.databases() and not rebuild:
        return True
    template, _secs = session.template(suite)
    session.fresh(template, dbname)
    rc, log, secs = session.install(dbname, suite, f"install-{dbname}")
    if rc or not session.require_installed(dbname, suite, log):
        return False
    say(f"suite ({', '.join(suite)}) installed in {secs:.0f} s")
    return True


def cmd_kpidata(args):
    """Fill a fresh suite database with the KPI benchmark data of a tier."""
    session = Session()
    try:
        dbname = args.db or f"dist_kpi_{args.tier.lower()}"
        if not suite_database(session, dbname, rebuild=True):
            return 1
        conf = write_config(session, dbname)
        runner = env.REPO / "tests" / "harness" / "data_main.py"
        script = env.REPO / "tests" / "benchmarks" / "kpi_data.py"
        cmd = [env.PYTHON, str(runner), str(conf), dbname, str(script), args.tier]
        return subprocess.run(cmd, cwd="/", check=False).returncode
    finally:
        session.close()


def cmd_pg(args):
    bindir = env.pg_bindir()
    stop_missing([bindir] if isinstance(bindir, env.Missing) else [])
    if args.action == "stop":
        pg.stop_local(bindir)
    elif args.action == "wipe":
        pg.wipe_local(bindir)
    else:
        server = pg.start_local(bindir)
        say(f"PostgreSQL on {server.host}:{server.port}, user {server.user}")
    return 0


def main():
    parser = argparse.ArgumentParser(
        prog=os.environ.get("DIST_PROG"), description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("test", help="run every test; last line 'N passed, N failed'")
    demo = sub.add_parser("demo", help="generate the demo distributor at a scale")
    demo.add_argument(
        "--scale",
        type=positive_scale,
        default=1.0,
        help="multiplier on SKUs and documents (e.g. 0.3 or 10)",
    )
    demo.add_argument("--db", help="database name (default dist_demo_x<scale>)")
    serve = sub.add_parser(
        "serve",
        aliases=["run"],
        help="serve Odoo with the suite and the demo (built on first start)",
    )
    serve.add_argument("--db", default="dist_demo", help="database (default dist_demo)")
    serve.add_argument(
        "--port", type=int, default=8069, help="HTTP port (default 8069)"
    )
    serve.add_argument(
        "--scale",
        type=positive_scale,
        default=1.0,
        help="demo scale when the database is built",
    )
    serve.add_argument("--rebuild", action="store_true", help="recreate the database")
    modtest = sub.add_parser(
        "modtest", help="install modules on a fresh database and run only their tests"
    )
    modtest.add_argument("modules", nargs="+")
    modtest.add_argument(
        "--tags", help="Odoo --test-tags, e.g. /dist_procure:TestMatch (default: all)"
    )
    modtest.add_argument("--db", help="database name (default dist_modtest_<pid>)")
    modtest.add_argument("--keep", action="store_true", help="keep the database")
    pot = sub.add_parser("pot", help="rewrite the modules' i18n/<module>.pot")
    pot.add_argument("modules", nargs="*", help="default: every module")
    bench = sub.add_parser("bench", help="run tests/benchmarks/bench_<topic>.py")
    bench.add_argument("topic")
    bench.add_argument("--db", default="dist_bench")
    bench.add_argument("--rebuild", action="store_true")
    bench.add_argument("rest", nargs=argparse.REMAINDER)
    kpidata = sub.add_parser(
        "kpidata", help="a fresh database filled with KPI benchmark data (bulk SQL)"
    )
    kpidata.add_argument(
        "--tier", choices=["S", "M"], default="M", help="M: 25,000 SKUs; S: 1/20"
    )
    kpidata.add_argument("--db", help="database name (default dist_kpi_<tier>)")
    pgcmd = sub.add_parser("pg", help="start, stop or wipe the local PostgreSQL")
    pgcmd.add_argument("action", choices=["start", "stop", "wipe"])
    args = parser.parse_args()
    handler = {
        "test": cmd_test,
        "demo": cmd_demo,
        "serve": cmd_serve,
        "run": cmd_serve,
        "bench": cmd_bench,
        "modtest": cmd_modtest,
        "pot": cmd_pot,
        "pg": cmd_pg,
        "kpidata": cmd_kpidata,
    }[args.command]
    sys.exit(handler(args))


if __name__ == "__main__":
    main()
