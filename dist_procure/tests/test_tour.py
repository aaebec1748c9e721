from odoo.tests import HttpCase, tagged

from .common import BUYER_MANAGER, ProcureCommon


@tagged("post_install", "-at_install")
class TestProcureTour(ProcureCommon, HttpCase):
    """The whole procure-to-pay flow in Chromium, each step under its role's login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_po_rule()
        cls._make_rule(
            "dist.purchase.requisition",
            cls.company_a,
            [{"name": "Manager", "group": BUYER_MANAGER}],
        )
        cls._make_key(price_pct=5.0)

    def _form(self, record):
        return f"/web#id={record.id}&model={record._name}&view_type=form"

    def test_requisition_to_payment_flow(self):
        """Requisition, approvals, receipt, blocked bill, release and payment."""
        action = self.env.ref("dist_procure.dist_purchase_requisition_action")
        self.start_tour(
            f"/web#action={action.id}",
            "dist_procure_requisition_tour",
            login="dist_buyer",
        )
        requisition = self.env["dist.purchase.requisition"].search(
            [("requester_id", "=", self.buyer.id)]
        )
        self.assertEqual(requisition.state, "to_approve")
        self.start_tour(
            self._form(requisition),
            "dist_procure_requisition_approve_tour",
            login="dist_buyer_manager",
        )
        self.start_tour(
            self._form(requisition), "dist_procure_rfq_tour", login="dist_buyer"
        )
        order = requisition.purchase_ids
        self.assertEqual(order.state, "to approve")
        self.start_tour(
            self._form(order),
            "dist_procure_po_approve_tour",
            login="dist_buyer_manager",
        )
        self.start_tour(
            self._form(order.picking_ids),
            "dist_procure_receipt_tour",
            login="dist_warehouse",
        )
        bill = self._make_bill(order, prices={self.product: 106.0})
        self.start_tour(
            self._form(bill), "dist_procure_payment_refused_tour", login="dist_payables"
        )
        self.assertEqual(bill.payment_state, "not_paid")
        self.start_tour(
            self._form(bill), "dist_procure_release_tour", login="dist_controller"
        )
        self.assertTrue(bill.dist_payment_released)
        self.start_tour(
            self._form(bill), "dist_procure_payment_tour", login="dist_payables"
        )
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
