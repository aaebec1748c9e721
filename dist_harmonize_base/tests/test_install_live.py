from odoo import Command
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import DistCommon


@tagged("post_install", "-at_install")
class TestInstallLive(DistCommon):
    """Records that exist before install behave as on a live database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        # Documents of the database before install, whose masters the new
        # columns then give their default: drafts everywhere (below).
        cls.item = cls._make_product("Legacy bolt")
        cls.vendor = cls._make_vendor("Legacy Steel", supplier_rank=1)
        cls.customer = cls._make_vendor("Legacy Client", state="draft")
        cls.paid_bank = cls.env["res.partner.bank"].create(
            {"partner_id": cls.vendor.id, "acc_number": "BE71096123456769"}
        )
        cls.po = cls.env["purchase.order"].create(
            {
                "partner_id": cls.vendor.id,
                "company_id": cls.company_a.id,
                "order_line": [
                    Command.create({"product_id": cls.item.id, "price_unit": 2})
                ],
            }
        )
        bill = (
            cls.env["account.move"]
            .with_company(cls.company_a)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": cls.vendor.id,
                    "partner_bank_id": cls.paid_bank.id,
                    "invoice_date": "2026-01-15",
                    "invoice_line_ids": [
                        Command.create({"product_id": cls.item.id, "price_unit": 2})
                    ],
                }
            )
        )
        bill.action_post()
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE product_template SET dist_state = 'draft' WHERE id = %s",
            [cls.item.product_tmpl_id.id],
        )
        cls.env.cr.execute(
            "UPDATE res_partner SET dist_supplier_state = 'draft' WHERE id = %s",
            [cls.vendor.id],
        )
        cls.env.invalidate_all()
        post_init_hook(cls.env)
        cls.env.invalidate_all()

    def test_existing_items_become_active(self):
        """Items that existed at install are active."""
        self.assertEqual(self.item.dist_state, "active")

    def test_existing_suppliers_approved_customers_untouched(self):
        """Partners with a supplier history are approved, others stay draft."""
        self.assertEqual(self.vendor.dist_supplier_state, "approved")
        self.assertEqual(self.customer.dist_supplier_state, "draft")

    def test_account_paid_before_install_keeps_being_payable(self):
        """An account used on a posted bill before install is trusted, with a log."""
        self.assertTrue(self.paid_bank.allow_out_payment)
        self.assertIn("install", self.paid_bank.dist_change_ids.mapped("kind"))

    def test_open_purchase_order_can_still_be_confirmed(self):
        """A draft PO from before install is confirmed by the buyer."""
        self.po.with_user(self.buyer).button_confirm()
        self.assertEqual(self.po.state, "purchase")

    def test_hook_is_idempotent_for_default_rules(self):
        """Running the hook twice does not duplicate the steward rules."""
        post_init_hook(self.env)
        rules = self.env["dist.approval.rule"].search(
            [
                ("company_id", "=", self.company_a.id),
                ("model_name", "=", "product.template"),
            ]
        )
        self.assertEqual(len(rules), 1)
