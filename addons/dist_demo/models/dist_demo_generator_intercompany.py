"""Intercompany demo data (dist_intercompany) on top of the demo distributor."""

from datetime import datetime, time

from odoo import Command, models
from odoo.tools import SQL

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import intercompany as ic
from ..tools.timing import measure

SELLER_GROUPS = (
    "sales_team.group_sale_salesman_all_leads",
    "stock.group_stock_user",
    "account.group_account_invoice",
)
# Intercompany balances are settled monthly: 30 days each way.
IC_TERM = "account.account_payment_term_30days"
BUYER_GROUPS = (
    "purchase.group_purchase_user",
    "stock.group_stock_user",
    "account.group_account_invoice",
)


class DistDemoGeneratorIntercompany(models.AbstractModel):
    """The holding sells to Nordic Supply and Britannia Trade under a rule each
    (cost plus 8 % / the holding's intercompany price list; USD invoiced to a
    EUR and a GBP company): orders raised and approved by the buyers' demo
    users, mirrored in the holding, shipped by its warehouse lead, received,
    invoiced and billed, over three months (backorders, a return and its
    credit note among them); then the reconciliation of each pair for each
    period: two closed calendar months, and the open period to today with one
    difference of each reason (``tools/intercompany.py``).

    Runs after the procure-to-pay demo (its users, rules and keys) and before
    the KPI demo, which locks the closed months: every document of theirs is
    posted before the lock, none after it.
    """

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "dist.demo.generator"

    def _post_generate(self, context):
        result = super()._post_generate(context)
        with measure(self.env.cr, "intercompany"):
            self._create_intercompany_demo(context)
        return result

    def _create_intercompany_demo(self, context):
        seller = context["procure"][ic.SELLER]
        rules = {
            key: self._create_ic_rule(context, seller, context["procure"][key], vals)
            for key, vals in ic.RULES.items()
        }
        plan = ic.plan_chains(context["today"])
        items = self._pick_ic_items(seller, len(plan) * ic.LINES_PER_ORDER)
        chains = {}
        for index, chain in enumerate(plan):
            lines = items[index * ic.LINES_PER_ORDER : (index + 1) * ic.LINES_PER_ORDER]
            chains[chain.key] = self._run_ic_chain(
                seller, context["procure"][chain.buyer], chain, lines
            )
        context["intercompany"] = {
            "rules": rules,
            "chains": chains,
            "reconciliations": self._create_ic_reconciliations(context, rules),
        }

    # configuration ---------------------------------------------------------------

    def _create_ic_rule(self, context, seller, buyer, vals):
        """The rule of the holding selling to ``buyer``: each company's robot
        user, the holding's partner an approved supplier buying in USD."""
        seller_company, buyer_company = seller["company"], buyer["company"]
        partner = seller_company.partner_id
        # permit: the steward approved the group's own company as a supplier.
        with guard.permit(partner):
            partner.write({"supplier_rank": 1, "dist_supplier_state": "approved"})
        partner.with_company(buyer_company).write(
            {
                "property_purchase_currency_id": seller_company.currency_id.id,
                "property_supplier_payment_term_id": self.env.ref(IC_TERM).id,
            }
        )
        buyer_company.partner_id.with_company(seller_company).write(
            {"property_payment_term_id": self.env.ref(IC_TERM).id}
        )
        values = {
            "seller_company_id": seller_company.id,
            "buyer_company_id": buyer_company.id,
            "seller_warehouse_id": seller["warehouses"][0].id,
            "seller_user_id": self._ic_robot(seller, SELLER_GROUPS).id,
            "buyer_user_id": self._ic_robot(buyer, BUYER_GROUPS).id,
            "sync_order": True,
            "sync_delivery": True,
            "sync_invoice": True,
            "auto_confirm_sale": True,
            "auto_validate_receipt": True,
            "bill_state": "posted",
            **vals,
        }
        if values["pricing_method"] == "pricelist":
            values["pricelist_id"] = self._create_ic_pricelist(seller, buyer).id
        return self.env["dist.intercompany.rule"].create(values)

    def _ic_robot(self, procure, groups):
        """The technical user a company's mirrored documents are made as."""
        robot = self.env["res.users"].search(
            [("login", "=", ic.TECHNICAL_LOGIN.format(key=procure["key"]))]
        )
        return robot or self._create_procure_user(
            ic.TECHNICAL_NAME.format(company=procure["company"].name),
            ic.TECHNICAL_LOGIN.format(key=procure["key"]),
            procure["company"],
            groups,
        )

    def _create_ic_pricelist(self, seller, buyer):
        """The holding's intercompany prices for ``buyer``: cost plus a markup
        on the items it stocks, in the holding's currency."""
        company = seller["company"]
        return self.env["product.pricelist"].create(
            {
                "name": f"Intercompany {buyer['company'].name}",
                "currency_id": company.currency_id.id,
                "company_id": company.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "formula",
                            "base": "standard_price",
                            "price_discount": -(ic.PRICELIST_MARKUP - 1) * 100,
                        }
                    )
                ],
            }
        )

    def _pick_ic_items(self, seller, needed):
        """``needed`` untracked items the holding's first warehouse has most of."""
        location = seller["warehouses"][0].lot_stock_id
        groups = self.env["stock.quant"]._read_group(
            [
                ("location_id", "child_of", location.id),
                ("product_id.tracking", "=", "none"),
                ("product_id.dist_state", "=", "active"),
                ("quantity", ">", 0),
            ],
            ["product_id"],
            ["quantity:sum"],
            order="quantity:sum desc",
        )
        items = [
            product for product, quantity in groups if quantity >= 2 * ic.QUANTITY * 2
        ][:needed]
        if len(items) < needed:
            raise ValueError(
                f"dist_demo: the holding stocks {len(items)} items for the "
                f"intercompany demo, {needed} needed"
            )
        return items

    # the flows ---------------------------------------------------------------------

    def _run_ic_chain(self, seller, buyer, chain, items):
        """One chain (``tools/intercompany.py``): the buyer's order, approved;
        the holding's shipment (half of it for a partial one or a backorder);
        its invoice; what the buyer's payables clerk does with the bill; then
        the backorder shipped and invoiced, or a third of the goods sent back
        and credited. Each step is dated on its day of ``chain``."""
        order = self._create_ic_order(buyer, items)
        # the generator's own environment (the order's is the buyer's)
        sale = self.env["sale.order"].browse(
            order.sudo().dist_ic_transaction_id.sale_id.id
        )
        self._stamp_ic_orders(order, sale, chain.order_day)
        half = chain.case in ("partial", "backorder")
        self._ship_ic_sale(seller, order, sale, chain.ship_day, half=half)
        self._invoice_ic_sale(buyer, sale, chain.invoice_day, chain.case)
        if chain.case == "backorder":
            self._ship_ic_sale(seller, order, sale, chain.later_day)
            self._invoice_ic_sale(buyer, sale, chain.later_day, chain.case)
        elif chain.case == "return":
            self._return_ic_goods(buyer, order, sale, chain.later_day)
            self._invoice_ic_sale(buyer, sale, chain.later_day, chain.case)
        return self.env["dist.intercompany.transaction"].browse(
            order.sudo().dist_ic_transaction_id.id
        )

    def _invoice_ic_sale(self, buyer, sale, day, case):
        """The holding invoices what it shipped (or credits what came back),
        dated ``day``; the payables clerk reviews a bill left in draft."""
        invoice = sale._create_invoices(final=True)
        invoice.invoice_date = day
        invoice.action_post()
        bill = invoice.sudo().dist_ic_counterpart_id and self.env[
            "account.move"
        ].browse(invoice.sudo().dist_ic_counterpart_id)
        if bill and bill.state == "draft":
            self._review_ic_bill(buyer, bill, case)
        return invoice

    def _stamp_ic_orders(self, order, sale, day):
        """Date both orders on the day the buyer ordered (the flows stamp now)."""
        stamp = datetime.combine(day, time(9, 0))
        history = self.env["dist.demo.history"]
        history._sql_set_dates(
            "purchase.order", order.ids, stamp, date_order=True, date_approve=True
        )
        history._sql_set_dates("sale.order", sale.ids, stamp, date_order=True)

    def _stamp_ic_pickings(self, pickings, day):
        """Date the pickings a step validated (both sides) on ``day``, as the
        goods moved (the flows stamp them now)."""
        self.env.flush_all()
        if not pickings:
            return
        when = datetime.combine(day, time(15, 0))
        ids = tuple(pickings.ids)
        self.env.cr.execute(
            SQL("UPDATE stock_picking SET date_done = %s WHERE id IN %s", when, ids)
        )
        for table in ("stock_move", "stock_move_line"):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET date = %s WHERE picking_id IN %s AND state = 'done'",
                    SQL.identifier(table),
                    when,
                    ids,
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE stock_valuation_layer SET create_date = %s WHERE stock_move_id"
                " IN (SELECT id FROM stock_move WHERE picking_id IN %s)",
                when,
                ids,
            )
        )
        self.env.invalidate_all()

    def _ic_done_pickings(self, order, sale):
        pickings = self.env["stock.picking"].browse(
            (order.sudo().picking_ids | sale.picking_ids).ids
        )
        return pickings.filtered(lambda p: p.state == "done")

    def _create_ic_order(self, buyer, items):
        """The buyer's order to the holding (priced by the rule), confirmed by
        the buyer and, when the matrix asks, approved by the manager."""
        env = self.env["dist.demo.procure"]._procure_env(buyer, "buyer")
        seller = self._ic_seller_partner(buyer)
        order = env["purchase.order"].create(
            {
                "partner_id": seller.id,
                # the sister company's currency, as its supplier record says
                "currency_id": seller.with_company(
                    buyer["company"]
                ).property_purchase_currency_id.id,
                "picking_type_id": buyer["warehouses"][0].in_type_id.id,
                "order_line": [
                    Command.create({"product_id": item.id, "product_qty": ic.QUANTITY})
                    for item in items
                ],
            }
        )
        order.button_confirm()
        if order.dist_approval_state == "pending":
            manager = buyer["users"]["manager"]
            order.with_user(manager).with_company(order.company_id).button_approve()
        return order

    def _ic_seller_partner(self, buyer):
        rule = self.env["dist.intercompany.rule"].search(
            [("buyer_company_id", "=", buyer["company"].id)], limit=1
        )
        return rule.seller_company_id.partner_id

    def _ship_ic_sale(self, seller, order, sale, day, half=False):
        """The holding's warehouse lead ships the order on ``day`` (half of
        each line for a partial shipment, the rest on backorder); the engine
        receives it in the buyer's warehouse."""
        done = self._ic_done_pickings(order, sale)
        lead = seller["users"]["warehouse"]
        picking = (
            sale.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            .with_user(lead)
            .with_company(sale.company_id)
        )
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty / 2 if half else move.product_uom_qty
            move.picked = True
        picking.with_context(
            skip_backorder=True, force_period_date=day
        ).button_validate()
        self._stamp_ic_pickings(self._ic_done_pickings(order, sale) - done, day)

    def _return_ic_goods(self, buyer, order, sale, day):
        """The buyer's warehouse lead sends part of each line back on ``day``;
        the engine takes it back in the holding's warehouse."""
        done = self._ic_done_pickings(order, sale)
        lead = buyer["users"]["warehouse"]
        receipt = order.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "incoming" and p.state == "done"
        )[:1]
        wizard = (
            self.env["stock.return.picking"]
            .with_user(lead)
            .with_company(order.company_id)
            .with_context(active_id=receipt.id, active_model="stock.picking")
            .create({"picking_id": receipt.id})
        )
        for line in wizard.product_return_moves:
            # in the order's unit: boxes of 12 go back whole (the sale line
            # counts boxes, to the box)
            unit = line.move_id.purchase_line_id.product_uom
            line.quantity = unit._compute_quantity(
                ic.RETURNED_QUANTITY, line.product_id.uom_id
            )
        new_id, _type = wizard._create_returns()
        back = wizard.env["stock.picking"].browse(new_id)
        for move in back.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        back.with_context(skip_backorder=True, force_period_date=day).button_validate()
        moved = self._ic_done_pickings(order, sale) - done
        if len(moved) != 2:
            transaction = order.sudo().dist_ic_transaction_id
            raise ValueError(
                f"dist_demo: the return {back.name} of {order.name} was not taken "
                f"back by the holding: {transaction.last_error or back.state}"
            )
        self._stamp_ic_pickings(moved, day)

    def _review_ic_bill(self, buyer, bill, case):
        """What the payables clerk does with a bill left in draft."""
        clerk = bill.with_user(buyer["users"]["payables"]).with_company(
            buyer["company"]
        )
        if case == "timing":
            return
        if case == "missing":
            clerk.button_cancel()
            return
        line = clerk.invoice_line_ids[:1]
        if case == "amount":
            line.price_unit = round(line.price_unit * 1.05, 2)
        elif case == "tax":
            line.tax_ids = [Command.clear()]
        clerk.action_post()

    # reconciliation ----------------------------------------------------------------

    def _create_ic_reconciliations(self, context, rules):
        """Each pair's reconciliation of each period (``ic.months``), in the
        holding's currency, computed once (a controller of both companies
        computes it again from the screen). In a closed month only the
        translation differences remain; the controller explains them and
        closes their exceptions."""
        periods = ic.months(context["today"])
        Reconciliation = self.env["dist.intercompany.reconciliation"]
        records = Reconciliation.create(
            [
                {
                    "seller_company_id": rule.seller_company_id.id,
                    "buyer_company_id": rule.buyer_company_id.id,
                    "date_from": start,
                    "date_to": end,
                    "currency_id": rule.seller_company_id.currency_id.id,
                }
                for rule in rules.values()
                for start, end in periods
            ]
        )
        records.action_compute()
        closed = records.filtered(lambda rec: rec.date_to < periods[-1][0])
        for line in closed.line_ids.filtered(lambda line: line.reason == "fx"):
            self.env["dist.exception"].close_for(line, resolution=ic.FX_RESOLUTION)
        return records
