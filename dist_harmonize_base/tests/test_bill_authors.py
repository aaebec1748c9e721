from odoo import Command
from odoo.tests import tagged

from .common import MODULE, DistCommon


@tagged("post_install", "-at_install")
class TestBillAuthors(DistCommon):
    """A vendor bill remembers who entered it, changed its amounts or posted it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        cls.clerk = cls._make_user(
            "dist_clerk", "account.group_account_invoice", cls.company_a
        )
        cls.controller_clerk = cls._make_user(
            "dist_controller_clerk",
            f"account.group_account_invoice,{MODULE}.dist_harmonize_base_group_controller",
            cls.company_a,
        )
        cls.vendor = cls._make_vendor("Acme Supplies", company_id=cls.company_a.id)
        cls.product = cls._make_product("Bolt M8")

    def _draft(self, move_type="in_invoice", lines=1, user=None):
        return (
            self.env["account.move"]
            .with_user(user or self.clerk)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": self.vendor.id,
                    "invoice_date": "2026-03-02",
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": 100.0}
                        )
                        for _index in range(lines)
                    ],
                }
            )
        )

    def test_creator_and_who_changes_a_price_and_posts_are_authors(self):
        """Clerk enters, controller-clerk changes a price and posts: both authors."""
        bill = self._draft()
        self.assertEqual(bill.dist_author_ids, self.clerk)
        bill = bill.with_user(self.controller_clerk)
        bill.invoice_line_ids.write({"price_unit": 90.0})
        bill.action_post()
        self.assertEqual(bill.dist_author_ids, self.clerk | self.controller_clerk)

    def test_who_posts_unchanged_is_an_author(self):
        """Posting someone else's bill makes the poster an author too."""
        bill = self._draft()
        bill.with_user(self.controller_clerk).action_post()
        self.assertEqual(bill.dist_author_ids, self.clerk | self.controller_clerk)

    def test_adding_a_line_or_changing_the_vendor_makes_an_author(self):
        """A line created directly, or a new vendor, counts as changing the bill."""
        bill = self._draft()
        self.env["account.move.line"].with_user(self.controller_clerk).create(
            {"move_id": bill.id, "product_id": self.product.id, "price_unit": 3.0}
        )
        self.assertEqual(bill.dist_author_ids, self.clerk | self.controller_clerk)
        other = self._make_vendor("Borealis", company_id=self.company_a.id)
        bill = self._draft()
        bill.with_user(self.controller_clerk).write({"partner_id": other.id})
        self.assertEqual(bill.dist_author_ids, self.clerk | self.controller_clerk)

    def test_a_change_outside_amounts_makes_no_author(self):
        """Writing the reference changes no amount: no new author."""
        bill = self._draft()
        bill.with_user(self.controller_clerk).write({"ref": "INV-42"})
        self.assertEqual(bill.dist_author_ids, self.clerk)

    def test_credit_notes_and_receipts_have_authors_customer_invoices_none(self):
        """Only vendor documents keep their authors."""
        for move_type in ("in_refund", "in_receipt"):
            self.assertEqual(self._draft(move_type).dist_author_ids, self.clerk)
        self.assertFalse(self._draft("out_invoice").dist_author_ids)
