from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import MODULE, DistCommon


@tagged("post_install", "-at_install")
class TestItemGovernance(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.family = cls._make_family("Beverages")
        cls.strict = cls._make_family(
            "Chemicals",
            require_weight=True,
            require_volume=True,
            require_barcode=True,
            require_hs_code=True,
        )
        cls.vendor = cls._make_vendor("Drinks Ltd")
        cls.buyer_steward = cls._make_user(
            "dist_buyer_steward",
            f"{MODULE}.dist_harmonize_base_group_buyer,"
            f"{MODULE}.dist_harmonize_base_group_steward",
            cls.company_a,
        )

    def _buyer_item(self, name="Cola 33cl", user=None, **values):
        return (
            self.env["product.template"]
            .with_user(user or self.buyer)
            .create(dict({"name": name, "dist_family_id": self.family.id}, **values))
        )

    def test_new_item_is_draft_even_if_rpc_says_active(self):
        """A new item starts as a draft: an RPC creation saying active is
        refused, and a default_dist_state in the context is ignored."""
        with self.assertRaisesRegex(UserError, "Item Status"):
            self._buyer_item(dist_state="active")
        Template = self.env["product.template"].with_context(
            default_dist_state="active"
        )
        item = Template.with_user(self.buyer).create({"name": "Fanta 33cl"})
        self.assertEqual(item.dist_state, "draft")

    def test_buyer_submits_and_steward_approves(self):
        """Buyer submits an item; a steward's approval makes it active."""
        item = self._buyer_item()
        item.action_dist_submit()
        self.assertEqual(item.dist_state, "to_approve")
        item.with_user(self.steward).action_dist_approve()
        self.assertEqual(item.dist_state, "active")

    def test_requester_cannot_approve_own_item(self):
        """A buyer who is also a steward cannot approve the item they submitted."""
        item = self._buyer_item(user=self.buyer_steward)
        item.action_dist_submit()
        with self.assertRaises(UserError):
            item.action_dist_approve()
        self.assertEqual(item.dist_state, "to_approve")

    def test_state_cannot_be_written_directly(self):
        """Writing the item status through RPC is refused."""
        item = self._buyer_item()
        with self.assertRaises(UserError):
            item.write({"dist_state": "active"})
        with self.assertRaises(UserError):
            item.with_user(self.steward).write({"dist_state": "active"})

    def test_submission_lists_every_missing_attribute(self):
        """Submitting an item lacking family attributes names all of them."""
        item = self._buyer_item(dist_family_id=self.strict.id)
        with self.assertRaises(ValidationError) as error:
            item.action_dist_submit()
        for label in ("Weight", "Volume", "Barcode", "HS Code"):
            self.assertIn(label, str(error.exception))
        self.assertEqual(item.dist_state, "draft")

    def test_item_without_family_cannot_be_submitted(self):
        """The family is mandatory for submission."""
        item = self._buyer_item(dist_family_id=False)
        with self.assertRaisesRegex(ValidationError, "Product Family"):
            item.action_dist_submit()

    def test_family_uom_category_is_enforced(self):
        """An item's units must belong to the category its family allows."""
        self.family.uom_category_id = self.env.ref("uom.product_uom_categ_kgm")
        with self.assertRaisesRegex(ValidationError, "Cola 33cl"):
            self._buyer_item()

    def test_hs_code_must_have_six_to_ten_digits(self):
        """HS codes are validated."""
        with self.assertRaisesRegex(ValidationError, "HS Code"):
            self._buyer_item(dist_hs_code="12AB")
        self.assertTrue(self._buyer_item(name="Juice", dist_hs_code="2202.10"))

    def test_po_with_item_blocked_since_refused_over_rpc(self):
        """button_confirm of a PO whose item was blocked after it was added is
        refused, naming both (a draft item never enters it)."""
        item = self._make_product("Cola 33cl").product_tmpl_id
        po = (
            self.env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [
                        Command.create(
                            {"product_id": item.product_variant_id.id, "price_unit": 1}
                        )
                    ],
                }
            )
        )
        item.with_user(self.steward).action_dist_block()
        with self.assertRaisesRegex(UserError, f"{po.name}.*Cola 33cl"):
            po.button_confirm()
        self.assertEqual(po.state, "draft")

    def test_blocked_item_cannot_be_sold(self):
        """A steward blocks an item; quotations with it cannot be confirmed."""
        product = self._make_product("Old Cola")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.vendor.id,
                "company_id": self.company_a.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        product.product_tmpl_id.with_user(self.steward).action_dist_block()
        with self.assertRaisesRegex(UserError, "Old Cola"):
            order.action_confirm()

    def test_only_stewards_block_items(self):
        """A buyer cannot block or retire an item."""
        product = self._make_product("Fanta")
        with self.assertRaises(UserError):
            product.product_tmpl_id.with_user(self.buyer).action_dist_block()
        product.product_tmpl_id.with_user(self.steward).action_dist_obsolete()
        self.assertEqual(product.dist_state, "obsolete")

    def test_family_rule_routes_items_to_its_own_approver(self):
        """A rule scoped to a family sends that family's items to its approver."""
        self._make_rule(
            "product.template",
            self.company_a,
            [{"users": self.controller}],
            product_family_ids=[Command.set(self.strict.ids)],
            sequence=1,
        )
        self.strict.write({"require_weight": False, "require_volume": False})
        self.strict.write({"require_barcode": False, "require_hs_code": False})
        item = self._buyer_item(dist_family_id=self.strict.id)
        item.action_dist_submit()
        self.assertEqual(item.dist_next_approver_ids, self.controller)
        item.with_user(self.controller).action_dist_approve()
        self.assertEqual(item.dist_state, "active")

    def test_order_check_cost_does_not_grow_with_lines(self):
        """Checking a 20-line PO costs as many queries as checking a 1-line PO."""
        products = [self._make_product(f"Can {i}") for i in range(20)]
        counts = []
        for lines in (products[:1], products):
            po = self.env["purchase.order"].create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [
                        Command.create({"product_id": p.id, "price_unit": 1})
                        for p in lines
                    ],
                }
            )
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            po._check_dist_masters()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
