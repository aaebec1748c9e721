"""Defect C8: governed masters hold in every state of every document.

An item that is not active never enters a purchase order, sales order or
invoice line, and a supplier that is not approved never becomes the vendor of
a purchase order or a bill, whatever the document's state and the door
(line create, ``order_line`` commands, product swap, partner write). Each test
plays the least-privileged user who would gain from it: the buyer, the
salesman, the billing clerk.
"""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestGovernedDocuments(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        cls.salesman = cls._make_user(
            "dist_salesman", "sales_team.group_sale_salesman", cls.company_a
        )
        cls.sales_manager = cls._make_user(
            "dist_sales_manager", "sales_team.group_sale_manager", cls.company_a
        )
        cls.clerk = cls._make_user(
            "dist_billing_clerk", "account.group_account_invoice", cls.company_a
        )
        cls.vendor = cls._make_vendor("Cleared Paper", company_id=cls.company_a.id)
        cls.draft_vendor = cls._make_vendor("New Paper", state="draft")
        cls.customer = cls.env["res.partner"].create({"name": "Corner Shop"})
        cls.item = cls._make_product("Paper A4", standard_price=3.0)
        cls.draft_item = cls._make_product("Paper A3", state="draft")

    # builders ---------------------------------------------------------------
    def _confirmed_po(self):
        order = (
            self.env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.item.id,
                                "product_qty": 5,
                                "price_unit": 3,
                            }
                        )
                    ],
                }
            )
        )
        order.button_confirm()
        return order

    def _confirmed_so(self):
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.item.id})],
                }
            )
        )
        order.action_confirm()
        return order

    def _move(self, move_type, partner, lines, user=None):
        """Create an invoice or bill as ``user`` (the billing clerk); ``lines``:
        dicts of invoice line values."""
        Move = self.env["account.move"].with_user(user or self.clerk)
        return Move.with_company(self.company_a).create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": "2026-03-02",
                "invoice_line_ids": [Command.create(line) for line in lines],
            }
        )

    def _bill_of(self, order, extra_lines=()):
        lines = [
            {"product_id": pol.product_id.id, "quantity": 5, "purchase_line_id": pol.id}
            for pol in order.order_line
        ]
        return self._move("in_invoice", order.partner_id, [*lines, *extra_lines])

    def _block(self, master):
        """The steward blocks an item (product.product) or a supplier."""
        if master._name == "product.product":
            master.product_tmpl_id.with_user(self.steward).action_dist_block()
        else:
            master.with_user(self.steward).action_dist_block_supplier()

    # items ------------------------------------------------------------------
    def test_draft_item_cannot_be_added_to_a_confirmed_po(self):
        """A buyer's line with a draft item on a confirmed PO is refused."""
        order = self._confirmed_po()
        Line = self.env["purchase.order.line"].with_user(self.buyer)
        with self.assertRaisesRegex(UserError, f"{order.name}.*Paper A3.*Item Status"):
            Line.create(
                {
                    "order_id": order.id,
                    "product_id": self.draft_item.id,
                    "price_unit": 1,
                }
            )
        self.assertEqual(order.picking_ids.move_ids.product_id, self.item)

    def test_draft_item_cannot_enter_a_confirmed_po_through_the_order(self):
        """The same line, sent as an order_line command on the order, is refused."""
        order = self._confirmed_po().with_user(self.buyer)
        with self.assertRaisesRegex(UserError, "Paper A3.*Item Status"):
            order.write(
                {"order_line": [Command.create({"product_id": self.draft_item.id})]}
            )

    def test_po_line_cannot_swap_to_a_draft_item(self):
        """Writing a draft item on an existing line of a confirmed PO is refused."""
        order = self._confirmed_po()
        with self.assertRaisesRegex(UserError, "Paper A3.*Item Status"):
            order.order_line.with_user(self.buyer).write(
                {"product_id": self.draft_item.id}
            )

    def test_draft_item_cannot_be_added_to_a_confirmed_sales_order(self):
        """A salesman's line with a draft item on a confirmed order is refused."""
        order = self._confirmed_so()
        Line = self.env["sale.order.line"].with_user(self.salesman)
        with self.assertRaisesRegex(UserError, f"{order.name}.*Paper A3.*Item Status"):
            Line.create({"order_id": order.id, "product_id": self.draft_item.id})

    def test_draft_item_cannot_be_invoiced_to_a_customer(self):
        """A billing clerk's customer invoice line with a draft item is refused."""
        with self.assertRaisesRegex(UserError, "Paper A3.*Item Status"):
            self._move(
                "out_invoice", self.customer, [{"product_id": self.draft_item.id}]
            )

    def test_bill_line_cannot_swap_to_a_draft_item(self):
        """Writing a draft item on a product line of a bill is refused."""
        bill = self._move("in_invoice", self.vendor, [{"product_id": self.item.id}])
        with self.assertRaisesRegex(UserError, "Paper A3.*Item Status"):
            bill.invoice_line_ids.write({"product_id": self.draft_item.id})

    def test_sold_item_blocked_since_can_still_be_invoiced(self):
        """An item blocked after the order was confirmed is invoiced from it."""
        order = self._confirmed_so()
        self._block(self.item)
        invoice = order.with_user(self.salesman)._create_invoices()
        self.assertEqual(invoice.invoice_line_ids.product_id, self.item)

    def test_down_payment_of_a_confirmed_order_is_accepted(self):
        """Odoo's down payment product (created as a draft item) can be invoiced."""
        order = self._confirmed_so()
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_user(self.sales_manager)
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "percentage", "amount": 10})
        )
        wizard.create_invoices()
        self.assertTrue(order.invoice_ids)

    # suppliers ----------------------------------------------------------------
    def test_po_cannot_move_to_a_draft_supplier(self):
        """A buyer writing a draft supplier on a confirmed PO is refused."""
        order = self._confirmed_po().with_user(self.buyer)
        with self.assertRaisesRegex(UserError, "New Paper.*Supplier Status"):
            order.write({"partner_id": self.draft_vendor.id})

    def test_bill_of_a_draft_supplier_is_refused(self):
        """A billing clerk cannot bill a supplier that is not approved."""
        with self.assertRaisesRegex(UserError, "New Paper.*Supplier Status"):
            self._move("in_invoice", self.draft_vendor, [{"product_id": self.item.id}])
        bill = self._move("in_invoice", self.vendor, [{"product_id": self.item.id}])
        with self.assertRaisesRegex(UserError, "New Paper.*Supplier Status"):
            bill.write({"partner_id": self.draft_vendor.id})

    def test_items_and_vendor_blocked_after_ordering_can_still_be_billed(self):
        """What was ordered is billed even once its item and vendor are blocked."""
        order = self._confirmed_po()
        self._block(self.item)
        self._block(self.vendor)
        bill = self._bill_of(order)
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, order.order_line)

    def test_blocked_vendor_is_billed_only_for_what_was_ordered(self):
        """A line not billing the PO makes the blocked vendor's bill refused."""
        order = self._confirmed_po()
        self._block(self.vendor)
        with self.assertRaisesRegex(UserError, "Cleared Paper.*Supplier Status"):
            self._bill_of(order, [{"product_id": self.item.id, "quantity": 1}])
