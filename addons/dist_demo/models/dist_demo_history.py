"""Replays the planned purchase and sales history through the normal Odoo flows."""

import gc
import logging
from collections import defaultdict
from datetime import datetime, time

from odoo import Command, api, models
from odoo.tools import float_compare, float_is_zero

from ..tools.refs import customer_order_ref, vendor_invoice_ref, vendor_quote_ref
from ..tools.schedule import (
    BILL,
    DELIVERY,
    HOURS,
    INVOICE,
    PO_CONFIRM,
    POST_INVOICES,
    RECEIPT,
    SO_CONFIRM,
    schedule_history,
)
from ..tools.timing import log_totals, measure

_logger = logging.getLogger(__name__)

PART_NAMES = {
    PO_CONFIRM: "purchases",
    RECEIPT: "receipts",
    BILL: "bills",
    SO_CONFIRM: "sales",
    DELIVERY: "deliveries",
    INVOICE: "invoices",
    POST_INVOICES: "invoice post",
}


def _at(day, kind):
    return datetime.combine(day, time(HOURS[kind]))


def _confirmed(plan):
    """Sort key of orders: the order the plan confirms them in."""
    return (plan.date, plan.company, plan.key)


class DistDemoHistory(models.AbstractModel):
    """Turns the plan into purchase orders, receipts, bills, sales orders, deliveries
    and invoices, in the batches of ``tools/schedule.py``, then dates every record
    on the day it happened.

    The orders are created at once, in the order the plan confirms them, so they
    are numbered as if created day by day. Valuation entries get their accounting
    date through ``force_period_date``; the dates Odoo stamps with "now" (order and
    picking dates, move dates, valuation layer creation dates) are rewritten in
    bulk right after each step, so FIFO consumes layers in the order they were
    dated.
    """

    _name = "dist.demo.history"
    _description = "Demo distributor history replay"

    @api.model
    def _replay(self, purchases, sales, context):
        handlers = {
            PO_CONFIRM: "_confirm_purchases",
            RECEIPT: "_receive",
            BILL: "_bill",
            SO_CONFIRM: "_confirm_sales",
            DELIVERY: "_deliver",
        }
        # batches across the companies: every record carries its company, and
        # core flows switch to it where they need to
        company_ids = [company.id for company in context["companies"].values()]
        replay = self.with_context(allowed_company_ids=company_ids)
        totals = {}
        with measure(self.env.cr, "orders", totals, len(purchases) + len(sales)):
            records = replay._create_orders(purchases, sales, context)
        invoices = self.env["account.move"]
        plan = list(schedule_history(purchases, sales))
        months = sorted({(batch.day.year, batch.day.month) for batch in plan})
        month = None
        for batch in plan:
            new_month = (batch.day.year, batch.day.month) != month
            month = (batch.day.year, batch.day.month)
            with measure(self.env.cr, "release", totals):
                replay._release_environments(new_month)
            if new_month:
                _logger.info(
                    "dist_demo: replaying %s-%02d, month %d of %d (%d environments)",
                    *month,
                    months.index(month) + 1,
                    len(months),
                    len(self.env.transaction.envs),
                )
            kind, day, items = batch.kind, batch.day, batch.items
            with measure(self.env.cr, PART_NAMES[kind], totals, len(items)):
                if kind == INVOICE:
                    invoices |= replay._draft_invoices(day, items, records)
                elif kind == POST_INVOICES:
                    replay._post_invoices(invoices)
                    invoices = self.env["account.move"]
                else:
                    getattr(replay, handlers[kind])(day, items, records, context)
        with measure(self.env.cr, "finalize", totals):
            replay._finalize(records)
        log_totals(totals)
        return records

    def _release_environments(self, new_month=False):
        """Keep the cost per document flat over the year: release the environments
        of the steps done (Odoo scans the live ones for each new one, and the
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

    def _create_orders(self, purchases, sales, context):
        """Every purchase and sales order of the plan, one batch each, in the order
        they are confirmed (the numbers the day by day replay would give them).
        Returns them by plan key."""
        records = {}
        self._create_purchases(sorted(purchases, key=_confirmed), records, context)
        self._create_sales(sorted(sales, key=_confirmed), records, context)
        return records

    # purchases ---------------------------------------------------------------

    def _prepare_purchase_vals(self, plan, context):
        company = context["companies"][plan.company]
        warehouse = context["warehouses"][plan.company][plan.warehouse]
        products = context["products"]
        partner = context["suppliers"][plan.supplier]
        return {
            "partner_id": partner.id,
            "company_id": company.id,
            "currency_id": self.env.ref(f"base.{plan.currency}").id,
            "date_order": _at(plan.date, PO_CONFIRM),
            "picking_type_id": warehouse.in_type_id.id,
            "partner_ref": vendor_quote_ref(partner.name, plan.key, plan.date),
            "payment_term_id": partner.property_supplier_payment_term_id.id,
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

    def _create_purchases(self, plans, records, context):
        orders = self.env["purchase.order"].create(
            [self._prepare_purchase_vals(plan, context) for plan in plans]
        )
        records.update(zip((plan.key for plan in plans), orders, strict=True))

    def _confirm_purchases(self, day, items, records, context):
        """Confirm the orders of ``items`` (created first when not in ``records``),
        each dated on the day the plan confirms it."""
        plans = [plan for plan, _index in items]
        self._create_purchases(
            [plan for plan in plans if plan.key not in records], records, context
        )
        orders = self.env["purchase.order"].concat(*(records[p.key] for p in plans))
        orders.button_confirm()
        for date, orders in self._by_date(plans, records).items():
            stamp = _at(date, PO_CONFIRM)
            self._sql_set_dates(
                "purchase.order", orders.ids, stamp, date_order=True, date_approve=True
            )
            self._sql_set_dates(
                "stock.picking", orders.picking_ids.ids, stamp, date=True
            )

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
        """Bill what the orders of ``items`` received and did not bill yet, dated
        ``day``: one bill per order with the vendor's invoice number, created and
        posted in one call per company (the lines as ``action_create_invoice``
        prepares them, dated at creation so nothing is computed twice)."""
        orders = self.env["purchase.order"].concat(
            *(records[plan.key] for plan, _i in items)
        )
        orders = orders.filtered(lambda o: o.invoice_status == "to invoice")
        for company in orders.company_id:
            vals_list = [
                self._prepare_bill_vals(order, day)
                for order in orders.filtered(lambda o, c=company: o.company_id == c)
            ]
            bills = (
                self.env["account.move"]
                .with_company(company)
                .with_context(default_move_type="in_invoice")
                .create([vals for vals in vals_list if vals["invoice_line_ids"]])
            )
            bills.with_context(force_period_date=day).action_post()

    def _prepare_bill_vals(self, order, day):
        """The bill of what ``order`` received and did not bill yet, on ``day``."""
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )
        order = order.with_company(order.company_id)
        lines = order.order_line.filtered(
            lambda line: (
                not float_is_zero(line.qty_to_invoice, precision_digits=precision)
            )
        )
        rank = len(order.invoice_ids)
        return dict(
            order._prepare_invoice(),
            invoice_date=day,
            ref=vendor_invoice_ref(order.partner_id.name, f"{order.name}/{rank}", day),
            invoice_line_ids=[
                Command.create(dict(line._prepare_account_move_line(), sequence=seq))
                for seq, line in enumerate(lines, start=10)
            ],
        )

    # sales -------------------------------------------------------------------

    def _prepare_sale_vals(self, plan, context):
        products = context["products"]
        customer = context["customers"][plan.customer]
        return {
            "partner_id": customer.id,
            "company_id": context["companies"][plan.company].id,
            "warehouse_id": context["warehouses"][plan.company][plan.warehouse].id,
            "pricelist_id": context["pricelists"][plan.company].id,
            "date_order": _at(plan.date, SO_CONFIRM),
            "commitment_date": _at(plan.commitment_date, DELIVERY),
            "client_order_ref": customer_order_ref(customer.name, plan.key, plan.date),
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

    def _create_sales(self, plans, records, context):
        orders = self.env["sale.order"].create(
            [self._prepare_sale_vals(plan, context) for plan in plans]
        )
        records.update(zip((plan.key for plan in plans), orders, strict=True))

    def _confirm_sales(self, day, items, records, context):
        """Confirm the orders of ``items`` (created first when not in ``records``),
        each dated on the day the plan confirms it."""
        plans = [plan for plan, _index in items]
        self._create_sales(
            [plan for plan in plans if plan.key not in records], records, context
        )
        orders = self.env["sale.order"].concat(*(records[p.key] for p in plans))
        orders.action_confirm()
        for date, orders in self._by_date(plans, records).items():
            stamp = _at(date, SO_CONFIRM)
            self._sql_set_dates("sale.order", orders.ids, stamp, date_order=True)
            self._sql_set_dates(
                "stock.picking", orders.picking_ids.ids, stamp, date=True
            )

    def _by_date(self, plans, records):
        """The orders of ``plans`` by the day the plan dates them."""
        orders = defaultdict(records[plans[0].key].browse)
        for plan in plans:
            orders[plan.date] |= records[plan.key]
        return orders

    def _deliver(self, day, items, records, context):
        self._transfer(day, items, records, "deliveries", "sale_line_id", DELIVERY)

    def _invoice(self, day, items, records, context):
        self._post_invoices(self._draft_invoices(day, items, records))

    def _draft_invoices(self, day, items, records):
        """Invoice what the orders of ``items`` delivered, dated ``day``: one
        invoice per customer (core grouping), left in draft."""
        orders = self.env["sale.order"].concat(
            *(records[plan.key] for plan, _i in items)
        )
        orders = orders.filtered(lambda o: o.invoice_status == "to invoice")
        if not orders:
            return self.env["account.move"]
        invoices = orders._create_invoices()
        invoices.write({"invoice_date": day})
        return invoices

    def _post_invoices(self, invoices):
        """Post the invoices at once: numbered by date, their cost of goods taken
        from the deliveries they invoice."""
        invoices.action_post()

    # shared steps --------------------------------------------------------------

    def _set_done_quantities(self, moves, qty_by_line, line_field):
        """Set the quantity each move really ships, given per order line in the line's
        unit (moves are in the product's unit); moves left at zero go to a backorder.

        A move whose reserved quantity is the one shipped (most of them) is only
        marked picked, all in one write."""
        picked = moves.browse()
        for move in moves:
            line = move[line_field]
            qty = line.product_uom._compute_quantity(
                qty_by_line.get(line, 0.0), move.product_uom
            )
            rounding = move.product_uom.rounding
            if float_compare(qty, move.quantity, precision_rounding=rounding):
                move.write({"quantity": qty, "picked": bool(qty)})
            elif not float_is_zero(qty, precision_rounding=rounding):
                picked |= move
        picked.write({"picked": True})

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
