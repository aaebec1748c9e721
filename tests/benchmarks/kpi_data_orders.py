"""Bulk SQL of the KPI benchmark data: products, orders, pickings, moves, layers.

Part of ``kpi_data.py`` (which see); each function writes one kind of rows with
``INSERT ... SELECT`` from the temporary plan tables (``kpi_sku``, ``kpi_mv``,
``kpi_ord``, ``kpi_co``) and ids reserved from the tables' sequences.
"""

from contextlib import contextmanager

MOVES_PER_SKU = 7
LINES_PER_ORDER = 5


def _say(message):
    print(message, flush=True)


def _sql(cr, query, params=None):
    """Run a query written with ``%%`` for ``%``; return its row count."""
    if not params:
        # Odoo runs a query without parameters unformatted
        query = query.replace("%%", "%")
    cr.execute(query, params or None)
    return cr.rowcount


@contextmanager
def _bulk(cr, tables):
    """Drop the indexes of ``tables`` that back no constraint while rows pour in,
    then build them again: one sorted build is much faster than millions of
    index insertions."""
    cr.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename IN %s
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
        (tuple(tables),),
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        cr.execute(definition)


def _reserve(cr, table, count):
    """Reserve ``count`` ids of ``table``'s sequence; return the first."""
    cr.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        "nextval(pg_get_serial_sequence(%s, 'id')) + %s) - %s",
        (table, table, count, count),
    )
    return cr.fetchone()[0]


# ----------------------------------------------------------------------------
# bulk rows
# ----------------------------------------------------------------------------
def _products(cr, skus, categories, families, uom_id):
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
