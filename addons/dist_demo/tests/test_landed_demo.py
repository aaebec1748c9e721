from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import BaseCase

from ..tools import landed
from ..tools.catalog import COMPANIES, build_products, build_suppliers, make_rng
from .common import DistDemoCommon

BUYER = "dist_harmonize_base.dist_harmonize_base_group_buyer"


@tagged("post_install", "-at_install")
class TestLandedDemo(DistDemoCommon):
    """The landed-cost demo as a buyer of each company sees it (templates,
    shipments, cost summary) and as the read-only accountant (ledger)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyers = {
            key: new_test_user(
                cls.env,
                login=f"dist_demo_lc_buyer_{key}",
                groups=f"base.group_user,{BUYER}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
            for key, company in cls.companies.items()
        }

    def _as_buyer(self, model, key):
        return (
            self.env[model]
            .with_user(self.buyers[key])
            .with_context(allowed_company_ids=self.companies[key].ids)
        )

    def _billed(self, key):
        shipments = self._as_buyer("dist.inbound.shipment", key).search([])
        return shipments.filtered(lambda s: s.state == "billed")

    def test_every_import_vendor_has_a_template_the_most_specific_wins(self):
        """FOB orders of any foreign vendor are covered; one vendor has its own."""
        fob = self.env.ref("account.incoterm_FOB")
        for key, company in self.companies.items():
            Template = self._as_buyer("dist.landed.cost.template", key)
            vendors = self._as_buyer("product.supplierinfo", key).search([]).partner_id
            imports = vendors.filtered(
                lambda v, c=company: v.country_id != c.country_id
            )
            self.assertTrue(imports, company.name)
            found = {
                vendor: Template._find_for(company, vendor, fob) for vendor in imports
            }
            self.assertTrue(all(t.line_ids for t in found.values()), company.name)
            specific = Template.search([("partner_id", "!=", False)])
            self.assertEqual(len(specific), 1, company.name)
            self.assertEqual(found[specific.partner_id], specific)
            self.assertEqual(len(set(found.values())), 2)  # and the company-wide one
            domestic = vendors - imports
            self.assertFalse(
                Template._find_for(company, domestic[:1], fob.browse()), company.name
            )

    def test_recent_shipments_of_import_receipts_carry_estimates(self):
        """Three shipments of the last weeks per company; every receipt accrued."""
        today = fields.Date.today()
        for key, company in self.companies.items():
            shipments = self._as_buyer("dist.inbound.shipment", key).search([])
            self.assertEqual(len(shipments), 3, company.name)
            for shipment in shipments:
                self.assertGreater(shipment.date_arrival, today - timedelta(days=60))
                self.assertGreaterEqual(shipment.receipt_count, 2)
                self.assertTrue(all(shipment.picking_ids.mapped("dist_has_estimate")))
                self.assertGreater(shipment.estimated_amount, 0.0)
                countries = shipment.partner_ids.country_id
                self.assertNotIn(company.country_id, countries)

    def test_under_and_over_estimated_shipments_per_cost_type(self):
        """One billed shipment costs more than estimated on every cost type, one less."""
        for key, company in self.companies.items():
            signs = {
                tuple({row.variance_amount > 0 for row in shipment.cost_ids})
                for shipment in self._billed(key)
            }
            self.assertEqual(signs, {(True,), (False,)}, company.name)
            rows = self._billed(key).cost_ids
            self.assertGreaterEqual(len(rows.cost_product_id), 3)
            self.assertTrue(all(rows.mapped("variance_amount")))

    def test_accrual_cleared_for_billed_shipments_open_for_the_last(self):
        """The accrual account holds exactly the estimate of the unbilled shipment."""
        for key, company in self.companies.items():
            shipments = self._as_buyer("dist.inbound.shipment", key).search([])
            open_ = shipments.filtered(lambda s: s.state == "received")
            self.assertEqual(len(open_), 1, company.name)
            self.assertFalse(open_.actual_amount)
            templates = self._as_buyer("dist.landed.cost.template", key).search([])
            accrual = templates.line_ids.accrual_account_id
            self.assertEqual(len(accrual), 1, company.name)
            lines = self._as_reader("account.move.line", company).search(
                [("account_id", "in", accrual.ids), ("parent_state", "=", "posted")]
            )
            self.assertAlmostEqual(
                sum(lines.mapped("balance")), -open_.estimated_amount, places=2
            )

    def test_true_up_splits_the_variance_between_stock_and_cogs(self):
        """Part of the goods was sold before the bills: true-ups reach stock and COGS."""
        for key, company in self.companies.items():
            billed = self._billed(key)
            costs = self._as_reader("stock.landed.cost", company).search(
                [("dist_shipment_id", "in", billed.ids), ("dist_kind", "=", "true_up")]
            )
            self.assertEqual(costs.dist_shipment_id, billed, company.name)
            self.assertTrue(costs.stock_valuation_layer_ids, company.name)  # on hand
            accounts = costs.account_move_id.line_ids.account_id
            self.assertIn("expense", accounts.mapped("account_type"), company.name)

    def test_holding_pays_its_forwarder_in_euro(self):
        """The holding's freight bills are in EUR, trued up at the bill date's rate."""
        holding = self.companies["hq"]
        bills = (
            self._as_reader("account.move.line", holding)
            .search(
                [("dist_shipment_id", "!=", False), ("company_id", "=", holding.id)]
            )
            .move_id
        )
        self.assertEqual(len(bills), 4)  # duty and freight of two shipments
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        self.assertIn("EUR", bills.currency_id.mapped("name"))

    def test_an_order_waiting_for_approval_is_approved_by_others_than_its_buyer(self):
        """Whatever the matrix asks, the generator gets its orders approved, never
        by their buyer nor twice by the same person."""
        company = self.companies["nordic"]
        approvers = [
            new_test_user(
                self.env,
                login=f"dist_demo_lc_approver_{number}",
                groups=f"base.group_user,{BUYER}_manager",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
            for number in (1, 2)
        ]
        self.env["dist.approval.rule"].create(
            {
                "name": "Every order: two approvers",
                "company_id": company.id,
                "model_id": self.env["ir.model"]._get_id("purchase.order"),
                "sequence": 1,
                "level_ids": [
                    Command.create(
                        {
                            "name": user.name,
                            "approver_type": "user",
                            "user_ids": user.ids,
                        }
                    )
                    for user in approvers
                ],
            }
        )
        price = self._as_buyer("product.supplierinfo", "nordic").search([], limit=1)
        order = self._as_buyer("purchase.order", "nordic").create(
            {
                "partner_id": price.partner_id.id,
                "order_line": [
                    Command.create(
                        {"product_id": price.product_tmpl_id.product_variant_id.id}
                    )
                ],
            }
        )
        order.button_confirm()
        self.assertEqual(order.state, "to approve")
        self.env["dist.demo.generator"]._landed_approve(order)
        self.assertEqual(order.state, "purchase")
        decisions = self.env["dist.approval.log"].search(
            [("res_model", "=", order._name), ("res_id", "=", order.id)]
        )
        approved = decisions.filtered(lambda log: log.decision == "approved")
        self.assertEqual(approved.user_id, approvers[0] | approvers[1])

    def test_buyer_of_one_company_does_not_see_the_others_shipments(self):
        """Nordic's buyer sees Nordic's shipments only and cannot read the holding's."""
        shipments = self._as_buyer("dist.inbound.shipment", "nordic").search([])
        self.assertEqual(shipments.company_id, self.companies["nordic"])
        holding = self._as_buyer("dist.inbound.shipment", "hq").search([], limit=1)
        with self.assertRaises(AccessError):
            holding.with_user(self.buyers["nordic"]).with_context(
                allowed_company_ids=self.companies["nordic"].ids
            ).read(["reference"])


@tagged("post_install", "-at_install")
class TestLandedDemoPlan(BaseCase):
    """The pure plan of the landed-cost demo (``tools/landed.py``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        products = build_products(make_rng(7, "products"), 90)
        cls.suppliers = build_suppliers(make_rng(7, "suppliers"), products)

    def test_import_vendors_sell_in_another_currency(self):
        """The holding's import vendors sell in EUR or GBP; roles follow currencies."""
        pools, roles = landed.import_vendors(COMPANIES[0], self.suppliers, set())
        currency = {s.index: s.currency for s in self.suppliers}
        self.assertEqual({currency[v] for v in pools}, {"EUR", "GBP"})
        self.assertEqual(currency[roles["specific"]], currency[roles["primary"]])
        self.assertNotEqual(currency[roles["specific"]], currency[roles["secondary"]])

    def test_items_without_stock_are_taken_first(self):
        """A stocked item comes after the unstocked ones and is never taken twice."""
        pools, roles = landed.import_vendors(COMPANIES[1], self.suppliers, set())
        vendor = roles["specific"]
        first = pools[vendor][0]
        pools, _roles = landed.import_vendors(COMPANIES[1], self.suppliers, {first})
        self.assertEqual(pools[vendor][-1], first)
        taken = landed.take_items(pools, vendor) + landed.take_items(pools, vendor)
        self.assertEqual(len(taken), len(set(taken)))

    def test_bills_come_after_the_sale_and_beat_or_miss_the_estimate(self):
        """Goods are delivered before the bills; under costs more, over less."""
        under, over, open_ = landed.SHIPMENTS
        today = date(2026, 6, 15)
        steps = landed.shipment_steps(open_, today, [])
        self.assertEqual([s[1] for s in steps], [landed.ORDER, landed.RECEIVE])
        estimated = {"freight": 100.0, "insurance": 10.0, "duty": 50.0}
        for shipment, above in ((under, True), (over, False)):
            for biller in landed.BILLS:
                for cost, amount in landed.actual_amounts(
                    shipment, biller, estimated
                ).items():
                    self.assertEqual(amount > estimated[cost], above)
        self.assertEqual(landed.actual_amounts(under, "broker", {"freight": 1.0}), {})
