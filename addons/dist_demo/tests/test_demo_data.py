import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from ..tools.gtin import is_valid_gtin
from ..tools.procure import CASES
from .common import DistDemoCommon


@tagged("post_install", "-at_install")
class TestDemoData(DistDemoCommon):
    def test_three_companies_in_their_currencies(self):
        """The holding is in USD, the acquired entities in EUR and GBP, all anglo-saxon."""
        currencies = {key: c.currency_id.name for key, c in self.companies.items()}
        self.assertEqual(currencies, {"hq": "USD", "nordic": "EUR", "brit": "GBP"})
        self.assertTrue(all(self.all_companies.mapped("anglo_saxon_accounting")))
        rates = self._as_reader("res.currency.rate").search_count(
            [("currency_id.name", "in", ("EUR", "GBP")), ("company_id", "=", False)]
        )
        self.assertGreaterEqual(rates, 2 * 365)

    def test_six_warehouses_with_distinct_codes(self):
        """Each company has two warehouses, six distinct codes in total."""
        warehouses = self._as_reader("stock.warehouse").search(
            [("company_id", "in", self.all_companies.ids)]
        )
        self.assertEqual(len(warehouses), 6)
        self.assertEqual(len(set(warehouses.mapped("code"))), 6)
        for company in self.all_companies:
            self.assertEqual(
                len(warehouses.filtered(lambda w, c=company: w.company_id == c)), 2
            )

    def test_catalog_has_valid_barcodes_and_mixed_units(self):
        """At least 300 shared products, all with valid GTIN-13, in several units."""
        products = self._as_reader("product.product").search(
            [("default_code", "ilike", "dst")]
        )
        self.assertGreaterEqual(len(products), 300)
        self.assertTrue(all(is_valid_gtin(p.barcode) for p in products))
        self.assertFalse(products.company_id)
        self.assertGreaterEqual(len(products.uom_id), 3)
        self.assertIn("Box of 12", products.uom_po_id.mapped("name"))
        self.assertTrue(all(p.weight > 0 and p.volume > 0 for p in products))

    def test_categories_value_fifo_and_average_in_real_time(self):
        """Every demo category is automatically valued, some FIFO and some AVCO, per company."""
        categories = self._as_reader("product.category").search(
            [("parent_id.name", "=", "Distribution")]
        )
        for company in self.all_companies:
            in_company = categories.with_company(company)
            self.assertEqual(
                set(in_company.mapped("property_valuation")), {"real_time"}
            )
            self.assertEqual(
                set(in_company.mapped("property_cost_method")), {"fifo", "average"}
            )

    def test_suppliers_include_near_duplicates_by_vat(self):
        """Two suppliers share a VAT number, one writes it with spaces."""
        suppliers = self._as_reader("res.partner").search(
            [("supplier_rank", ">", 0), ("vat", "!=", False)]
        )
        normalized = [s.vat.replace(" ", "") for s in suppliers]
        self.assertGreaterEqual(len(normalized) - len(set(normalized)), 1)
        prices = self._as_reader("product.supplierinfo").search(
            [("partner_id", "in", suppliers.ids)]
        )
        self.assertGreater(len(set(prices.mapped("delay"))), 3)
        self.assertTrue(prices.filtered("date_end"))

    def test_twelve_months_of_orders_in_every_company(self):
        """Each company has purchases and sales in each of the last twelve months."""
        today = fields.Date.today()
        for company in self.all_companies:
            for model in ("purchase.order", "sale.order"):
                orders = self._as_reader(model, company).search(
                    [("company_id", "=", company.id)]
                )
                months = {(d.year, d.month) for d in orders.mapped("date_order")}
                first = today - relativedelta(months=11)
                self.assertIn((first.year, first.month), months, (company.name, model))
                self.assertGreaterEqual(len(months), 12, (company.name, model))
                self.assertTrue(
                    all(d.date() <= today for d in orders.mapped("date_order"))
                )

    def test_receipts_late_and_partial(self):
        """Some receipts arrive after the planned date, some orders come in two receipts."""
        for company in self.all_companies:
            orders = self._as_reader("purchase.order", company).search(
                [("company_id", "=", company.id)]
            )
            done = orders.picking_ids.filtered(lambda p: p.state == "done")
            late = done.filtered(lambda p: p.date_done.date() > p.scheduled_date.date())
            self.assertTrue(late, company.name)
            self.assertTrue(done.filtered("backorder_id"), company.name)
            self.assertTrue(all(p.date_done.date() < fields.Date.today() for p in done))

    def test_deliveries_late_and_partial(self):
        """Some deliveries leave after the promised date, some orders ship in two parts."""
        for company in self.all_companies:
            orders = self._as_reader("sale.order", company).search(
                [("company_id", "=", company.id)]
            )
            # deliveries only: a return taken back has no promised date
            done = orders.picking_ids.filtered(
                lambda p: p.state == "done" and p.picking_type_code == "outgoing"
            )
            late = done.filtered(lambda p: p.date_done > p.date_deadline)
            self.assertTrue(late, company.name)
            self.assertTrue(done.filtered("backorder_id"), company.name)

    def test_bills_and_invoices_posted_in_the_past(self):
        """Every company has posted vendor bills and customer invoices dated over the year."""
        for company in self.all_companies:
            moves = self._as_reader("account.move", company).search(
                [("company_id", "=", company.id), ("state", "=", "posted")]
            )
            for move_type in ("in_invoice", "out_invoice"):
                documents = moves.filtered(lambda m, t=move_type: m.move_type == t)
                self.assertGreaterEqual(
                    len(set(documents.mapped(lambda m: m.date.month))), 9
                )

    def test_every_posted_entry_is_balanced(self):
        """The debit and credit of each posted entry are equal."""
        groups = self._as_reader("account.move.line").read_group(
            [
                ("company_id", "in", self.all_companies.ids),
                ("parent_state", "=", "posted"),
            ],
            ["debit:sum", "credit:sum"],
            ["move_id"],
        )
        self.assertTrue(groups)
        unbalanced = [g for g in groups if abs(g["debit"] - g["credit"]) > 0.005]
        self.assertFalse(unbalanced)

    def test_stock_valuation_matches_the_valuation_accounts(self):
        """Per company the valuation layers add up to the stock valuation account balance."""
        for company in self.all_companies:
            layers = self._as_reader("stock.valuation.layer", company).search(
                [("company_id", "=", company.id)]
            )
            self.assertTrue(layers, company.name)
            accounts = layers.product_id.categ_id.with_company(company).mapped(
                "property_stock_valuation_account_id"
            )
            lines = self._as_reader("account.move.line", company).search(
                [("account_id", "in", accounts.ids), ("parent_state", "=", "posted")]
            )
            self.assertAlmostEqual(
                sum(layers.mapped("value")), sum(lines.mapped("balance")), places=2
            )
            self.assertGreater(sum(layers.mapped("value")), 0)

    def test_bills_and_invoices_fall_due_after_their_date(self):
        """Partners have payment terms: every bill and invoice falls due some days
        after its date, so the aged balances spread out."""
        moves = self._as_reader("account.move").search(
            [
                ("move_type", "in", ("in_invoice", "out_invoice")),
                ("state", "=", "posted"),
            ]
        )
        self.assertTrue(moves)
        self.assertFalse(moves.filtered(lambda m: not m.invoice_payment_term_id))
        self.assertFalse(moves.filtered(lambda m: m.invoice_date_due <= m.invoice_date))

    def test_references_are_the_partners_not_the_generators(self):
        """Vendor, bill and customer references carry no plan key nor case code."""
        orders = self._as_reader("purchase.order").search([])
        bills = self._as_reader("account.move").search(
            [("move_type", "=", "in_invoice")]
        )
        sales = self._as_reader("sale.order").search([])
        refs = (
            orders.mapped("partner_ref")
            + bills.mapped("ref")
            + sales.mapped("client_order_ref")
        )
        refs = [ref for ref in refs if ref]  # RFQs made from requisitions have none
        self.assertTrue(refs)
        codes = [case.code for case in CASES]
        leaked = [
            ref
            for ref in refs
            if re.search(r"(hq|nordic|brit)-|-[PS]\d{5}", ref, re.I)
            or any(code in ref for code in codes)
        ]
        self.assertEqual(leaked, [])
