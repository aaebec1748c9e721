from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BILL_DATE, ProcureCommon


@tagged("post_install", "-at_install")
class TestMatchScope(ProcureCommon):
    """Every product line of a vendor bill is matched against what it points at."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_key(price_pct=5.0)
        cls.service = cls._make_governed(
            "product.template",
            {
                "name": "Calibration",
                "type": "service",
                "categ_id": cls.categ.id,
                "dist_state": "active",
                "supplier_taxes_id": [Command.clear()],
            },
        ).product_variant_id

    def _received_order(self, lines=None, **kwargs):
        order = self._confirmed_po(lines or [(self.product, 10, 100.0)], **kwargs)
        self._receive(order)
        return order

    def _assert_blocked(self, bill, reason):
        """The bill is an exception naming ``reason``, and cannot be paid."""
        self.assertEqual(bill.dist_match_state, "exception")
        self.assertTrue(bill.dist_payment_blocked)
        exception = self.env["dist.exception"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )
        self.assertIn(reason, exception.message)
        with self.assertRaisesRegex(UserError, "cannot be paid"):
            self._pay(bill)

    def _bill_without_order(self, company, user, product, price):
        bill = (
            self.env["account.move"]
            .with_user(user)
            .with_company(company)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.vendor.id,
                    "invoice_date": fields.Date.to_date(BILL_DATE),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        bill.action_post()
        return bill

    # ------------------------------------------------------------------ E13
    def test_service_bill_of_an_order_awaiting_approval_is_blocked_until_approved(self):
        """Service billed on an order still to approve: an exception; approval clears it."""
        self._make_po_rule()
        order = self._make_po([(self.service, 1, 500.0)])
        order.with_user(self.buyer).button_confirm()
        self.assertEqual(order.state, "to approve")
        bill = self._make_bill(order)
        self._assert_blocked(bill, "not approved")
        order.with_user(self.buyer_manager).button_approve()
        self.assertEqual(bill.dist_match_state, "matched")
        self._pay(bill)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_bill_of_a_draft_order_is_an_exception(self):
        """A bill on the lines of a draft order is never matched."""
        order = self._make_po([(self.service, 1, 500.0)])
        bill = self._make_bill(order)
        self._assert_blocked(bill, "not approved")

    def test_bill_of_another_vendors_order_is_an_exception(self):
        """Vendor 2 billing vendor 1's order lines: an exception."""
        order = self._received_order()
        bill = self._make_bill(order, vendor=self.vendor_2)
        self._assert_blocked(bill, "another vendor")
        self.assertEqual(bill.invoice_line_ids.dist_match_state, "exception")

    # ------------------------------------------------------------------ E14
    def test_line_on_no_order_beside_an_order_line_is_an_exception(self):
        """The variance cannot hide on an extra line of the same product."""
        order = self._received_order()
        bill = self._make_bill(order, extra_lines=[(self.product, 1, 3.0)])
        self._assert_blocked(bill, "no purchase order line")
        extra = bill.invoice_line_ids.filtered(lambda line: not line.purchase_line_id)
        self.assertEqual(extra.dist_match_state, "exception")

    def test_line_of_another_product_than_its_order_line_is_an_exception(self):
        """A line pointing at the bolt order line must bill the bolt."""
        order = self._received_order()
        bill = self._make_bill(order)
        bill.with_user(self.payables).button_draft()
        bill.invoice_line_ids.with_user(self.payables).write(
            {"product_id": self.product_2.id, "price_unit": 100.0}
        )
        bill.with_user(self.payables).action_post()
        self._assert_blocked(bill, "product differs")

    def test_company_requiring_orders_blocks_a_bill_on_no_order(self):
        """Company B has no key; with Bills Need a Purchase Order its bills are matched."""
        payables_b = self._make_user(
            "dist_payables_b", "account.group_account_invoice", self.company_b
        )
        free = self._bill_without_order(self.company_b, payables_b, self.product, 9.0)
        self.assertFalse(free.dist_match_state)
        self.company_b.dist_bill_require_po = True
        bill = self._bill_without_order(self.company_b, payables_b, self.product, 9.0)
        self.assertEqual(bill.dist_match_state, "exception")
        self.assertTrue(bill.dist_payment_blocked)

    def test_purchase_receipt_is_matched_and_blocked_like_a_bill(self):
        """An in_receipt 6 % over the order price is blocked as a bill would be."""
        order = self._received_order()
        receipt = self._make_bill(
            order, prices={self.product: 106.0}, move_type="in_receipt"
        )
        self._assert_blocked(receipt, "unit price")

    def test_credit_note_line_on_no_order_is_flagged_but_does_not_block(self):
        """A credit note's unexplained line is an exception; the note blocks nothing."""
        order = self._received_order()
        refund = self._make_bill(
            order,
            quantities={self.product: 1},
            extra_lines=[(self.product, 1, 3.0)],
            refund=True,
        )
        extra = refund.invoice_line_ids.filtered(lambda line: not line.purchase_line_id)
        self.assertEqual(extra.dist_match_state, "exception")
        self.assertEqual(refund.dist_match_state, "matched")
        self.assertFalse(refund.dist_payment_blocked)

    def test_line_left_out_of_a_new_match_keeps_no_old_result(self):
        """Unlinked from its order line and reposted, a bill drops its line results."""
        order = self._received_order()
        bill = self._make_bill(order, extra_lines=[(self.product, 1, 3.0)])
        self.assertEqual(bill.dist_match_state, "exception")
        bill.with_user(self.payables).button_draft()
        bill.invoice_line_ids.with_user(self.payables).write(
            {"purchase_line_id": False}
        )
        bill.with_user(self.payables).action_post()
        self.assertFalse(bill.dist_match_state)
        self.assertFalse(any(bill.invoice_line_ids.mapped("dist_match_state")))
