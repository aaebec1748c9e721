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

from odoo import Command

SKUS = {"S": 1250, "M": 25000}
MOVES_PER_SKU = 7
LINES_PER_ORDER = 5
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


def _say(message):
    print(message, flush=True)


def _sql(cr, query, params=None):
    """Run a query written with ``%%`` for ``%``; return its row count."""
    if not params:
        # Odoo runs a query without parameters unformatted
        query = query.replace("%%", "%")
    cr.execute(query, params or None)
    return cr.rowcount


def _reserve(cr, table, count):
    """Reserve ``count`` ids of ``table``'s sequence; return the first."""
    cr.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        "nextval(pg_get_serial_sequence(%s, 'id')) + %s) - %s",
        (table, table, count, count),
    )
    return cr.fetchone()[0]


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


# ----------------------------------------------------------------------------
# bulk rows
# ----------------------------------------------------------------------------
def _products(cr, tier, categories, families, uom_id):
    skus = SKUS[tier]
    tmpl0 = _reserve(cr, "product_template", skus)
    prod0 = _reserve(cr, "product_product", skus)
    cr.execute("CREATE TEMP TABLE kpi_fam (f int, family_id int, categ_id int)")
    cr.executemany(
        "INSERT INTO kpi_fam VALUES (%s, %s, %s)",
        [
            (n, fam.id, cat.id)
            for n, (fam, cat) in enumerate(zip(families, categories, strict=True))
        ],
    )
    _sql(
        cr,
        """CREATE TEMP TABLE kpi_sku AS
        SELECT p, %s + p AS tmpl_id, %s + p AS product_id, f.family_id, f.categ_id,
               round((5 + (p %% 200) * 0.5)::numeric, 2) AS cost
        FROM generate_series(0, %s - 1) p JOIN kpi_fam f ON f.f = p %% 10""",
        (tmpl0, prod0, skus),
    )
    cr.execute("CREATE UNIQUE INDEX ON kpi_sku (p)")
    _sql(
        cr,
        """INSERT INTO product_template (id, name, default_code, categ_id, uom_id,
            uom_po_id, type, detailed_type, tracking, purchase_line_warn,
            sale_line_warn, invoice_policy, purchase_method, sale_ok, purchase_ok,
            active, list_price, dist_state, dist_family_id, dist_ref_key,
            dist_name_key, create_uid, write_uid, create_date, write_date)
        SELECT tmpl_id, jsonb_build_object('en_US', 'KPI item ' || lpad(p::text, 6, '0')),
            'KPI-' || lpad(p::text, 6, '0'), categ_id, %s, %s, 'product', 'product',
            'none', 'no-message', 'no-message', 'delivery', 'receive', true, true,
            true, round(cost * 1.4, 2), 'active', family_id,
            'KPI' || lpad(p::text, 6, '0'), 'kpi item ' || lpad(p::text, 6, '0'),
            1, 1, now(), now()
        FROM kpi_sku""",
        (uom_id, uom_id),
    )
    _sql(
        cr,
        """INSERT INTO product_product (id, product_tmpl_id, default_code, active,
            combination_indices, create_uid, write_uid, create_date, write_date)
        SELECT product_id, tmpl_id, 'KPI-' || lpad(p::text, 6, '0'), true, '',
            1, 1, now(), now() FROM kpi_sku""",
    )
    return skus


def _standard_prices(cr):
    cr.execute(
        "SELECT id FROM ir_model_fields WHERE model = 'product.product' "
        "AND name = 'standard_price'"
    )
    field_id = cr.fetchone()[0]
    return _sql(
        cr,
        """INSERT INTO ir_property (name, res_id, company_id, fields_id, value_float,
            type, create_uid, write_uid, create_date, write_date)
        SELECT 'standard_price', 'product.product,' || s.product_id, co.company_id,
            %s, round(s.cost * co.fx, 2), 'float', 1, 1, now(), now()
        FROM kpi_sku s JOIN kpi_co co ON co.wh_n = 0""",
        (field_id,),
    )


def _supplierinfo(cr, vendor_ids):
    cr.execute("CREATE TEMP TABLE kpi_vendor (v int, partner_id int)")
    cr.executemany(
        "INSERT INTO kpi_vendor VALUES (%s, %s)", list(enumerate(vendor_ids))
    )
    return _sql(
        cr,
        """INSERT INTO product_supplierinfo (partner_id, product_tmpl_id, company_id,
            currency_id, delay, min_qty, price, sequence, create_uid, write_uid,
            create_date, write_date)
        SELECT v.partner_id, s.tmpl_id, co.company_id, co.currency_id,
            7 + s.p %% 8, 0, round(s.cost * co.fx, 2), 1, 1, 1, now(), now()
        FROM kpi_sku s JOIN kpi_co co ON co.wh_n = 0
        JOIN kpi_vendor v ON v.v = (s.p + co.co_n) %% %s""",
        (len(vendor_ids),),
    )


def _plan(cr, skus, customer_ids):
    """One row per stock move: product, company, order, kind, dates, quantities."""
    cr.execute("CREATE TEMP TABLE kpi_customer (n int, partner_id int)")
    cr.executemany(
        "INSERT INTO kpi_customer VALUES (%s, %s)", list(enumerate(customer_ids))
    )
    total = skus * 3 * MOVES_PER_SKU
    _sql(
        cr,
        """CREATE TEMP TABLE kpi_mv AS
        WITH g AS (
            SELECT i, i %% %(skus)s AS p, (i / %(skus)s) %% 3 AS c,
                   i / (%(skus)s * 3) AS k, i / %(lines)s AS o, i %% %(lines)s AS l
            FROM generate_series(0, %(total)s - 1) i
        ), d AS (
            SELECT g.*, (k %% 2 = 0) AS is_in,
                (current_date - 365 + k * 52 + (o %% 40))::date AS d0,
                7 + p %% 8 AS lead,
                10 + (p * 7 + k * 3) %% 30 AS q_in,
                floor(0.8 * (10 + (p * 7 + (k - 1) * 3) %% 30)) AS q_out
            FROM g
        )
        SELECT d.*, co.*, s.product_id, s.tmpl_id, s.family_id,
            round(s.cost * co.fx, 2) AS unit_cost,
            round(s.cost * co.fx * (1.3 + (o %% 4) * 0.05), 2) AS sale_price,
            CASE WHEN is_in THEN q_in ELSE q_out END AS qty_ordered,
            CASE WHEN is_in AND o %% 10 = 0 THEN floor(q_in * 0.9)
                 WHEN is_in THEN q_in
                 WHEN o %% 9 = 0 THEN floor(q_out * 0.75)
                 ELSE q_out END AS qty_done,
            NOT (is_in AND k = %(last)s AND o %% 3 = 0) AS done,
            CASE WHEN is_in THEN d0 + lead ELSE d0 + 3 END AS promised,
            CASE WHEN is_in THEN d0 + lead + CASE WHEN o %% 5 = 0 THEN 4 ELSE 0 END
                 ELSE d0 + 3 + CASE WHEN o %% 6 = 0 THEN 2 ELSE -1 END END AS actual
        FROM d JOIN kpi_co co ON co.co_n = d.c AND co.wh_n = (d.p / %(lines)s) %% 2
        JOIN kpi_sku s ON s.p = d.p""",
        {
            "skus": skus,
            "lines": LINES_PER_ORDER,
            "total": total,
            "last": MOVES_PER_SKU - 1,
        },
    )
    cr.execute("CREATE INDEX ON kpi_mv (o); CREATE UNIQUE INDEX ON kpi_mv (i)")
    cr.execute("ANALYZE kpi_mv")
    # Orders: one per five consecutive moves (same company, warehouse, kind, date).
    _sql(
        cr,
        """CREATE TEMP TABLE kpi_ord AS
        SELECT o, min(c) AS c, bool_and(is_in) AS is_in, min(d0) AS d0,
            min(promised) AS promised, max(actual) AS actual, bool_and(done) AS done,
            min(company_id) AS company_id, min(currency_id) AS currency_id,
            min(warehouse_id) AS warehouse_id,
            (SELECT partner_id FROM kpi_customer WHERE n = o %% %s) AS customer_id,
            (SELECT partner_id FROM kpi_vendor
             WHERE v = o %% (SELECT count(*) FROM kpi_vendor)) AS vendor_id,
            sum(qty_ordered * CASE WHEN is_in THEN unit_cost ELSE sale_price END)
                AS amount_ordered,
            sum(qty_done * CASE WHEN is_in THEN unit_cost ELSE sale_price END)
                AS amount_done
        FROM kpi_mv GROUP BY o""",
        (len(customer_ids),),
    )
    cr.execute("CREATE UNIQUE INDEX ON kpi_ord (o); ANALYZE kpi_ord")
    return total


def _orders(cr):
    n_orders = _count(cr, "kpi_ord")
    so0 = _reserve(cr, "sale_order", n_orders)
    po0 = _reserve(cr, "purchase_order", n_orders)
    pick0 = _reserve(cr, "stock_picking", n_orders)
    cr.execute(
        "ALTER TABLE kpi_ord ADD so_id int, ADD po_id int, ADD picking_id int, "
        "ADD segment_id int, ADD region_id int"
    )
    _sql(
        cr,
        """UPDATE kpi_ord o SET so_id = CASE WHEN NOT is_in THEN %s + o END,
            po_id = CASE WHEN is_in THEN %s + o END, picking_id = %s + o,
            segment_id = p.dist_segment_id, region_id = p.dist_region_id
        FROM res_partner p WHERE p.id = o.customer_id""",
        (so0, po0, pick0),
    )
    _sql(
        cr,
        """INSERT INTO sale_order (id, name, company_id, partner_id, partner_invoice_id,
            partner_shipping_id, date_order, commitment_date, warehouse_id,
            picking_policy, state, currency_id, amount_untaxed, amount_total,
            invoice_status, delivery_status, create_uid, write_uid, create_date,
            write_date)
        SELECT so_id, 'KPI/SO/' || o, company_id, customer_id, customer_id,
            customer_id, d0, promised, warehouse_id, 'direct', 'sale', currency_id,
            amount_ordered, amount_ordered, 'invoiced', 'full', 1, 1, d0, d0
        FROM kpi_ord WHERE NOT is_in""",
    )
    _sql(
        cr,
        """INSERT INTO purchase_order (id, name, company_id, partner_id, currency_id,
            date_order, date_approve, date_planned, picking_type_id, state,
            amount_untaxed, amount_total, invoice_status, receipt_status,
            create_uid, write_uid, create_date, write_date)
        SELECT o.po_id, 'KPI/PO/' || o.o, o.company_id, o.vendor_id, o.currency_id,
            o.d0, o.d0, o.promised, co.in_type, 'purchase', o.amount_ordered,
            o.amount_ordered, CASE WHEN o.done THEN 'invoiced' ELSE 'no' END,
            CASE WHEN o.done THEN 'full' ELSE 'pending' END, 1, 1, o.d0, o.d0
        FROM kpi_ord o JOIN kpi_co co ON co.warehouse_id = o.warehouse_id
        WHERE o.is_in""",
    )
    _sql(
        cr,
        """INSERT INTO stock_picking (id, name, company_id, partner_id, picking_type_id,
            location_id, location_dest_id, move_type, state, scheduled_date,
            date_deadline, date_done, origin, sale_id, create_uid, write_uid,
            create_date, write_date)
        SELECT o.picking_id,
            'KPI/' || CASE WHEN o.is_in THEN 'IN/' ELSE 'OUT/' END || o.o,
            o.company_id, CASE WHEN o.is_in THEN o.vendor_id ELSE o.customer_id END,
            CASE WHEN o.is_in THEN co.in_type ELSE co.out_type END,
            CASE WHEN o.is_in THEN co.supplier_loc ELSE co.stock_loc END,
            CASE WHEN o.is_in THEN co.stock_loc ELSE co.customer_loc END,
            'direct', CASE WHEN o.done THEN 'done' ELSE 'assigned' END,
            o.promised, o.promised, CASE WHEN o.done THEN o.actual END,
            CASE WHEN o.is_in THEN 'KPI/PO/' ELSE 'KPI/SO/' END || o.o,
            o.so_id, 1, 1, o.d0, o.d0
        FROM kpi_ord o JOIN kpi_co co ON co.warehouse_id = o.warehouse_id""",
    )
    return n_orders


def _count(cr, table):
    cr.execute(f"SELECT count(*) FROM {table}")
    return cr.fetchone()[0]


def _lines_and_moves(cr, total, uom_id):
    line0 = _reserve(cr, "sale_order_line", total)
    pol0 = _reserve(cr, "purchase_order_line", total)
    move0 = _reserve(cr, "stock_move", total)
    svl0 = _reserve(cr, "stock_valuation_layer", total)
    cr.execute(
        "ALTER TABLE kpi_mv ADD sol_id int, ADD pol_id int, ADD move_id int, "
        "ADD svl_id int, ADD order_id int, ADD picking_id int, ADD segment_id int, "
        "ADD region_id int, ADD partner_id int"
    )
    _sql(
        cr,
        """UPDATE kpi_mv m SET sol_id = CASE WHEN NOT m.is_in THEN %s + m.i END,
            pol_id = CASE WHEN m.is_in THEN %s + m.i END, move_id = %s + m.i,
            svl_id = CASE WHEN m.done THEN %s + m.i END,
            order_id = coalesce(o.so_id, o.po_id), picking_id = o.picking_id,
            segment_id = CASE WHEN NOT m.is_in THEN o.segment_id END,
            region_id = CASE WHEN NOT m.is_in THEN o.region_id END,
            partner_id = CASE WHEN m.is_in THEN o.vendor_id ELSE o.customer_id END
        FROM kpi_ord o WHERE o.o = m.o""",
        (line0, pol0, move0, svl0),
    )
    _sql(
        cr,
        """INSERT INTO sale_order_line (id, order_id, sequence, name, product_id,
            product_uom, product_uom_qty, qty_delivered, qty_delivered_method,
            qty_invoiced, qty_to_invoice, price_unit, price_subtotal, price_total,
            price_reduce_taxexcl, price_reduce_taxinc, discount, customer_lead,
            company_id, currency_id, order_partner_id, salesman_id, state,
            invoice_status, dist_family_id, dist_segment_id, dist_region_id,
            create_uid, write_uid, create_date, write_date)
        SELECT sol_id, order_id, l, 'KPI item ' || p, product_id, %s, qty_ordered,
            qty_done, 'stock_move', qty_done, 0, sale_price, qty_ordered * sale_price,
            qty_ordered * sale_price, sale_price, sale_price, 0, 3, company_id,
            currency_id, partner_id, 1, 'sale', 'invoiced', family_id, segment_id,
            region_id, 1, 1, d0, d0
        FROM kpi_mv WHERE NOT is_in""",
        (uom_id,),
    )
    _sql(
        cr,
        """INSERT INTO purchase_order_line (id, order_id, sequence, name, product_id,
            product_uom, product_qty, product_uom_qty, qty_received,
            qty_received_method, qty_invoiced, price_unit, price_subtotal,
            price_total, company_id, currency_id, partner_id, state, date_planned,
            dist_family_id, create_uid, write_uid, create_date, write_date)
        SELECT pol_id, order_id, l, 'KPI item ' || p, product_id, %s, qty_ordered,
            qty_ordered, CASE WHEN done THEN qty_done ELSE 0 END, 'stock_moves',
            CASE WHEN done THEN qty_done ELSE 0 END, unit_cost,
            qty_ordered * unit_cost, qty_ordered * unit_cost, company_id,
            currency_id, partner_id, 'purchase', promised, family_id, 1, 1, d0, d0
        FROM kpi_mv WHERE is_in""",
        (uom_id,),
    )
    _sql(
        cr,
        """INSERT INTO stock_move (id, name, company_id, product_id, product_uom,
            product_uom_qty, product_qty, quantity, location_id, location_dest_id,
            picking_id, picking_type_id, warehouse_id, partner_id,
            state, procure_method, date, date_deadline, origin, sale_line_id,
            purchase_line_id, price_unit, reference, dist_family_id,
            dist_segment_id, dist_region_id, create_uid, write_uid, create_date,
            write_date)
        SELECT move_id, 'KPI item ' || p, company_id, product_id, %s, qty_ordered,
            qty_ordered, CASE WHEN done THEN qty_done ELSE 0 END,
            CASE WHEN is_in THEN supplier_loc ELSE stock_loc END,
            CASE WHEN is_in THEN stock_loc ELSE customer_loc END, picking_id,
            CASE WHEN is_in THEN in_type ELSE out_type END, warehouse_id, partner_id,
            CASE WHEN done THEN 'done' ELSE 'assigned' END, 'make_to_stock',
            CASE WHEN done THEN actual ELSE promised END, promised,
            CASE WHEN is_in THEN 'KPI/PO/' ELSE 'KPI/SO/' END || o, sol_id, pol_id,
            unit_cost, CASE WHEN is_in THEN 'KPI/IN/' ELSE 'KPI/OUT/' END || o,
            family_id, segment_id, region_id, 1, 1, d0, d0
        FROM kpi_mv""",
        (uom_id,),
    )
    # FIFO: the quantity left of each receipt once the deliveries of its product
    # in its company consumed the oldest first.
    _sql(
        cr,
        """CREATE TEMP TABLE kpi_fifo AS
        WITH outs AS (
            SELECT p, c, sum(qty_done) AS q FROM kpi_mv
            WHERE NOT is_in AND done GROUP BY p, c
        ), ins AS (
            SELECT i, p, c, qty_done,
                sum(qty_done) OVER (PARTITION BY p, c ORDER BY k) AS cum
            FROM kpi_mv WHERE is_in AND done
        )
        SELECT ins.i, greatest(0, least(ins.qty_done,
            ins.cum - coalesce(outs.q, 0))) AS remaining
        FROM ins LEFT JOIN outs ON outs.p = ins.p AND outs.c = ins.c""",
    )
    cr.execute("CREATE UNIQUE INDEX ON kpi_fifo (i)")
    _sql(
        cr,
        """INSERT INTO stock_valuation_layer (id, company_id, product_id,
            stock_move_id, quantity, unit_cost, value, remaining_qty,
            remaining_value, description, create_uid, write_uid, create_date,
            write_date)
        SELECT m.svl_id, m.company_id, m.product_id, m.move_id,
            CASE WHEN m.is_in THEN m.qty_done ELSE -m.qty_done END, m.unit_cost,
            CASE WHEN m.is_in THEN 1 ELSE -1 END * m.qty_done * m.unit_cost,
            coalesce(f.remaining, 0), coalesce(f.remaining, 0) * m.unit_cost,
            CASE WHEN m.is_in THEN 'KPI/IN/' ELSE 'KPI/OUT/' END || m.o,
            1, 1, m.actual, m.actual
        FROM kpi_mv m LEFT JOIN kpi_fifo f ON f.i = m.i WHERE m.done""",
    )


def _quants(cr):
    return _sql(
        cr,
        """INSERT INTO stock_quant (product_id, company_id, location_id, quantity,
            reserved_quantity, in_date, create_uid, write_uid, create_date,
            write_date)
        SELECT product_id, min(company_id), stock_loc,
            sum(CASE WHEN is_in THEN qty_done ELSE -qty_done END), 0, max(actual),
            1, 1, now(), now()
        FROM kpi_mv WHERE done GROUP BY product_id, stock_loc""",
    )


def _accounting(cr):
    """Valuation entries per picking, vendor bills and customer invoices, posted."""
    _sql(
        cr,
        """CREATE TEMP TABLE kpi_tot AS
        SELECT o, sum(qty_done * unit_cost) AS cost,
            sum(qty_done * CASE WHEN is_in
                THEN unit_cost * CASE WHEN o %% 8 = 0 THEN 1.03 ELSE 1 END
                ELSE sale_price END) AS billed
        FROM kpi_mv GROUP BY o;
        CREATE UNIQUE INDEX ON kpi_tot (o);
        ANALYZE kpi_tot;
        CREATE TEMP TABLE kpi_am AS
        SELECT o.o, 'val' AS kind, o.actual AS date, co.stock_journal AS journal_id,
            NULL::int AS partner_id, 'entry' AS move_type, 'KPI/STJ/' AS prefix,
            t.cost AS total, o.company_id, o.currency_id
        FROM kpi_ord o JOIN kpi_co co ON co.warehouse_id = o.warehouse_id
        JOIN kpi_tot t ON t.o = o.o
        WHERE o.done
        UNION ALL
        SELECT o.o, CASE WHEN o.is_in THEN 'bill' ELSE 'inv' END,
            o.actual + CASE WHEN o.is_in THEN 2 ELSE 0 END,
            CASE WHEN o.is_in THEN co.purchase_journal ELSE co.sale_journal END,
            CASE WHEN o.is_in THEN o.vendor_id ELSE o.customer_id END,
            CASE WHEN o.is_in THEN 'in_invoice' ELSE 'out_invoice' END,
            CASE WHEN o.is_in THEN 'KPI/BILL/' ELSE 'KPI/INV/' END,
            t.billed, o.company_id, o.currency_id
        FROM kpi_ord o JOIN kpi_co co ON co.warehouse_id = o.warehouse_id
        JOIN kpi_tot t ON t.o = o.o
        WHERE o.done""",
    )
    n_moves = _count(cr, "kpi_am")
    am0 = _reserve(cr, "account_move", n_moves)
    cr.execute(
        "ALTER TABLE kpi_am ADD am_id int; "
        "UPDATE kpi_am a SET am_id = %s + r.n FROM (SELECT o, kind, "
        "row_number() OVER (ORDER BY o, kind) - 1 AS n FROM kpi_am) r "
        "WHERE r.o = a.o AND r.kind = a.kind; "
        "CREATE INDEX ON kpi_am (o, kind); ANALYZE kpi_am",
        (am0,),
    )
    _sql(
        cr,
        """INSERT INTO account_move (id, name, ref, date, state, move_type, auto_post,
            journal_id, company_id, currency_id, partner_id, commercial_partner_id,
            invoice_date, invoice_date_due, invoice_origin, amount_untaxed,
            amount_tax, amount_total, amount_residual, amount_untaxed_signed,
            amount_tax_signed, amount_total_signed, amount_total_in_currency_signed,
            amount_residual_signed, payment_state, sequence_prefix, sequence_number,
            posted_before, always_tax_exigible, dist_match_state, dist_ppv_amount,
            create_uid, write_uid, create_date, write_date)
        SELECT a.am_id, a.prefix || a.o, 'KPI/' || a.o, a.date, 'posted', a.move_type,
            'no', a.journal_id, a.company_id, a.currency_id, a.partner_id,
            a.partner_id, CASE WHEN a.kind <> 'val' THEN a.date END,
            CASE WHEN a.kind <> 'val' THEN a.date + 30 END,
            CASE WHEN a.kind = 'bill' THEN 'KPI/PO/' || a.o
                 WHEN a.kind = 'inv' THEN 'KPI/SO/' || a.o END,
            a.total, 0, a.total, CASE WHEN a.kind = 'val' THEN 0 ELSE a.total END,
            s.sign * a.total, 0, s.sign * a.total, s.sign * a.total,
            CASE WHEN a.kind = 'val' THEN 0 ELSE s.sign * a.total END,
            CASE WHEN a.kind = 'val' THEN 'not_paid' ELSE 'not_paid' END,
            a.prefix, a.o, true, a.kind = 'val',
            CASE WHEN a.kind = 'bill' THEN CASE WHEN a.o %% 8 = 0 THEN 'exception'
                ELSE 'matched' END END,
            CASE WHEN a.kind = 'bill' THEN a.total - t.cost END,
            1, 1, a.date, a.date
        FROM kpi_am a JOIN kpi_tot t ON t.o = a.o JOIN (VALUES ('val', 1), ('bill', -1), ('inv', 1)) s(kind, sign)
            ON s.kind = a.kind""",
    )
    # One row per journal item: (move, account, display type, product..., balance).
    _sql(
        cr,
        """CREATE TEMP TABLE kpi_aml AS
        -- valuation entry: stock valuation against the interim account
        SELECT a.am_id, a.kind, m.i, 1 AS seq, m.acc_valuation AS account_id,
            'product' AS display_type, m.qty_done * m.unit_cost
                * CASE WHEN m.is_in THEN 1 ELSE -1 END AS balance, m
        FROM kpi_am a JOIN kpi_mv m ON m.o = a.o WHERE a.kind = 'val'
        UNION ALL
        SELECT a.am_id, a.kind, m.i, 2, CASE WHEN m.is_in THEN m.acc_in
            ELSE m.acc_out END, 'product', m.qty_done * m.unit_cost
                * CASE WHEN m.is_in THEN -1 ELSE 1 END, m
        FROM kpi_am a JOIN kpi_mv m ON m.o = a.o WHERE a.kind = 'val'
        UNION ALL
        -- bill line: interim received at the billed price
        SELECT a.am_id, a.kind, m.i, 10, m.acc_in, 'product', m.qty_done
            * m.unit_cost * CASE WHEN m.o %% 8 = 0 THEN 1.03 ELSE 1 END, m
        FROM kpi_am a JOIN kpi_mv m ON m.o = a.o WHERE a.kind = 'bill'
        UNION ALL
        -- invoice lines: income, then cost of goods sold against interim delivered
        SELECT a.am_id, a.kind, m.i, 10, m.acc_income, 'product',
            -m.qty_done * m.sale_price, m
        FROM kpi_am a JOIN kpi_mv m ON m.o = a.o WHERE a.kind = 'inv'
        UNION ALL
        SELECT a.am_id, a.kind, m.i, 20, m.acc_cogs, 'cogs', m.qty_done * m.unit_cost, m
        FROM kpi_am a JOIN kpi_mv m ON m.o = a.o WHERE a.kind = 'inv'
        UNION ALL
        SELECT a.am_id, a.kind, m.i, 21, m.acc_out, 'cogs', -m.qty_done * m.unit_cost, m
        FROM kpi_am a JOIN kpi_mv m ON m.o = a.o WHERE a.kind = 'inv'""",
    )
    product_lines = _sql(
        cr,
        """INSERT INTO account_move_line (move_id, move_name, date, invoice_date,
            parent_state, journal_id, company_id, company_currency_id, currency_id,
            account_id, partner_id, display_type, sequence, name, ref, product_id,
            product_uom_id, quantity, price_unit, price_subtotal, price_total,
            debit, credit, balance, amount_currency, amount_residual,
            amount_residual_currency, reconciled, purchase_line_id, dist_family_id,
            dist_segment_id, dist_region_id, dist_match_state, dist_ppv_amount,
            dist_po_price, dist_bill_price, create_uid, write_uid, create_date,
            write_date)
        SELECT l.am_id, am.name, am.date, am.invoice_date, 'posted', am.journal_id,
            am.company_id, am.currency_id, am.currency_id, l.account_id,
            (l.m).partner_id, l.display_type, l.seq, 'KPI item ' || (l.m).p, am.ref,
            (l.m).product_id, (l.m).uom_id, (l.m).qty_done,
            abs(l.balance) / nullif((l.m).qty_done, 0), abs(l.balance),
            abs(l.balance), greatest(l.balance, 0), greatest(-l.balance, 0),
            l.balance, l.balance, 0, 0, false,
            CASE WHEN l.kind = 'bill' THEN (l.m).pol_id END, (l.m).family_id,
            (l.m).segment_id, (l.m).region_id,
            CASE WHEN l.kind = 'bill' THEN am.dist_match_state END,
            CASE WHEN l.kind = 'bill' THEN l.balance
                - (l.m).qty_done * (l.m).unit_cost END,
            CASE WHEN l.kind = 'bill' THEN (l.m).unit_cost END,
            CASE WHEN l.kind = 'bill' THEN l.balance / nullif((l.m).qty_done, 0) END,
            1, 1, am.date, am.date
        FROM kpi_aml l JOIN account_move am ON am.id = l.am_id""",
    )
    # The counterpart of each invoice and bill: receivable / payable, open.
    terms = _sql(
        cr,
        """INSERT INTO account_move_line (move_id, move_name, date, invoice_date,
            date_maturity, parent_state, journal_id, company_id, company_currency_id,
            currency_id, account_id, partner_id, display_type, sequence, name, ref,
            debit, credit, balance, amount_currency, amount_residual,
            amount_residual_currency, reconciled, create_uid, write_uid,
            create_date, write_date)
        SELECT am.id, am.name, am.date, am.invoice_date, am.invoice_date_due,
            'posted', am.journal_id, am.company_id, am.currency_id, am.currency_id,
            CASE WHEN a.kind = 'inv' THEN co.acc_receivable ELSE co.acc_payable END,
            am.partner_id, 'payment_term', 100, am.name, am.ref,
            greatest(b.balance, 0), greatest(-b.balance, 0), b.balance, b.balance,
            b.balance, b.balance, false, 1, 1, am.date, am.date
        FROM kpi_am a JOIN account_move am ON am.id = a.am_id
        JOIN kpi_co co ON co.company_id = a.company_id AND co.wh_n = 0
        JOIN (SELECT am_id, -sum(balance) AS balance FROM kpi_aml
            GROUP BY am_id) b ON b.am_id = a.am_id
        WHERE a.kind <> 'val'""",
    )
    _sql(
        cr,
        """INSERT INTO sale_order_line_invoice_rel (order_line_id, invoice_line_id)
        SELECT m.sol_id, aml.id FROM account_move_line aml
        JOIN kpi_am a ON a.am_id = aml.move_id AND a.kind = 'inv'
        JOIN kpi_mv m ON m.o = a.o AND m.product_id = aml.product_id
        WHERE aml.display_type = 'product'""",
    )
    _sql(
        cr,
        """UPDATE stock_valuation_layer v SET account_move_id = a.am_id
        FROM kpi_mv m JOIN kpi_am a ON a.o = m.o AND a.kind = 'val'
        WHERE v.id = m.svl_id""",
    )
    return n_moves, product_lines + terms


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
    skus = step("products", _products, cr, tier, categories, families, uom_id)
    step("standard prices", _standard_prices, cr)
    step("vendor lead times", _supplierinfo, cr, vendors.ids)
    total = step("plan of the moves", _plan, cr, skus, customers.ids)
    cr.execute(
        "ALTER TABLE kpi_mv ADD uom_id int; UPDATE kpi_mv SET uom_id = %s", (uom_id,)
    )
    step("orders and pickings", _orders, cr)
    step("order lines, moves, layers", _lines_and_moves, cr, total, uom_id)
    step("quants", _quants, cr)
    step("journal entries", _accounting, cr)
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
