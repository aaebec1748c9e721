"""Replays the planned purchase and sales history through the normal Odoo flows."""

import gc
import logging
import time as clock
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, time

from odoo import Command, api, models

_logger = logging.getLogger(__name__)

# Order of the kinds of events within one day: goods come in before they go out.
PO_CONFIRM, RECEIPT, BILL, SO_CONFIRM, DELIVERY, INVOICE = range(6)
HOURS = {
    PO_CONFIRM: 8,
    RECEIPT: 10,
    BILL: 11,
    SO_CONFIRM: 12,
    DELIVERY: 15,
    INVOICE: 16,
}


PART_NAMES = {
    PO_CONFIRM: "purchases",
    RECEIPT: "receipts",
    BILL: "bills",
    SO_CONFIRM: "sales",
    DELIVERY: "deliveries",
    INVOICE: "invoices",
}


def _at(day, kind):
    return datetime.combine(day, time(HOURS[kind]))


@contextmanager
def measure(env, label, totals=None, documents=0):
    """Time a part of the generation (wall clock and this process's CPU) and count
    its SQL queries: logged at once, or added to ``totals[label]`` when given."""
    started = (clock.monotonic(), clock.process_time(), env.cr.sql_log_count)
    yield
    ended = (clock.monotonic(), clock.process_time(), env.cr.sql_log_count)
    spent = [end - start for end, start in zip(ended, started, strict=True)] + [
        documents
    ]
    if totals is None:
        _logger.info("dist_demo: %-12s %s", label, _format_spent(*spent))
        return
    total = totals.setdefault(label, [0.0, 0.0, 0, 0])
    for number, value in enumerate(spent):
        total[number] += value


def _format_spent(seconds, cpu, queries, documents):
    text = f"{seconds:7.1f}s (cpu {cpu:6.1f}s) {queries:8d} queries"
    return f"{text} {documents:6d} steps" if documents else text


def log_totals(totals):
    for label, spent in totals.items():
        _logger.info("dist_demo: %-12s %s", label, _format_spent(*spent))


def build_events(purchases, sales):
    """Every document step as ``(date, kind, company, key, index)``, in replay order."""
    events = []
    for plan in purchases:
        events.append((plan.date, PO_CONFIRM, plan.company, plan.key, 0))
        events += [
            (s.date, RECEIPT, plan.company, plan.key, i)
            for i, s in enumerate(plan.receipts)
        ]
        events += [
            (d, BILL, plan.company, plan.key, i) for i, d in enumerate(plan.bill_dates)
        ]
    for plan in sales:
        events.append((plan.date, SO_CONFIRM, plan.company, plan.key, 0))
        events += [
            (s.date, DELIVERY, plan.company, plan.key, i)
            for i, s in enumerate(plan.deliveries)
        ]
        events += [
            (d, INVOICE, plan.company, plan.key, i)
            for i, d in enumerate(plan.invoice_dates)
        ]
    events.sort()
    return events


class DistDemoHistory(models.AbstractModel):
    """Turns the plan into purchase orders, receipts, bills, sales orders, deliveries
    and invoices, day by day, then dates every record on the day it happened.

    Valuation entries get their accounting date through ``force_period_date``; the
    dates Odoo stamps with "now" (picking done dates, move dates, valuation layer
    creation dates) are rewritten in bulk right after each step, so FIFO consumes
    layers in the order they were dated.
    """

    _name = "dist.demo.history"
    _description = "Demo distributor history replay"

    @api.model
    def _replay(self, purchases, sales, context):
        plans = {plan.key: plan for plan in purchases + sales}
        records = {}
        batches = defaultdict(list)
        for day, kind, _company_key, key, index in build_events(purchases, sales):
            batches[(day, kind)].append((plans[key], index))
        handlers = {
            PO_CONFIRM: "_confirm_purchases",
            RECEIPT: "_receive",
            BILL: "_bill",
            SO_CONFIRM: "_confirm_sales",
            DELIVERY: "_deliver",
            INVOICE: "_invoice",
        }
        # one batch per day and kind of step, across the companies: every record
        # carries its company, and core flows switch to it where they need to
        company_ids = [company.id for company in context["companies"].values()]
        replay = self.with_context(allowed_company_ids=company_ids)
        current_day = month = None
        totals = {}
        for (day, kind), items in batches.items():
            if day != current_day:
                current_day = day
                new_month = (day.year, day.month) != month
                month = (day.year, day.month)
                with measure(self.env, "day flush", totals):
                    replay._start_day(new_month)
                if new_month:
                    _logger.info(
                        "dist_demo: replaying %s-%02d (%d environments)",
                        *month,
                        len(self.env.transaction.envs),
                    )
            with measure(self.env, PART_NAMES[kind], totals, len(items)):
                getattr(replay, handlers[kind])(day, items, records, context)
        with measure(self.env, "finalize", totals):
            replay._finalize(records)
        log_totals(totals)
        return records

    def _start_day(self, new_month=False):
        """Keep the cost per document flat over the year: release the environments
        of the day done (Odoo scans the live ones for each new one, and the
        accounting's recursion guards rewrite the context of each), and on a new
        month drop the record cache of the month done (it only grows in one
        transaction).

        ``cr.flush()`` flushes and runs the precommit hooks, as a commit would:
        every record created by a mail thread queues one (its tracking, discarded
        here), which keeps the environment it was created in alive until then.
        """
        self.env.cr.flush()
        if new_month:
            self.env.invalidate_all()
            gc.collect()

    # purchases ---------------------------------------------------------------

    def _prepare_purchase_vals(self, plan, context):
        company = context["companies"][plan.company]
        warehouse = context["warehouses"][plan.company][plan.warehouse]
        products = context["products"]
        return {
            "partner_id": context["suppliers"][plan.supplier].id,
            "company_id": company.id,
            "currency_id": self.env.ref(f"base.{plan.currency}").id,
            "date_order": _at(plan.date, PO_CONFIRM),
            "picking_type_id": warehouse.in_type_id.id,
            "partner_ref": f"{plan.key}-Q",
            "order_line": [
                Command.create(
                    {
                        "product_id": products[line.product].id,
                        "product_qty": line.qty,
                        "product_uom": products[line.product].uom_po_id.id,
                        "price_unit": line.price,
                        "date_planned": _at(plan.date_planned, RECEIPT),
                    }
                )
                for line in plan.lines
            ],
        }

    def _confirm_purchases(self, day, items, records, context):
        plans = [plan for plan, _index in items]
        orders = self.env["purchase.order"].create(
            [self._prepare_purchase_vals(plan, context) for plan in plans]
        )
        orders.button_confirm()
        for plan, order in zip(plans, orders, strict=True):
            records[plan.key] = order
        stamp = _at(day, PO_CONFIRM)
        self._sql_set_dates(
            "purchase.order", orders.ids, stamp, date_order=True, date_approve=True
        )
        self._sql_set_dates("stock.picking", orders.picking_ids.ids, stamp, date=True)

    def _receive(self, day, items, records, context):
        self._transfer(day, items, records, "receipts", "purchase_line_id", RECEIPT)

    def _transfer(self, day, items, records, steps, line_field, kind):
        """Validate the open picking of each order with the planned quantities.

        ``steps`` names the plan's list of shipments (receipts or deliveries),
        ``line_field`` the move's link to its order line.
        """
        pickings = self.env["stock.picking"]
        for plan, index in items:
            order = records[plan.key]
            picking = order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            )
            lines = order.order_line.sorted("id")
            self._set_done_quantities(
                picking.move_ids,
                dict(zip(lines, getattr(plan, steps)[index].qtys, strict=True)),
                line_field,
            )
            pickings |= picking
        self._validate(pickings, day, kind)

    def _bill(self, day, items, records, context):
        orders = self.env["purchase.order"].concat(
            *(records[plan.key] for plan, _i in items)
        )
        orders = orders.filtered(lambda o: o.invoice_status == "to invoice")
        if not orders:
            return
        orders.action_create_invoice()
        bills = orders.invoice_ids.filtered(lambda m: m.state == "draft")
        for bill in bills:
            bill.write(
                {"invoice_date": day, "ref": f"{bill.invoice_origin}/{day:%Y%m%d}"}
            )
        bills.with_context(force_period_date=day).action_post()

    # sales -------------------------------------------------------------------

    def _prepare_sale_vals(self, plan, context):
        products = context["products"]
        return {
            "partner_id": context["customers"][plan.customer].id,
            "company_id": context["companies"][plan.company].id,
            "warehouse_id": context["warehouses"][plan.company][plan.warehouse].id,
            "pricelist_id": context["pricelists"][plan.company].id,
            "date_order": _at(plan.date, SO_CONFIRM),
            "commitment_date": _at(plan.commitment_date, DELIVERY),
            "client_order_ref": f"{plan.key}-C",
            "order_line": [
                Command.create(
                    {
                        "product_id": products[line.product].id,
                        "product_uom_qty": line.qty,
                        "price_unit": line.price,
                    }
                )
                for line in plan.lines
            ],
        }

    def _confirm_sales(self, day, items, records, context):
        plans = [plan for plan, _index in items]
        orders = self.env["sale.order"].create(
            [self._prepare_sale_vals(plan, context) for plan in plans]
        )
        orders.action_confirm()
        for plan, order in zip(plans, orders, strict=True):
            records[plan.key] = order
        stamp = _at(day, SO_CONFIRM)
        self._sql_set_dates("sale.order", orders.ids, stamp, date_order=True)
        self._sql_set_dates("stock.picking", orders.picking_ids.ids, stamp, date=True)

    def _deliver(self, day, items, records, context):
        self._transfer(day, items, records, "deliveries", "sale_line_id", DELIVERY)

    def _invoice(self, day, items, records, context):
        orders = self.env["sale.order"].concat(
            *(records[plan.key] for plan, _i in items)
        )
        orders = orders.filtered(lambda o: o.invoice_status == "to invoice")
        if not orders:
            return
        invoices = orders._create_invoices()
        invoices.write({"invoice_date": day})
        invoices.with_context(force_period_date=day).action_post()

    # shared steps --------------------------------------------------------------

    def _set_done_quantities(self, moves, qty_by_line, line_field):
        """Set the quantity each move really ships, given per order line in the line's
        unit (moves are in the product's unit); moves left at zero go to a backorder."""
        for move in moves:
            line = move[line_field]
            qty = line.product_uom._compute_quantity(
                qty_by_line.get(line, 0.0), move.product_uom
            )
            move.write({"quantity": qty, "picked": bool(qty)})

    def _validate(self, pickings, day, kind):
        """Validate on ``day``: valuation entries dated by ``force_period_date``, then
        the dates Odoo stamped with "now" are rewritten to the day of the event."""
        done_before = set(pickings.move_ids.filtered(lambda m: m.state == "done").ids)
        pickings.with_context(
            force_period_date=day, cancel_backorder=False
        )._action_done()
        moves = pickings.move_ids.filtered(
            lambda m: m.state == "done" and m.id not in done_before
        )
        stamp = _at(day, kind)
        self.env.flush_all()
        cr = self.env.cr
        if moves:
            cr.execute(
                "UPDATE stock_move SET date = %s WHERE id IN %s",
                (stamp, tuple(moves.ids)),
            )
            cr.execute(
                "UPDATE stock_move_line SET date = %s WHERE move_id IN %s",
                (stamp, tuple(moves.ids)),
            )
            cr.execute(
                "UPDATE stock_valuation_layer SET create_date = %s WHERE stock_move_id IN %s",
                (stamp, tuple(moves.ids)),
            )
        cr.execute(
            "UPDATE stock_picking SET date_done = %s WHERE id IN %s",
            (stamp, tuple(pickings.ids)),
        )
        moves.invalidate_recordset(["date"])
        moves.move_line_ids.invalidate_recordset(["date"])
        moves.stock_valuation_layer_ids.invalidate_recordset(["create_date"])
        pickings.invalidate_recordset(["date_done"])

    def _sql_set_dates(self, model, ids, stamp, **columns):
        """Write ``stamp`` into the given date columns and ``create_date`` of ``ids``."""
        if not ids:
            return
        self.env.flush_all()
        assignments = ", ".join(
            f"{column} = %(stamp)s" for column in ["create_date", *columns]
        )
        # table and column names come from this module's code, never from input
        self.env.cr.execute(
            f"UPDATE {self.env[model]._table} SET {assignments} WHERE id IN %(ids)s",
            {"stamp": stamp, "ids": tuple(ids)},
        )
        self.env[model].browse(ids).invalidate_recordset(["create_date", *columns])

    def _finalize(self, records):
        """Recompute what depends on rewritten dates: arrival dates and quant ages."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE stock_quant q
               SET in_date = sub.last_in
              FROM (SELECT product_id, location_dest_id, max(date) AS last_in
                      FROM stock_move_line
                     WHERE state = 'done'
                  GROUP BY product_id, location_dest_id) sub
             WHERE sub.product_id = q.product_id AND sub.location_dest_id = q.location_id
            """
        )
        self.env.invalidate_all()
        for model in ("purchase.order", "sale.order"):
            orders = self.env[model].concat(
                *(r for r in records.values() if r._name == model)
            )
            self.env.add_to_compute(orders._fields["effective_date"], orders)
        self.env.flush_all()
