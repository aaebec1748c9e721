from odoo.tests import tagged

from odoo.addons.dist_harmonize_base.tests.common import ROLE_GROUPS

from .common import LandedCostCommon

TRACKING = {"tracking_disable": False, "mail_notrack": False}
MEASURES = [
    "estimated_amount:sum",
    "billed_estimate_amount:sum",
    "actual_amount:sum",
    "variance_amount:sum",
    "open_estimate_amount:sum",
]


@tagged("post_install", "-at_install")
class TestLandedCostAnalysis(LandedCostCommon):
    """Estimates waiting for their bill stay apart from billed estimates and
    actuals; no variance before a bill. Each shipment: 10 chairs and 20 lamps,
    360 estimated; the billed one costs 366 (freight 90, duty 276)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls._make_user(
            "lc_director", ROLE_GROUPS["buyer_manager"], cls.company_a
        )
        cls.director_b = cls._make_user(
            "lc_director_b", ROLE_GROUPS["buyer_manager"], cls.company_b
        )

    def _shipment(self, bill=True):
        shipment = self._make_shipment()
        order = self._make_po([(self.chair, 10, 100.0), (self.lamp, 20, 25.0)])
        self._receive(order, shipment=shipment)
        if bill:
            self._make_bill(
                [(self.freight, 36.0), (self.duty, 110.40)], shipment=shipment
            )
        return shipment.with_user(self.lc_buyer)

    def _report(self, user=None):
        return self._as("dist.landed.cost.report", user or self.lc_controller)

    def test_open_shipment_shows_no_variance(self):
        """Received, not billed: no actual, no variance (empty, not 0), not billed yet."""
        shipment = self._shipment(bill=False)
        self.assertFalse(shipment.is_billed)
        self.assertEqual(shipment.estimated_amount, 360.0)
        self.assertFalse(any(shipment.cost_ids.mapped("is_billed")))
        [group] = self._report().read_group([], MEASURES, ["shipment_id"])
        self.assertIs(group["variance_amount"], False)
        self.assertIs(group["actual_amount"], False)
        self.assertEqual(
            (group["billed_estimate_amount"], group["open_estimate_amount"]),
            (0.0, 360.0),
        )

    def test_pivot_keeps_open_estimates_apart_from_billed_ones(self):
        """One billed, one open shipment of the vendor: 360 billed estimate
        against 366 actual (variance 6), 360 still waiting for its bill."""
        self._shipment()
        self._shipment(bill=False)
        [group] = self._report().read_group([], MEASURES, ["partner_id"])
        self.assertEqual(
            (
                group["billed_estimate_amount"],
                group["actual_amount"],
                group["variance_amount"],
                group["open_estimate_amount"],
                group["estimated_amount"],
            ),
            (360.0, 366.0, 6.0, 360.0, 720.0),
        )
        by_state = {
            group["billing_state"]: group
            for group in self._report().read_group([], MEASURES, ["billing_state"])
        }
        self.assertIs(by_state["open"]["variance_amount"], False)
        self.assertEqual(by_state["billed"]["variance_amount"], 6.0)

    def test_graph_sets_estimates_beside_actuals(self):
        """By amount type: 360 estimated and billed, 366 actual, 360 not billed
        yet; the mixed amount is empty when not split by amount type."""
        self._shipment()
        self._shipment(bill=False)
        Report = self._report()
        groups = Report.read_group([], ["amount:sum"], ["amount_type"])
        self.assertEqual(
            {group["amount_type"]: group["amount"] for group in groups},
            {"estimate_billed": 360.0, "actual": 366.0, "estimate_open": 360.0},
        )
        [total] = Report.read_group([], ["amount:sum"], ["partner_id"])
        self.assertIs(total["amount"], False)

    def test_director_reads_the_analysis_of_own_company_only(self):
        """A buyer manager of A reads A's analysis and shipments; one of B, none."""
        shipment = self._shipment()
        rows = self._report(self.director).search([])
        self.assertEqual(rows.shipment_id, shipment)
        self.assertEqual(rows.shipment_id.display_name, shipment.name)
        self.assertFalse(self._report(self.director_b).search([]))
        menus = self.env["ir.ui.menu"].with_user(self.director)._visible_menu_ids()
        report_menu = self.env.ref("dist_landed_cost.dist_landed_cost_report_menu")
        self.assertIn(report_menu.id, menus)

    def test_template_changes_are_tracked_and_line_changes_posted(self):
        """Renaming the template is tracked; a rate change is posted old → new."""
        template = self.template.with_user(self.lc_controller).with_context(**TRACKING)
        self.env.cr.precommit.run()  # the template's creation is committed first
        template.write({"name": "Sea freight, Shenzhen"})
        self.env.cr.precommit.run()  # mail tracking is written at commit
        template.invalidate_recordset(["message_ids"])
        [tracking] = template.message_ids[:1].tracking_value_ids
        self.assertEqual(
            (tracking.old_value_char, tracking.new_value_char),
            ("Template Shenzhen Furniture Co", "Sea freight, Shenzhen"),
        )
        freight = template.line_ids.filtered(
            lambda line: line.product_id == self.freight
        )
        freight.write({"rate": 2.0})
        template.invalidate_recordset(["message_ids"])
        self.assertIn(
            "Sea Freight changed: Rate: 1.50 → 2.00", template.message_ids[:1].body
        )

    def test_shipment_reference_change_is_tracked(self):
        """Who changed the container number of a shipment, from what to what."""
        shipment = self._shipment(bill=False).with_context(**TRACKING)
        self.env.cr.precommit.run()  # the shipment's creation is committed first
        shipment.write({"reference": "MSCU7654321"})
        self.env.cr.precommit.run()  # mail tracking is written at commit
        shipment.invalidate_recordset(["message_ids"])
        [tracking] = shipment.message_ids[:1].tracking_value_ids
        self.assertEqual(
            (tracking.old_value_char, tracking.new_value_char),
            ("MSCU1234567", "MSCU7654321"),
        )
        self.assertEqual(shipment.message_ids[:1].author_id, self.lc_buyer.partner_id)
