from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.dist_harmonize_base.tests.common import ROLE_GROUPS

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


@tagged("post_install", "-at_install")
class TestLandedCostRoleTours(LandedCostCommon, HttpCase):
    """The landed-cost screens of the director and the warehouse user, in Chromium."""

    def _order(self, reference):
        shipment = self._make_shipment(reference=reference)
        # in company currency: the receipt date is not frozen in the browser
        order = self._make_po(
            [(self.chair, 10, 200.0), (self.lamp, 20, 50.0)], currency=self.usd
        )
        order.picking_ids.dist_shipment_id = shipment
        return shipment, order

    def test_director_opens_the_landed_cost_report_by_url(self):
        """The procurement director (a buyer manager) reads the analysis by URL."""
        director = self._make_user(
            "lc_director", ROLE_GROUPS["buyer_manager"], self.company_a
        )
        shipment, order = self._order("DIR-CONTAINER")
        self._receive(order, shipment=shipment)
        self._make_bill([(self.freight, 36.0), (self.duty, 110.40)], shipment=shipment)
        action = self.env.ref("dist_landed_cost.dist_landed_cost_report_action")
        self.start_tour(
            f"/web#action={action.id}",
            "dist_landed_cost_director_report_tour",
            login=director.login,
        )
        self.start_tour(
            f"/web#action={action.id}&view_type=graph",
            "dist_landed_cost_director_graph_tour",
            login=director.login,
        )

    def test_warehouse_user_sees_the_estimate_on_the_receipt(self):
        """The warehouse user validates a PO receipt and sees its 360 estimate."""
        shipment, order = self._order("WH-CONTAINER")
        picking = order.picking_ids
        self.start_tour(
            f"/web#id={picking.id}&model=stock.picking&view_type=form",
            "dist_landed_cost_warehouse_receipt_tour",
            login=self.lc_warehouse.login,
        )
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.dist_estimate_amount, 360.0)
