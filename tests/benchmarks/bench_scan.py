"""Benchmark: server time and SQL queries of one scan on the receiving screen.

Run inside a transaction that is rolled back (``def run(env)``;
``./dist bench scan``). Method, printed with the figures:

* the suite installed, a company tolerance key (the over-receipt check reads
  it on every product scan), a receiving clerk (stock user, lots, receiving
  in one warehouse) who makes every scan, as over RPC: his own environment,
  an empty cache at the start of each scan (a new request), the scan's
  writes flushed at its end;
* a receipt of an approved order of 10 lines and one of 200 lines, each with
  one lot-tracked line (GTIN-14, expiry) and plain lines (EAN-13);
* on each: product scans (EAN-13 of lines spread over the receipt, first to
  last, each the first scan of its line), repeats (a second scan of a line
  already scanned), lot scans (a GS1-128 label as a scanner sends it: ``]C1``, GTIN,
  expiry, lot, quantity; each a new lot), refusals (an item not on the order)
  and undos (``DIST-CMD-UNDO`` of the last counted scan);
* a warm-up round on another receipt is discarded first (registry caches,
  first use of the GS1 rules).

Target: the queries per scan do not grow with the number of lines (the same
at 10 and 200 lines, per kind of scan).
"""

import statistics
import sys
import time
from datetime import date, timedelta

from odoo import Command

from odoo.addons.dist_harmonize_base.tools import guard
from odoo.addons.dist_harmonize_base.tools.normalize import gtin_check_digit

SIZES = (10, 200)
PRODUCT_SCANS = 8  # each on another line: fewer than the plain lines of any size
REPEATS = 2
LOT_SCANS = 5
REFUSALS = 3
UNDOS = 2
KINDS = ("product", "repeat", "lot", "refusal", "undo")


def _out(text=""):
    sys.stdout.write(f"{text}\n")


def _gtin(body):
    return body + str(gtin_check_digit(body))


def _measure(env, function):
    """(queries, ms) of ``function()`` from an empty cache, its writes flushed."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    answer = function()
    env.flush_all()
    return env.cr.sql_log_count - before, (time.perf_counter() - start) * 1000.0, answer


def _setup(env):
    """The clerk, the vendor, the items, in the database's main company."""
    company = env.company
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)])[:1]
    env["dist.tolerance.key"].create(
        {"name": "Bench key", "company_id": company.id, "over_receipt_pct": 5.0}
    )
    clerk = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench receiving clerk",
                "login": "bench_scan_clerk",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.set(
                        [
                            env.ref(xmlid).id
                            for xmlid in (
                                "base.group_user",
                                "stock.group_stock_user",
                                "stock.group_production_lot",
                            )
                        ]
                    )
                ],
                "dist_scan_warehouse_ids": [Command.set(warehouse.ids)],
            }
        )
    )
    with guard.permit(env["res.partner"], create=True):
        vendor = env["res.partner"].create(
            {"name": "Bench scan vendor", "dist_supplier_state": "approved"}
        )
    # two lot items, the plain items of the largest receipt, one not ordered
    count = max(SIZES) + 2
    vals_list = [
        {
            "name": f"Bench scan item {index}",
            "type": "product",
            "barcode": _gtin(f"27{index:010d}"),
            "dist_state": "active",
            "supplier_taxes_id": [Command.clear()],
        }
        for index in range(count)
    ]
    for number, vals in enumerate(vals_list[:2]):
        vals.update(
            name=f"Bench lot item {number}",
            barcode=_gtin(f"127{number:010d}"),
            tracking="lot",
            use_expiration_date=True,
            expiration_time=365,
        )
    with guard.permit(env["product.template"], create=True):
        products = env["product.template"].create(vals_list).product_variant_id
    return clerk, vendor, products


def _receipt(env, vendor, lot_item, items, lines):
    """The receipt of an approved order: the lot item, then ``lines - 1`` items."""
    order = env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "order_line": [
                Command.create(
                    {"product_id": product.id, "product_qty": qty, "price_unit": 1.0}
                )
                for product, qty in [(lot_item, 1000.0)]
                + [(item, 50.0) for item in items[: lines - 1]]
            ],
        }
    )
    order.button_confirm()
    assert order.state == "purchase", order.state
    return order.picking_ids


def _scans(receipt, lot_item, stranger):
    """``[(kind, barcode)]`` of one round on ``receipt``."""
    plain = receipt.move_ids.sorted("id").product_id - lot_item
    step = (len(plain) - 1) // (PRODUCT_SCANS - 1)
    picked = [plain[i * step] for i in range(PRODUCT_SCANS)]
    expiry = (date.today() + timedelta(days=300)).strftime("%y%m%d")
    gtin = lot_item.barcode.zfill(14)
    scans = [("product", product.barcode) for product in picked]
    scans += [("repeat", product.barcode) for product in picked[:REPEATS]]
    scans += [
        ("lot", f"]C101{gtin}17{expiry}10BENCH-{receipt.id}-{n}\x1d3010")
        for n in range(LOT_SCANS)
    ]
    scans += [("refusal", stranger.barcode)] * REFUSALS
    scans += [("undo", "DIST-CMD-UNDO")] * UNDOS
    return scans


def _round(env, clerk, receipt, lot_item, stranger):
    """``{kind: [(queries, ms), ...]}`` of the scans of one round, as the clerk."""
    clerk_env = env(
        user=clerk.id, context={"allowed_company_ids": clerk.company_ids.ids}
    )
    picking = clerk_env["stock.picking"].browse(receipt.id)
    opened = picking.dist_scan_open(receipt.name)
    assert opened.get("id") == receipt.id, opened
    figures = {kind: [] for kind in KINDS}
    for number, (kind, barcode) in enumerate(_scans(receipt, lot_item, stranger)):
        queries, ms, answer = _measure(
            clerk_env,
            lambda barcode=barcode, number=number: picking.dist_scan(
                barcode, f"bench-{receipt.id}-{number}"
            ),
        )
        expected = "refused" if kind == "refusal" else "ok"
        assert answer["result"] == expected, (kind, barcode, answer)
        figures[kind].append((queries, ms))
    return figures


def run(env):
    clerk, vendor, products = _setup(env)
    lot_items, stranger, items = products[:2], products[-1], products[2:-1]
    warm = _receipt(env, vendor, lot_items[0], items, min(SIZES))
    _round(env, clerk, warm, lot_items[0], stranger)  # warm-up, discarded
    results = {}
    for size, lot_item in zip(SIZES, lot_items, strict=True):
        receipt = _receipt(env, vendor, lot_item, items, size)
        assert len(receipt.move_ids) == size
        results[size] = _round(env, clerk, receipt, lot_item, stranger)
    _out(__doc__)
    _out(
        f"{'scan':<9}{'lines':>6}{'scans':>6}{'queries':>9}{'min':>5}{'max':>5}"
        f"{'ms avg':>9}{'ms max':>9}"
    )
    for kind in KINDS:
        for size in SIZES:
            queries = [q for q, _ms in results[size][kind]]
            times = [ms for _q, ms in results[size][kind]]
            _out(
                f"{kind:<9}{size:>6}{len(queries):>6}{statistics.mean(queries):>9.1f}"
                f"{min(queries):>5}{max(queries):>5}{statistics.mean(times):>9.1f}"
                f"{max(times):>9.1f}"
            )
    small, large = SIZES
    growth = {
        kind: max(q for q, _ms in results[large][kind])
        - max(q for q, _ms in results[small][kind])
        for kind in KINDS
    }
    holds = all(added <= 0 for added in growth.values())
    _out(
        f"\nTarget: queries per scan do not grow with the number of lines "
        f"({small} -> {large} lines): {'holds' if holds else 'does NOT hold'}"
    )
    for kind, added in growth.items():
        times = [
            statistics.mean(ms for _q, ms in results[size][kind]) for size in SIZES
        ]
        _out(
            f"  {kind:<9}most queries of a scan at {large} lines minus at {small}: "
            f"{added:+d}; mean time x{times[1] / times[0]:.2f}"
        )
