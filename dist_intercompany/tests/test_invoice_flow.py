from odoo.tests import tagged

from .common import USD_PER_EUR, IntercompanyFlowCommon


@tagged("post_install", "-at_install")
class TestInvoiceFlow(IntercompanyFlowCommon):
    """B's invoice is A's vendor bill: same document, each side's books."""

    def _delivered_chain(self):
        order, sale = self._ic_chain()
        self._deliver_lots(
            sale,
            {
                self.product_lot: {"L1": 4.0, "L2": 2.0},
                self.product_serial: {"SN1": 1.0, "SN2": 1.0},
            },
        )
        return order, sale

    def _bill_of(self, invoice):
        return self.env["account.move"].browse(invoice.sudo().dist_ic_counterpart_id)

    def _booked(self, move, account_type):
        """(balance, amount in document currency) on ``account_type`` lines."""
        lines = move.sudo().line_ids.filtered(
            lambda line: line.account_id.account_type == account_type
        )
        return sum(lines.mapped("balance")), sum(lines.mapped("amount_currency"))

    def test_invoice_of_partial_delivery_is_a_matched_bill(self):
        """B invoices the 8 units delivered at 110.00 USD tax included; A's bill
        is posted in USD for 800.00 + 10% A tax, booked in EUR at A's rate,
        each line on its PO line, and matched against A's receipt."""
        order, sale = self._delivered_chain()
        invoice = self._invoice(sale)
        self.assertEqual(
            (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total),
            (800.0, 80.0, 880.0),
        )
        bill = self._bill_of(invoice).with_user(self.payables)
        self.assertEqual(
            (bill.move_type, bill.state, bill.ref, bill.currency_id),
            ("in_invoice", "posted", invoice.name, self.usd),
        )
        self.assertEqual(bill.partner_id, self.partner_b)
        self.assertEqual(
            (bill.amount_untaxed, bill.amount_tax, bill.amount_total),
            (800.0, 80.0, 880.0),
        )
        self.assertEqual(bill.invoice_line_ids.tax_ids, self.tax_a)
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, order.order_line)
        self.assertEqual(bill.invoice_line_ids.mapped("quantity"), [6.0, 2.0])
        self.assertEqual(bill.dist_match_state, "matched")
        self.assertFalse(bill.dist_payment_blocked)
        # B books USD 880 receivable; A books EUR 704 payable (880 / 1.25)
        self.assertEqual(self._booked(invoice, "asset_receivable"), (880.0, 880.0))
        self.assertEqual(
            self._booked(bill, "liability_payable"),
            (-round(880.0 / USD_PER_EUR, 2), -880.0),
        )
        self.assertEqual(order.order_line.mapped("qty_invoiced"), [6.0, 2.0])
        # 2 lots and 1 serial are still to deliver and invoice
        self.assertEqual(self._transaction(order).invoice_state, "partial")
        self.assertIn(
            f"Mirrored from {self.company_b.name}: {invoice.name}",
            self._mirror_note(bill).body,
        )

    def test_bill_left_in_draft_per_rule(self):
        """With bills in draft, A's bill waits for A's payables clerk."""
        self.rule.bill_state = "draft"
        _order, sale = self._delivered_chain()
        bill = self._bill_of(self._invoice(sale))
        self.assertEqual((bill.state, bill.amount_total), ("draft", 880.0))

    def test_bill_before_receipt_awaits_receipt(self):
        """Invoiced before A received (goods flow off): the bill awaits receipt."""
        self.rule.write({"sync_delivery": False})
        order, sale = self._delivered_chain()
        bill = self._bill_of(self._invoice(sale))
        self.assertEqual(bill.dist_match_state, "awaiting_receipt")
        self.assertTrue(bill.dist_payment_blocked)

    def test_credit_note_is_mirrored(self):
        """B takes back serial SN2 and refunds it: A gets the vendor refund."""
        order, sale = self._delivered_chain()
        delivery = sale.sudo().picking_ids.filtered(lambda p: p.state == "done")
        self._invoice(sale)
        self._return(
            delivery, {self.product_serial: {"SN2": 1.0}}, self.warehouse_user_b
        )
        refund = self._invoice(sale)
        self.assertEqual((refund.move_type, refund.amount_total), ("out_refund", 110.0))
        mirror = self._bill_of(refund)
        self.assertEqual(
            (mirror.move_type, mirror.state, mirror.ref, mirror.amount_total),
            ("in_refund", "posted", refund.name, 110.0),
        )
        self.assertEqual(
            mirror.invoice_line_ids.purchase_line_id,
            order.order_line.filtered(
                lambda line: line.product_id == self.product_serial
            ),
        )
        self.assertEqual(order.order_line.mapped("qty_invoiced"), [6.0, 1.0])

    def test_invoice_not_mirrored_when_rule_says_so(self):
        """With the invoice flow off, no bill is created in A."""
        self.rule.sync_invoice = False
        order, sale = self._delivered_chain()
        invoice = self._invoice(sale)
        self.assertFalse(invoice.sudo().dist_ic_counterpart_id)
        self.assertEqual(self._transaction(order).invoice_state, "skipped")

    def test_mirrored_bill_never_mirrors_back(self):
        """Posting A's mirrored bill does not create anything in B."""
        self.rule.bill_state = "draft"
        _order, sale = self._delivered_chain()
        invoice = self._invoice(sale)
        bill = self._bill_of(invoice)
        bill.with_user(self.payables).action_post()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("dist_ic_counterpart_id", "=", bill.id)]
            ),
            1,
        )
