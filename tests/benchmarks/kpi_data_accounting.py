"""Bulk SQL of the KPI benchmark data: the journal entries.

Part of ``kpi_data.py`` (which see): one valuation entry per done picking, one
vendor bill per received purchase order, one customer invoice per delivered sale
order, all posted and balanced, linked to the layers and the sale lines. Each
entry is written on its date, never after now (an entry dated tomorrow was written
today): the KPI rollups' incremental refresh reads the write dates.
"""

from kpi_data_orders import _count, _reserve, _sql


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
            1, 1, a.date, LEAST(a.date, now() AT TIME ZONE 'UTC')
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
            1, 1, am.date, LEAST(am.date, now() AT TIME ZONE 'UTC')
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
            b.balance, b.balance, false, 1, 1, am.date,
            LEAST(am.date, now() AT TIME ZONE 'UTC')
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
