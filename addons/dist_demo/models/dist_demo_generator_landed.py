"""Landed-cost part of the demo distributor (dist_landed_cost)."""

from datetime import timedelta

from odoo import Command, _, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tools import guard

from ..tools import landed
from ..tools.catalog import BASE_RATES, COMPANIES
from ..tools.plan import Line
from ..tools.refs import vendor_invoice_ref
from ..tools.schedule import BILL, PO_CONFIRM
from ..tools.timing import log_totals, measure
from .dist_demo_history import _at

DIST_GROUP = "dist_harmonize_base.dist_harmonize_base_group_"
BILLING_GROUP = "account.group_account_invoice"
ACCRUAL_CODE = "211500"
# plan step -> (method of this generator, or of the history replaying it; group of
# the demo user who does it)
STEPS = {
    landed.ORDER: ("_landed_order", f"{DIST_GROUP}buyer"),
    landed.RECEIVE: ("_landed_receive", f"{DIST_GROUP}warehouse"),
    landed.GOODS_BILL: ("_bill", BILLING_GROUP),
    landed.SALE: ("_confirm_sales", "sales_team.group_sale_salesman"),
    landed.DELIVER: ("_deliver", f"{DIST_GROUP}warehouse"),
    landed.INVOICE: ("_invoice", BILLING_GROUP),
    landed.COST_BILL: ("_landed_cost_bill", BILLING_GROUP),
}


class DistDemoGenerator(models.AbstractModel):
    """Landed costs on top of the history (plan in ``tools/landed.py``), per company:
    an accrual account, a company-wide FOB template and a vendor's own, and three
    recent inbound shipments of import orders, estimates accrued at receipt; part of
    two of them is sold, then their duty and freight bills come above and below the
    estimate; the third stays accrued. Demo users of the company act where one holds
    the role, the install otherwise; orders waiting for approval are approved by
    whoever the matrix accepts. ``context["landed_costs"]`` holds what was created.
    Override points: ``_prepare_landed_template_vals``, ``_prepare_landed_bill_vals``.
    """

    _inherit = "dist.demo.generator"

    def _post_generate(self, context):
        result = super()._post_generate(context)
        with measure(self.env.cr, "landed cost"):
            self._create_landed_cost_demo(context)
        return result

    def _create_landed_cost_demo(self, context):
        products = self._create_landed_cost_products()
        context["landed_costs"] = {
            "products": products,
            "partners": self._create_landed_cost_partners(context),
        }
        totals = {}
        for spec in COMPANIES:
            company = context["companies"][spec.key]
            accrual = self.env["account.account"].create(
                {
                    "name": "Landed Costs Accrued",
                    "code": ACCRUAL_CODE,
                    "account_type": "liability_current",
                    "company_id": company.id,
                }
            )
            pools, vendors = landed.import_vendors(
                spec, context["supplier_specs"], self._landed_stocked(context, company)
            )
            templates = self.env["dist.landed.cost.template"].create(
                self._prepare_landed_template_vals(
                    context, spec, accrual, products, vendors["specific"]
                )
            )
            steps = []
            for shipment in landed.SHIPMENTS:
                steps += [
                    (day, step, shipment, payload)
                    for day, step, payload in self._plan_landed_shipment(
                        context, spec, shipment, pools, vendors
                    )
                ]
            records = {}
            for day, step, shipment, payload in sorted(steps, key=lambda s: s[:2]):
                method, group = STEPS[step]
                with measure(self.env.cr, f"landed {method.lstrip('_')}", totals, 1):
                    self.env["dist.demo.history"]._release_environments()
                    env = self._landed_env(company, group)
                    if method.startswith("_landed"):
                        getattr(self, method)(
                            env, context, records, day, shipment, payload
                        )
                    else:
                        self._landed_replay(env, method, day, payload, records, context)
            context["landed_costs"][spec.key] = {
                "accrual": accrual,
                "templates": templates,
                "shipments": {s.key: records.get(s.key) for s in landed.SHIPMENTS},
            }
        log_totals(totals)

    # masters ---------------------------------------------------------------------

    def _create_landed_cost_products(self):
        """Freight, duty and insurance: active landed-cost services of all companies."""
        Product = self.env["product.product"]
        # permit: the landed-cost services are cleared items from the start.
        with guard.permit(Product, create=True):
            products = Product.create(
                [
                    {
                        "name": name,
                        "default_code": code,
                        "detailed_type": "service",
                        "landed_cost_ok": True,
                        "split_method_landed_cost": split,
                        "dist_state": "active",
                        "purchase_method": "purchase",
                        "taxes_id": [Command.clear()],
                        "supplier_taxes_id": [Command.clear()],
                        "company_id": False,
                    }
                    for name, code, split in landed.COST_TYPES.values()
                ]
            )
        return dict(zip(landed.COST_TYPES, products, strict=True))

    def _create_landed_cost_partners(self, context):
        """The forwarder and the customs brokers: approved, trusted bank accounts."""
        specs = [landed.FORWARDER, *landed.BROKERS.values()]
        partners = self._create_partners(specs, True, context["dimensions"])
        return dict(zip(["forwarder", *landed.BROKERS], partners, strict=True))

    def _landed_stocked(self, context, company):
        """Indexes of the catalog items ``company`` holds stock of."""
        groups = self.env["stock.valuation.layer"]._read_group(
            [("company_id", "=", company.id)], ["product_id"], ["quantity:sum"]
        )
        stocked = {product.id for product, qty in groups if qty > 0}
        return {i for i, p in enumerate(context["products"]) if p.id in stocked}

    def _prepare_landed_template_vals(self, context, spec, accrual, costs, vendor):
        """A company-wide template for FOB imports (freight per m³ by volume, duty
        and insurance as % of value) and one for ``vendor`` (freight per kg in the
        vendor's currency by weight, and duty: the vendor insures the goods)."""
        company = context["companies"][spec.key]
        partner = context["suppliers"][vendor]
        vendor_currency = context["supplier_currencies"][vendor]

        def line(cost, basis, rate, split, currency=spec.currency):
            return Command.create(
                {
                    "product_id": costs[cost].id,
                    "basis": basis,
                    "rate": rate,
                    "currency_id": self.env.ref(f"base.{currency}").id,
                    "split_method": split,
                    "accrual_account_id": accrual.id,
                }
            )

        freight_m3 = round(110.0 * BASE_RATES[spec.currency], 2)
        freight_kg = round(0.3 * BASE_RATES[vendor_currency], 2)
        return [
            {
                "name": "FOB imports (any vendor)",
                "company_id": company.id,
                "incoterm_id": self.env.ref("account.incoterm_FOB").id,
                "line_ids": [
                    line("freight", "per_m3", freight_m3, "volume"),
                    line("duty", "percent_value", 4.5, "value"),
                    line("insurance", "percent_value", 0.35, "value"),
                ],
            },
            {
                "name": f"{partner.name} (freight per kg, insured by the vendor)",
                "company_id": company.id,
                "partner_id": partner.id,
                "line_ids": [
                    line("freight", "per_kg", freight_kg, "weight", vendor_currency),
                    line("duty", "percent_value", 3.2, "value"),
                ],
            },
        ]

    def _plan_landed_shipment(self, context, spec, shipment, pools, vendors):
        """Steps of one shipment: an order of a vendor the company-wide template
        covers and one of the vendor with its own template, at their prices of the
        day; for a billed shipment, a customer of the company buys part of the
        first order."""
        today = context["today"]
        ordered = today - timedelta(days=shipment.ordered)
        suppliers = context["supplier_specs"]
        first = vendors["secondary" if shipment.key == "over" else "primary"]
        orders = []
        for suffix, vendor in (("A", first), ("B", vendors["specific"])):
            lines = []
            for index in landed.take_items(pools, vendor):
                product = context["products"][index]
                seller = product._select_seller(
                    partner_id=context["suppliers"][vendor],
                    quantity=None,
                    date=ordered,
                    uom_id=product.uom_po_id,
                )
                qty = landed.order_qty(
                    seller.price,
                    suppliers[vendor].currency,
                    spec.currency,
                    seller.min_qty,
                )
                lines.append(Line(index, qty, seller.price))
            if lines:
                key = f"{spec.key}-{shipment.key}-{suffix}"
                orders.append(
                    landed.purchase_plan(
                        key, spec, shipment, suppliers[vendor], today, lines
                    )
                )
        sale = None
        if not orders:
            return []  # tiny scales: the vendors have nothing left to sell
        if shipment.billed is not None:
            company = context["companies"][spec.key]
            customers = [
                index
                for index, partner in enumerate(context["customers"])
                if partner.country_id == company.country_id
            ]
            sale = landed.sale_plan(
                f"{spec.key}-{shipment.key}-S",
                spec,
                shipment,
                orders[0],
                context["product_specs"],
                customers[shipment.warehouse % len(customers)],
                today,
            )
        return landed.shipment_steps(shipment, today, orders, sale)

    # steps -----------------------------------------------------------------------

    def _landed_env(self, company, group):
        """The environment of a demo actor (login ``dist.demo.*``, whichever part of
        the demo created it) of ``company`` holding ``group`` (an XML id), one whose
        main company it is first, or of the install when none does; in that company
        only."""
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        users = self.env["res.users"].search(
            [
                ("login", "=like", "dist.demo.%"),
                ("groups_id", "in", self.env.ref(group).id),
                ("company_ids", "in", company.id),
            ],
            order="id",
        )
        user = users.sorted(lambda u: u.company_id != company)[:1]
        return env(user=user.id, su=False) if user else env

    def _landed_replay(self, env, method, day, plan, records, context):
        """Replay the history ``method`` on ``plan`` (or a list of plans) as ``env``."""
        plans = plan if isinstance(plan, list) else [plan]
        bound = {p.key: records[p.key].with_env(env) for p in plans if p.key in records}
        getattr(env["dist.demo.history"], method)(
            day, [(p, 0) for p in plans], bound, context
        )
        records.update(bound)

    def _landed_order(self, env, context, records, day, shipment, plans):
        """The buyer orders (FOB) and confirms, the matrix approves, and the buyer
        announces the container as an inbound shipment."""
        history = self.env["dist.demo.history"]
        fob = self.env.ref("account.incoterm_FOB")
        for plan in plans:
            vals = history._prepare_purchase_vals(plan, context)
            order = env["purchase.order"].create(dict(vals, incoterm_id=fob.id))
            order.button_confirm()
            self._landed_approve(order)
            stamp = _at(day, PO_CONFIRM)
            history._sql_set_dates(
                "purchase.order", order.ids, stamp, date_order=True, date_approve=True
            )
            history._sql_set_dates(
                "stock.picking", order.picking_ids.ids, stamp, date=True
            )
            records[plan.key] = order
        company = plans[0].company
        number = 100 * [c.key for c in COMPANIES].index(company)
        number += landed.SHIPMENTS.index(shipment) + 1
        records[shipment.key] = env["dist.inbound.shipment"].create(
            {
                "reference": f"SWFU{7100000 + number}",
                "company_id": context["companies"][company].id,
                "date_arrival": plans[0].receipts[0].date,
            }
        )

    def _landed_approve(self, order):
        """Approve ``order`` if confirming left it waiting: each pending level by a
        candidate the approval engine accepts (never the requester, nor someone who
        approved another level), or by an administrator under Odoo's own two-step
        validation. Raise when nobody may."""
        for _level in range(10):
            if order.state != "to approve":
                break
            requests = self.env["dist.approval.request"]
            if "dist_approval_pending_request_ids" in order._fields:
                requests = order.sudo().dist_approval_pending_request_ids
            approver = self.env.ref("base.user_admin")
            if requests:
                approver = requests.candidate_ids.filtered(
                    lambda user, request=requests[:1]: not request._get_refusal(user)
                )[:1]
            if not approver:
                break
            order.with_user(approver).with_context(
                allowed_company_ids=order.company_id.ids
            ).button_approve()
        if order.state != "purchase":
            raise UserError(
                _(
                    "Landed-cost demo: nobody may approve %(order)s (field Status: "
                    "%(state)s); check the purchase approval rules of %(company)s.",
                    order=order.display_name,
                    state=order.state,
                    company=order.company_id.name,
                )
            )
        return order

    def _landed_receive(self, env, context, records, day, shipment, plans):
        """Warehouse staff put the receipts on the shipment and validate them: the
        templates' estimates are accrued."""
        orders = env["purchase.order"].concat(*(records[p.key] for p in plans))
        orders.picking_ids.write({"dist_shipment_id": records[shipment.key].id})
        self._landed_replay(env, "_receive", day, plans, records, context)

    def _landed_cost_bill(self, env, context, records, day, shipment, biller):
        """A billing clerk enters the forwarder's or the customs broker's bill of
        the shipment and posts it: the true-up books actual minus estimate."""
        vals = self._prepare_landed_bill_vals(
            context, records[shipment.key].with_env(env), shipment, biller, day
        )
        if not vals["invoice_line_ids"]:
            return env["account.move"]
        bill = env["account.move"].create(vals)
        bill.action_post()
        self.env["dist.demo.history"]._sql_set_dates(
            "stock.valuation.layer",
            bill.sudo().dist_true_up_ids.stock_valuation_layer_ids.ids,
            _at(day, BILL),
        )
        return bill

    def _prepare_landed_bill_vals(self, context, record, shipment, biller, day):
        """The bill of ``biller`` for the shipment ``record``: the estimate of each
        cost type it bills times the plan's factor, in the biller's currency."""
        company = record.company_id
        key = next(k for k, c in context["companies"].items() if c == company)
        products = context["landed_costs"]["products"]
        partner = context["landed_costs"]["partners"][
            "forwarder" if biller == "forwarder" else key
        ]
        spec = landed.FORWARDER if biller == "forwarder" else landed.BROKERS[key]
        currency = self.env.ref(f"base.{spec.currency}")
        by_product = {row.cost_product_id: row for row in record.cost_ids}
        estimated = {
            cost: by_product[product].estimated_amount
            for cost, product in products.items()
            if product in by_product
        }
        lines = [
            Command.create(
                {
                    "product_id": products[cost].id,
                    "quantity": 1.0,
                    "price_unit": company.currency_id._convert(
                        company.currency_id.round(amount), currency, company, day
                    ),
                    "tax_ids": [Command.clear()],
                    "is_landed_costs_line": True,
                    "dist_shipment_id": record.id,
                }
            )
            for cost, amount in landed.actual_amounts(
                shipment, biller, estimated
            ).items()
        ]
        return {
            "move_type": "in_invoice",
            "partner_id": partner.id,
            "invoice_date": day,
            "date": day,
            "currency_id": currency.id,
            "ref": vendor_invoice_ref(
                partner.name, f"{record.reference}/{biller}", day
            ),
            "invoice_line_ids": lines,
        }
