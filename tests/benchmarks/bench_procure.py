"""Benchmark: cost of the procure-to-pay controls against plain Odoo 17.

Run inside transactions that are rolled back (``def run(env, baseline_db)``;
``./dist bench procure``). Method, printed with the figures:

* three setups run the very same flows on the same kind of data:
  - "odoo": plain Odoo 17 -- a copy of the template database, which holds the
    suite's core dependencies (purchase_stock, stock_account, ...) and no
    suite module, opened in the same process;
  - "off": the suite installed, in a company with no approval rule and no
    tolerance key (what a company gets before it configures the suite);
  - "dist": the suite with a one-level purchase order rule and a company
    tolerance key, so the matrix, the receipt gate, over-receipt check,
    three-way match and payment block all run;
* flows at 1, 10 and 100 order lines: PO confirm by a buyer and approval by a
  manager ("odoo" and "off" use Odoo's own two-step validation for every
  order, so all run the same two steps), receipt validation, bill posting,
  payment registration;
* each measure starts with an empty cache and ends with a flush, and counts
  the SQL queries (``cr.sql_log_count``) and the wall time; a warm-up run of
  each setup is discarded, every run uses fresh products, and the best of two
  runs per setup is kept (first-use costs would otherwise dominate);
* then the time to recompute the match state of 1,000 posted bills.

Targets: the suite adds at most 15 % queries (dist vs odoo), and the queries
it adds do not grow with the number of lines.
"""

import sys
import time

import odoo
from odoo import SUPERUSER_ID, Command, api, fields

from odoo.addons.dist_harmonize_base.tools import guard

# tests/dev.py passes a fresh copy of the template database (plain Odoo).
NEEDS_BASELINE_DB = True

SIZES = (1, 10, 100)
BILLS = 1000
REPEAT = 2
MANAGER_GROUP = "dist_harmonize_base.dist_harmonize_base_group_buyer_manager"
BUYER_GROUP = "dist_harmonize_base.dist_harmonize_base_group_buyer"
# Plain Odoo's closest roles.
ODOO_MANAGER_GROUP = "purchase.group_purchase_manager"
ODOO_BUYER_GROUP = "purchase.group_purchase_user"


def _suite(env):
    return "dist.approval.rule" in env


def _out(text=""):
    sys.stdout.write(f"{text}\n")


def _measure(env, function):
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    before = cr.sql_log_count
    start = time.perf_counter()
    function()
    env.flush_all()
    return cr.sql_log_count - before, (time.perf_counter() - start) * 1000.0


def _company(env, name, controlled):
    company = env["res.company"].create(
        {"name": name, "currency_id": env.ref("base.USD").id}
    )
    env["account.chart.template"].try_loading(
        "generic_coa", company, install_demo=False
    )
    groups = (
        (("buyer", BUYER_GROUP), ("manager", MANAGER_GROUP))
        if _suite(env)
        else (("buyer", ODOO_BUYER_GROUP), ("manager", ODOO_MANAGER_GROUP))
    )
    buyer, manager = env["res.users"].create(
        [
            {
                "name": f"{name} {role}",
                "login": f"bench_{name}_{role}".lower().replace(" ", "_"),
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.set([env.ref("base.group_user").id, env.ref(group).id])
                ],
            }
            for role, group in groups
        ]
    )
    if not controlled:
        # Odoo's own two-step validation: every order needs a manager, as in
        # the matrix company, so both run the same confirm + approve flow.
        company.write(
            {"po_double_validation": "two_step", "po_double_validation_amount": 0}
        )
    if controlled:
        env["dist.approval.rule"].create(
            {
                "name": "Bench PO rule",
                "model_id": env["ir.model"]._get_id("purchase.order"),
                "company_id": company.id,
                "level_ids": [
                    Command.create(
                        {
                            "name": "Manager",
                            "approver_type": "group",
                            "group_id": env.ref(MANAGER_GROUP).id,
                        }
                    )
                ],
            }
        )
        env["dist.tolerance.key"].create(
            {
                "name": "Bench key",
                "company_id": company.id,
                "price_pct": 5.0,
                "over_receipt_pct": 10.0,
            }
        )
    return company, buyer, manager


def _create_governed(env, model, vals_list):
    """Create master data already cleared (under the suite's guard permit)."""
    if not _suite(env):
        return env[model].create(vals_list)
    with guard.permit(env[model], create=True):
        return env[model].create(vals_list)


def _products(env, count):
    governed = {"dist_state": "active"} if _suite(env) else {}
    templates = _create_governed(
        env,
        "product.template",
        [
            {
                "name": f"Bench item {index}",
                "type": "product",
                "standard_price": 10.0,
                "supplier_taxes_id": [Command.clear()],
                **governed,
            }
            for index in range(count)
        ],
    )
    return templates.product_variant_id


def _order(env, company, vendor, products, quantity):
    """Create a draft PO of ``company``: one line per product, 10.0 a unit."""
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    return env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "company_id": company.id,
            "order_line": [
                Command.create(
                    {"product_id": p.id, "product_qty": quantity, "price_unit": 10.0}
                )
                for p in products
            ],
        }
    )


def _flows(env, company, users, vendor, products):
    """Return {flow: (queries, ms)} for one PO of ``len(products)`` lines."""
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    order = _order(env, company, vendor, products, 5)
    figures = {}
    buyer, manager = users

    def confirm():
        order.with_user(buyer).button_confirm()
        order.with_user(manager).button_approve()

    figures["PO confirm + approve"] = _measure(env, confirm)
    picking = order.picking_ids
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
    picking.move_ids.picked = True
    figures["receipt validation"] = _measure(
        env, lambda: picking.with_context(skip_backorder=True).button_validate()
    )
    bill = env["account.move"].create(
        {
            "move_type": "in_invoice",
            "partner_id": vendor.id,
            "invoice_date": fields.Date.today(),
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "quantity": line.product_qty,
                        "price_unit": line.price_unit,
                        "purchase_line_id": line.id,
                        "tax_ids": [Command.clear()],
                    }
                )
                for line in order.order_line
            ],
        }
    )
    figures["bill posting"] = _measure(env, bill.action_post)

    def pay():
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({})._create_payments()

    figures["payment registration"] = _measure(env, pay)
    assert order.state == "purchase" and bill.payment_state in ("paid", "in_payment")
    return figures


def _rematch_bills(env, company, users, vendor, products):
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    order = _order(env, company, vendor, products[:10], BILLS)
    order.with_user(users[0]).button_confirm()
    order.with_user(users[1]).button_approve()
    lines = order.order_line
    bills = env["account.move"].create(
        [
            {
                "move_type": "in_invoice",
                "partner_id": vendor.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": lines[index % 10].product_id.id,
                            "quantity": 1,
                            "price_unit": 10.0,
                            "purchase_line_id": lines[index % 10].id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for index in range(BILLS)
        ]
    )
    bills.action_post()
    return _measure(env, bills._dist_compute_match)


def _vendor(env):
    governed = {"dist_supplier_state": "approved"} if _suite(env) else {}
    return _create_governed(
        env, "res.partner", [{"name": "Bench vendor", "is_company": True, **governed}]
    )


def _setup_runs(env, setups):
    """Return {setup: {size: [figures of each repeat]}} for ``setups``.

    ``setups``: [(label, company, users)], all in ``env``'s database.
    """
    vendor = _vendor(env)
    pool = iter(_products(env, len(setups) * (1 + REPEAT * sum(SIZES)) + 10))

    def take(count):
        return env["product.product"].concat(*(next(pool) for _index in range(count)))

    for _label, company, users in setups:  # warm-up, discarded
        _flows(env, company, users, vendor, take(1))
    runs = {label: {size: [] for size in SIZES} for label, _c, _u in setups}
    for size in SIZES:
        for _repeat in range(REPEAT):
            for label, company, users in setups:
                runs[label][size].append(
                    _flows(env, company, users, vendor, take(size))
                )
    return runs, vendor, take


def _baseline_runs(baseline_db):
    """Run the flows on plain Odoo (the template copy), rolled back."""
    registry = odoo.modules.registry.Registry(baseline_db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            company, *users = _company(env, "Bench odoo", controlled=False)
            runs, _vendor_, _take = _setup_runs(env, [("odoo", company, users)])
            return runs["odoo"]
        finally:
            cr.rollback()


def run(env, baseline_db):
    off, *off_users = _company(env, "Bench off", controlled=False)
    dist, *dist_users = _company(env, "Bench dist", controlled=True)
    runs, vendor, take = _setup_runs(
        env, [("off", off, off_users), ("dist", dist, dist_users)]
    )
    runs["odoo"] = _baseline_runs(baseline_db)
    _out(__doc__)
    _out(f"plain Odoo database: {baseline_db}\n")
    _out(
        f"{'flow':<22}{'lines':>6}{'odoo q':>8}{'off q':>7}{'dist q':>8}{'added':>7}"
        f"{'ratio':>7}{'odoo ms':>9}{'dist ms':>9}{'t ratio':>8}"
    )
    added_by_flow = {}
    for size in SIZES:
        for flow in runs["odoo"][size][0]:
            odoo_q, odoo_ms = min(figures[flow] for figures in runs["odoo"][size])
            off_q, _off_ms = min(figures[flow] for figures in runs["off"][size])
            dist_q, dist_ms = min(figures[flow] for figures in runs["dist"][size])
            added_by_flow.setdefault(flow, []).append(dist_q - odoo_q)
            _out(
                f"{flow:<22}{size:>6}{odoo_q:>8}{off_q:>7}{dist_q:>8}"
                f"{dist_q - odoo_q:>7}{dist_q / odoo_q:>7.2f}{odoo_ms:>9.1f}"
                f"{dist_ms:>9.1f}{dist_ms / odoo_ms:>8.2f}"
            )
    _out(
        "\nQueries added to plain Odoo at 1, 10, 100 lines "
        "(target: at most 15 %, flat in the number of lines)"
    )
    for flow, added in added_by_flow.items():
        _out(f"  {flow:<22}{added}")
    queries, elapsed = _rematch_bills(env, dist, dist_users, vendor, take(10))
    _out(
        f"\nRecompute the match state of {BILLS} posted bills (one batch): "
        f"{elapsed:.0f} ms, {queries} queries"
    )
