"""Benchmark: the KPI dashboard's queries at tier M (and S), against bare SQL and
Odoo's own ``read_group``.

Run on a database filled by ``./dist kpidata`` (tests/benchmarks/kpi_data.py):

    ./dist kpidata --tier M --db dist_kpi_m
    ./dist kpidata --tier S --db dist_kpi_s
    ./dist bench kpi --db dist_kpi_m dist_kpi_s

The first database is measured; each further one named is measured the same way and
the growth from it to the first is printed. ``skip=purchase,dashboard,cron`` (an
argument) leaves out engine groups, the whole dashboard or the cron: a query that
takes hours at tier M is then measured at tier S only. Everything runs in transactions rolled
back. Filters: the three companies, twelve months to today, group view (one
reporting currency), as the administrator with the KPI roles.

First the refresh of the pre-aggregated facts (``dist.kpi.rollup.mixin``): a full
rebuild of every rollup, an incremental refresh with nothing changed (what each
dashboard load runs first), and one after ``TOUCHED`` stock moves and journal
entries were written. Then, per KPI group of the engine
(``dist.kpi.engine._dist_kpi_<group>``, the statements one dashboard load runs for
it, over the rollups), best of ``REPEAT`` after a warm-up:

* **engine**: the group's method, Python included;
* **its SQL**: the very statements it ran, replayed on the bare cursor (target:
  engine <= 2x its SQL: the ORM and the arithmetic add little);
* **core SQL**: the plainest aggregate over the core table the group reads (stock
  valuation layers, journal items, stock moves, purchase lines), no view;
* **read_group**: Odoo's own ``read_group`` of the same figure on the core model,
  the way a pivot computes it (target: >= 20x slower than the engine).

Then the whole ``get_dashboard`` (current and comparison periods, trends,
thresholds, the incremental refresh), the refresh cron ``_cron_refresh`` and the
snapshot cron ``_cron_snapshot`` (two months, every company and dimension).
"""

import sys
import time
from datetime import date, timedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

REPEAT = 3
TOUCHED = 1000
GROUPS = ("stock", "margin", "service", "purchase", "finance")
ROLES = (
    "dist_kpi.group_kpi_user",
    "dist_kpi.group_kpi_manager",
    "dist_kpi.group_kpi_group_view",
)


def _out(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def _best(function, repeat=REPEAT):
    """Best wall time of ``function`` over ``repeat`` runs after one warm-up."""
    function()
    times = []
    for _run in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


class _Recorder:
    """The statements an engine method runs (query text and parameters)."""

    def __init__(self, cr):
        self.cr = cr
        self.statements = []

    def __enter__(self):
        execute = self.cr.execute

        def recording(query, params=None, log_exceptions=True):
            self.statements.append((query, params))
            return execute(query, params, log_exceptions)

        self.cr.execute = recording
        return self

    def __exit__(self, *_exc):
        del self.cr.execute


def _replay(cr, statements):
    for query, params in statements:
        if hasattr(query, "code"):  # odoo.tools.SQL
            query, params = query.code, query.params
        cr._obj.execute(query, params or None)
        if cr._obj.description:
            cr._obj.fetchall()


def _reader_env(env):
    admin = env.ref("base.user_admin")
    companies = env["res.company"].search([])
    admin.write(
        {
            "company_ids": [(6, 0, companies.ids)],
            "groups_id": [(4, env.ref(xmlid).id) for xmlid in ROLES],
        }
    )
    return env(user=admin.id, context={"allowed_company_ids": companies.ids})


def _filters(env):
    today = date.today()
    start = today.replace(year=today.year - 1) + timedelta(days=1)
    return {
        "company_ids": env.companies.ids,
        "date_from": start.isoformat(),
        "date_to": today.isoformat(),
        "compare_from": start.replace(year=start.year - 1).isoformat(),
        "compare_to": (start - timedelta(days=1)).isoformat(),
        "group_view": True,
    }


def _core(env, filters):
    """Per group: (bare SQL over the core table, read_group of the same figure)."""
    ids = tuple(filters["company_ids"])
    start, end = filters["date_from"], filters["date_to"]
    cr = env.cr

    def sql(query, params):
        def run():
            cr.execute(query, params)
            cr.fetchall()

        return run

    def rg(model, domain, fields_, groupby):
        return lambda: env[model].read_group(domain, fields_, groupby, lazy=False)

    posted = [("parent_state", "=", "posted"), ("company_id", "in", ids)]
    return {
        "stock": (
            sql(
                "SELECT company_id, SUM(value), SUM(remaining_value) "
                "FROM stock_valuation_layer WHERE company_id IN %s "
                "AND create_date < %s::date + 1 GROUP BY company_id",
                (ids, end),
            ),
            rg(
                "stock.valuation.layer",
                [("company_id", "in", ids), ("create_date", "<=", f"{end} 23:59:59")],
                ["value:sum", "remaining_value:sum"],
                ["company_id"],
            ),
        ),
        "margin": (
            sql(
                "SELECT l.company_id, a.account_type, SUM(l.balance) "
                "FROM account_move_line l JOIN account_account a ON a.id = l.account_id "
                "WHERE l.parent_state = 'posted' AND l.company_id IN %s "
                "AND l.date BETWEEN %s AND %s "
                "AND a.account_type IN ('income', 'expense_direct_cost', 'expense') "
                "GROUP BY 1, 2",
                (ids, start, end),
            ),
            rg(
                "account.move.line",
                posted
                + [
                    ("date", ">=", start),
                    ("date", "<=", end),
                    (
                        "account_id.account_type",
                        "in",
                        ["income", "expense_direct_cost", "expense"],
                    ),
                ],
                ["balance:sum"],
                ["company_id", "account_id"],
            ),
        ),
        "service": (
            sql(
                "SELECT m.company_id, COUNT(*), SUM(m.product_uom_qty), SUM(m.quantity) "
                "FROM stock_move m JOIN stock_location l ON l.id = m.location_dest_id "
                "WHERE m.state = 'done' AND l.usage = 'customer' "
                "AND m.company_id IN %s AND m.date BETWEEN %s AND %s::date + 1 "
                "GROUP BY 1",
                (ids, start, end),
            ),
            rg(
                "stock.move",
                [
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                    ("company_id", "in", ids),
                    ("date", ">=", start),
                    ("date", "<=", f"{end} 23:59:59"),
                ],
                ["product_uom_qty:sum", "quantity:sum"],
                ["company_id"],
            ),
        ),
        "purchase": (
            sql(
                "SELECT company_id, SUM(product_qty), SUM(qty_received), "
                "SUM(price_subtotal) FROM purchase_order_line "
                "WHERE state = 'purchase' AND company_id IN %s GROUP BY 1",
                (ids,),
            ),
            rg(
                "purchase.order.line",
                [("state", "=", "purchase"), ("company_id", "in", ids)],
                ["product_qty:sum", "qty_received:sum", "price_subtotal:sum"],
                ["company_id"],
            ),
        ),
        "finance": (
            sql(
                "SELECT l.company_id, a.account_type, SUM(l.amount_residual) "
                "FROM account_move_line l JOIN account_account a ON a.id = l.account_id "
                "WHERE l.parent_state = 'posted' AND l.company_id IN %s "
                "AND a.account_type IN ('asset_receivable', 'liability_payable') "
                "GROUP BY 1, 2",
                (ids,),
            ),
            rg(
                "account.move.line",
                posted
                + [
                    (
                        "account_id.account_type",
                        "in",
                        ["asset_receivable", "liability_payable"],
                    )
                ],
                ["amount_residual:sum"],
                ["company_id", "account_id"],
            ),
        ),
    }


def _timed(function):
    begin = time.perf_counter()
    function()
    return time.perf_counter() - begin


def _refresh(env, company_ids):
    """Times of a full rebuild, a refresh with nothing changed, and one after
    ``TOUCHED`` stock moves and journal entries were written (rolled back)."""
    Engine = env["dist.kpi.engine"]
    cr = env.cr
    full = _timed(lambda: Engine._dist_kpi_refresh(company_ids, rebuild=True))
    noop = _best(lambda: Engine._dist_kpi_refresh(company_ids))
    cr.execute("SAVEPOINT bench_touch")
    for table in ("stock_move", "account_move"):
        cr.execute(
            SQL(
                "UPDATE %(t)s SET write_date = now() AT TIME ZONE 'UTC' "
                "WHERE id IN (SELECT id FROM %(t)s ORDER BY id DESC LIMIT %(n)s)",
                t=SQL.identifier(table),
                n=TOUCHED,
            )
        )
    touched = _timed(lambda: Engine._dist_kpi_refresh(company_ids))
    cr.execute("ROLLBACK TO SAVEPOINT bench_touch")
    env.invalidate_all()
    rows = {}
    for name in env["dist.kpi.rollup.mixin"]._dist_kpi_rollups():
        Rollup = env[name]
        counts = []
        for table in (Rollup._table, env[Rollup._dist_kpi_fact]._table):
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts.append(cr.fetchone()[0])
        rows[name] = counts
    _out(
        f"  refresh: full {full:.2f} s, nothing changed {noop * 1000:.1f} ms, "
        f"{TOUCHED:,} moves and {TOUCHED:,} entries written {touched:.2f} s"
    )
    for name, (rollup_rows, fact_rows) in rows.items():
        _out(f"    {name:<28} {rollup_rows:>9,} rows for {fact_rows:>10,} fact rows")
    return {"refresh_full": full, "refresh_noop": noop, "refresh_touched": touched}


def measure(env, skip=()):
    """Print and return the figures of one database (``skip``: what to leave out)."""
    env = _reader_env(env)
    Dashboard = env["dist.kpi.dashboard"]
    Engine = env["dist.kpi.engine"]
    raw = _filters(env)
    filters = Dashboard._dist_kpi_normalize(raw)
    start, end = filters["date_from"], filters["date_to"]
    cr = env.cr
    cr.execute("SELECT count(*) FROM stock_move")
    moves = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM account_move_line")
    lines = cr.fetchone()[0]
    tier = env["ir.config_parameter"].sudo().get_param("dist_kpi.bench_tier", "?")
    _out(f"database {cr.dbname}: tier {tier}, {moves:,} moves, {lines:,} journal items")
    result = _refresh(env, filters["company_ids"])
    _out(
        f"  {'query':<10} {'engine':>9} {'its SQL':>9} {'x':>5} "
        f"{'core SQL':>9} {'read_group':>11} {'rg/engine':>10}"
    )
    core = _core(env, raw)
    for group in GROUPS:
        if group in skip:
            _out(f"  {group:<10} skipped")
            continue
        method = getattr(Engine, f"_dist_kpi_{group}")

        def engine(method=method):
            env.invalidate_all()
            method(filters, start, end, None)

        with _Recorder(cr) as recorder:
            method(filters, start, end, None)
        seconds = _best(engine)
        replay = _best(lambda statements=recorder.statements: _replay(cr, statements))
        bare, read_group = core[group]
        bare_s = _best(bare)
        rg_s = _best(lambda read_group=read_group: (env.invalidate_all(), read_group()))
        result[group] = seconds
        _out(
            f"  {group:<10} {seconds * 1000:7.1f}ms {replay * 1000:7.1f}ms "
            f"{seconds / replay if replay else 0:5.2f} {bare_s * 1000:7.1f}ms "
            f"{rg_s * 1000:9.1f}ms {rg_s / seconds if seconds else 0:9.1f}x"
        )
    result["moves"] = moves
    if "dashboard" not in skip:
        whole = _best(lambda: (env.invalidate_all(), Dashboard.get_dashboard(raw)))
        result["dashboard"] = whole
        _out(f"  whole get_dashboard (current + comparison + trends): {whole:.2f} s")
    if "cron" in skip:
        return result
    cron = _timed(lambda: env["dist.kpi.engine"].sudo()._cron_refresh())
    result["refresh_cron"] = cron
    _out(f"  refresh cron (nothing changed): {cron * 1000:.1f} ms")
    Snapshot = env["dist.kpi.snapshot"].sudo()
    begin = time.perf_counter()
    Snapshot._cron_snapshot()
    Snapshot.env.flush_all()
    cron = time.perf_counter() - begin
    result["cron"] = cron
    cr.execute("SELECT count(*) FROM dist_kpi_snapshot")
    _out(f"  snapshot cron (two months): {cron:.2f} s, {cr.fetchone()[0]:,} snapshots")
    return result


def run(env, *args):
    skip = set()
    for arg in args:
        if arg.startswith("skip="):
            skip |= set(arg[5:].split(","))
    other_dbs = [arg for arg in args if "=" not in arg]
    first = measure(env, skip)
    for dbname in other_dbs:
        registry = odoo.modules.registry.Registry(dbname)
        with registry.cursor() as cr:
            other_env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            try:
                other = measure(other_env)
            finally:
                cr.rollback()
        scale = first["moves"] / other["moves"]
        _out(f"growth from {dbname} to {env.cr.dbname} (x{scale:.0f} moves):")
        for key in (*GROUPS, "dashboard", "cron", "refresh_full", "refresh_touched"):
            if key not in first or not other.get(key):
                continue
            ratio = first[key] / other[key]
            _out(f"  {key:<10} x{ratio:.1f}")
