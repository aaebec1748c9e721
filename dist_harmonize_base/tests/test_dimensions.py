from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestDimensions(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.food = cls._make_family("Food", code="FOOD")
        cls.tea = cls._make_family("Tea", parent=cls.food, code="TEA")
        cls.coffee = cls._make_family("Coffee", parent=cls.food, code="COF")
        cls.retail = cls.env["dist.customer.segment"].create({"name": "Retail"})
        cls.north = cls.env["dist.region"].create({"name": "North"})
        cls.south = cls.env["dist.region"].create({"name": "South"})
        cls.warehouse_a = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_a.id)], limit=1
        )
        cls.warehouse_a.dist_region_id = cls.north
        cls.company_a.dist_region_id = cls.south
        cls.vendor = cls._make_vendor("Tea Growers", dist_segment_id=cls.retail.id)
        cls.customer = cls._make_vendor("Corner Shop", dist_segment_id=cls.retail.id)
        cls.product = cls._make_product("Green Tea", dist_family_id=cls.tea.id)
        cls.salesman = cls._make_user(
            "dist_salesman", "sales_team.group_sale_salesman", cls.company_a
        )

    def _buyer_po(self):
        return (
            self.env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_qty": 5,
                                "price_unit": 3,
                            }
                        )
                    ],
                }
            )
        )

    def test_family_complete_name_follows_parent_rename(self):
        """Renaming a family renames the full path of its children."""
        self.food.name = "Groceries"
        self.assertEqual(self.tea.complete_name, "Groceries / Tea")

    def test_family_cannot_be_its_own_ancestor(self):
        """A family tree cannot loop."""
        with self.assertRaises(UserError):
            self.food.parent_id = self.tea

    def test_family_child_of_search_uses_the_tree(self):
        """Searching items by a parent family finds items of its children."""
        found = self.env["product.template"].search(
            [("dist_family_id", "child_of", self.food.id)]
        )
        self.assertIn(self.product.product_tmpl_id, found)

    def test_purchase_line_carries_family_segment_and_warehouse_region(self):
        """A PO line is classified by item family, vendor segment, warehouse region."""
        line = self._buyer_po().order_line
        self.assertEqual(line.dist_family_id, self.tea)
        self.assertEqual(line.dist_segment_id, self.retail)
        self.assertEqual(line.dist_region_id, self.north)

    def test_reclassifying_an_item_does_not_rewrite_orders(self):
        """Moving an item to another family keeps past lines in the old one."""
        line = self._buyer_po().order_line
        self.assertEqual(line.dist_family_id, self.tea)
        self.product.dist_family_id = self.coffee
        line.invalidate_recordset()
        self.assertEqual(line.dist_family_id, self.tea)

    def test_receipt_moves_inherit_dimensions_from_the_po_line(self):
        """Confirming a PO creates receipt moves with the line's dimensions."""
        po = self._buyer_po()
        po.button_confirm()
        move = po.picking_ids.move_ids
        self.assertEqual(move.dist_family_id, self.tea)
        self.assertEqual(move.dist_region_id, self.north)

    def test_sale_line_and_delivery_carry_dimensions(self):
        """A salesman's order line and its delivery move are classified."""
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(order.order_line.dist_segment_id, self.retail)
        self.assertEqual(order.order_line.dist_region_id, self.north)
        self.assertEqual(order.picking_ids.move_ids.dist_family_id, self.tea)

    def test_shared_dimensions_visible_company_ones_isolated(self):
        """Shared families are seen by all; a company-B family is hidden from A."""
        own_b = self._make_family("B only", company_id=self.company_b.id)
        Family = self.env["dist.product.family"].with_user(self.buyer)
        self.assertIn(self.tea, Family.search([]))
        self.assertNotIn(own_b, Family.search([]))
        self.assertIn(own_b, Family.with_user(self.user_b).search([]))

    def test_buyer_cannot_edit_the_family_tree(self):
        """Only stewards maintain families."""
        with self.assertRaises(AccessError):
            self.tea.with_user(self.buyer).name = "Tisane"
        self.tea.with_user(self.steward).name = "Tisane"
        self.assertEqual(self.tea.complete_name, "Food / Tisane")
