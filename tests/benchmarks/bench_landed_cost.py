"""Benchmark: splitting the landed cost of one inbound shipment.

One receipt of N done lines (N = 50, 500, 5,000 over 50 FIFO products with
weights and volumes) carries an estimate with 3 cost types (freight by
weight, duty by value, insurance by quantity). The measured step is the
split through the production path, ``stock.landed.cost.compute_landed_cost``
(inputs read with one query per table, ``tools.allocation``, the N x 3
adjustment lines inserted in one statement, flushed). Setup rows (done moves
and their valuation layers) are written in batches; the harness rolls the
transaction back.

For reference, the posting of the same landed cost (core ``button_validate``:
one valuation layer per adjustment line; the bench category is valued
manually, so no journal items) is measured too: its queries grow with N, and
the growth is core's (see ``dist_landed_cost/readme/ROADMAP.md``); it is
measured at ``POST_SIZES`` only.

Prints, per N: split seconds and SQL queries, adjustment lines, whether the
shares sum exactly, then posting seconds and queries; last, whether the
split's query count is flat (the same at every N). Target: it is.

Run: ``./dist bench landed_cost`` (or ``odoo shell`` with
``run(env)``).
"""

import time

from odoo import Command

from odoo.addons.dist_harmonize_base.tools import guard

SIZES = (50, 500, 5000)
#: posting 5,000 lines takes ~35,000 queries and ~45 s: not worth it on every run
POST_SIZES = (50, 500)
N_PRODUCTS = 50


def _setup_products(env, company):
    category = (
        env["product.category"]
        .with_company(company)
        .create({"name": "Bench FIFO", "property_cost_method": "fifo"})
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench item {index}",
                "type": "product",
                "categ_id": category.id,
                "weight": 1.0 + index % 7,
                "volume": 0.01 * (1 + index % 5),
            }
            for index in range(N_PRODUCTS)
        ]
    )
    costs = env["product.product"].create(
        [
            {"name": name, "type": "service", "landed_cost_ok": True}
            for name in ("Bench freight", "Bench duty", "Bench insurance")
        ]
    )
    return products, costs


def _setup_receipt(env, company, products, size):
    picking_type = env["stock.picking.type"].search(
        [("code", "=", "incoming"), ("company_id", "=", company.id)], limit=1
    )
    picking = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "location_id": env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": picking_type.default_location_dest_id.id,
        }
    )
    moves = env["stock.move"].create(
        [
            {
                "name": "bench",
                "picking_id": picking.id,
                "product_id": products[index % N_PRODUCTS].id,
                "product_uom": products[index % N_PRODUCTS].uom_id.id,
                "product_uom_qty": 1 + index % 9,
                "quantity": 1 + index % 9,
                "location_id": picking.location_id.id,
                "location_dest_id": picking.location_dest_id.id,
                "company_id": company.id,
                "state": "done",
            }
            for index in range(size)
        ]
    )
    env["stock.valuation.layer"].create(
        [
            {
                "stock_move_id": move.id,
                "product_id": move.product_id.id,
                "company_id": company.id,
                "quantity": move.quantity,
                "remaining_qty": move.quantity,
                "unit_cost": 10.0 + move.id % 13,
                "value": move.quantity * (10.0 + move.id % 13),
            }
            for move in moves
        ]
    )
    picking.state = "done"
    return picking


def _landed_cost(env, company, picking, costs):
    journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "general")], limit=1
    ) or env["account.journal"].create(
        {
            "name": "Bench stock",
            "code": "BLC",
            "type": "general",
            "company_id": company.id,
        }
    )
    LandedCost = env["stock.landed.cost"]
    # permit: an estimate is the engine's; the benchmark builds one directly.
    with guard.permit(LandedCost, create=True):
        return LandedCost.create(
            {
                "dist_kind": "estimate",
                "account_journal_id": journal.id,
                "picking_ids": [Command.set(picking.ids)],
                "cost_lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": price,
                            "split_method": split,
                        }
                    )
                    for product, price, split in zip(
                        costs,
                        (12345.67, 9876.54, 321.09),
                        ("by_weight", "by_current_cost_price", "by_quantity"),
                        strict=True,
                    )
                ],
            }
        )


def _measure(env, function):
    """(seconds, queries) of ``function()`` with its writes flushed."""
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    function()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries


def run(env):
    company = env.company
    products, costs = _setup_products(env, company)
    print(f"landed cost split, 3 cost types, company {company.name}")
    print(
        f"{'lines':>6} {'seconds':>8} {'queries':>8} {'adjustments':>12} {'exact':>6}"
        f" | posting: {'seconds':>8} {'queries':>8}"
    )
    split_queries = []
    for size in SIZES:
        picking = _setup_receipt(env, company, products, size)
        cost = _landed_cost(env, company, picking, costs)
        env.flush_all()
        env.invalidate_all()
        cost = cost.browse(cost.id)
        seconds, queries = _measure(env, cost.compute_landed_cost)
        split_queries.append(queries)
        adjustments = len(cost.valuation_adjustment_lines)
        exact = cost._check_sum()
        posting = "skipped"
        if size in POST_SIZES:
            env.invalidate_all()
            cost = cost.browse(cost.id)
            post_seconds, post_queries = _measure(env, cost.button_validate)
            posting = f"{post_seconds:>8.3f} {post_queries:>8}"
        print(
            f"{size:>6} {seconds:>8.3f} {queries:>8} {adjustments:>12} {exact!s:>6}"
            f" | posting: {posting}"
        )
    flat = len(set(split_queries)) == 1
    print(
        f"split queries flat in the number of lines: {'yes' if flat else 'NO'} "
        f"({' / '.join(map(str, split_queries))} at {' / '.join(map(str, SIZES))})"
    )
