from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BUYER_MANAGER, ProcureCommon


@tagged("post_install", "-at_install")
class TestRequisition(ProcureCommon):
    """Requisitions are approved, then turned into RFQs grouped by vendor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_3 = cls._make_product("Washer M8", 1.0)
        cls.rule = cls._make_rule(
            "dist.purchase.requisition",
            cls.company_a,
            [{"name": "Manager", "group": BUYER_MANAGER}],
        )

    def _make_requisition(self, lines, user=None):
        """``lines``: [(product, qty, suggested vendor or None)]."""
        return (
            self.env["dist.purchase.requisition"]
            .with_user(user or self.buyer)
            .create(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": qty,
                                "date_needed": "2026-04-01",
                                "warehouse_id": self.warehouse_a.id,
                                "partner_id": vendor.id if vendor else False,
                            }
                        )
                        for product, qty, vendor in lines
                    ]
                }
            )
        )

    def _approved(self, lines):
        requisition = self._make_requisition(lines)
        requisition.action_dist_submit()
        requisition.with_user(self.buyer_manager).action_dist_approve()
        return requisition

    def test_requisition_waits_for_manager_approval(self):
        """Submitted by the buyer, the requisition waits; RFQs need the approval."""
        requisition = self._make_requisition([(self.product, 5, None)])
        requisition.action_dist_submit()
        self.assertEqual(requisition.state, "to_approve")
        with self.assertRaisesRegex(UserError, "must be approved"):
            requisition.action_create_rfqs()
        requisition.with_user(self.buyer_manager).action_dist_approve()
        self.assertEqual(requisition.state, "approved")

    def test_requester_cannot_approve_own_requisition(self):
        """A manager who raised the requisition cannot approve it."""
        requisition = self._make_requisition(
            [(self.product, 5, None)], user=self.buyer_manager
        )
        requisition.with_user(self.buyer_manager).action_dist_submit()
        with self.assertRaises(AccessError):
            requisition.with_user(self.buyer_manager).action_dist_approve()

    def test_rfqs_grouped_by_vendor_with_line_links(self):
        """Supplier info or suggested vendor decides the RFQ; lines keep links."""
        requisition = self._approved(
            [
                (self.product, 5, None),
                (self.product_2, 7, None),
                (self.product_3, 3, self.vendor),
            ]
        )
        requisition.with_user(self.buyer).action_create_rfqs()
        orders = requisition.purchase_ids
        self.assertEqual(len(orders), 2)
        acme = orders.filtered(lambda o: o.partner_id == self.vendor)
        self.assertEqual(acme.order_line.product_id, self.product | self.product_3)
        self.assertEqual(requisition.line_ids.purchase_line_ids, orders.order_line)
        self.assertEqual(requisition.state, "done")

    def test_partly_converted_requisition_shows_what_is_left(self):
        """An RFQ line cut from 10 to 6 leaves 4 to order, then ordered again."""
        requisition = self._approved([(self.product, 10, None)])
        requisition.with_user(self.buyer).action_create_rfqs()
        order = requisition.purchase_ids
        order.order_line.with_user(self.buyer).write({"product_qty": 6})
        self.assertEqual(requisition.line_ids.qty_remaining, 4)
        self.assertAlmostEqual(requisition.ordered_pct, 60.0)
        action = requisition.with_user(self.buyer).action_create_rfqs()
        second = self.env["purchase.order"].search(action["domain"])
        self.assertEqual(second.order_line.product_qty, 4)

    def test_line_without_any_vendor_is_refused_naming_the_product(self):
        """No suggested vendor and no supplier: a clear error names the product."""
        requisition = self._approved([(self.product_3, 2, None)])
        with self.assertRaisesRegex(UserError, "Washer M8"):
            requisition.with_user(self.buyer).action_create_rfqs()

    def test_requisition_cannot_be_approved_by_writing_its_state(self):
        """Writing the approved state over RPC is refused; only the engine sets it."""
        requisition = self._make_requisition([(self.product, 5, None)])
        requisition.action_dist_submit()
        with self.assertRaises(UserError):
            requisition.with_user(self.buyer).write({"state": "approved"})
        self.assertEqual(requisition.state, "to_approve")

    def test_order_line_cannot_be_linked_to_a_requisition_by_hand(self):
        """A line of another RFQ linked to the requisition over RPC is refused:
        the requisition stays approved with everything left to order."""
        requisition = self._approved([(self.product, 5, None)])
        order = self._make_po([(self.product, 5, 10.0)])
        with self.assertRefused("set by the controls of the suite only"):
            order.order_line.with_user(self.buyer).write(
                {"dist_requisition_line_id": requisition.line_ids.id}
            )
        with self.assertRefused("set by the controls of the suite only"):
            order.with_user(self.buyer).write(
                {
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_qty": 5,
                                "price_unit": 10.0,
                                "dist_requisition_line_id": requisition.line_ids.id,
                            }
                        )
                    ]
                }
            )
        self.assertEqual(requisition.state, "approved")
        self.assertEqual(requisition.line_ids.qty_remaining, 5)
        self.assertFalse(requisition.purchase_ids)

    def test_rfq_lines_keep_their_requisition_link(self):
        """The link the requisition made cannot be cleared or moved by the buyer."""
        requisition = self._approved(
            [(self.product, 5, None), (self.product_2, 2, None)]
        )
        requisition.with_user(self.buyer).action_create_rfqs()
        first, second = requisition.line_ids
        line = first.purchase_line_ids
        with self.assertRefused("Requisition Line"):
            line.with_user(self.buyer).write({"dist_requisition_line_id": second.id})
        with self.assertRefused("Requisition Line"):
            line.with_user(self.buyer).write({"dist_requisition_line_id": False})
        self.assertEqual(line.dist_requisition_line_id, first)
        self.assertEqual(requisition.state, "done")

    def _second_manager(self):
        return self._make_user("dist_buyer_manager_2", BUYER_MANAGER, self.company_a)

    def test_requisition_changed_while_pending_is_routed_again(self):
        """A manager who raises a pending requisition's quantity over RPC cannot
        approve it; the requisition waits on a new round for another manager."""
        other_manager = self._second_manager()
        requisition = self._make_requisition([(self.product_3, 5, self.vendor)])
        requisition.action_dist_submit()
        first_round = requisition.dist_approval_round
        line = requisition.line_ids.with_user(self.buyer_manager)
        line.write({"product_qty": 500})
        self.assertEqual(requisition.state, "to_approve")
        self.assertEqual(requisition.dist_approval_round, first_round + 1)
        with self.assertRaises(AccessError):
            requisition.with_user(self.buyer_manager).action_dist_approve()
        requisition.with_user(other_manager).action_dist_approve()
        self.assertEqual(requisition.state, "approved")

    def test_line_added_or_removed_while_pending_restarts_approval(self):
        """A line created directly on the line model, then removed, each start
        a new round: the approver decides on the lines as they are."""
        requisition = self._make_requisition([(self.product, 5, None)])
        requisition.action_dist_submit()
        first_round = requisition.dist_approval_round
        extra = (
            self.env["dist.purchase.requisition.line"]
            .with_user(self.buyer)
            .create(
                {
                    "requisition_id": requisition.id,
                    "product_id": self.product_2.id,
                    "product_qty": 1,
                    "warehouse_id": self.warehouse_a.id,
                }
            )
        )
        self.assertEqual(requisition.dist_approval_round, first_round + 1)
        extra.with_user(self.buyer).unlink()
        self.assertEqual(requisition.dist_approval_round, first_round + 2)
        self.assertEqual(requisition.state, "to_approve")

    def test_approved_requisition_raised_past_its_threshold_is_approved_again(self):
        """With re-approval above +10 %, 5 → 50 sends an approved requisition
        back to approval; no RFQ can be made from it meanwhile."""
        self.rule.level_ids.reapproval_amount_pct = 10.0
        self.product_3.with_company(self.company_a).standard_price = 2.0
        requisition = self._approved([(self.product_3, 5, self.vendor)])
        self.assertEqual(requisition.amount_estimated, 10.0)
        requisition.line_ids.with_user(self.buyer).write({"product_qty": 50})
        self.assertEqual(requisition.state, "to_approve")
        with self.assertRaisesRegex(UserError, "must be approved"):
            requisition.with_user(self.buyer).action_create_rfqs()
