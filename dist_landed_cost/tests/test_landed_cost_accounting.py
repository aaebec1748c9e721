from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LandedCostCommon


@tagged("post_install", "-at_install")
class TestLandedCostAccounting(LandedCostCommon):
    """A EUR vendor ships 10 chairs (FIFO, 2 kg, 100 EUR) and 20 lamps (AVCO,
    1 kg, 25 EUR) to a USD company; 1 EUR = 2 USD at receipt, 2.5 at the bill.

    Goods 2000 + 1000 USD. Estimate: freight 1.5 USD/kg x 40 kg = 60 (by
    weight: 30/30), duty 10 % = 300 (by value: 200/100); 360 in total.
    4 chairs and 10 lamps are delivered before the bills: freight 36 EUR =
    90 USD (+30, split 15/15 like the estimate), duty 110.40 EUR = 276 USD
    (-24, split -16/-8).
    """

    def _scenario(self, deliver=True, bill=True):
        self.shipment = self._make_shipment()
        self.order = self._make_po([(self.chair, 10, 100.0), (self.lamp, 20, 25.0)])
        self.receipt = self._receive(self.order, shipment=self.shipment)
        if deliver:
            self._deliver(self.chair, 4)
            self._deliver(self.lamp, 10)
        if bill:
            self.bill = self._make_bill(
                [(self.freight, 36.0), (self.duty, 110.40)], shipment=self.shipment
            )

    def assertLedger(self, chair, lamp, accrual, cogs):
        self.assertEqual(self._stock_value(self.chair), chair)
        self.assertEqual(self._stock_value(self.lamp), lamp)
        self.assertEqual(self._balance(self.accrual), accrual)
        self.assertEqual(self._balance(self.cogs_account), cogs)
        self.assertEqual(self._balance(self.stock_account), self._stock_value())

    def test_receipt_accrues_the_estimate_into_stock_value(self):
        """Validating the receipt adds 230 to the chairs, 130 to the lamps, accrued."""
        self._scenario(deliver=False, bill=False)
        self.assertLedger(chair=2230.0, lamp=1130.0, accrual=-360.0, cogs=0.0)

    def test_estimate_is_shown_on_the_receipt_and_the_order(self):
        """Receipt and PO show the estimate, company currency."""
        self._scenario(deliver=False, bill=False)
        self.assertEqual(
            self.receipt.with_user(self.lc_warehouse).dist_estimate_amount, 360.0
        )
        self.assertTrue(self.receipt.with_user(self.lc_warehouse).dist_has_estimate)
        self.assertEqual(
            self.order.with_user(self.lc_buyer).dist_estimate_amount, 360.0
        )

    def test_partial_delivery_carries_the_estimate_out_at_cost(self):
        """4 chairs at 223 (FIFO) and 10 lamps at 56.5 (AVCO) leave stock."""
        self._scenario(bill=False)
        self.assertLedger(chair=1338.0, lamp=565.0, accrual=-360.0, cogs=0.0)

    def test_actual_bill_trues_up_stock_and_sold_share_and_clears_accrual(self):
        """Variance: on-hand share to stock, delivered share to COGS, accrual 0."""
        self._scenario()
        # chair: +15 -16 on 6/10 in stock; lamp: +15 -8 on 10/20 in stock
        self.assertLedger(chair=1337.4, lamp=568.5, accrual=0.0, cogs=3.1)

    def test_shipment_shows_estimate_actual_and_variance_per_cost_type(self):
        """Freight under-estimated by 30, duty over-estimated by 24."""
        self._scenario()
        shipment = self.shipment.with_user(self.lc_buyer)
        rows = {row.cost_product_id: row for row in shipment.cost_ids}
        self.assertEqual(rows[self.freight].estimated_amount, 60.0)
        self.assertEqual(rows[self.freight].actual_amount, 90.0)
        self.assertEqual(rows[self.freight].variance_amount, 30.0)
        self.assertEqual(rows[self.duty].variance_amount, -24.0)
        self.assertEqual(
            (
                shipment.estimated_amount,
                shipment.actual_amount,
                shipment.variance_amount,
            ),
            (360.0, 366.0, 6.0),
        )
        self.assertAlmostEqual(shipment.landed_cost_percent, 12.2)
        self.assertEqual(shipment.state, "billed")

    def test_reversing_the_bill_reverses_the_true_up(self):
        """A credit note reversing the bill puts the estimate back in place."""
        self._scenario()
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.lc_controller)
            .with_context(active_model="account.move", active_ids=self.bill.ids)
            .create({"journal_id": self.bill.journal_id.id, "date": "2024-02-01"})
        )
        wizard.refund_moves()
        credit_note = self.bill.reversal_move_id
        credit_note.with_user(self.lc_controller).action_post()
        self.assertLedger(chair=1338.0, lamp=565.0, accrual=-360.0, cogs=0.0)

    def test_resetting_the_bill_to_draft_reverses_the_true_up(self):
        """Back to draft, the bill no longer counts as actual cost."""
        self._scenario()
        self.bill.with_user(self.lc_controller).button_draft()
        self.assertEqual(self._balance(self.accrual), -360.0)
        shipment = self.shipment.with_user(self.lc_buyer)
        self.assertEqual((shipment.state, shipment.is_billed), ("received", False))
        self.assertEqual(self._stock_value(self.chair), 1338.0)
        self.assertEqual(self._balance(self.stock_account), self._stock_value())

    def test_posted_bill_lines_keep_the_receipts_they_trued_up(self):
        """Re-pointing a posted bill's landed-cost line, or adding one to the
        posted bill, is refused; reset to draft, the line may be re-pointed."""
        self._scenario(deliver=False)
        other = self._make_shipment(reference="MSCU7654321")
        line = self.bill.invoice_line_ids.filtered(
            lambda aml: aml.product_id == self.freight
        )
        message = "is posted: the inbound shipment and landed cost receipts"
        controller_lines = self.env["account.move.line"].with_user(self.lc_controller)
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            controller_lines.browse(line.ids).write({"dist_shipment_id": other.id})
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            controller_lines.browse(line.ids).write(
                {"dist_picking_ids": [Command.set(self.receipt.ids)]}
            )
        with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
            self.bill.with_user(self.lc_controller).write(
                {
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.freight.id,
                                "quantity": 1,
                                "price_unit": 0.0,
                                "tax_ids": [],
                                "dist_shipment_id": other.id,
                            }
                        )
                    ]
                }
            )
        self.assertEqual(line.dist_shipment_id, self.shipment)
        self.assertEqual(self.shipment.state, "billed")
        self.bill.with_user(self.lc_controller).button_draft()
        controller_lines.browse(line.ids).write({"dist_shipment_id": other.id})
        self.assertEqual(line.dist_shipment_id, other)
