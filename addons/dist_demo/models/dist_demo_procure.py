"""Replays a few recent weeks of procure-to-pay as the demo users of each company."""

from datetime import datetime, timedelta
from datetime import time as day_time

from odoo import Command, api, models
from odoo.tools import SQL

from ..tools.procure import STEP_HOURS, line_amount, plan_steps, share_qty, target_qty
from ..tools.refs import vendor_invoice_ref, vendor_quote_ref
from ..tools.schedule import RECEIPT
from ..tools.timing import log_totals, measure

# Columns the flows stamp with "now": moved to the day of the step that wrote them.
NOW_COLUMNS = {
    "purchase.order": ("create_date", "date_order", "date_approve"),
    "stock.picking": ("create_date", "date"),
    "dist.purchase.requisition": ("create_date",),
    "dist.match.release": ("create_date",),
}
# Trails kept about a document (res_model, res_id) and their "now" columns.
TRAIL_COLUMNS = {
    "dist.approval.request": ("create_date", "pending_since", "done_date"),
    "dist.approval.log": ("create_date", "date"),
    "dist.exception": ("create_date", "date_open", "closed_date"),
}


class DistDemoProcure(models.AbstractModel):
    """Plays ``tools/procure.py`` in every company, oldest step first: the buyer
    raises requisitions and orders, managers and the director approve, the
    warehouse lead receives, the payables clerk enters and pays bills, the
    controller releases blocked ones. Every outcome (approval levels, receipt
    gate, match state, payment block) is decided by the suite's own controls.

    The "now" timestamps the flows write (approval requests and log,
    exceptions, releases, order and picking dates) are then moved to the day of
    the step in bulk SQL, as the history replay does.
    """

    _name = "dist.demo.procure"
    _description = "Demo distributor procure-to-pay replay"

    @api.model
    def _replay(self, procures, today):
        """``procures``: per company, its users, vendors, warehouses and policy
        (see ``dist.demo.generator._prepare_procure_company``); the documents
        made are added to its ``records`` by case code."""
        totals = {}
        for day, step, cases in plan_steps(today):
            stamp = datetime.combine(day, day_time(STEP_HOURS[step]))
            for procure in procures:
                with measure(self.env.cr, f"procure {step}", totals, len(cases)):
                    documents = getattr(self, f"_procure_{step}")(procure, cases, day)
                    self._stamp(documents, stamp)
        log_totals(totals)

    def _procure_env(self, procure, role):
        return (
            self.with_user(procure["users"][role]).with_company(procure["company"]).env
        )

    def _procure_lines(self, procure, vendor_role, size, day):
        """The vendor and ``(product, qty in its purchase unit)`` of an order of
        ``size``, at the vendor's price on ``day``."""
        company = procure["company"]
        vendor = procure["vendors"][vendor_role]["partner"]
        products = procure["vendors"][vendor_role]["products"]
        amount = line_amount(procure["policy"], size, len(products))
        lines = []
        for product in products:
            seller = product.with_company(company)._select_seller(
                partner_id=vendor, quantity=None, date=day, uom_id=product.uom_po_id
            )
            price = seller.currency_id._convert(
                seller.price, company.currency_id, company, day
            )
            lines.append((product, target_qty(amount, price, seller.min_qty)))
        return vendor, lines

    def _procure_order(self, procure, cases, day):
        """The buyer raises the orders and confirms them: the matrix decides."""
        env = self._procure_env(procure, "buyer")
        orders = env["purchase.order"].create(
            [
                self._prepare_procure_order_vals(procure, case, day, number)
                for number, case in enumerate(cases)
            ]
        )
        orders.button_confirm()
        procure["records"].update(zip((c.code for c in cases), orders, strict=True))
        return [orders, orders.picking_ids]

    def _prepare_procure_order_vals(self, procure, case, day, number):
        """An order of ``case`` in the vendor's currency, for one of the warehouses."""
        vendor, lines = self._procure_lines(procure, case.vendor, case.size, day)
        currency = procure["vendors"][case.vendor]["currency"]
        warehouse = procure["warehouses"][number % len(procure["warehouses"])]
        ordered_at = datetime.combine(day, day_time(STEP_HOURS["order"]))
        return {
            "partner_id": vendor.id,
            "company_id": procure["company"].id,
            "currency_id": currency.id,
            "date_order": ordered_at,
            "picking_type_id": warehouse.in_type_id.id,
            "partner_ref": vendor_quote_ref(
                vendor.name, f"{procure['key']}/{case.code}", day
            ),
            "payment_term_id": vendor.property_supplier_payment_term_id.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_qty": qty,
                        "product_uom": product.uom_po_id.id,
                        "date_planned": ordered_at + timedelta(days=7),
                    }
                )
                for product, qty in lines
            ],
        }

    def _procure_approve(self, procure, cases, day):
        """The buyer manager approves, then the director where a level is his
        (orders below the thresholds were approved when confirmed)."""
        orders = self._procure_records(procure, cases)
        approvers = (procure["users"]["manager"], procure["users"]["director"])
        for case, order in zip(cases, orders, strict=True):
            if order.dist_approval_state != "pending":
                continue
            levels = case.levels or len(order.dist_approval_rule_id.level_ids)
            for approver in approvers[:levels]:
                order.with_user(approver).with_company(
                    order.company_id
                ).button_approve()
        return [orders, orders.picking_ids]

    def _procure_receive(self, procure, cases, day):
        """The warehouse lead receives; beyond tolerance his override is queued."""
        env = self._procure_env(procure, "warehouse")
        history = self.env["dist.demo.history"]
        orders = env["purchase.order"].browse(self._procure_records(procure, cases).ids)
        for case, order in zip(cases, orders, strict=True):
            first, *others = order.order_line.sorted("id")
            quantities = {first: share_qty(first.product_qty, case.receive_pct)}
            quantities.update((line, line.product_qty) for line in others)
            history._set_done_quantities(
                order.picking_ids.filtered(lambda p: p.state != "done").move_ids,
                quantities,
                "purchase_line_id",
            )
        history._validate(
            orders.picking_ids.filtered(lambda p: p.state != "done"), day, RECEIPT
        )
        return [orders, orders.picking_ids]

    def _procure_bill(self, procure, cases, day):
        """The payables clerk enters the vendor bills; posting matches them."""
        env = self._procure_env(procure, "payables")
        orders = env["purchase.order"].browse(self._procure_records(procure, cases).ids)
        bills = env["account.move"].create(
            [
                self._prepare_procure_bill_vals(case, order, day)
                for case, order in zip(cases, orders, strict=True)
            ]
        )
        bills.with_context(force_period_date=day).action_post()
        for case, bill in zip(cases, bills, strict=True):
            procure["records"][f"{case.code}/bill"] = bill
        return [bills]

    def _prepare_procure_bill_vals(self, case, order, day):
        """The order's bill: the first line ``bill_qty_pct`` over the ordered
        quantity, at a price ``bill_price_pct`` over the order's."""
        order_lines = order.order_line.sorted("id")
        lines = []
        for line in order_lines:
            line_vals = line._prepare_account_move_line()
            line_vals["quantity"] = line.product_qty
            if line == order_lines[0]:
                line_vals["quantity"] *= 1 + case.bill_qty_pct / 100.0
                line_vals["price_unit"] = line.currency_id.round(
                    line.price_unit * (1 + case.bill_price_pct / 100.0)
                )
            lines.append(Command.create(line_vals))
        return dict(
            order._prepare_invoice(),
            invoice_date=day,
            ref=vendor_invoice_ref(order.partner_id.name, f"{order.name}/0", day),
            invoice_line_ids=lines,
        )

    def _procure_release(self, procure, cases, day):
        """The controller, who did not enter the bills, releases them with a reason."""
        env = self._procure_env(procure, "controller")
        bills = env["account.move"]
        for case in cases:
            bill = env["account.move"].browse(
                procure["records"][f"{case.code}/bill"].id
            )
            env["account.move.release"].create(
                {"move_ids": [Command.set(bill.ids)], "reason": case.reason}
            ).action_confirm()
            bills |= bill
        return [bills, bills.dist_release_ids]

    def _procure_pay(self, procure, cases, day):
        """The payables clerk pays the payable bills, one payment per bill."""
        env = self._procure_env(procure, "payables")
        bills = env["account.move"].browse(
            [procure["records"][f"{case.code}/bill"].id for case in cases]
        )
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bills.ids
        ).create({"payment_date": day, "group_payment": False}).action_create_payments()
        return [bills]

    def _procure_requisition(self, procure, cases, day):
        """The buyer raises requisitions for the company's first warehouse."""
        env = self._procure_env(procure, "buyer")
        warehouse = procure["warehouses"][0]
        vals_list = []
        for case in cases:
            vendor, lines = self._procure_lines(procure, "main", case.size, day)
            vals_list.append(
                {
                    "company_id": procure["company"].id,
                    "note": case.note,
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": qty,
                                "date_needed": day + timedelta(days=21),
                                "warehouse_id": warehouse.id,
                                "partner_id": vendor.id,
                            }
                        )
                        for product, qty in lines
                    ],
                }
            )
        requisitions = env["dist.purchase.requisition"].create(vals_list)
        procure["records"].update(
            zip((f"{c.code}/req" for c in cases), requisitions, strict=True)
        )
        return [requisitions]

    def _procure_submit_requisition(self, procure, cases, day):
        requisitions = self._procure_requisitions(procure, cases, "buyer")
        requisitions.action_dist_submit()
        return [requisitions]

    def _procure_approve_requisition(self, procure, cases, day):
        requisitions = self._procure_requisitions(procure, cases, "manager")
        requisitions.action_dist_approve()
        return [requisitions]

    def _procure_convert(self, procure, cases, day):
        """The buyer turns approved requisitions into RFQs, keeping only part of
        the first line where the vendor cannot deliver it all."""
        requisitions = self._procure_requisitions(procure, cases, "buyer")
        requisitions.action_create_rfqs()
        for case, requisition in zip(cases, requisitions, strict=True):
            if case.ordered_pct < 100.0:
                line = requisition.line_ids.sorted("id")[:1].purchase_line_ids
                line.write(
                    {"product_qty": share_qty(line.product_qty, case.ordered_pct)}
                )
        return [requisitions, requisitions.purchase_ids]

    def _procure_confirm_rfq(self, procure, cases, day):
        """The buyer confirms the RFQs of fully ordered requisitions."""
        requisitions = self._procure_requisitions(procure, cases, "buyer")
        requisitions.purchase_ids.button_confirm()
        return [requisitions.purchase_ids]

    def _procure_records(self, procure, cases):
        return self.env["purchase.order"].concat(
            *(procure["records"][case.code] for case in cases)
        )

    def _procure_requisitions(self, procure, cases, role):
        env = self._procure_env(procure, role)
        return env["dist.purchase.requisition"].browse(
            [procure["records"][f"{case.code}/req"].id for case in cases]
        )

    def _stamp(self, documents, stamp):
        """Date what the flows stamped "now" during a step, for ``documents`` and
        their approval requests, approval log and exceptions, to ``stamp``.

        Steps run oldest first, so a timestamp later than ``stamp`` was written
        by this step; earlier ones (dated by a former step) stay.
        """
        # flush, and run the precommit hooks that keep each step's environments
        # alive (see dist.demo.history._release_environments)
        self.env.cr.flush()
        cr = self.env.cr
        for records in documents:
            if not records:
                continue
            ids = tuple(records.ids)
            for model, columns in NOW_COLUMNS.items():
                if model == records._name:
                    cr.execute(self._stamp_query(model, columns, stamp, ("id", ids)))
            for model, columns in TRAIL_COLUMNS.items():
                cr.execute(
                    self._stamp_query(
                        model, columns, stamp, ("res_id", ids), records._name
                    )
                )
        self.env.invalidate_all()

    def _stamp_query(self, model, columns, stamp, where, res_model=None):
        table = self.env[model]._table
        assignments = SQL(", ").join(
            SQL(
                "%(column)s = CASE WHEN %(column)s > %(stamp)s THEN %(stamp)s "
                "ELSE %(column)s END",
                column=SQL.identifier(column),
                stamp=stamp,
            )
            for column in columns
        )
        condition = SQL("%s IN %s", SQL.identifier(where[0]), where[1])
        if res_model:
            condition = SQL("res_model = %s AND %s", res_model, condition)
        return SQL(
            "UPDATE %s SET %s WHERE %s", SQL.identifier(table), assignments, condition
        )
