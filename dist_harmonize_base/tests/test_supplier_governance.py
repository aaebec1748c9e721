from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestSupplierGovernance(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls._make_product("Paper A4")
        cls.terms = cls.env.ref("account.account_payment_term_30days")

    def _buyer_supplier(self, name="Paperworks", **values):
        return (
            self.env["res.partner"]
            .with_user(self.buyer)
            .create(dict({"name": name, "is_company": True}, **values))
        )

    def _complete_supplier(self):
        return self._buyer_supplier(
            vat="BE0477472701",
            property_supplier_payment_term_id=self.terms.id,
            bank_ids=[Command.create({"acc_number": "BE71096123456769"})],
        )

    def _po(self, vendor, user=None):
        return (
            self.env["purchase.order"]
            .with_user(user or self.buyer)
            .create(
                {
                    "partner_id": vendor.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "price_unit": 4})
                    ],
                }
            )
        )

    def test_new_supplier_is_draft_and_cannot_be_ordered_from(self):
        """A PO to a supplier that is not approved is refused, naming both."""
        with self.assertRaisesRegex(UserError, "Supplier Status"):
            self._buyer_supplier(dist_supplier_state="approved")
        vendor = self._buyer_supplier()
        self.assertEqual(vendor.dist_supplier_state, "draft")
        with self.assertRaisesRegex(UserError, "Paperworks.*Supplier Status"):
            self._po(vendor)

    def test_submission_lists_company_required_fields(self):
        """Tax ID, payment terms and bank account are required on submission."""
        vendor = self._buyer_supplier()
        with self.assertRaises(ValidationError) as error:
            vendor.action_dist_submit()
        for label in ("Tax ID", "Vendor Payment Terms", "Banks"):
            self.assertIn(label, str(error.exception))

    def test_company_can_relax_required_fields(self):
        """A company that does not require a bank account lets suppliers without one pass."""
        self.company_a.write(
            {
                "dist_supplier_require_bank": False,
                "dist_supplier_require_payment_term": False,
            }
        )
        vendor = self._buyer_supplier(vat="BE0477472701")
        vendor.action_dist_submit()
        self.assertEqual(vendor.dist_supplier_state, "to_approve")

    def test_steward_approval_lets_the_buyer_order(self):
        """Once a steward approves the supplier, the buyer's PO confirms."""
        vendor = self._complete_supplier()
        vendor.action_dist_submit()
        vendor.with_user(self.steward).action_dist_approve()
        self.assertEqual(vendor.dist_supplier_state, "approved")
        po = self._po(vendor)
        po.button_confirm()
        self.assertIn(po.state, ("purchase", "to approve"))

    def test_buyer_cannot_approve_a_supplier(self):
        """Approving a supplier is a steward's decision."""
        vendor = self._complete_supplier()
        vendor.action_dist_submit()
        with self.assertRaises(UserError):
            vendor.action_dist_approve()

    def test_blocked_supplier_cannot_be_ordered_from(self):
        """A steward blocks a supplier; POs to it are refused again."""
        vendor = self._make_vendor("Shady Paper")
        vendor.with_user(self.steward).action_dist_block_supplier()
        with self.assertRaisesRegex(UserError, "Shady Paper"):
            self._po(vendor).button_confirm()

    def test_supplier_status_cannot_be_written_directly(self):
        """Writing the supplier status through RPC is refused."""
        vendor = self._buyer_supplier()
        with self.assertRaises(UserError):
            vendor.write({"dist_supplier_state": "approved"})

    def test_manager_approval_of_to_approve_po_also_checks_vendor(self):
        """button_approve refuses a vendor blocked after the PO was submitted."""
        vendor = self._make_vendor("Late Block")
        self.company_a.po_double_validation = "two_step"
        self.company_a.po_double_validation_amount = 1
        po = self._po(vendor)
        po.button_confirm()
        self.assertEqual(po.state, "to approve")
        vendor.with_user(self.steward).action_dist_block_supplier()
        with self.assertRaisesRegex(UserError, "Late Block"):
            po.with_user(self.buyer_manager).button_approve()
