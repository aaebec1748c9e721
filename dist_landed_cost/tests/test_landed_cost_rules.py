from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RECEIPT_DATE, LandedCostCommon


@tagged("post_install", "-at_install")
class TestLandedCostRules(LandedCostCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fob = cls.env.ref("account.incoterm_FOB")
        cls.insurance = cls._make_cost_product("Cargo Insurance")
        cls.insurance.split_method_landed_cost = "by_quantity"

    def test_most_specific_template_wins(self):
        """Vendor + incoterm beats vendor only, which beats the company default."""
        Template = self.env["dist.landed.cost.template"]
        default = self._make_template(self.company_a, self.accrual, [])
        by_both = self._make_template(
            self.company_a, self.accrual, [], partner=self.vendor, incoterm=self.fob
        )
        other = self._make_vendor("Other vendor")
        find = Template._find_for
        self.assertEqual(find(self.company_a, self.vendor, self.fob), by_both)
        self.assertEqual(
            find(self.company_a, self.vendor, self.env["account.incoterms"]),
            self.template,
        )
        self.assertEqual(find(self.company_a, other, self.fob), default)

    def test_warehouse_user_validates_a_covered_receipt_with_a_cold_cache(self):
        """Warehouse staff, without landed-cost rights, receive and the estimate posts."""
        order = self._make_po([(self.chair, 2, 100.0)])
        picking = order.picking_ids.with_user(self.lc_warehouse)
        with freeze_time(RECEIPT_DATE):
            picking.move_ids.write({"quantity": 2, "picked": True})
            self.env.invalidate_all()
            picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertTrue(picking.sudo().dist_has_estimate)

    def test_receipt_without_template_accrues_nothing(self):
        """A vendor no template covers gets no estimate and no accrual."""
        other = self._make_vendor("Local vendor")
        order = self._make_po([(self.chair, 1, 10.0)], partner=other)
        receipt = self._receive(order)
        self.assertFalse(receipt.dist_has_estimate)
        self.assertEqual(self._balance(self.accrual), 0.0)

    def test_bill_on_receipts_trues_up_without_a_shipment(self):
        """A bill line pointing at receipts clears their accrual too."""
        order = self._make_po([(self.chair, 10, 100.0), (self.lamp, 20, 25.0)])
        receipt = self._receive(order)
        self._make_bill([(self.freight, 36.0), (self.duty, 110.40)], pickings=receipt)
        self.assertEqual(self._balance(self.accrual), 0.0)
        self.assertEqual(self._stock_value(), 3000.0 + 366.0)
        self.assertEqual(self._balance(self.stock_account), self._stock_value())

    def test_true_up_lines_are_explained_to_the_three_way_match(self):
        """A line truing up receipts needs no order line; a plain cost line does."""
        order = self._make_po([(self.chair, 10, 100.0)])
        receipt = self._receive(order)
        true_up = self._make_bill([(self.freight, 36.0)], pickings=receipt)
        plain = self._make_bill([(self.freight, 36.0)])
        self.assertTrue(true_up.invoice_line_ids._dist_match_is_explained())
        self.assertFalse(plain.invoice_line_ids._dist_match_is_explained())

    def test_unestimated_cost_type_splits_by_its_product_default(self):
        """Insurance nobody estimated is split by quantity: 10 chairs, 20 lamps."""
        order = self._make_po([(self.chair, 10, 100.0), (self.lamp, 20, 25.0)])
        receipt = self._receive(order)
        self._make_bill([(self.insurance, 12.0)], pickings=receipt)  # 30 USD
        self.assertEqual(self._stock_value(self.chair), 2230.0 + 10.0)
        self.assertEqual(self._stock_value(self.lamp), 1130.0 + 20.0)
        self.assertEqual(self._balance(self.accrual), -360.0)

    def test_split_by_missing_weight_names_the_products(self):
        """Freight by weight over a product without weight is refused, naming it."""
        desk = self._make_stock_product("Desk without weight", self.fifo)
        self.insurance.split_method_landed_cost = "by_weight"
        other = self._make_vendor("Desk vendor")
        receipt = self._receive(self._make_po([(desk, 2, 50.0)], partner=other))
        with self.assertRaisesRegex(UserError, "Desk without weight"):
            self._make_bill([(self.insurance, 10.0)], pickings=receipt)

    def test_second_bill_of_a_cost_type_adds_to_the_actual(self):
        """A later freight bill for the same receipts is trued up on top."""
        order = self._make_po([(self.chair, 10, 100.0), (self.lamp, 20, 25.0)])
        receipt = self._receive(order)
        self._make_bill([(self.freight, 36.0)], pickings=receipt)  # 90 USD
        self._make_bill([(self.freight, 4.0)], pickings=receipt)  # 10 USD more
        self.assertEqual(self._stock_value(), 3000.0 + 300.0 + 100.0)
        self.assertEqual(self._balance(self.accrual), -300.0)  # duty still accrued
        self.assertEqual(self._balance(self.stock_account), self._stock_value())

    def test_template_rate_in_foreign_currency_is_converted_at_receipt(self):
        """2 EUR per receipt is 4 USD when 1 EUR = 2 USD on the receipt date."""
        other = self._make_vendor("Customs broker client")
        self._make_template(
            self.company_a, self.accrual, [], partner=other
        ).line_ids = [
            Command.create(
                {
                    "product_id": self.duty.id,
                    "basis": "fixed",
                    "rate": 2.0,
                    "currency_id": self.eur.id,
                    "split_method": "equal",
                    "accrual_account_id": self.accrual.id,
                }
            )
        ]
        receipt = self._receive(self._make_po([(self.chair, 1, 10.0)], partner=other))
        self.assertEqual(receipt.dist_estimate_amount, 4.0)

    def test_billing_clerk_without_inventory_rights_posts_a_shipment_bill(self):
        """An accountant who only has Billing rights can true up a shipment."""
        clerk = self._make_user(
            "lc_clerk", "account.group_account_invoice", self.company_a
        )
        shipment = self._make_shipment()
        self._receive(self._make_po([(self.chair, 10, 100.0)]), shipment=shipment)
        bill = self._make_bill([(self.freight, 20.0)], shipment=shipment, user=clerk)
        self.assertEqual(bill.state, "posted")
        self.assertEqual(shipment.with_user(clerk).actual_amount, 50.0)
        self.assertEqual(self._balance(self.accrual), -200.0)  # duty still accrued

    def test_half_cent_variance_keeps_stock_value_equal_to_the_stock_account(self):
        """A 0.01 variance on a half-delivered line stays whole in stock."""
        order = self._make_po([(self.chair, 2, 200.0)], currency=self.usd)
        receipt = self._receive(order)  # estimate: freight 6.00, duty 40.00
        self._deliver(self.chair, 1)
        self._make_bill([(self.freight, 6.01)], pickings=receipt, currency=self.usd)
        self.assertEqual(self._stock_value(self.chair), 223.01)
        self.assertEqual(self._balance(self.stock_account), self._stock_value())

    def test_estimate_follows_the_forced_accounting_date_of_the_receipt(self):
        """A receipt booked in a closed-up period accrues its estimate there too."""
        order = self._make_po([(self.chair, 1, 100.0)])
        order = order.with_context(force_period_date="2023-12-31")
        receipt = self._receive(order)
        entries = receipt.sudo().move_ids.stock_valuation_layer_ids.account_move_id
        self.assertEqual(len(entries), 2)  # the goods and the estimate
        self.assertEqual(set(entries.mapped("date")), {date(2023, 12, 31)})

    def test_warehouse_staff_cannot_change_templates(self):
        """Templates are the controllers' configuration, read-only for others."""
        with self.assertRaises(AccessError):
            self.template.with_user(self.lc_warehouse).write(
                {"name": "Cheaper freight"}
            )
        self.template.with_user(self.lc_controller).write({"name": "Sea freight FOB"})
        self.assertEqual(self.template.name, "Sea freight FOB")

    def _open_exceptions(self, record, kind):
        return self.env["dist.exception"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("kind", "=", kind),
                ("state", "=", "open"),
            ]
        )

    def test_standard_price_product_is_left_out_with_an_exception(self):
        """Bolts at standard price get no estimate; the queue says so."""
        bolt = self._make_stock_product(
            "Bolt at standard", self._make_category("Std", "standard")
        )
        order = self._make_po([(self.chair, 10, 100.0), (bolt, 10, 2.5)])
        receipt = self._receive(order)
        self.assertEqual(receipt.dist_estimate_amount, 230.0)  # 30 freight + 200 duty
        [exception] = self._open_exceptions(receipt, "landed_cost")
        self.assertIn("Bolt at standard", exception.message)

    def test_receipt_without_weights_is_validated_and_queues_an_exception(self):
        """A cost split by weight over weightless goods never blocks the receipt."""
        desk = self._make_stock_product("Desk without weight", self.fifo)
        other = self._make_vendor("Desk vendor")
        self._make_template(
            self.company_a,
            self.accrual,
            [(self.freight, "fixed", 100.0, "weight")],
            partner=other,
        )
        receipt = self._receive(self._make_po([(desk, 2, 50.0)], partner=other))
        self.assertEqual(receipt.state, "done")
        self.assertFalse(receipt.dist_has_estimate)
        [exception] = self._open_exceptions(receipt, "master_data")
        self.assertIn("Desk without weight", exception.message)

    def _desk_vendor_receipt(self, lines, basis, price=50.0):
        """Receipt of ``lines`` from a vendor whose template has one duty line."""
        other = self._make_vendor("Desk vendor")
        self._make_template(
            self.company_a, self.accrual, [(self.duty, basis, 2.0, "value")], other
        )
        receipt = self._receive(
            self._make_po([(p, 2, price) for p in lines], partner=other)
        )
        self.assertEqual(receipt.state, "done")
        return receipt

    def test_duty_per_kg_on_weightless_goods_is_queued(self):
        """Duty per kg over goods without weight accrues nothing: queued, named."""
        desk = self._make_stock_product("Desk without weight", self.fifo)
        receipt = self._desk_vendor_receipt(desk, "per_kg")
        self.assertFalse(receipt.dist_has_estimate)
        [exception] = self._open_exceptions(receipt, "master_data")
        for text in ("Desk without weight", "Import Duty", "Template Desk vendor"):
            self.assertIn(text, exception.message)

    def test_weightless_goods_among_weighed_ones_are_named_the_rest_accrues(self):
        """Chairs (2 kg) accrue duty per kg; the weightless desks are queued."""
        desk = self._make_stock_product("Desk without weight", self.fifo)
        receipt = self._desk_vendor_receipt(self.chair | desk, "per_kg")
        self.assertEqual(receipt.dist_estimate_amount, 8.0)  # 2 x 2 kg x 2.0
        [exception] = self._open_exceptions(receipt, "master_data")
        self.assertIn("Desk without weight", exception.message)
        self.assertNotIn("Chair", exception.message)

    def test_duty_on_goods_of_no_value_is_queued(self):
        """A duty in % of value over free goods accrues nothing: queued, named."""
        receipt = self._desk_vendor_receipt(self.chair, "percent_value", price=0.0)
        self.assertFalse(receipt.dist_has_estimate)
        [exception] = self._open_exceptions(receipt, "master_data")
        self.assertIn("Chair", exception.message)

    def test_estimated_vs_actual_percent_of_goods_value_by_vendor(self):
        """The analysis shows 366 landed on 3000 of goods: 12.2 % for the vendor."""
        shipment = self._make_shipment()
        order = self._make_po([(self.chair, 10, 100.0), (self.lamp, 20, 25.0)])
        self._receive(order, shipment=shipment)
        self._make_bill([(self.freight, 36.0), (self.duty, 110.40)], shipment=shipment)
        Report = self.env["dist.landed.cost.report"].with_user(self.lc_buyer)
        [group] = Report.read_group(
            [],
            ["estimated_amount:sum", "actual_amount:sum", "landed_cost_percent:sum"],
            ["partner_id"],
        )
        self.assertEqual(group["partner_id"][0], self.vendor.id)
        self.assertEqual(
            (group["estimated_amount"], group["actual_amount"]), (360.0, 366.0)
        )
        self.assertAlmostEqual(group["landed_cost_percent"], 12.2)


@tagged("post_install", "-at_install")
class TestLandedCostMultiCompany(LandedCostCommon):
    def test_users_see_only_their_company_templates_and_shipments(self):
        """A user of company A sees none of company B's templates or shipments."""
        account_b = self.env["account.account"].create(
            {
                "name": "Accrual B",
                "code": "218100",
                "account_type": "liability_current",
                "company_id": self.company_b.id,
            }
        )
        template_b = self._make_template(
            self.company_b, account_b, [(self.freight, "fixed", 50.0, "equal")]
        )
        shipment_b = self._make_shipment(user=self.user_b)
        template, shipment = "dist.landed.cost.template", "dist.inbound.shipment"
        self.assertEqual(self._as(template, self.lc_buyer).search([]), self.template)
        self.assertFalse(self._as(shipment, self.lc_buyer).search([]))
        self.assertEqual(self._as(template, self.user_b).search([]), template_b)
        self.assertEqual(self._as(shipment, self.user_b).search([]), shipment_b)
        self.assertEqual(shipment_b.company_id, self.company_b)

    def test_template_line_refuses_another_company_account(self):
        """A company-A template cannot credit an account of company B."""
        account_b = self.env["account.account"].create(
            {
                "name": "Accrual B",
                "code": "218101",
                "account_type": "liability_current",
                "company_id": self.company_b.id,
            }
        )
        with self.assertRaises(UserError):
            self._make_template(
                self.company_a, account_b, [(self.duty, "fixed", 1.0, "equal")]
            )
