from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BILL_DATE, ProcureCommon

PAYABLE = "liability_payable"


@tagged("post_install", "-at_install")
class TestPaymentBlockDoors(ProcureCommon):
    """A blocked bill is settled by no door but a credit note, for the payables clerk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_key(price_pct=5.0)

    def setUp(self):
        super().setUp()
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        self.order = order
        self.bill = self._make_bill(order, prices={self.product: 106.0})
        self.assertTrue(self.bill.dist_payment_blocked)

    def _payable(self, move):
        return move.line_ids.filtered(
            lambda line: line.account_id.account_type == PAYABLE
        )

    def _outstanding_payment(self, amount=1060.0):
        """Post an outbound payment to the vendor as the clerk; return its payable line."""
        payment = (
            self.env["account.payment"]
            .with_user(self.payables)
            .create(
                {
                    "payment_type": "outbound",
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "amount": amount,
                    "date": BILL_DATE,
                }
            )
        )
        payment.action_post()
        return self._payable(payment.move_id)

    def _partial_vals(self, debit, credit, amount=1060.0):
        return {
            "debit_move_id": debit.id,
            "credit_move_id": credit.id,
            "amount": amount,
            "debit_amount_currency": amount,
            "credit_amount_currency": amount,
        }

    def test_blocked_bill_refuses_the_register_payment_wizard(self):
        """Register Payment explains the block before creating any payment."""
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            self._pay(self.bill)
        self.assertEqual(self.bill.payment_state, "not_paid")

    def test_blocked_bill_refuses_an_outstanding_payment_assigned_on_it(self):
        """The payment widget on the bill (js_assign_outstanding_line) is refused."""
        line = self._outstanding_payment()
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            self.bill.with_user(self.payables).js_assign_outstanding_line(line.id)

    def test_blocked_bill_refuses_reconcile_with_a_payment(self):
        """reconcile() of the payment and bill payable lines is refused."""
        lines = self._outstanding_payment() | self._payable(self.bill)
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            lines.with_user(self.payables).reconcile()

    def test_blocked_bill_refuses_a_partial_created_over_rpc(self):
        """Creating the partial reconcile directly, as the clerk or as sudo, is refused."""
        vals = self._partial_vals(self._outstanding_payment(), self._payable(self.bill))
        Partial = self.env["account.partial.reconcile"]
        for partials in (Partial.with_user(self.payables), Partial.sudo()):
            with self.assertRaisesRegex(UserError, "cannot be paid"):
                partials.create(vals)
        self.assertEqual(self.bill.payment_state, "not_paid")

    def test_partial_cannot_be_repointed_to_a_blocked_bill(self):
        """A partial of a payable bill re-pointed at the blocked bill is refused."""
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        other = self._make_bill(order)
        payment_line = self._outstanding_payment(1000.0)
        partial = (
            self.env["account.partial.reconcile"]
            .with_user(self.payables)
            .create(self._partial_vals(payment_line, self._payable(other), 1000.0))
        )
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            partial.write({"credit_move_id": self._payable(self.bill).id})

    def test_credit_note_still_settles_a_blocked_bill(self):
        """A vendor credit note may be reconciled with the blocked bill."""
        refund = self._make_bill(
            self.order,
            prices={self.product: 106.0},
            quantities={self.product: 2},
            refund=True,
        )
        self.bill.with_user(self.payables).js_assign_outstanding_line(
            self._payable(refund).id
        )
        self.assertEqual(self.bill.payment_state, "partial")
        self.assertEqual(refund.payment_state, "paid")

    def test_foreign_credit_note_with_exchange_difference_settles_a_blocked_bill(self):
        """In EUR at a later rate, the credit note and its exchange entry settle it."""
        Rate = self.env["res.currency.rate"]
        for day, rate in (("2026-01-01", 0.4), ("2026-03-10", 0.5)):
            Rate.create(
                {
                    "name": day,
                    "rate": rate,
                    "currency_id": self.eur.id,
                    "company_id": self.company_a.id,
                }
            )
        order = self._confirmed_po([(self.product, 10, 100.0)], currency=self.eur)
        self._receive(order)
        bill = self._make_bill(order, prices={self.product: 106.0})
        self.assertTrue(bill.dist_payment_blocked)
        refund = (
            self.env["account.move"]
            .with_user(self.payables)
            .create(
                {
                    "move_type": "in_refund",
                    "partner_id": self.vendor.id,
                    "invoice_date": "2026-03-15",
                    "currency_id": self.eur.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "quantity": 10,
                                "price_unit": 106.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        refund.action_post()
        bill.with_user(self.payables).js_assign_outstanding_line(
            self._payable(refund).id
        )
        # The euro rose: the exchange entry closes the bill's dollar residual.
        exchange = self._payable(bill).matched_debit_ids.debit_move_id.move_id
        self.assertIn("entry", exchange.mapped("move_type"))
        self.assertEqual(bill.payment_state, "reversed")

    def test_released_bill_is_paid_with_an_outstanding_payment(self):
        """After a controller's release, the same payment settles the bill."""
        line = self._outstanding_payment()
        self._release(self.bill, self.controller)
        self.bill.with_user(self.payables).js_assign_outstanding_line(line.id)
        self.assertIn(self.bill.payment_state, ("paid", "in_payment"))

    def test_matched_bill_is_paid_by_a_partial_created_directly(self):
        """A bill that matches is settled by any door, a direct partial included."""
        order = self._confirmed_po([(self.product, 10, 100.0)])
        self._receive(order)
        bill = self._make_bill(order)
        self.assertEqual(bill.dist_match_state, "matched")
        vals = self._partial_vals(
            self._outstanding_payment(1000.0), self._payable(bill)
        )
        self.env["account.partial.reconcile"].with_user(self.payables).create(
            dict(vals, amount=1000.0)
        )
        self.assertEqual(self._payable(bill).amount_residual, 0.0)
