from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import LandedCostCommon


@tagged("post_install", "-at_install")
class TestLandedCostTour(LandedCostCommon, HttpCase):
    def test_receive_shipment_see_estimate_post_bill_see_variance(self):
        """In the browser: the receipt shows 360 estimated, the bill a 30 variance."""
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                "company_ids": [Command.link(self.company_a.id)],
                "company_id": self.company_a.id,
            }
        )
        shipment = self._make_shipment(reference="TOUR-CONTAINER")
        # in company currency: the receipt date is not frozen in the browser
        order = self._make_po(
            [(self.chair, 10, 200.0), (self.lamp, 20, 50.0)], currency=self.usd
        )
        order.picking_ids.dist_shipment_id = shipment
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": "2024-02-01",
                "currency_id": self.eur.id,
                "company_id": self.company_a.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.freight.id,
                            "price_unit": 36.0,
                            "tax_ids": [],
                            "dist_shipment_id": shipment.id,
                        }
                    )
                ],
            }
        )
        self.start_tour(
            f"/web#id={shipment.id}&model=dist.inbound.shipment&view_type=form",
            "dist_landed_cost_tour",
            login="admin",
        )
        self.assertEqual(bill.state, "posted")
        self.assertEqual(shipment.variance_amount, 30.0)
