from odoo import fields
from odoo.tests import tagged

from ..tools import intercompany as ic
from .common import DistDemoCommon


@tagged("post_install", "-at_install")
class TestIntercompanyDemo(DistDemoCommon):
    """What a controller finds in Intercompany on first login
    (dist_intercompany): the holding's sales to the two acquired companies,
    mirrored end to end, and each pair's reconciliation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["dist.intercompany.rule"].search([])
        cls.reconciliations = cls.env["dist.intercompany.reconciliation"].search([])

    def test_the_holding_sells_to_both_companies_under_a_rule_each(self):
        holding = self.companies[ic.SELLER]
        self.assertEqual(
            {
                (r.seller_company_id, r.buyer_company_id, r.pricing_method)
                for r in self.rules
            },
            {
                (holding, self.companies["nordic"], "cost_plus"),
                (holding, self.companies["brit"], "pricelist"),
            },
        )
        for rule in self.rules:
            self.assertNotEqual(
                rule.seller_company_id.currency_id, rule.buyer_company_id.currency_id
            )
            for user in (rule.seller_user_id, rule.buyer_user_id):
                self.assertFalse(user.has_group("base.group_system"), user.login)

    def test_every_chain_ran_from_order_to_bill(self):
        """Each order of the buyers has its sale order, shipment, receipt,
        invoice and bill in the other company, the chain's steps saying so."""
        transactions = self.env["dist.intercompany.transaction"].search([])
        self.assertEqual(len(transactions), len(ic.CASES))
        for transaction in transactions:
            self.assertEqual(transaction.order_state, "done", transaction.name)
            self.assertIn(
                transaction.delivery_state, ("done", "partial"), transaction.name
            )
            self.assertIn(
                transaction.invoice_state, ("done", "partial"), transaction.name
            )
            purchase, sale = transaction.purchase_id, transaction.sale_id
            self.assertEqual(purchase.company_id, transaction.buyer_company_id)
            self.assertEqual(sale.company_id, transaction.seller_company_id)
            self.assertEqual(
                purchase.order_line.mapped("qty_received"),
                sale.order_line.mapped("qty_delivered"),
                transaction.name,
            )
            self.assertTrue(any(purchase.order_line.mapped("qty_received")))

    def test_one_difference_of_each_reason(self):
        """Britannia's reconciliation explains one difference of each reason
        its payables clerk caused (timing, amount, tax, missing mirror) beside
        a balanced pair; Nordic's, the invoice of ten days ago (FX). Every
        difference is explained and queued."""
        by_buyer = {rec.buyer_company_id: rec.line_ids for rec in self.reconciliations}
        brit = by_buyer[self.companies["brit"]]
        self.assertEqual(
            sorted(line.reason or "" for line in brit),
            ["", "amount", "missing_mirror", "tax", "timing"],
        )
        nordic = by_buyer[self.companies["nordic"]]
        self.assertIn("fx", nordic.mapped("reason"))
        self.assertEqual(set(nordic.mapped("reason")) - {False}, {"fx"})
        # the largest FX difference is the invoice of ten days ago
        fx = max(nordic.filtered("reason"), key=lambda line: abs(line.difference))
        self.assertLess(fx.date, fields.Date.context_today(fx))
        for line in (brit | nordic).filtered("reason"):
            self.assertTrue(line.explanation, line.seller_ref)
            self.assertTrue(line.difference, line.seller_ref)
            self.assertTrue(
                self.env["dist.exception"].search_count(
                    [
                        ("res_model", "=", line._name),
                        ("res_id", "=", line.id),
                        ("state", "=", "open"),
                    ]
                ),
                line.seller_ref,
            )

    def test_the_missing_mirror_created_from_its_line_balances_it(self):
        line = self.reconciliations.line_ids.filtered(
            lambda line: line.reason == "missing_mirror"
        )
        reconciliation = line.reconciliation_id
        open_before = reconciliation.open_count
        seller_ref = line.seller_ref
        line.action_create_mirror()
        again = reconciliation.line_ids.filtered(
            lambda line: line.seller_ref == seller_ref
        )
        # Britannia's rule leaves bills in draft: posted on one side only
        self.assertEqual(again.reason, "timing")
        bill = again.buyer_move_id
        self.assertEqual((bill.state, bill.ref), ("draft", seller_ref))
        clerk = self.env["res.users"].search(
            [("login", "=", "dist.demo.payables.brit")]
        )
        bill.with_user(clerk).with_company(bill.company_id).action_post()
        reconciliation.action_compute()
        again = reconciliation.line_ids.filtered(
            lambda line: line.seller_ref == seller_ref
        )
        self.assertFalse(again.reason)
        self.assertEqual(reconciliation.open_count, open_before - 1)
