from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ProcureCommon


@tagged("post_install", "-at_install")
class TestThreeWayMatch(ProcureCommon):
    """Bills are matched per line against orders and receipts, then paid or blocked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls._make_key(qty_pct=0.0, price_pct=5.0)

    def _received_order(self, product=None, qty=10, price=100.0, **kwargs):
        order = self._confirmed_po([(product or self.product, qty, price)], **kwargs)
        self._receive(order)
        return order

    def test_bill_four_pct_over_price_is_within_tolerance_and_payable(self):
        """4 % over with a 5 % key: within tolerance, paid without release."""
        order = self._received_order()
        bill = self._make_bill(order, prices={self.product: 104.0})
        self.assertEqual(bill.dist_match_state, "within_tolerance")
        self._pay(bill)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_bill_six_pct_over_is_blocked_until_a_controller_releases_it(self):
        """6 % over: payment refused, a controller releases it, then it is paid."""
        order = self._received_order()
        bill = self._make_bill(order, prices={self.product: 106.0})
        self.assertEqual(bill.dist_match_state, "exception")
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            self._pay(bill)
        self._release(bill, self.controller)
        self.assertTrue(bill.dist_payment_released)
        self._pay(bill)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_match_exception_is_queued_and_closed_by_the_release(self):
        """The exception is in the queue and closed with the release reason."""
        bill = self._make_bill(self._received_order(), prices={self.product: 106.0})
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )
        self.assertEqual((exception.kind, exception.state), ("match", "open"))
        self._release(bill, self.controller, reason="Surcharge agreed")
        self.assertEqual(exception.state, "resolved")
        self.assertIn("Surcharge agreed", exception.resolution)

    def _match_exception(self, bill):
        return self.env["dist.exception"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )

    def test_match_exception_cannot_be_closed_in_the_queue(self):
        """Waive, resolve, submit, write the status or re-point it: all refused;
        the exception closes with the bill (release or new match)."""
        bill = self._make_bill(self._received_order(), prices={self.product: 106.0})
        exception = self._match_exception(bill).with_user(self.controller)
        exception.write({"waive_reason": "Agreed", "resolution": "Fixed"})
        attempts = [
            exception.action_request_waiver,
            exception.action_resolve,
            exception.action_dist_submit,
            lambda: exception.sudo().write({"state": "resolved"}),
            lambda: exception.sudo().write({"kind": "other"}),
        ]
        for attempt in attempts:
            with self.assertRaisesRegex(
                UserError, "Release Payment|controls of the suite only"
            ):
                attempt()
        self.assertEqual(exception.state, "open")
        self.assertTrue(bill.dist_payment_blocked)

    def test_bill_reset_to_draft_closes_its_match_exception(self):
        """A bill taken back leaves no open match exception behind."""
        bill = self._make_bill(self._received_order(), prices={self.product: 106.0})
        exception = self._match_exception(bill)
        bill.with_user(self.payables).button_draft()
        self.assertEqual(exception.state, "resolved")
        bill.with_user(self.payables).action_post()
        self.assertEqual(
            self._match_exception(bill).filtered_domain([("state", "=", "open")]).kind,
            "match",
        )

    def test_bill_reset_to_draft_rematches_the_other_bills_of_the_order(self):
        """A second bill over-bills the receipt; resetting the first matches it."""
        order = self._received_order()
        first = self._make_bill(order)
        second = self._make_bill(order)
        self.assertEqual(second.dist_match_state, "exception")
        first.with_user(self.payables).button_draft()
        self.assertEqual(second.dist_match_state, "matched")
        self.assertFalse(second.dist_payment_blocked)

    def test_bill_author_cannot_release_it(self):
        """A controller who entered the bill cannot release it."""
        order = self._received_order()
        bill = self._make_bill(
            order, prices={self.product: 106.0}, user=self.controller_clerk
        )
        self._release(bill, self.controller_clerk)
        self.assertTrue(bill.dist_payment_blocked)
        release = bill.dist_release_ids
        with self.assertRaises(AccessError):
            release.with_user(self.controller_clerk).action_dist_approve("mine")
        release.with_user(self.controller).action_dist_approve("checked")
        self.assertFalse(bill.dist_payment_blocked)

    def test_non_controller_cannot_release(self):
        """The payables clerk who is not a controller cannot release a bill."""
        bill = self._make_bill(self._received_order(), prices={self.product: 106.0})
        self._release(bill, self.payables)
        with self.assertRaises(AccessError):
            bill.dist_release_ids.with_user(self.payables).action_dist_approve("ok")
        self.assertTrue(bill.dist_payment_blocked)

    def test_bill_before_receipt_awaits_then_matches_when_goods_arrive(self):
        """Billed before receipt: awaiting receipt and blocked; matched on arrival."""
        order = self._confirmed_po([(self.product, 10, 100.0)])
        bill = self._make_bill(order)
        self.assertEqual(bill.dist_match_state, "awaiting_receipt")
        self.assertTrue(bill.dist_payment_blocked)
        self._receive(order)
        self.assertEqual(bill.dist_match_state, "matched")
        self._pay(bill)

    def test_credit_note_reduces_billed_quantity(self):
        """12 billed of 10 is an exception; a credit note of 2 makes it match."""
        order = self._received_order()
        self._make_bill(order, quantities={self.product: 10})
        second = self._make_bill(order, quantities={self.product: 2})
        self.assertEqual(second.dist_match_state, "exception")
        self._make_bill(order, quantities={self.product: 2}, refund=True)
        self.assertEqual(second.dist_match_state, "matched")
        self.assertEqual(second.invoice_line_ids.dist_prev_billed_qty, 8)

    def test_line_detail_shows_quantities_prices_and_variance(self):
        """The bill line shows ordered, received, billed, prices and PPV."""
        order = self._received_order()
        bill = self._make_bill(order, prices={self.product: 104.0})
        line = bill.invoice_line_ids
        self.assertEqual(
            (line.dist_ordered_qty, line.dist_received_qty, line.dist_billed_qty),
            (10, 10, 10),
        )
        self.assertEqual((line.dist_po_price, line.dist_bill_price), (100, 104))
        self.assertAlmostEqual(line.dist_ppv_amount, 40.0)
        self.assertEqual(line.dist_tolerance_key_id, self.key)

    def test_price_limits_in_foreign_currency_with_absolute_key(self):
        """EUR bill, 2 USD/unit key, 1 EUR = 2 USD: +1.00 EUR in, +1.01 EUR out."""
        self.key.write({"price_pct": 0.0, "price_abs": 2.0})
        self.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.5,
                "currency_id": self.eur.id,
                "company_id": self.company_a.id,
            }
        )
        states = []
        for price in (100.99, 101.0, 101.01):
            order = self._received_order(currency=self.eur)
            states.append(
                self._make_bill(order, prices={self.product: price}).dist_match_state
            )
        self.assertEqual(states, ["within_tolerance", "within_tolerance", "exception"])

    def test_ppv_is_stored_in_company_currency(self):
        """10 units billed 10 EUR over (1 EUR = 2 USD): a PPV of 200 USD."""
        self.key.price_pct = 20.0
        self.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.5,
                "currency_id": self.eur.id,
                "company_id": self.company_a.id,
            }
        )
        order = self._received_order(currency=self.eur)
        bill = self._make_bill(order, prices={self.product: 110.0})
        self.assertAlmostEqual(bill.invoice_line_ids.dist_ppv_amount, 200.0)
        self.assertAlmostEqual(bill.dist_ppv_amount, 200.0)

    def test_most_specific_key_wins_on_bills(self):
        """A family key of 10 % beats the company's 5 % for that family only."""
        self._make_key(product_family_id=self.family.id, price_pct=10.0)
        order_2 = self._received_order(self.product_2, vendor=self.vendor_2, price=10.0)
        bill_2 = self._make_bill(order_2, prices={self.product_2: 10.8})
        bill = self._make_bill(self._received_order(), prices={self.product: 108.0})
        self.assertEqual(bill_2.dist_match_state, "within_tolerance")
        self.assertEqual(bill.dist_match_state, "exception")

    def test_blocked_bill_cannot_be_settled_with_an_existing_payment(self):
        """Assigning an outstanding payment to a blocked bill is refused too."""
        bill = self._make_bill(self._received_order(), prices={self.product: 106.0})
        payment = (
            self.env["account.payment"]
            .with_user(self.payables)
            .create(
                {
                    "payment_type": "outbound",
                    "partner_type": "supplier",
                    "partner_id": self.vendor.id,
                    "amount": 1060.0,
                    "date": "2026-03-02",
                }
            )
        )
        payment.action_post()
        line = payment.line_ids.filtered(
            lambda ml: ml.account_id.account_type == "liability_payable"
        )
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            bill.with_user(self.payables).js_assign_outstanding_line(line.id)

    def test_company_without_keys_is_not_controlled(self):
        """No tolerance key in company B: bills there are neither matched nor blocked."""
        order = self._make_po(
            [(self.product, 10, 100.0)], user=self.user_b, company=self.company_b
        )
        order.with_user(self.user_b).button_confirm()
        payables_b = self._make_user(
            "dist_payables_b", "account.group_account_invoice", self.company_b
        )
        bill = self._make_bill(order, prices={self.product: 150.0}, user=payables_b)
        self.assertFalse(bill.dist_match_state)
        self.assertFalse(bill.dist_payment_blocked)
