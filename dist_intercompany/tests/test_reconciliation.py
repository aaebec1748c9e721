import io
import zipfile
from xml.etree import ElementTree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import IntercompanyFlowCommon

PERIOD = ("2026-03-01", "2026-03-31")
NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_xlsx(data):
    """Return the first sheet of an XLSX file as a list of rows (cell values)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        strings = [
            "".join(node.itertext())
            for node in ElementTree.fromstring(
                book.read("xl/sharedStrings.xml")
            ).findall("x:si", NS)
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{{{NS['x']}}}row"):
        values = {}
        for cell in row.findall("x:c", NS):
            value = cell.find("x:v", NS)
            text = value.text if value is not None else ""
            if cell.get("t") == "s":
                text = strings[int(text)]
            column = "".join(char for char in cell.get("r") if char.isalpha())
            values[ord(column) - ord("A")] = text
        rows.append([values.get(col, "") for col in range(max(values, default=-1) + 1)])
    return rows


@tagged("post_install", "-at_install")
class TestReconciliation(IntercompanyFlowCommon):
    """Due-from vs due-to of a company pair: each difference explained."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller_co, cls.buyer_co = cls.company_b, cls.company_a
        cls.controller_ab = new_test_user(
            cls.env,
            login="dist_ic_controller",
            groups="base.group_user,account.group_account_invoice,"
            "dist_harmonize_base.dist_harmonize_base_group_controller",
            company_id=cls.seller_co.id,
            company_ids=[Command.set((cls.seller_co | cls.buyer_co).ids)],
        )
        cls.sale_tax = cls._make_tax(cls.seller_co, "sale", 10.0)
        cls.purchase_tax = cls._make_tax(cls.buyer_co, "purchase", 10.0)
        cls.purchase_tax_20 = cls._make_tax(cls.buyer_co, "purchase", 20.0)

    @classmethod
    def _make_tax(cls, company, use, amount):
        return cls.env["account.tax"].create(
            {
                "name": f"IC {use} {amount}%",
                "type_tax_use": use,
                "amount": amount,
                "company_id": company.id,
            }
        )

    def _keyed(self, company, move_type, price, date, tax, ref=None, post=True):
        """A document keyed by hand (no flow): one line of ``price`` in USD."""
        partner = (
            self.buyer_co.partner_id
            if move_type == "out_invoice"
            else (self.seller_co.partner_id)
        )
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": date,
                    "date": date,
                    "currency_id": self.usd.id,
                    "ref": ref,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Goods",
                                "quantity": 1,
                                "price_unit": price,
                                "tax_ids": [Command.set(tax.ids)],
                            }
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    def _pair(self, seller_price=100.0, buyer_price=100.0, buyer_tax=None, **kw):
        invoice = self._keyed(
            self.seller_co, "out_invoice", seller_price, "2026-03-10", self.sale_tax
        )
        bill = self._keyed(
            self.buyer_co,
            "in_invoice",
            buyer_price,
            kw.get("bill_date", "2026-03-10"),
            buyer_tax or self.purchase_tax,
            ref=invoice.name,
            post=kw.get("post", True),
        )
        return invoice, bill

    def _reconcile(self, period=PERIOD):
        reconciliation = (
            self.env["dist.intercompany.reconciliation"]
            .with_user(self.controller_ab)
            .with_context(allowed_company_ids=(self.seller_co | self.buyer_co).ids)
            .create(
                {
                    "seller_company_id": self.seller_co.id,
                    "buyer_company_id": self.buyer_co.id,
                    "date_from": period[0],
                    "date_to": period[1],
                    "currency_id": self.usd.id,
                }
            )
        )
        reconciliation.action_compute()
        return reconciliation

    def _line(self, reconciliation, invoice):
        return reconciliation.line_ids.filtered(
            lambda line: line.seller_move_id == invoice
        )

    def test_agreeing_pair_balances(self):
        """An invoice and its bill for the same amount, taxes and rate balance."""
        invoice, _bill = self._pair()
        reconciliation = self._reconcile()
        line = self._line(reconciliation, invoice)
        self.assertEqual((line.seller_amount, line.buyer_amount), (110.0, 110.0))
        self.assertFalse(line.reason)
        self.assertTrue(reconciliation.balanced)

    def test_bill_of_next_month_is_timing(self):
        """A bill booked in April for a March invoice is a timing difference."""
        invoice, _bill = self._pair(bill_date="2026-04-02")
        line = self._line(self._reconcile(), invoice)
        self.assertEqual((line.reason, line.difference), ("timing", 110.0))
        self.assertIn("not both posted in the period", line.explanation)

    def test_draft_bill_is_timing(self):
        """A bill still in draft on the buyer's side is a timing difference."""
        invoice, _bill = self._pair(post=False)
        line = self._line(self._reconcile(), invoice)
        self.assertEqual((line.reason, line.buyer_amount), ("timing", 0.0))

    def test_other_net_amount_is_amount(self):
        """A bill keyed at 90 for an invoice of 100 is an amount difference."""
        invoice, _bill = self._pair(buyer_price=90.0)
        line = self._line(self._reconcile(), invoice)
        self.assertEqual((line.reason, line.difference), ("amount", 11.0))
        self.assertIn("differ before taxes: 100.0 against 90.0", line.explanation)

    def test_other_tax_is_tax(self):
        """Same net amount, 20% on the bill against 10% on the invoice: tax."""
        invoice, _bill = self._pair(buyer_tax=self.purchase_tax_20)
        line = self._line(self._reconcile(), invoice)
        self.assertEqual((line.reason, line.difference), ("tax", -10.0))

    def test_rate_change_is_fx(self):
        """Same document in USD: the buyer's EUR booking, translated at the
        period's end rate, differs from the seller's USD: FX."""
        self._set_rate(self.buyer_co, self.usd, "2026-03-31", 1.375)
        invoice, bill = self._pair()
        line = self._line(self._reconcile(), invoice)
        booked = -sum(
            bill.line_ids.filtered(
                lambda aml: aml.account_id.account_type == "liability_payable"
            ).mapped("balance")
        )
        self.assertAlmostEqual(line.buyer_amount, round(booked * 1.375, 2), 2)
        self.assertEqual(line.reason, "fx")
        self.assertNotEqual(line.difference, 0.0)

    def test_invoice_without_bill_is_missing_mirror(self):
        """An invoice the buyer never booked is a missing mirror document."""
        invoice = self._keyed(
            self.seller_co, "out_invoice", 100.0, "2026-03-10", self.sale_tax
        )
        line = self._line(self._reconcile(), invoice)
        self.assertEqual((line.reason, line.difference), ("missing_mirror", 110.0))

    def test_open_differences_are_in_the_exception_queue(self):
        """Each open difference is queued with its reason code; recomputing
        after the fix closes it."""
        invoice, bill = self._pair(buyer_price=90.0)
        reconciliation = self._reconcile()
        line = self._line(reconciliation, invoice)
        exception = self.env["dist.exception"].search(
            [("res_model", "=", line._name), ("res_id", "=", line.id)]
        )
        self.assertEqual(
            (exception.reason_code, exception.state), ("ic_amount", "open")
        )
        bill.button_draft()
        bill.invoice_line_ids.price_unit = 100.0
        bill.action_post()
        reconciliation.action_compute()
        self.assertEqual(exception.state, "resolved")
        self.assertTrue(reconciliation.balanced)

    def test_xlsx_export_has_the_figures(self):
        """The XLSX export lists each pair with its amounts, reason and totals."""
        invoice, _bill = self._pair(buyer_price=90.0)
        reconciliation = self._reconcile()
        action = reconciliation.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        rows = read_xlsx(attachment.raw)
        row = next(row for row in rows if row and row[0] == invoice.name)
        self.assertEqual(row[1], self._line(reconciliation, invoice).buyer_ref)
        self.assertEqual([float(value) for value in row[3:6]], [110.0, 99.0, 11.0])
        self.assertEqual(row[6], "Amount")
        self.assertEqual(rows[-1][0], "Total")
        self.assertEqual(float(rows[-1][5]), 11.0)

    def test_totals_and_computed_header_not_writable(self):
        """What the ribbon, the list and the export show is the engine's: a
        controller of both companies cannot mark an open pair balanced, nor
        move a computed reconciliation to another period or currency."""
        self._pair(buyer_price=90.0)
        reconciliation = self._reconcile()
        self.assertFalse(reconciliation.balanced)
        for values in (
            {"balanced": True},
            {"open_count": 0},
            {"difference": 0.0},
            {"due_to": reconciliation.due_from},
            {"computed_date": "2020-01-01 00:00:00"},
        ):
            with self.assertRaisesRegex(UserError, "set by the controls"):
                reconciliation.write(values)
        with self.assertRaisesRegex(UserError, "is computed: its Date To"):
            reconciliation.write({"date_to": "2026-04-30"})
        with self.assertRaisesRegex(UserError, "is computed: its Reporting Currency"):
            reconciliation.write({"currency_id": self.eur.id})
        self.assertEqual(
            (reconciliation.balanced, reconciliation.open_count), (False, 1)
        )

    def test_one_company_selected_cannot_reconcile(self):
        """A controller with only the seller selected neither reads nor
        computes the pair: both books are needed."""
        reconciliation = self._reconcile()
        seller_only = reconciliation.with_context(
            allowed_company_ids=self.seller_co.ids
        )
        with self.assertRaises(AccessError):
            seller_only.action_compute()
        with self.assertRaises(AccessError):
            seller_only.line_ids.read(["difference"])

    def _set_rate(self, company, currency, date, rate):
        self.env["res.currency.rate"].create(
            {
                "name": date,
                "rate": rate,
                "currency_id": currency.id,
                "company_id": company.id,
            }
        )

    def test_create_mirror_balances_the_pair(self):
        """An invoice of a chain whose invoice flow was off has no bill; the
        line's Create Mirror makes the bill through the invoice flow and the
        pair balances."""
        self.rule.sync_invoice = False
        order, sale = self._ic_chain([(self.product_lot, 2)])
        self._deliver_lots(sale, {self.product_lot: {"L1": 2.0}})
        invoice = self._invoice(sale)
        today = fields.Date.context_today(invoice)
        reconciliation = self._reconcile((today.replace(day=1), today))
        line = self._line(reconciliation, invoice)
        self.assertEqual((line.reason, line.difference), ("missing_mirror", 220.0))
        self.assertTrue(line.can_create_mirror)
        line.action_create_mirror()
        line = self._line(reconciliation, invoice)
        self.assertEqual(line.buyer_move_id.ref, invoice.name)
        self.assertEqual(line.buyer_move_id.dist_match_state, "matched")
        self.assertEqual((line.reason, line.difference), (False, 0.0))
        self.assertTrue(reconciliation.balanced)
