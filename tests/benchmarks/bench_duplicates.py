"""Benchmark: duplicate detection at scale.

Seeded item names mix 2,000 pseudo-brands with 400 generic descriptions
("3c59dc organic green tea 120g"), supplier names 5,000 pseudo-brands with 25
trades and 8 activities ("3c59dc green tea imports"): every new name shares
most of its trigrams with thousands of rows. One new item checked against 100,000 items (normalized reference, GTIN,
similar names) and one new supplier against 50,000 suppliers (tax ID, E.164
phones, e-mail domain, bank account, similar names). Rows are seeded with
set-based SQL inserts; the harness rolls the transaction back. Prints the
median time and the query count of each check, through the production code
paths (the constraints and the duplicate finders).

Run: ``./dist bench duplicates`` (module: dist_harmonize_base).
"""

import statistics
import time

from odoo import Command

from odoo.addons.dist_harmonize_base.tools.sql import find_similar_ids

N_ITEMS = 100_000
N_SUPPLIERS = 50_000
REPEAT = 15

WORDS = (
    "ARRAY['organic','premium','classic','fresh','dark','light','spicy','sweet',"
    "'smoked','frozen','instant','roasted','wild','golden','natural','mini']"
)
NOUNS = (
    "ARRAY['green tea','black tea','coffee beans','cola','orange juice','mineral water',"
    "'olive oil','pasta','rice','biscuits','chocolate','honey','salmon','cheddar',"
    "'yoghurt','muesli','ketchup','mustard','vinegar','crackers','peanuts','almonds',"
    "'oat milk','butter','sparkling water']"
)


def _seed_items(env, count):
    cr = env.cr
    categ = env.ref("product.product_category_all").id
    unit = env.ref("uom.product_uom_unit").id
    cr.execute(
        f"""
        WITH g AS (
            SELECT i,
                   substr(md5((i / 50)::text), 1, 6) || ' '
                   || ({WORDS})[1 + i %% 16] || ' ' || ({NOUNS})[1 + (i / 16) %% 25]
                   || ' ' || (50 + i %% 950) || 'g' AS label
              FROM generate_series(1, %s) AS i
        )
        INSERT INTO product_template
            (name, categ_id, uom_id, uom_po_id, detailed_type, type, tracking,
             purchase_line_warn, sale_line_warn, dist_state, active, sale_ok,
             purchase_ok, default_code, dist_ref_key, dist_name_key)
        SELECT jsonb_build_object('en_US', label), %s, %s, %s, 'product', 'product',
               'none', 'no-message', 'no-message', 'active', true, true, true,
               'BENCH-' || i, 'BENCH' || i, label
          FROM g
        """,
        (count, categ, unit, unit),
    )
    cr.execute(
        """
        INSERT INTO product_product (product_tmpl_id, active, barcode, dist_gtin_key)
        SELECT id, true, 'BX' || id, 'BX' || id
          FROM product_template WHERE default_code LIKE 'BENCH-%%'
        """
    )
    cr.execute("ANALYZE product_template")
    cr.execute("ANALYZE product_product")


def _seed_suppliers(env, count):
    cr = env.cr
    cr.execute(
        f"""
        WITH g AS (
            SELECT i, substr(md5((i / 10)::text), 1, 6) || ' '
                   || ({NOUNS})[1 + i %% 25] || ' '
                   || (ARRAY['trading','foods','imports','supplies','distribution',
                             'logistics','wholesale','partners'])[1 + (i / 25) %% 8]
                   AS label
              FROM generate_series(1, %s) AS i
        )
        INSERT INTO res_partner
            (name, complete_name, active, is_company, type, dist_supplier_state,
             supplier_rank, vat, dist_vat_key, dist_name_key, phone, dist_phone_key,
             email, dist_email_domain)
        SELECT label, label, true, true, 'contact', 'approved', 1,
               'BE0' || (100000000 + i), '0' || (100000000 + i), label,
               '+3210' || lpad(i::text, 6, '0'), '+3210' || lpad(i::text, 6, '0'),
               'sales@bench' || i || '.example', 'bench' || i || '.example'
          FROM g
        """,
        (count,),
    )
    cr.execute(
        """
        INSERT INTO res_partner_bank (partner_id, acc_number, sanitized_acc_number,
                                      active, allow_out_payment)
        SELECT id, 'BENCHACC' || id, 'BENCHACC' || id, true, true
          FROM res_partner WHERE email LIKE 'sales@bench%%'
        """
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE res_partner_bank")


def _measure(env, check):
    """Median milliseconds and queries of ``check()`` over REPEAT runs."""
    check()  # warm the caches and the plans
    timings, queries = [], []
    for _i in range(REPEAT):
        env.invalidate_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        check()
        timings.append((time.perf_counter() - start) * 1000)
        queries.append(env.cr.sql_log_count - count)
    return statistics.median(timings), max(queries)


def _report(label, figures):
    millis, queries = figures
    print(f"{label:<58} {millis:7.2f} ms  {queries:2d} queries")


def run(env):
    trigram = (
        "pg_trgm (GIN, % operator)"
        if env.registry.has_trigram
        else "exact-key fallback"
    )
    print(f"similar names via {trigram}")
    start = time.perf_counter()
    _seed_items(env, N_ITEMS)
    _seed_suppliers(env, N_SUPPLIERS)
    print(
        f"seeded {N_ITEMS} items, {N_SUPPLIERS} suppliers in "
        f"{time.perf_counter() - start:.1f} s"
    )

    env.cr.execute(
        "SELECT dist_name_key FROM product_template WHERE default_code = 'BENCH-4242'"
    )
    item_name = env.cr.fetchone()[0].title().replace(" ", "-", 2) + "."
    env.cr.execute(
        "SELECT name FROM res_partner WHERE email = 'sales@bench4242.example'"
    )
    supplier_name = env.cr.fetchone()[0].upper() + " GmbH"
    family = env["dist.product.family"].create({"name": "Bench family"})
    Template = env["product.template"]
    start = time.perf_counter()
    item = Template.create(
        {
            "name": item_name,
            "default_code": "NEW-0001",
            "barcode": "4006381333931",
            "dist_family_id": family.id,
        }
    )
    env.flush_all()
    print(
        f"{'create one item (ORM, all constraints)':<58} "
        f"{(time.perf_counter() - start) * 1000:7.2f} ms"
    )
    variant = item.product_variant_id

    def check_item():
        item._check_dist_ref_key()
        variant._check_dist_gtin()
        item._dist_find_similar_ids()

    _report(
        f"item vs {N_ITEMS} items: reference + GTIN + similar names",
        _measure(env, check_item),
    )
    _report("  similar names only", _measure(env, item._dist_find_similar_ids))
    print(f"  new item: {item_name!r}")
    print(
        f"  similar to the new item: {Template.browse(item._dist_find_similar_ids()).mapped('name')}"
    )

    supplier = env["res.partner"].create(
        {
            "name": supplier_name,
            "is_company": True,
            "vat": "BE0100000077",
            "phone": "+32 10 000 078",
            "email": "info@bench79.example",
            "bank_ids": [Command.create({"acc_number": "BENCHACC42"})],
        }
    )
    env.flush_all()
    _report(
        f"supplier vs {N_SUPPLIERS} suppliers: tax ID, phone, domain, bank, name",
        _measure(env, supplier._dist_find_duplicates),
    )
    _report(
        "  similar names only",
        _measure(
            env,
            lambda: find_similar_ids(
                env,
                "res_partner",
                "dist_name_key",
                supplier.dist_name_key,
                supplier.ids,
            ),
        ),
    )
    matches = supplier._dist_find_duplicates()
    print(f"  new supplier: {supplier_name!r}")
    print(
        f"  matches found: {sum(len(v) for v in matches.values())} "
        f"({sorted({c for v in matches.values() for c in v})})"
    )
