"""Test base of dist_procure: the shared dist base plus procure-to-pay builders.

Downstream modules import it::

    from odoo.addons.dist_procure.tests.common import ProcureCommon

Company A (USD) and company B (EUR) get the generic chart of accounts. Users:
the base's roles, plus ``payables`` (Billing: enters and pays bills),
``controller_clerk`` (a controller who also enters bills) and
``receiver_plus`` (warehouse operator with the over-receipt override).
"""

from contextlib import contextmanager

from odoo import Command, fields
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.tests.common import MODULE, DistCommon

BILL_DATE = "2026-03-02"
BUYER_MANAGER = f"{MODULE}.dist_harmonize_base_group_buyer_manager"


class ProcureCommon(DistCommon):
    """Approved vendors, active products, and builders that read like a ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for company in (cls.company_a, cls.company_b):
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company, install_demo=False
            )
        # The generic chart sets its own currency (USD) on a company without
        # accounting: B is put back in EUR, so that two currencies are tested.
        cls.company_b.currency_id = cls.eur
        cls.payables = cls._make_user(
            "dist_payables", "account.group_account_invoice", cls.company_a
        )
        cls.controller_clerk = cls._make_user(
            "dist_controller_clerk",
            f"account.group_account_invoice,{MODULE}.dist_harmonize_base_group_controller",
            cls.company_a,
        )
        cls.receiver_plus = cls._make_user(
            "dist_receiver_plus",
            "dist_procure.dist_procure_group_over_receipt",
            cls.company_a,
        )
        cls.vendor = cls._make_vendor("Acme Supplies")
        cls.vendor_2 = cls._make_vendor("Borealis Trading")
        cls.categ = cls.env["product.category"].create({"name": "Fasteners"})
        cls.family = cls.env["dist.product.family"].create({"name": "Hardware"})
        cls.product = cls._make_product("Bolt M8", 100.0, vendor=cls.vendor)
        cls.product_2 = cls._make_product(
            "Nut M8", 10.0, vendor=cls.vendor_2, family=cls.family
        )
        cls.warehouse_a = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_a.id)], limit=1
        )
        cls.warehouse_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1
        )

    @contextmanager
    def assertRefused(self, regex):
        """Expect a ``UserError`` matching ``regex``; what the refused call did is
        rolled back, as the transaction of the RPC call would be. Yields the
        caught exception's context (``.exception``)."""
        with (
            self.assertRaisesRegex(UserError, regex) as caught,
            self.env.cr.savepoint(),
        ):
            yield caught

    # ------------------------------------------------------------------
    # master data (created as superuser: already approved / active)
    # ------------------------------------------------------------------
    @classmethod
    def _make_vendor(cls, name, **values):
        return cls._make_governed(
            "res.partner",
            dict(
                {
                    "name": name,
                    "is_company": True,
                    "supplier_rank": 1,
                    "dist_supplier_state": "approved",
                },
                **values,
            ),
        )

    @classmethod
    def _make_product(
        cls, name, cost, vendor=None, family=None, categ=None, product_type="product"
    ):
        template = cls._make_governed(
            "product.template",
            {
                "name": name,
                "type": product_type,
                "standard_price": cost,
                "categ_id": (categ or cls.categ).id,
                "dist_family_id": family.id if family else False,
                "dist_state": "active",
                "supplier_taxes_id": [Command.clear()],
                "seller_ids": [
                    Command.create(
                        {"partner_id": vendor.id, "price": cost, "company_id": False}
                    )
                ]
                if vendor
                else [],
            },
        )
        return template.product_variant_id

    @classmethod
    def _make_key(cls, company=None, **values):
        """Create a tolerance key (as superuser: configuration)."""
        return cls.env["dist.tolerance.key"].create(
            dict(
                {"name": "Key", "company_id": (company or cls.company_a).id},
                **values,
            )
        )

    @classmethod
    def _make_po_rule(cls, company=None, amount_min=0.0, amount_max=0.0, **values):
        """One-level rule on purchase orders approved by buyer managers."""
        return cls._make_rule(
            "purchase.order",
            company or cls.company_a,
            [{"name": "Manager", "group": BUYER_MANAGER}],
            amount_min=amount_min,
            amount_max=amount_max,
            **values,
        )

    # ------------------------------------------------------------------
    # documents (created as the least-privileged user of each step)
    # ------------------------------------------------------------------
    def _make_po(self, lines, vendor=None, user=None, currency=None, company=None):
        """Create a draft PO as ``user`` (buyer); ``lines``: [(product, qty, price)]."""
        company = company or self.company_a
        values = {
            "partner_id": (vendor or self.vendor).id,
            "company_id": company.id,
            "order_line": [
                Command.create({"product_id": p.id, "product_qty": q, "price_unit": u})
                for p, q, u in lines
            ],
        }
        if currency:
            values["currency_id"] = currency.id
        user = user or self.buyer
        return (
            self.env["purchase.order"]
            .with_user(user)
            .with_company(company)
            .create(values)
        )

    def _confirmed_po(self, lines, **kwargs):
        order = self._make_po(lines, **kwargs)
        order.button_confirm()
        if order.state == "to approve":
            order.with_user(self.buyer_manager).button_approve()
        return order

    def _receive(self, order, quantities=None, user=None):
        """Validate the open receipt of ``order`` as ``user`` (warehouse).

        ``quantities``: {product: qty}; missing products are received in full.
        A partial receipt leaves a backorder.
        """
        user = user or self.warehouse
        picking = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        picking = picking.with_user(user)
        for move in picking.move_ids:
            qty = (quantities or {}).get(move.product_id, move.product_uom_qty)
            move.quantity = qty
            move.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        return picking

    def _make_receipt(self, order_line=None, product=None, qty=5, location=None):
        """An incoming picking made by hand by the warehouse user.

        ``qty`` of ``product`` (default: the line's), linked to ``order_line``
        if given, from ``location`` (default: the vendors) into stock of A.
        """
        picking_type = self.warehouse_a.in_type_id
        location = location or self.env.ref("stock.stock_location_suppliers")
        product = product or order_line.product_id
        move = {
            "name": product.name,
            "product_id": product.id,
            "product_uom_qty": qty,
            "product_uom": product.uom_id.id,
            "location_id": location.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
        }
        if order_line:
            move["purchase_line_id"] = order_line.id
        return (
            self.env["stock.picking"]
            .with_user(self.warehouse)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": self.vendor.id,
                    "location_id": location.id,
                    "location_dest_id": picking_type.default_location_dest_id.id,
                    "move_ids": [Command.create(move)],
                }
            )
        )

    def _validate(self, picking):
        """Confirm and validate ``picking`` in full, without backorder."""
        picking.action_confirm()
        for move in picking.move_ids:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        picking.with_context(skip_backorder=True).button_validate()
        return picking

    def _make_bill(
        self,
        order,
        prices=None,
        quantities=None,
        user=None,
        refund=False,
        vendor=None,
        extra_lines=(),
        move_type=None,
    ):
        """Create and post a bill of ``order`` as ``user`` (payables).

        ``prices``/``quantities``: {product: value}; default: the order's.
        ``vendor``: the bill's partner (default: the order's); ``extra_lines``:
        [(product, qty, price)] on no order line; ``move_type`` overrides
        ``refund`` (e.g. ``in_receipt``).
        """
        user = user or self.payables
        move_type = move_type or ("in_refund" if refund else "in_invoice")
        lines = [
            Command.create(
                {
                    "product_id": pol.product_id.id,
                    "quantity": (quantities or {}).get(pol.product_id, pol.product_qty),
                    "price_unit": (prices or {}).get(pol.product_id, pol.price_unit),
                    "purchase_line_id": pol.id,
                    "tax_ids": [Command.clear()],
                }
            )
            for pol in order.order_line
        ]
        lines += [
            Command.create(
                {
                    "product_id": product.id,
                    "quantity": qty,
                    "price_unit": price,
                    "tax_ids": [Command.clear()],
                }
            )
            for product, qty, price in extra_lines
        ]
        bill = (
            self.env["account.move"]
            .with_user(user)
            .with_company(order.company_id)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": (vendor or order.partner_id).id,
                    "invoice_date": fields.Date.to_date(BILL_DATE),
                    "currency_id": order.currency_id.id,
                    "invoice_line_ids": lines,
                }
            )
        )
        bill.action_post()
        return bill

    def _pay(self, bill, user=None):
        """Register a payment of ``bill`` through the wizard as ``user``."""
        wizard = (
            self.env["account.payment.register"]
            .with_user(user or self.payables)
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"payment_date": BILL_DATE})
        )
        return wizard._create_payments()

    def _release(self, bill, user, reason="Price agreed by phone"):
        """Ask for and (if allowed) approve the release of ``bill`` as ``user``."""
        wizard = (
            self.env["account.move.release"]
            .with_user(user)
            .create({"move_ids": [Command.set(bill.ids)], "reason": reason})
        )
        return wizard.action_confirm()
