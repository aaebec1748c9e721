"""Benchmark: cost of the procure-to-pay controls against plain Odoo 17.

Run inside a transaction that is rolled back (``def run(env)``; the harness's
``bench_main.py`` or ``odoo shell``). Method, printed with the figures:

* two companies are created in the same database and run, one after the
  other, the very same flows on the same kind of data: "plain" has no
  approval rule and no tolerance key, so every dist_procure control is
  bypassed by design (Odoo's own code path, as without the module); "dist"
  has a one-level purchase order rule and a company tolerance key, so the
  matrix, the receipt gate, over-receipt check, three-way match and payment
  block all run;
* flows at 1, 10 and 100 order lines: PO confirm by a buyer and approval by a
  manager ("plain" uses Odoo's own two-step validation for every order, so
  both companies run the same two steps), receipt validation, bill posting,
  payment registration;
* each measure starts with an empty cache and ends with a flush, and counts
  the SQL queries (``cr.sql_log_count``) and the wall time; a warm-up run of
  each company is discarded, every run uses fresh products, and the best of
  two runs per mode is kept (first-use costs would otherwise dominate);
* then the time to recompute the match state of 1,000 posted bills.

Targets: the suite adds at most 15 % queries, and the queries it adds do not
grow with the number of lines.
"""

import sys
import time

from odoo import Command, fields

SIZES = (1, 10, 100)
BILLS = 1000
REPEAT = 2
MANAGER_GROUP = "dist_harmonize_base.dist_harmonize_base_group_buyer_manager"
BUYER_GROUP = "dist_harmonize_base.dist_harmonize_base_group_buyer"


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
            for role, group in (("buyer", BUYER_GROUP), ("manager", MANAGER_GROUP))
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


def _products(env, count):
    templates = env["product.template"].create(
        [
            {
                "name": f"Bench item {index}",
                "type": "product",
                "standard_price": 10.0,
                "dist_state": "active",
                "supplier_taxes_id": [Command.clear()],
            }
            for index in range(count)
        ]
    )
    return templates.product_variant_id


def _flows(env, company, users, vendor, products):
    """Return {flow: (queries, ms)} for one PO of ``len(products)`` lines."""
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    order = env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "company_id": company.id,
            "order_line": [
                Command.create(
                    {"product_id": p.id, "product_qty": 5, "price_unit": 10.0}
                )
                for p in products
            ],
        }
    )
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
    order = env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "company_id": company.id,
            "order_line": [
                Command.create(
                    {"product_id": p.id, "product_qty": BILLS, "price_unit": 10.0}
                )
                for p in products[:10]
            ],
        }
    )
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


def run(env):
    vendor = env["res.partner"].create(
        {"name": "Bench vendor", "is_company": True, "dist_supplier_state": "approved"}
    )
    plain, *plain_users = _company(env, "Bench plain", controlled=False)
    dist, *dist_users = _company(env, "Bench dist", controlled=True)
    pool = iter(_products(env, 12 + REPEAT * 2 * sum(SIZES)))

    def take(count):
        return env["product.product"].concat(*(next(pool) for _index in range(count)))

    # Warm-up (discarded): first-use costs (views, caches, sequences) of each company.
    _flows(env, plain, plain_users, vendor, take(1))
    _flows(env, dist, dist_users, vendor, take(1))
    _out(__doc__)
    _out(
        f"{'flow':<24}{'lines':>6}{'plain q':>9}{'dist q':>8}{'added':>7}"
        f"{'ratio':>8}{'plain ms':>10}{'dist ms':>9}{'t ratio':>9}"
    )
    added_by_flow = {}
    for size in SIZES:
        # Fresh products per run; the best of REPEAT runs of each mode is kept.
        runs = {"plain": [], "dist": []}
        for _repeat in range(REPEAT):
            runs["plain"].append(_flows(env, plain, plain_users, vendor, take(size)))
            runs["dist"].append(_flows(env, dist, dist_users, vendor, take(size)))
        for flow in runs["plain"][0]:
            plain_q, plain_ms = min(run[flow] for run in runs["plain"])
            dist_q, dist_ms = min(run[flow] for run in runs["dist"])
            added_by_flow.setdefault(flow, []).append(dist_q - plain_q)
            _out(
                f"{flow:<24}{size:>6}{plain_q:>9}{dist_q:>8}{dist_q - plain_q:>7}"
                f"{dist_q / plain_q:>8.2f}{plain_ms:>10.1f}{dist_ms:>9.1f}"
                f"{dist_ms / plain_ms:>9.2f}"
            )
    _out("\nAdded queries at 1, 10, 100 lines (target: flat, not growing with lines)")
    for flow, added in added_by_flow.items():
        _out(f"  {flow:<24}{added}")
    queries, elapsed = _rematch_bills(env, dist, dist_users, vendor, take(10))
    _out(
        f"\nRecompute the match state of {BILLS} posted bills (one batch): "
        f"{elapsed:.0f} ms, {queries} queries"
    )
