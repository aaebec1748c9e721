"""Benchmark: what mirroring an intercompany order costs, step by step.

Run inside a transaction that is rolled back (``def run(env)``;
``./dist bench intercompany``). Method, printed with the figures:

* two companies with Odoo's generic chart: B sells in USD, A buys in EUR
  (1 EUR = 1.25 USD), B's partner an approved supplier of A, one
  intercompany rule B -> A priced at B's price list, every flow on, the
  sale order confirmed and the receipt validated by the rule, bills posted;
  each company's technical user (no administrator) makes the mirrored
  documents;
* orders of 1, 10 and 200 lines of untracked storable items in stock in B;
* for each size, each step measured on its own, with an empty cache at its
  start and a flush at its end (``cr.sql_log_count`` and wall time):
  - mirror, order: the engine's ``_dist_ic_mirror_order`` of A's confirmed
    order (B's sale order, confirmed, with its links and chatter);
  - mirror, goods: ``_dist_ic_mirror_done`` of B's validated delivery (A's
    receipt filled and validated through dist_procure's receipt gate);
  - mirror, invoice: ``_dist_ic_mirror_invoices`` of B's posted invoice (A's
    bill, posted, three-way matched);
  - by hand, the same three documents keyed by a user in the other company:
    a sale order of the same lines confirmed in B, A's receipt validated
    with the quantities typed, A's bill created from the order and posted;
* a warm-up chain of each size is discarded first (registry caches, first
  use of the views and sequences).

Target: the queries the mirror adds per document (mirror minus by hand) do
not grow with the number of lines.
"""

import sys
import time

from odoo import Command

from odoo.addons.dist_harmonize_base.tools import guard

SIZES = (1, 10, 200)
STEPS = ("order", "goods", "invoice")
USD_PER_EUR = 1.25
PRICE = 110.0


def _out(text=""):
    sys.stdout.write(f"{text}\n")


def _measure(env, function):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    env.flush_all()
    return (
        env.cr.sql_log_count - before,
        (time.perf_counter() - start) * 1000.0,
    ), result


def _company(env, name, currency):
    company = env["res.company"].create({"name": name, "currency_id": currency.id})
    env["account.chart.template"].try_loading(
        "generic_coa", company, install_demo=False
    )
    company.currency_id = currency
    return company


def _user(env, login, company, groups):
    return env["res.users"].create(
        {
            "name": login,
            "login": login,
            # the chatter refuses authors without an address
            "email": f"{login}@bench.example.com",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [
                Command.set([env.ref(g).id for g in ("base.group_user", *groups)])
            ],
        }
    )


def _setup(env):
    usd, eur = env.ref("base.USD"), env.ref("base.EUR")
    eur.active = True
    seller = _company(env, "Bench IC Seller", usd)
    buyer = _company(env, "Bench IC Buyer", eur)
    env["res.currency.rate"].create(
        [
            {
                "name": "2020-01-01",
                "currency_id": usd.id,
                "company_id": buyer.id,
                "rate": USD_PER_EUR,
            },
            {
                "name": "2020-01-01",
                "currency_id": eur.id,
                "company_id": seller.id,
                "rate": 1 / USD_PER_EUR,
            },
        ]
    )
    partner = seller.partner_id
    with guard.permit(partner):
        partner.write({"supplier_rank": 1, "dist_supplier_state": "approved"})
    partner.with_company(buyer).property_purchase_currency_id = usd
    users = {
        "tech_seller": _user(
            env,
            "bench_ic_tech_seller",
            seller,
            (
                "sales_team.group_sale_salesman_all_leads",
                "stock.group_stock_user",
                "account.group_account_invoice",
            ),
        ),
        "tech_buyer": _user(
            env,
            "bench_ic_tech_buyer",
            buyer,
            (
                "purchase.group_purchase_user",
                "stock.group_stock_user",
                "account.group_account_invoice",
            ),
        ),
        "buyer": _user(
            env,
            "bench_ic_buyer",
            buyer,
            (
                "dist_harmonize_base.dist_harmonize_base_group_buyer",
                "stock.group_stock_user",
                "account.group_account_invoice",
            ),
        ),
        "seller": _user(
            env,
            "bench_ic_seller",
            seller,
            (
                "sales_team.group_sale_salesman_all_leads",
                "stock.group_stock_user",
                "account.group_account_invoice",
            ),
        ),
    }
    with guard.permit(env["product.template"], create=True):
        templates = env["product.template"].create(
            [
                {
                    "name": f"Bench IC item {n}",
                    "detailed_type": "product",
                    "dist_state": "active",
                    "list_price": PRICE,
                    "standard_price": 80.0,
                    "purchase_method": "receive",
                    "invoice_policy": "delivery",
                    "taxes_id": [Command.clear()],
                    "supplier_taxes_id": [Command.clear()],
                }
                for n in range(max(SIZES))
            ]
        )
    products = templates.product_variant_ids
    warehouse = env["stock.warehouse"].search([("company_id", "=", seller.id)], limit=1)
    for product in products:
        env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 10000.0
        )
    pricelist = env["product.pricelist"].create(
        {"name": "Bench IC", "currency_id": usd.id, "company_id": seller.id}
    )
    rule = env["dist.intercompany.rule"].create(
        {
            "seller_company_id": seller.id,
            "buyer_company_id": buyer.id,
            "seller_warehouse_id": warehouse.id,
            "seller_user_id": users["tech_seller"].id,
            "buyer_user_id": users["tech_buyer"].id,
            "pricing_method": "pricelist",
            "pricelist_id": pricelist.id,
            "auto_confirm_sale": True,
            "auto_validate_receipt": True,
            "bill_state": "posted",
        }
    )
    return seller, buyer, users, products, rule


def _order(env, buyer, users, products, size, partner):
    order = (
        env["purchase.order"]
        .with_user(users["buyer"])
        .with_company(buyer)
        .create(
            {
                "partner_id": partner.id,
                "currency_id": partner.with_company(
                    buyer
                ).property_purchase_currency_id.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_qty": 2.0})
                    for p in products[:size]
                ],
            }
        )
    )
    order.button_confirm()
    return order


def _deliver(env, sale, user):
    picking = sale.picking_ids.filtered(lambda p: p.state != "done")
    picking = picking.with_user(user).with_company(picking.company_id)
    picking.action_assign()
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
        move.picked = True
    picking.with_context(skip_backorder=True).button_validate()
    return picking


def _mirrored_chain(env, seller, buyer, users, products, rule, size):
    """A's order, B's delivery and B's invoice, each mirrored by the engine."""
    figures = {}
    rule.write({"sync_order": False, "sync_delivery": False, "sync_invoice": False})
    order = _order(env, buyer, users, products, size, seller.partner_id)
    rule.sync_order = True
    figures["order"], _ = _measure(env, order._dist_ic_mirror_order)
    transaction = order.sudo().dist_ic_transaction_id
    # the benchmark's own environment (the order's is the buyer's)
    sale = env["sale.order"].browse(transaction.sale_id.id)
    assert sale.state == "sale", transaction.last_error or sale.state
    delivery = _deliver(env, sale, users["seller"])
    rule.sync_delivery = True
    figures["goods"], _ = _measure(env, delivery.sudo()._dist_ic_mirror_done)
    invoice = sale.with_user(users["seller"]).with_company(seller)._create_invoices()
    invoice.action_post()
    rule.sync_invoice = True
    figures["invoice"], _ = _measure(env, invoice._dist_ic_mirror_invoices)
    bill = env["account.move"].browse(invoice.sudo().dist_ic_counterpart_id)
    receipt = env["purchase.order"].browse(order.id).picking_ids
    assert receipt.state == "done", receipt.state
    assert bill.state == "posted" and len(bill.invoice_line_ids) == size
    return figures


def _hand_chain(env, seller, buyer, users, products, rule, size):
    """The same documents keyed by hand in the other company (no rule)."""
    figures = {}
    rule.write({"sync_order": False, "sync_delivery": False, "sync_invoice": False})
    order = _order(env, buyer, users, products, size, seller.partner_id)

    def key_sale():
        sale = (
            env["sale.order"]
            .with_user(users["seller"])
            .with_company(seller)
            .create(
                {
                    "partner_id": buyer.partner_id.id,
                    "client_order_ref": order.name,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.product_qty,
                                "price_unit": line.price_unit,
                            }
                        )
                        for line in order.order_line
                    ],
                }
            )
        )
        sale.action_confirm()
        return sale

    figures["order"], sale = _measure(env, key_sale)
    _deliver(env, sale, users["seller"])
    receipt = (
        env["purchase.order"]
        .browse(order.id)
        .picking_ids.with_user(users["buyer"])
        .with_company(buyer)
    )

    def key_receipt():
        for move in receipt.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        receipt.button_validate()

    figures["goods"], _ = _measure(env, key_receipt)

    def key_bill():
        action = (
            order.with_user(users["buyer"]).with_company(buyer).action_create_invoice()
        )
        bill = (
            env["account.move"]
            .with_user(users["buyer"])
            .with_company(buyer)
            .browse(action["res_id"])
        )
        bill.invoice_date = bill.invoice_date or bill.date
        bill.action_post()
        return bill

    figures["invoice"], bill = _measure(env, key_bill)
    assert bill.state == "posted" and len(bill.invoice_line_ids) == size
    return figures


def run(env):
    seller, buyer, users, products, rule = _setup(env)
    results = {}
    for size in SIZES:
        _mirrored_chain(env, seller, buyer, users, products, rule, size)  # warm-up
        _hand_chain(env, seller, buyer, users, products, rule, size)
        results[size] = (
            _mirrored_chain(env, seller, buyer, users, products, rule, size),
            _hand_chain(env, seller, buyer, users, products, rule, size),
        )
    _out(__doc__)
    _out(
        f"{'step':<9}{'lines':>6}{'mirror q':>10}{'mirror ms':>11}"
        f"{'hand q':>9}{'hand ms':>9}{'added q':>9}"
    )
    for step in STEPS:
        for size in SIZES:
            (mq, mms), (hq, hms) = results[size][0][step], results[size][1][step]
            _out(
                f"{step:<9}{size:>6}{mq:>10}{mms:>11.0f}{hq:>9}{hms:>9.0f}{mq - hq:>9}"
            )
    _out()
    for step in STEPS:
        added = [results[s][0][step][0] - results[s][1][step][0] for s in SIZES]
        _out(
            f"{step}: queries the mirror adds per document at {SIZES[0]} / "
            f"{SIZES[1]} / {SIZES[2]} lines: {' / '.join(map(str, added))}"
        )
