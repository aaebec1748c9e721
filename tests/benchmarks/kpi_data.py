"""Benchmark data for the KPI pack: tier S or M of consistent history, in bulk SQL.

``./dist kpidata --tier M --db NAME`` (README, "Benchmark data"), or
``fill(env, "M")`` from an ``odoo shell``. Tier M is 25,000 SKUs and, per company,
seven stock moves of every SKU (525,000 moves across three companies) with their
valuation layers and journal items; tier S is a twentieth of it (1,250 SKUs).

The masters a KPI groups by are made with the ORM, few of them: three companies with
the generic chart (anglo-saxon, USD / EUR / GBP, monthly rates), two warehouses each,
ten product families with one real-time FIFO category each, four customer segments,
three regions, customers and vendors. Everything that grows with the tier is written
with ``INSERT ... SELECT generate_series``: products and their vendor lead times;
purchase orders and sale orders of five lines; one picking per order, its done stock
moves and their valuation layers (FIFO remaining quantity from the oldest receipt);
one valuation entry per picking (stock valuation against stock interim); one vendor
bill per received order (interim received against payable, a price variance on one
order in eight, dist_procure's match state) and one customer invoice per delivered
order (income, cost of goods sold at the booked cost, interim delivered, receivable);
the stock quants the moves leave.

Move ``k`` (0 to 6) of a SKU in a company is a receipt when ``k`` is even, a delivery
of 80 % of the previous receipt when odd, so stock never goes negative. Dates spread
over the twelve months before today. One receipt in five is late, one in ten short;
one delivery in six is late, one in nine short; a third of the last receipts are still
open (confirmed, not received: open commitments). Unit cost is constant per SKU and
company, so the value of the layers equals their remaining value.

Idempotence: a database is filled once (``ir.config_parameter`` ``dist_kpi.bench_tier``).
"""

import time
from datetime import date, timedelta

from kpi_data_accounting import _accounting
from kpi_data_orders import (
    _bulk,
    _count,
    _lines_and_moves,
    _orders,
    _plan,
    _products,
    _quants,
    _say,
    _standard_prices,
    _supplierinfo,
)

from odoo import Command

SKUS = {"S": 1250, "M": 25000}
CUSTOMERS = {"S": 60, "M": 600}
VENDORS = {"S": 12, "M": 150}
COMPANIES = (
    ("KPI Holding", "USD", 1.0),
    ("KPI Europe", "EUR", 0.92),
    ("KPI UK", "GBP", 0.79),
)
FAMILIES = (
    "Fasteners",
    "Hand Tools",
    "Power Tools",
    "Electrical",
    "Plumbing",
    "Safety",
    "Adhesives",
    "Abrasives",
    "Storage",
    "Lighting",
)
SEGMENTS = ("Wholesale", "Retail", "Industrial", "Public")
REGIONS = ("North", "Central", "South")
PARAM = "dist_kpi.bench_tier"
#: the tables filled in bulk, whose indexes are built once at the end
BULK_TABLES = (
    "sale_order",
    "sale_order_line",
    "purchase_order",
    "purchase_order_line",
    "stock_picking",
    "stock_move",
    "stock_valuation_layer",
    "stock_quant",
    "account_move",
    "account_move_line",
    "sale_order_line_invoice_rel",
)


# ----------------------------------------------------------------------------
# masters (ORM, few records)
# ----------------------------------------------------------------------------
def _companies(env):
    companies = env["res.company"]
    for index, (name, code, _rate) in enumerate(COMPANIES):
        currency = env.ref(f"base.{code}")
        currency.active = True
        if index == 0:
            company = env.ref("base.main_company")
            company.name = name
        else:
            company = env["res.company"].create(
                {"name": name, "currency_id": currency.id}
            )
        if not company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        company.write({"currency_id": currency.id, "anglo_saxon_accounting": True})
        companies |= company
    env.user.company_ids = [Command.link(c.id) for c in companies]
    return companies


def _rates(env, companies):
    """Month-start rates of EUR and GBP for the year, in every company (USD = 1)."""
    today = date.today()
    rows = []
    for month in range(13):
        day = (today.replace(day=1) - timedelta(days=31 * month)).replace(day=1)
        for company in companies:
            for _name, code, rate in COMPANIES:
                currency = env.ref(f"base.{code}")
                if currency == company.currency_id:
                    continue
                own = next(r for _n, c, r in COMPANIES if c == company.currency_id.name)
                rows.append(
                    (currency.id, company.id, day, rate / own * (1 + month / 200))
                )
    env.cr.executemany(
        "INSERT INTO res_currency_rate (currency_id, company_id, name, rate) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
        rows,
    )


def _warehouses(env, companies):
    Warehouse = env["stock.warehouse"]
    result = []
    for number, company in enumerate(companies):
        first = Warehouse.search([("company_id", "=", company.id)], limit=1)
        second = Warehouse.search(
            [("company_id", "=", company.id), ("id", "!=", first.id)], limit=1
        ) or Warehouse.with_company(company).create(
            {
                "name": f"{company.name} 2",
                "code": f"KW{number}",
                "company_id": company.id,
                "partner_id": company.partner_id.id,
            }
        )
        result.append((first, second))
    return result


def _dimensions(env):
    families = env["dist.product.family"].create(
        [{"name": name, "code": f"KF{n}"} for n, name in enumerate(FAMILIES)]
    )
    segments = env["dist.customer.segment"].create(
        [{"name": name, "code": f"KS{n}"} for n, name in enumerate(SEGMENTS)]
    )
    regions = env["dist.region"].create(
        [{"name": name, "code": f"KR{n}"} for n, name in enumerate(REGIONS)]
    )
    return families, segments, regions


def _categories(env, companies):
    categories = env["product.category"].create(
        [{"name": f"KPI {name}"} for name in FAMILIES]
    )
    for company in companies:
        categories.with_company(company).write(
            {"property_cost_method": "fifo", "property_valuation": "real_time"}
        )
    return categories


def _partners(env, tier, segments, regions):
    customers = env["res.partner"].create(
        [
            {
                "name": f"KPI Customer {n:04d}",
                "customer_rank": 1,
                "dist_segment_id": segments[n % len(segments)].id,
                "dist_region_id": regions[n % len(regions)].id,
            }
            for n in range(CUSTOMERS[tier])
        ]
    )
    vendors = env["res.partner"].create(
        [
            {"name": f"KPI Vendor {n:04d}", "supplier_rank": 1}
            for n in range(VENDORS[tier])
        ]
    )
    # Benchmark data: approved at once (no onboarding flow to replay).
    env.cr.execute(
        "UPDATE res_partner SET dist_supplier_state = 'approved' WHERE id IN %s",
        (tuple(vendors.ids),),
    )
    return customers, vendors


def _company_rows(env, companies, warehouses, categories):
    """One row per (company, warehouse number): what the bulk SQL reads."""
    customer_loc = env.ref("stock.stock_location_customers").id
    supplier_loc = env.ref("stock.stock_location_suppliers").id
    rows = []
    for c, (company, pair) in enumerate(zip(companies, warehouses, strict=True)):
        categ = categories[0].with_company(company)
        Journal = env["account.journal"].with_company(company)
        sale = Journal.search([("type", "=", "sale"), ("company_id", "=", company.id)])
        purchase = Journal.search(
            [("type", "=", "purchase"), ("company_id", "=", company.id)]
        )
        Property = env["ir.property"].with_company(company)
        receivable = Property._get("property_account_receivable_id", "res.partner")
        payable = Property._get("property_account_payable_id", "res.partner")
        for w, warehouse in enumerate(pair):
            rows.append(
                (
                    c,
                    w,
                    company.id,
                    company.currency_id.id,
                    COMPANIES[c][2],
                    warehouse.id,
                    warehouse.lot_stock_id.id,
                    warehouse.in_type_id.id,
                    warehouse.out_type_id.id,
                    supplier_loc,
                    customer_loc,
                    categ.property_stock_journal.id,
                    sale[:1].id,
                    purchase[:1].id,
                    categ.property_stock_valuation_account_id.id,
                    categ.property_stock_account_input_categ_id.id,
                    categ.property_stock_account_output_categ_id.id,
                    categ.property_account_income_categ_id.id,
                    categ.property_account_expense_categ_id.id,
                    receivable.id,
                    payable.id,
                )
            )
    env.cr.execute(
        """CREATE TEMP TABLE kpi_co (co_n int, wh_n int, company_id int, currency_id int,
        fx numeric, warehouse_id int, stock_loc int, in_type int, out_type int,
        supplier_loc int, customer_loc int, stock_journal int, sale_journal int,
        purchase_journal int, acc_valuation int, acc_in int, acc_out int,
        acc_income int, acc_cogs int, acc_receivable int, acc_payable int)"""
    )
    env.cr.executemany(
        "INSERT INTO kpi_co VALUES (%s)" % ", ".join(["%s"] * 21),
        rows,
    )
    missing = [r for r in rows if not all(r[11:])]
    if missing:
        raise RuntimeError(f"accounts or journals missing for company rows {missing}")


def fill(env, tier="S"):
    """Fill the database with tier ``tier`` ("S" or "M"); print what was written."""
    tier = tier.upper()
    if tier not in SKUS:
        raise ValueError(f"tier must be S or M, not {tier!r}")
    Param = env["ir.config_parameter"].sudo()
    if Param.get_param(PARAM):
        raise RuntimeError(
            f"database {env.cr.dbname} already holds KPI benchmark data "
            f"(tier {Param.get_param(PARAM)}); fill a fresh database"
        )
    cr = env.cr
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    steps = []
    started = time.monotonic()

    def step(label, function, *args):
        begin = time.monotonic()
        result = function(*args)
        env.flush_all()
        steps.append((label, time.monotonic() - begin))
        _say(f"  {label:<34} {time.monotonic() - begin:6.1f} s")
        return result

    _say(f"KPI benchmark data, tier {tier}, into {cr.dbname}")
    companies = step("companies and charts", _companies, env)
    step("currency rates", _rates, env, companies)
    warehouses = step("warehouses", _warehouses, env, companies)
    families, segments, regions = step("families, segments, regions", _dimensions, env)
    categories = step("categories (real-time FIFO)", _categories, env, companies)
    customers, vendors = step(
        "customers and vendors", _partners, env, tier, segments, regions
    )
    step("accounts and journals", _company_rows, env, companies, warehouses, categories)
    uom_id = env.ref("uom.product_uom_unit").id
    skus = step("products", _products, cr, SKUS[tier], categories, families, uom_id)
    step("standard prices", _standard_prices, cr)
    step("vendor lead times", _supplierinfo, cr, vendors.ids)
    total = step("plan of the moves", _plan, cr, skus, customers.ids)
    cr.execute(
        "ALTER TABLE kpi_mv ADD uom_id int; UPDATE kpi_mv SET uom_id = %s", (uom_id,)
    )
    with _bulk(cr, BULK_TABLES):
        step("orders and pickings", _orders, cr)
        step("order lines, moves, layers", _lines_and_moves, cr, total, uom_id)
        step("quants", _quants, cr)
        step("journal entries", _accounting, cr)
        begin = time.monotonic()
    _say(f"  {'indexes built again':<34} {time.monotonic() - begin:6.1f} s")
    Param.set_param(PARAM, tier)
    step("analyze", cr.execute, "ANALYZE")
    env.invalidate_all()
    env.registry.clear_cache()
    _say(f"tier {tier} written in {time.monotonic() - started:.0f} s:")
    for table in (
        "product_product",
        "stock_move",
        "stock_valuation_layer",
        "account_move",
        "account_move_line",
        "sale_order_line",
        "purchase_order_line",
    ):
        _say(f"  {table:<24} {_count(cr, table):>10,}")
    return steps
