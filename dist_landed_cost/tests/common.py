"""Test base of dist_landed_cost: an anglo-saxon company with a chart, FIFO and
AVCO products valued in real time, a vendor selling in EUR to a USD company,
a landed-cost template (freight per kg split by weight, duty % of value split
by value) and builders that read like the ledger: ``_make_po``, ``_receive``,
``_deliver``, ``_make_bill``.

Other modules may reuse it::

    from odoo.addons.dist_landed_cost.tests.common import LandedCostCommon
"""

from freezegun import freeze_time

from odoo import Command

from odoo.addons.dist_harmonize_base.tests.common import ROLE_GROUPS, DistCommon

RECEIPT_DATE = "2024-01-10"
BILL_DATE = "2024-02-01"


class LandedCostCommon(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_ids |= cls.company_a | cls.company_b
        cls.env["account.chart.template"].try_loading(
            "generic_coa", cls.company_a, install_demo=False
        )
        cls.company_a.anglo_saxon_accounting = True
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company_a.ids)
        )
        cls.lc_buyer = cls._make_user("lc_buyer", ROLE_GROUPS["buyer"], cls.company_a)
        cls.lc_warehouse = cls._make_user(
            "lc_warehouse", ROLE_GROUPS["warehouse"], cls.company_a
        )
        cls.lc_controller = cls._make_user(
            "lc_controller",
            f"{ROLE_GROUPS['controller']},account.group_account_invoice",
            cls.company_a,
        )
        # 1 USD = 0.5 EUR at receipt, 0.4 EUR at the bill date
        for name, rate in ((RECEIPT_DATE, 0.5), (BILL_DATE, 0.4)):
            cls.env["res.currency.rate"].create(
                {
                    "name": name,
                    "rate": rate,
                    "currency_id": cls.eur.id,
                    "company_id": cls.company_a.id,
                }
            )
        cls.warehouse_a = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_a.id)], limit=1
        )
        cls.fifo = cls._make_category("FIFO real time", "fifo")
        cls.avco = cls._make_category("AVCO real time", "average")
        cls.chair = cls._make_stock_product("Chair", cls.fifo, weight=2.0, volume=0.5)
        cls.lamp = cls._make_stock_product("Lamp", cls.avco, weight=1.0, volume=0.1)
        cls.freight = cls._make_cost_product("Sea Freight")
        cls.duty = cls._make_cost_product("Import Duty")
        cls.vendor = cls._make_vendor("Shenzhen Furniture Co")
        cls.customer = cls.env["res.partner"].create({"name": "Retail Customer"})
        cls.accrual = cls.env["account.account"].create(
            {
                "name": "Landed cost accrual",
                "code": "218100",
                "account_type": "liability_current",
                "company_id": cls.company_a.id,
            }
        )
        cls.template = cls._make_template(
            cls.company_a,
            cls.accrual,
            [
                (cls.freight, "per_kg", 1.5, "weight"),
                (cls.duty, "percent_value", 10.0, "value"),
            ],
            partner=cls.vendor,
        )
        accounts = cls.fifo.with_company(cls.company_a)
        cls.stock_account = accounts.property_stock_valuation_account_id
        cls.cogs_account = accounts.property_account_expense_categ_id

    # ------------------------------------------------------------------
    # builders
    # ------------------------------------------------------------------
    @classmethod
    def _make_category(cls, name, cost_method):
        return (
            cls.env["product.category"]
            .with_company(cls.company_a)
            .create(
                {
                    "name": name,
                    "property_cost_method": cost_method,
                    "property_valuation": "real_time",
                }
            )
        )

    @classmethod
    def _make_stock_product(cls, name, category, weight=0.0, volume=0.0):
        """An active storable item of ``category``, valued by its cost method."""
        return cls._make_product(
            name, categ_id=category.id, weight=weight, volume=volume
        )

    @classmethod
    def _make_cost_product(cls, name):
        """An active landed-cost service (bills take active items only)."""
        return cls._make_product(name, type="service", landed_cost_ok=True)

    @classmethod
    def _make_template(cls, company, accrual, lines, partner=None, incoterm=None):
        """``lines``: (cost product, basis, rate, split method) tuples."""
        return cls.env["dist.landed.cost.template"].create(
            {
                "name": f"Template {partner.name if partner else 'default'}",
                "company_id": company.id,
                "partner_id": partner.id if partner else False,
                "incoterm_id": incoterm.id if incoterm else False,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "basis": basis,
                            "rate": rate,
                            "split_method": split,
                            "currency_id": company.currency_id.id,
                            "accrual_account_id": accrual.id,
                        }
                    )
                    for product, basis, rate, split in lines
                ],
            }
        )

    def _make_po(self, lines, partner=None, currency=None):
        """Confirmed PO of the buyer; ``lines``: (product, qty, unit price)."""
        order = (
            self.env["purchase.order"]
            .with_user(self.lc_buyer)
            .create(
                {
                    "partner_id": (partner or self.vendor).id,
                    "currency_id": (currency or self.eur).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": qty,
                                "price_unit": price,
                                "taxes_id": [],
                            }
                        )
                        for product, qty, price in lines
                    ],
                }
            )
        )
        order.button_confirm()
        return order

    def _receive(self, order, shipment=None, date=RECEIPT_DATE):
        """The warehouse user receives everything ordered, on ``date``."""
        picking = order.picking_ids.filtered(lambda p: p.state != "done").with_user(
            self.lc_warehouse
        )
        if shipment:
            picking.dist_shipment_id = shipment
        with freeze_time(date):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            picking.button_validate()
        return picking

    def _deliver(self, product, qty, date=RECEIPT_DATE):
        """The warehouse user delivers ``qty`` of ``product`` to a customer."""
        picking_type = self.warehouse_a.out_type_id
        Picking = self.env["stock.picking"].with_user(self.lc_warehouse)
        with freeze_time(date):
            picking = Picking.create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": self.customer.id,
                    "location_id": picking_type.default_location_src_id.id,
                    "location_dest_id": self.env.ref(
                        "stock.stock_location_customers"
                    ).id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": picking_type.default_location_src_id.id,
                                "location_dest_id": self.env.ref(
                                    "stock.stock_location_customers"
                                ).id,
                            }
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            picking.move_ids.quantity = qty
            picking.move_ids.picked = True
            picking.button_validate()
        return picking

    def _make_bill(
        self,
        lines,
        shipment=None,
        pickings=None,
        currency=None,
        date=BILL_DATE,
        user=None,
    ):
        """Posted landed-cost bill of ``user`` (default the controller);
        ``lines``: (product, amount in the bill's currency)."""
        bill = (
            self.env["account.move"]
            .with_user(user or self.lc_controller)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.vendor.id,
                    "invoice_date": date,
                    "date": date,
                    "currency_id": (currency or self.eur).id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                                "is_landed_costs_line": True,
                                "dist_shipment_id": shipment.id if shipment else False,
                                "dist_picking_ids": [Command.set(pickings.ids)]
                                if pickings
                                else [],
                            }
                        )
                        for product, amount in lines
                    ],
                }
            )
        )
        with freeze_time(date):
            bill.action_post()
        return bill

    def _as(self, model, user):
        """``model`` as ``user``, in the companies that user belongs to."""
        return (
            self.env[model]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
        )

    def _make_shipment(self, user=None, **values):
        return self._as("dist.inbound.shipment", user or self.lc_buyer).create(
            dict({"reference": "MSCU1234567"}, **values)
        )

    # ------------------------------------------------------------------
    # ledger figures
    # ------------------------------------------------------------------
    def _balance(self, account):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        )
        return self.company_a.currency_id.round(sum(lines.mapped("balance")))

    def _stock_value(self, product=None):
        domain = [("company_id", "=", self.company_a.id)]
        if product:
            domain.append(("product_id", "=", product.id))
        layers = self.env["stock.valuation.layer"].search(domain)
        return self.company_a.currency_id.round(sum(layers.mapped("value")))
