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
        """The reconciliations of the last month explain one difference of
        each reason; every other pair balances."""
        lines = self.reconciliations.line_ids
        reasons = sorted(lines.filtered("reason").mapped("reason"))
        self.assertEqual(reasons, ["amount", "fx", "missing_mirror", "tax", "timing"])
        balanced = lines.filtered(lambda line: not line.reason)
        self.assertEqual(
            len(balanced),
            sum(1 for case in ic.CASES if not ic.EXPECTED_REASON[case[1]]),
        )
        for line in lines.filtered("reason"):
            self.assertTrue(line.explanation, line.seller_ref)
            self.assertTrue(line.difference, line.seller_ref)

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
        self.assertFalse(again.reason)
        self.assertEqual(reconciliation.open_count, open_before - 1)
