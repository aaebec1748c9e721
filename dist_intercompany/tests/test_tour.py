from odoo.tests import HttpCase, tagged

from .common import IntercompanyFlowCommon


@tagged("post_install", "-at_install")
class TestIntercompanyTour(IntercompanyFlowCommon, HttpCase):
    """The whole chain in Chromium, each step under the login of a user of one
    company only: A's buyer confirms a PO to B, A's buyer manager approves it,
    B's salesperson finds the sale order confirmed, B's warehouse validates the
    delivery, A's warehouse finds the receipt done with B's lots, B's billing
    clerk invoices and posts, A's payables clerk finds the bill matched, and a
    controller of both companies computes the month's reconciliation: the pair
    balances."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_po_rule()
        cls.group_controller = cls._make_user(
            "dist_ic_group_controller",
            "dist_harmonize_base.dist_harmonize_base_group_controller,"
            "account.group_account_invoice",
            cls.company_a,
        )
        cls.group_controller.company_ids = cls.company_a | cls.company_b

    def _form(self, record):
        return f"/web#id={record.id}&model={record._name}&view_type=form"

    def test_order_to_balanced_reconciliation(self):
        order = self._make_ic_po(
            [(self.product_lot, 10), (self.product_serial, 3)], currency=self.usd
        )
        self.start_tour(
            self._form(order), "dist_ic_buyer_confirm_tour", login="dist_buyer"
        )
        self.assertEqual(order.state, "to approve")
        self.start_tour(
            self._form(order),
            "dist_ic_manager_approve_tour",
            login="dist_buyer_manager",
        )
        self.assertEqual(order.state, "purchase")
        sale = self._transaction(order).sale_id
        self.start_tour(self._form(sale), "dist_ic_sale_tour", login="dist_ic_sales_b")
        delivery = sale.sudo().picking_ids
        self.start_tour(
            self._form(delivery), "dist_ic_delivery_tour", login="dist_ic_warehouse_b"
        )
        self.assertEqual(delivery.state, "done")
        receipt = order.picking_ids
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            sorted(receipt.sudo().move_line_ids.mapped("lot_id.name")),
            sorted(delivery.sudo().move_line_ids.mapped("lot_id.name")),
        )
        self.start_tour(
            self._form(receipt), "dist_ic_receipt_tour", login="dist_warehouse"
        )
        self.start_tour(
            self._form(sale), "dist_ic_invoice_tour", login="dist_ic_billing_b"
        )
        invoice = sale.sudo().invoice_ids
        self.assertEqual(invoice.state, "posted")
        bill = self.env["account.move"].browse(invoice.dist_ic_counterpart_id)
        self.assertEqual((bill.state, bill.dist_match_state), ("posted", "matched"))
        self.start_tour(self._form(bill), "dist_ic_bill_tour", login="dist_payables")
        reconciliation = (
            self.env["dist.intercompany.reconciliation"]
            .with_user(self.group_controller)
            .create(
                {
                    "seller_company_id": self.company_b.id,
                    "buyer_company_id": self.company_a.id,
                    "date_from": invoice.date.replace(day=1),
                    "date_to": invoice.date,
                    "currency_id": self.usd.id,
                }
            )
        )
        # the reconciliation reads both books: the controller selects both
        # companies (the company switcher's "cids" of the URL)
        both = f"{self.company_a.id}-{self.company_b.id}"
        self.start_tour(
            f"{self._form(reconciliation)}&cids={both}",
            "dist_ic_reconciliation_tour",
            login="dist_ic_group_controller",
        )
        self.assertTrue(reconciliation.balanced)
        self.assertEqual(len(reconciliation.line_ids), 1)
