"""Test base of dist_kpi: a small ledger every KPI is checked against by hand.

Builds on dist_landed_cost's base (company A in USD, anglo-saxon, FIFO chairs
and AVCO lamps valued in real time, a EUR vendor whose receipts accrue a
landed-cost estimate; 1 USD = 0.5 EUR from 2024-01-10, 0.4 from 2024-02-01)
and dist_procure's bill builder. Company B is in EUR. The story, in A:

- PO1: 10 chairs at 100 EUR (200 USD) from the EUR vendor, confirmed
  2024-01-02, promised 2024-01-12 (vendor lead time 10 days), received
  2024-01-10: 2000 USD + landed-cost estimate 230 (freight 1.5 x 20 kg,
  duty 10 %) = 2230, 223 a chair.
- PO2: 20 lamps at 25 USD from a USD vendor (lead time 5 days), confirmed
  2024-01-02, promised 2024-01-07: 10 received late on 2024-01-09, the
  backorder of 10 on 2024-01-20 (late and partial; 500 USD of lamps).
- PO3: 5 lamps at 30 EUR from the EUR vendor, confirmed 2024-02-05, not
  received (an open commitment of 150 EUR).
- SO1: 4 chairs at 400 USD, committed 2024-01-20, delivered 2024-01-15 (on
  time, in full), invoiced 2024-01-31 (revenue 1600, COGS 4 x 223 = 892);
  1 chair returned 2024-01-28 and credited 2024-01-31 (-400, COGS -223).
- SO2: 3 chairs at 400 USD, committed 2024-01-20: 2 delivered 2024-01-18,
  the last one 2024-01-25 (late), invoiced 2024-01-31 (1200, COGS 669).

In B: 5 chairs at 50 EUR received 2024-01-10 (250 EUR of stock).

Odoo stamps every record of a test transaction with the same ``create_date``;
the valuation layers are given their move's date, as they have in production.
"""

from freezegun import freeze_time

from odoo import Command

from odoo.addons.dist_landed_cost.tests.common import LandedCostCommon
from odoo.addons.dist_procure.tests.common import ProcureCommon

KPI_USER = "dist_kpi.group_kpi_user"
KPI_MANAGER = "dist_kpi.group_kpi_manager"
KPI_GROUP_VIEW = "dist_kpi.group_kpi_group_view"
JANUARY = {"date_from": "2024-01-01", "date_to": "2024-01-31"}
FEBRUARY = {"date_from": "2024-02-01", "date_to": "2024-02-29"}


class KpiCommon(LandedCostCommon):
    """The ledger above, KPI users of one company, and readers of the API."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", cls.company_b, install_demo=False
        )
        # The generic chart sets its own currency (USD): B is back in EUR.
        cls.company_b.write({"currency_id": cls.eur.id, "anglo_saxon_accounting": True})
        cls.env.user.company_ids |= cls.company_b
        cls.kpi_user_a = cls._make_user("kpi_user_a", KPI_USER, cls.company_a)
        cls.kpi_user_b = cls._make_user("kpi_user_b", KPI_USER, cls.company_b)
        cls.kpi_group = cls._make_user("kpi_group", KPI_GROUP_VIEW, cls.company_a)
        cls.kpi_group.company_ids |= cls.company_b
        cls.kpi_owner = cls._make_user("kpi_owner", KPI_MANAGER, cls.company_a)
        cls.payables = cls.lc_controller
        cls.usd_vendor = cls._make_vendor("Late Lamps Inc")
        # Invoiced as delivered, so a return is credited.
        cls.chair.invoice_policy = "delivery"
        cls._make_seller(cls.chair, cls.vendor, 10)
        cls._make_seller(cls.lamp, cls.usd_vendor, 5)
        cls.warehouse_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1
        )

    @classmethod
    def _make_seller(cls, product, vendor, delay):
        cls.env["product.supplierinfo"].create(
            {
                "partner_id": vendor.id,
                "product_tmpl_id": product.product_tmpl_id.id,
                "delay": delay,
                "price": 0.0,
            }
        )

    # ------------------------------------------------------------------
    # the ledger
    # ------------------------------------------------------------------
    # The bases' builders are instance methods; the ledger is built once per
    # class, so they are called on the class (they only read its attributes).
    @classmethod
    def _build_ledger(cls):
        with freeze_time("2024-01-02"):
            cls.po1 = LandedCostCommon._make_po(cls, [(cls.chair, 10, 100.0)])
            cls.po2 = LandedCostCommon._make_po(
                cls, [(cls.lamp, 20, 25.0)], partner=cls.usd_vendor, currency=cls.usd
            )
        LandedCostCommon._receive(cls, cls.po1, date="2024-01-10")
        cls._receive_part(cls.po2, 10, "2024-01-09")
        cls._receive_part(cls.po2, 10, "2024-01-20")
        with freeze_time("2024-02-05"):
            cls.po3 = LandedCostCommon._make_po(cls, [(cls.lamp, 5, 30.0)])
        cls.so1 = cls._make_so([(cls.chair, 4, 400.0)], "2024-01-20")
        cls.so2 = cls._make_so([(cls.chair, 3, 400.0)], "2024-01-20")
        cls._ship(cls.so1, 4, "2024-01-15")
        cls._ship(cls.so2, 2, "2024-01-18")
        cls._ship(cls.so2, 1, "2024-01-25")
        cls.invoices = cls._invoice(cls.so1 | cls.so2, "2024-01-31")
        cls._return(cls.so1, 1, "2024-01-28")
        cls.refund = cls._invoice(cls.so1, "2024-01-31")
        cls._build_company_b()
        cls._date_layers()

    @classmethod
    def _build_bills(cls, date="2026-03-02"):
        """Bills of PO1 at its price and of PO2's lamps at 26 instead of 25
        USD, matched with an exact tolerance key (PO2's is an exception)."""
        cls.env["dist.tolerance.key"].create(
            {"name": "Exact", "company_id": cls.company_a.id}
        )
        cls.bill_1 = cls._make_vendor_bill(cls.po1, date=date)
        cls.bill_2 = cls._make_vendor_bill(cls.po2, prices={cls.lamp: 26.0}, date=date)

    @classmethod
    def _build_company_b(cls):
        env_b = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company_b.ids)
        )
        cls.fifo.with_env(env_b).write(
            {"property_cost_method": "fifo", "property_valuation": "real_time"}
        )
        with freeze_time("2024-01-03"):
            cls.po_b = env_b["purchase.order"].create(
                {
                    "partner_id": cls.vendor.id,
                    "company_id": cls.company_b.id,
                    "currency_id": cls.eur.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.chair.id,
                                "product_qty": 5,
                                "price_unit": 50.0,
                                "taxes_id": [],
                            }
                        )
                    ],
                }
            )
            cls.po_b.button_confirm()
        with freeze_time("2024-01-10"):
            picking = cls.po_b.picking_ids.with_env(env_b)
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            picking.button_validate()

    @classmethod
    def _receive_part(cls, order, qty, date):
        """The warehouse user receives ``qty`` of the open receipt on ``date``;
        the rest stays on a backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state != "done").with_user(
            cls.lc_warehouse
        )
        with freeze_time(date):
            picking.move_ids.quantity = qty
            picking.move_ids.picked = True
            picking.with_context(skip_backorder=True).button_validate()
        return picking

    @classmethod
    def _make_so(cls, lines, committed):
        with freeze_time("2024-01-05"):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "commitment_date": f"{committed} 12:00:00",
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "tax_id": [],
                            }
                        )
                        for product, qty, price in lines
                    ],
                }
            )
            order.action_confirm()
        return order

    @classmethod
    def _ship(cls, order, qty, date):
        """Deliver ``qty`` of the open delivery of ``order`` on ``date``."""
        picking = order.picking_ids.filtered(
            lambda p: (
                p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
            )
        ).with_user(cls.lc_warehouse)
        with freeze_time(date):
            picking.action_assign()
            picking.move_ids.quantity = qty
            picking.move_ids.picked = True
            picking.with_context(skip_backorder=True).button_validate()
        return picking

    @classmethod
    def _return(cls, order, qty, date):
        """The customer sends back ``qty`` of the first delivery of ``order``."""
        picking = order.picking_ids.filtered(lambda p: p.state == "done")[:1]
        with freeze_time(date):
            wizard = (
                cls.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({})
            )
            wizard.product_return_moves.write({"quantity": qty, "to_refund": True})
            action = wizard.create_returns()
            returned = cls.env["stock.picking"].browse(action["res_id"])
            returned.move_ids.quantity = qty
            returned.move_ids.picked = True
            returned.button_validate()
        return returned

    @classmethod
    def _invoice(cls, orders, date):
        with freeze_time(date):
            moves = orders._create_invoices(final=True)
            moves.write({"invoice_date": date})
            moves.action_post()
        return moves

    @classmethod
    def _make_vendor_bill(cls, order, prices=None, date="2024-02-02"):
        """dist_procure's bill builder, posted on ``date``."""
        with freeze_time(date):
            return ProcureCommon._make_bill(cls, order, prices=prices)

    @classmethod
    def _date_layers(cls):
        """Give each valuation layer its move's date (see the module doc)."""
        cls.env.flush_all()
        cls.env.cr.execute(
            """UPDATE stock_valuation_layer svl
                  SET create_date = sm.date
                 FROM stock_valuation_layer own
            LEFT JOIN stock_valuation_layer parent
                   ON parent.id = own.stock_valuation_layer_id
                 JOIN stock_move sm
                   ON sm.id = COALESCE(own.stock_move_id, parent.stock_move_id)
                WHERE own.id = svl.id"""
        )
        cls.env.invalidate_all()

    # ------------------------------------------------------------------
    # reading the KPIs
    # ------------------------------------------------------------------
    def _dashboard(self, user, period=JANUARY, **filters):
        Dashboard = self.env["dist.kpi.dashboard"].with_user(user)
        Dashboard = Dashboard.with_context(allowed_company_ids=user.company_ids.ids)
        return Dashboard.get_dashboard(dict(period, **filters))

    def _kpis(self, user, period=JANUARY, **filters):
        """``{code: card}`` of the dashboard of ``user``."""
        result = self._dashboard(user, period, **filters)
        return {kpi["code"]: kpi for group in result["groups"] for kpi in group["kpis"]}

    def _value(self, code, user=None, period=JANUARY, **filters):
        filters.setdefault("company_ids", self.company_a.ids)
        return self._kpis(user or self.kpi_user_a, period, **filters)[code]["value"]

    @staticmethod
    def _odoo_stock_value(company, date_to=None):
        layers = company.env["stock.valuation.layer"].search(
            [("company_id", "=", company.id)]
            + ([("create_date", "<=", f"{date_to} 23:59:59")] if date_to else [])
        )
        return company.currency_id.round(sum(layers.mapped("value")))

    @staticmethod
    def _posted_margin(company, date_from, date_to):
        """Revenue and COGS of the posted journal items, read with the ORM."""
        lines = company.env["account.move.line"].search(
            [
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )
        income = lines.filtered(
            lambda line: (
                line.display_type == "product"
                and line.account_id.internal_group == "income"
            )
        )
        cogs = lines.filtered(
            lambda line: (
                line.display_type == "cogs"
                and line.account_id.internal_group == "expense"
            )
        )
        return -sum(income.mapped("balance")), sum(cogs.mapped("balance"))
