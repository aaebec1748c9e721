from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LandedCostCommon


@tagged("post_install", "-at_install")
class TestLandedCostTargets(LandedCostCommon):
    """A landed-cost bill posts only against receipts already received."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b.anglo_saxon_accounting = True

    def _refused(self, *texts, **bill):
        """Posting a freight bill with ``bill`` (pickings, shipment) is refused,
        the message containing ``texts``; nothing is accrued or trued up."""
        with self.assertRaises(UserError) as caught:
            self._make_bill([(self.freight, 36.0)], **bill)
        for text in ("Sea Freight", *texts):
            self.assertIn(text, str(caught.exception))
        self.assertFalse(
            self.env["stock.landed.cost"].search([("dist_kind", "=", "true_up")])
        )

    def test_bill_on_a_receipt_not_yet_received_is_refused(self):
        """A freight bill on a receipt still to validate does not post."""
        pending = self._make_po([(self.chair, 10, 100.0)]).picking_ids
        self._refused(pending.name, "not received", pickings=pending)

    def test_bill_on_received_and_pending_receipts_is_refused(self):
        """One pending receipt among received ones is enough to refuse the bill."""
        received = self._receive(self._make_po([(self.chair, 10, 100.0)]))
        pending = self._make_po([(self.lamp, 20, 25.0)]).picking_ids
        self._refused(pending.name, pickings=received | pending)

    def test_bill_on_a_partly_received_shipment_is_refused(self):
        """A shipment whose second receipt has not arrived cannot be billed yet."""
        shipment = self._make_shipment()
        self._receive(self._make_po([(self.chair, 10, 100.0)]), shipment=shipment)
        pending = self._make_po([(self.lamp, 20, 25.0)]).picking_ids
        pending.with_user(self.lc_warehouse).dist_shipment_id = shipment
        self._refused(pending.name, shipment=shipment)

    def test_bill_on_a_delivery_given_by_rpc_is_refused(self):
        """A done delivery given as a receipt (the domain is the client's) is refused."""
        received = self._receive(self._make_po([(self.chair, 10, 100.0)]))
        delivery = self._deliver(self.chair, 1)
        self._refused(delivery.name, pickings=received | delivery)

    def test_bill_on_a_receipt_of_another_company_is_refused(self):
        """A company-A bill cannot true up a receipt of company B."""
        received = self._receive(self._make_po([(self.chair, 10, 100.0)]))
        type_b = (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.company_b.id)])
            .in_type_id
        )
        receipt_b = self.env["stock.picking"].create(
            {
                "picking_type_id": type_b.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": type_b.default_location_dest_id.id,
                "company_id": self.company_b.id,
            }
        )
        receipt_b.state = "done"
        with self.assertRaises(UserError):
            self._make_bill([(self.freight, 36.0)], pickings=received | receipt_b)
