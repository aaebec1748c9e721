"""Test base of dist_intercompany: a buyer and a seller company of one group.

Downstream (and the goods / invoice flow tests) import it::

    from odoo.addons.dist_intercompany.tests.common import IntercompanyCommon

- ``company_a`` buys, in EUR; ``company_b`` sells, in USD (the base's roles
  ``buyer``, ``buyer_manager``, ``warehouse``, ``payables``... are users of A
  only). Rate: 1 EUR = 1.25 USD on ``RATE_DATE``.
- ``partner_b`` (B's partner) is an approved supplier of A, buying from it in
  USD: intercompany orders are in the seller's currency, each side books them
  at its own rate. ``partner_a`` (A's partner) is B's customer.
- ``pricelist_b``: B's USD price list, 110.00 for ``product_lot`` and
  ``product_serial`` (B's 10% sale tax is included in B's prices, so the net
  transfer price is 100.00). B's cost of both is 80.00 USD.
- ``rule``: B → A, all flows, price list, the technical users ``tech_b``
  (Sales, Inventory, Billing of B) and ``tech_a`` (Purchase, Inventory,
  Billing of A).
- ``product_lot`` is tracked by lots, ``product_serial`` by serial numbers.
- Users of one company only: ``buyer`` (A, base's), ``sales_b`` (B's
  salesperson), ``warehouse_user_b`` (B's stock user); ``ic_admin`` is an
  administrator of both.
"""

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.dist_harmonize_base.tools import guard
from odoo.addons.dist_procure.tests.common import ProcureCommon

RATE_DATE = "2026-01-01"
# 1 EUR = 1.25 USD
USD_PER_EUR = 1.25
NET_PRICE = 100.0
LIST_PRICE = 110.0
COST_B = 80.0


class IntercompanyCommon(ProcureCommon):
    """A (buyer, EUR) buys from B (seller, USD) under one intercompany rule."""

    # The contract's pair: the buyer in EUR, the seller in USD (the base
    # makes "Dist A" in USD and "Dist B" in EUR).
    _dist_company_currencies = {"Dist A": "EUR", "Dist B": "USD"}

    @classmethod
    def _make_company(cls, name, currency):
        code = cls._dist_company_currencies.get(name)
        if code:
            currency = cls.env.ref(f"base.{code}")
        return super()._make_company(name, currency)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Loading the chart of accounts gives each company its fiscal
        # country's currency: restore the pair's (no entries exist yet).
        cls.company_a.currency_id = cls.eur
        cls.company_b.currency_id = cls.usd
        cls.env["res.currency.rate"].create(
            [
                {
                    "name": RATE_DATE,
                    "currency_id": cls.usd.id,
                    "company_id": cls.company_a.id,
                    "rate": USD_PER_EUR,
                },
                {
                    "name": RATE_DATE,
                    "currency_id": cls.eur.id,
                    "company_id": cls.company_b.id,
                    "rate": 1 / USD_PER_EUR,
                },
            ]
        )
        cls.partner_a = cls.company_a.partner_id
        cls.partner_b = cls.company_b.partner_id
        with guard.permit(cls.partner_b):
            cls.partner_b.write({"supplier_rank": 1, "dist_supplier_state": "approved"})
        cls.partner_b.with_company(
            cls.company_a
        ).property_purchase_currency_id = cls.usd
        cls.tax_b = cls.env["account.tax"].create(
            {
                "name": "B sales 10% incl.",
                "amount": 10.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include": True,
                "company_id": cls.company_b.id,
            }
        )
        cls.product_lot = cls._make_ic_product("Valve (lot)", "lot")
        cls.product_serial = cls._make_ic_product("Pump (serial)", "serial")
        cls.pricelist_b = cls.env["product.pricelist"].create(
            {
                "name": "B intercompany USD",
                "currency_id": cls.usd.id,
                "company_id": cls.company_b.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": product.id,
                            "compute_price": "fixed",
                            "fixed_price": LIST_PRICE,
                        }
                    )
                    for product in (cls.product_lot, cls.product_serial)
                ],
            }
        )
        cls.tech_a = cls._make_user(
            "dist_ic_tech_a",
            "purchase.group_purchase_user,stock.group_stock_user,"
            "account.group_account_invoice",
            cls.company_a,
        )
        cls.tech_b = cls._make_user(
            "dist_ic_tech_b",
            "sales_team.group_sale_salesman_all_leads,stock.group_stock_user,"
            "account.group_account_invoice",
            cls.company_b,
        )
        cls.sales_b = cls._make_user(
            "dist_ic_sales_b", "sales_team.group_sale_salesman_all_leads", cls.company_b
        )
        cls.warehouse_user_b = cls._make_user(
            "dist_ic_warehouse_b", "stock.group_stock_user", cls.company_b
        )
        cls.ic_admin = new_test_user(
            cls.env,
            login="dist_ic_admin",
            groups="base.group_user,base.group_system",
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )
        cls.rule = cls._make_ic_rule()

    # ------------------------------------------------------------------
    # builders
    # ------------------------------------------------------------------
    @classmethod
    def _make_ic_product(cls, name, tracking):
        """A storable, tracked item, taxed by B's included tax, B's cost 80."""
        product = cls._make_product(name, 0.0)
        product.product_tmpl_id.write(
            {"tracking": tracking, "taxes_id": [Command.set(cls.tax_b.ids)]}
        )
        product.with_company(cls.company_b).standard_price = COST_B
        return product

    @classmethod
    def _make_ic_rule(cls, **values):
        """The B → A rule (as superuser: configuration)."""
        return cls.env["dist.intercompany.rule"].create(
            dict(
                {
                    "seller_company_id": cls.company_b.id,
                    "buyer_company_id": cls.company_a.id,
                    "seller_warehouse_id": cls.warehouse_b.id,
                    "seller_user_id": cls.tech_b.id,
                    "buyer_user_id": cls.tech_a.id,
                    "pricing_method": "pricelist",
                    "pricelist_id": cls.pricelist_b.id,
                },
                **values,
            )
        )

    def _make_ic_po(self, lines, **kwargs):
        """A draft PO of A to B as the buyer; ``lines``: [(product, qty)] or
        [(product, qty, price)] (the price is replaced by the transfer price
        unless the rule prices at the order price). In USD, the seller's
        currency, unless ``currency`` says otherwise."""
        lines = [line if len(line) == 3 else (*line, 1.0) for line in lines]
        kwargs.setdefault("currency", self.usd)
        return self._make_po(lines, vendor=self.partner_b, **kwargs)

    def _confirmed_ic_po(self, lines, **kwargs):
        """An approved (confirmed) PO of A to B in USD: its sale order exists in B."""
        kwargs.setdefault("currency", self.usd)
        return self._confirmed_po(
            [line if len(line) == 3 else (*line, 1.0) for line in lines],
            vendor=self.partner_b,
            **kwargs,
        )

    def _transaction(self, order):
        """The transaction of ``order`` (PO or SO), as superuser."""
        return order.sudo().dist_ic_transaction_id

    def _sale_of(self, order):
        """The sale order mirroring ``order`` (as the seller's salesperson)."""
        return self._as(self.sales_b, self._transaction(order).sale_id)

    def _as(self, user, records):
        """``records`` as ``user``, in the user's own companies."""
        return records.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )

    def _stock_b(self, product, quantity, prefix="B"):
        """Put ``quantity`` of ``product`` in B's stock, in one lot (lot
        tracking) or one serial number per unit (``prefix``-1, -2...)."""
        location = self.warehouse_b.lot_stock_id
        Lot = self.env["stock.lot"]
        Quant = self.env["stock.quant"]
        if product.tracking == "serial":
            for number in range(1, int(quantity) + 1):
                lot = Lot.create(
                    {
                        "name": f"{prefix}-{number}",
                        "product_id": product.id,
                        "company_id": self.company_b.id,
                    }
                )
                Quant._update_available_quantity(product, location, 1.0, lot_id=lot)
            return
        lot = Lot.create(
            {"name": prefix, "product_id": product.id, "company_id": self.company_b.id}
        )
        Quant._update_available_quantity(product, location, quantity, lot_id=lot)

    def _deliver(self, sale, quantities=None):
        """Validate B's open delivery of ``sale`` as B's warehouse user, from
        stock put there first; ``quantities``: {product: qty} (default: all).
        A partial delivery leaves a backorder."""
        picking = sale.sudo().picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        for move in picking.move_ids:
            self._stock_b(move.product_id, move.product_uom_qty, prefix=sale.name)
        picking = picking.with_user(self.warehouse_user_b)
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = (quantities or {}).get(
                move.product_id, move.product_uom_qty
            )
            move.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        return picking


class OrderChainCommon(IntercompanyCommon):
    """One confirmed chain of the order flow only: A's PO of 3 ``product_lot``
    (``order``, ``po_line``) and B's SO (``sale``, ``so_line``, as B's
    salesperson), tied by ``transaction``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule.write({"sync_delivery": False, "sync_invoice": False})

    def setUp(self):
        super().setUp()
        self.order = self._confirmed_ic_po([(self.product_lot, 3)])
        self.sale = self._sale_of(self.order)
        self.transaction = self._transaction(self.order)
        self.po_line = self.order.order_line
        self.so_line = self.sale.order_line


class IntercompanyFlowCommon(IntercompanyCommon):
    """The goods and invoice flows: B's stock in lots, B's billing user,
    A's 10% purchase tax (excluded: B's included 10% gives the same total),
    products invoiced on delivered quantities, a tolerance key in A so that
    dist_procure's three-way match and over-receipt control run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing_b = cls._make_user(
            "dist_ic_billing_b",
            "account.group_account_invoice,sales_team.group_sale_salesman_all_leads",
            cls.company_b,
        )
        cls.tax_a = cls.env["account.tax"].create(
            {
                "name": "A purchases 10%",
                "amount": 10.0,
                "type_tax_use": "purchase",
                "company_id": cls.company_a.id,
            }
        )
        (cls.product_lot | cls.product_serial).product_tmpl_id.write(
            {
                "supplier_taxes_id": [Command.set(cls.tax_a.ids)],
                "invoice_policy": "delivery",
            }
        )
        cls.key_a = cls._make_key(company=cls.company_a)
        cls.rule.write(
            {
                "auto_confirm_sale": True,
                "auto_validate_receipt": True,
                "bill_state": "posted",
            }
        )
        stock_b = cls.warehouse_b.lot_stock_id
        for product, lots in (
            (cls.product_lot, {"L1": 10.0, "L2": 10.0}),
            (cls.product_serial, {"SN1": 1.0, "SN2": 1.0, "SN3": 1.0, "SN4": 1.0}),
        ):
            for name, quantity in lots.items():
                lot = cls._lot(cls.company_b, product, name)
                cls.env["stock.quant"].with_company(
                    cls.company_b
                )._update_available_quantity(product, stock_b, quantity, lot_id=lot)

    @classmethod
    def _lot(cls, company, product, name):
        Lot = cls.env["stock.lot"]
        return Lot.search(
            [
                ("name", "=", name),
                ("product_id", "=", product.id),
                ("company_id", "=", company.id),
            ]
        ) or Lot.create(
            {"name": name, "product_id": product.id, "company_id": company.id}
        )

    def _ic_chain(self, lines=None):
        """A confirmed PO of A (10 lot-tracked, 3 serials) and its sale order in B."""
        order = self._confirmed_ic_po(
            lines or [(self.product_lot, 10), (self.product_serial, 3)]
        )
        return order, self._transaction(order).sale_id

    def _pick(self, picking, lots, user):
        """Validate ``picking`` as ``user`` with ``lots``: {product: {lot: qty}};
        a product left out is not moved. A partial picking leaves a backorder."""
        picking = self.env["stock.picking"].with_user(user).browse(picking.ids)
        for move in picking.move_ids:
            move.move_line_ids.unlink()
            for name, quantity in lots.get(move.product_id, {}).items():
                self.env["stock.move.line"].with_user(user).create(
                    {
                        "move_id": move.id,
                        "picking_id": picking.id,
                        "product_id": move.product_id.id,
                        "product_uom_id": move.product_uom.id,
                        "quantity": quantity,
                        "lot_id": self._lot(
                            picking.company_id, move.product_id, name
                        ).id,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "picked": True,
                    }
                )
        picking.with_context(skip_backorder=True).button_validate()
        return picking

    def _deliver_lots(self, sale, lots, user=None):
        """Validate the open delivery of ``sale`` in B (as B's warehouse user)."""
        delivery = sale.sudo().picking_ids.filtered(
            lambda p: (
                p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
            )
        )
        return self._pick(delivery, lots, user or self.warehouse_user_b)

    def _return(self, picking, lots, user):
        """Return ``lots`` of the done ``picking`` as ``user``; validate the return."""
        wizard = (
            self.env["stock.return.picking"]
            .with_user(user)
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        for line in wizard.product_return_moves:
            line.quantity = sum(lots.get(line.product_id, {}).values())
        new_id, _type = wizard._create_returns()
        return self._pick(self.env["stock.picking"].browse(new_id), lots, user)

    def _invoice(self, sale, user=None):
        """Invoice what ``sale`` delivered (or refund what came back) and post."""
        user = user or self.billing_b
        sale = self.env["sale.order"].with_user(user).browse(sale.ids)
        moves = sale._create_invoices(final=True)
        moves.action_post()
        return moves

    def _receipts(self, order):
        """The receipts (and returns) of A's ``order``, as A's warehouse user."""
        return order.with_user(self.warehouse).picking_ids.sorted("id")

    def _done_lots(self, picking):
        """{(product, lot name): quantity} done on ``picking``."""
        result = {}
        for line in picking.sudo().move_line_ids:
            key = (line.product_id, line.lot_id.name)
            result[key] = result.get(key, 0.0) + line.quantity
        return result

    def _events(self, order, step="delivery"):
        return (
            self._transaction(order)
            .event_ids.filtered(lambda event: event.step == step)
            .sorted("id")
        )

    def _mirror_note(self, record):
        """The chatter message saying where ``record`` was mirrored from."""
        return record.sudo().message_ids.filtered(
            lambda message: "Mirrored from" in (message.body or "")
        )
