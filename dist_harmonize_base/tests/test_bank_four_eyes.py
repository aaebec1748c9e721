from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestBankFourEyes(DistCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        cls.vendor = cls._make_vendor("Fast Freight", company_id=cls.company_a.id)
        cls.product = cls._make_product("Freight service", type="service")
        cls.accountant = cls._make_user(
            "dist_accountant", "account.group_account_invoice", cls.company_a
        )

    def _buyer_account(self, number="BE71096123456769"):
        Bank = self.env["res.partner.bank"].with_user(self.buyer)
        return Bank.create({"partner_id": self.vendor.id, "acc_number": number})

    def _posted_bill(self, bank):
        bill = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.vendor.id,
                    "partner_bank_id": bank.id,
                    "invoice_date": "2026-01-15",
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": 100}
                        )
                    ],
                }
            )
        )
        bill.action_post()
        return bill

    def _pay(self, bill):
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({})
        )
        return wizard._create_payments()

    def test_new_supplier_account_is_untrusted_until_approved(self):
        """A buyer's new account is pending; a steward's approval trusts it."""
        bank = self._buyer_account()
        self.assertEqual(bank.dist_trust_state, "pending")
        bank.with_user(self.steward).action_dist_approve_bank()
        self.assertEqual(bank.dist_trust_state, "trusted")
        self.assertEqual(
            set(bank.dist_change_ids.mapped("kind")), {"create", "approve"}
        )

    def test_person_who_changed_the_account_cannot_approve_it(self):
        """The steward who changed the number needs a controller to approve."""
        bank = self._buyer_account()
        bank.with_user(self.controller).action_dist_approve_bank()
        bank.with_user(self.steward).acc_number = "BE68539007547034"
        self.assertFalse(bank.allow_out_payment)
        with self.assertRaises(UserError):
            bank.with_user(self.steward).action_dist_approve_bank()
        bank.with_user(self.controller).action_dist_approve_bank()
        self.assertTrue(bank.allow_out_payment)

    def test_change_keeps_before_and_after_with_who(self):
        """Changing the number logs the old and new number and the author."""
        bank = self._buyer_account()
        bank.with_user(self.buyer).acc_number = "BE68539007547034"
        change = bank.dist_change_ids.filtered(lambda c: c.kind == "change")
        self.assertEqual(change.acc_number_before, "BE71096123456769")
        self.assertEqual(change.acc_number_after, "BE68539007547034")
        self.assertEqual(change.user_id, self.buyer)

    def test_buyer_cannot_trust_an_account_directly(self):
        """Setting Send Money through RPC is refused; trust needs Approve."""
        bank = self._buyer_account()
        with self.assertRaises(UserError):
            bank.write({"allow_out_payment": True})
        with self.assertRaises(UserError):
            bank.with_user(self.buyer).action_dist_approve_bank()

    def test_payment_to_changed_account_refused_until_second_user_approves(self):
        """Registering a payment to an unapproved account fails, then works."""
        bank = self._buyer_account()
        bill = self._posted_bill(bank)
        with self.assertRaisesRegex(UserError, "BE71096123456769"):
            self._pay(bill)
        bank.with_user(self.steward).action_dist_approve_bank()
        payment = self._pay(bill)
        self.assertEqual(payment.state, "posted")

    def _payment_vals(self, bank):
        return {
            "payment_type": "outbound",
            "partner_type": "supplier",
            "partner_id": self.vendor.id,
            "partner_bank_id": bank.id,
            "amount": 50,
            "company_id": self.company_a.id,
        }

    def test_payment_to_untrusted_account_cannot_be_created(self):
        """An accountant cannot even prepare a payment to an untrusted account."""
        bank = self._buyer_account()
        Payment = self.env["account.payment"].with_user(self.accountant)
        with self.assertRaisesRegex(UserError, "Fast Freight"):
            Payment.create(self._payment_vals(bank))

    def test_legacy_draft_payment_cannot_be_posted_to_untrusted_account(self):
        """A draft payment prepared before the change cannot be posted, by any path."""
        bank = self._buyer_account()
        Payment = self.env["account.payment"].with_company(self.company_a)
        payment = Payment.create(self._payment_vals(bank))
        payment = payment.with_user(self.accountant)
        with self.assertRaises(UserError):
            payment.action_post()
        with self.assertRaises(UserError):
            payment.move_id.action_post()
        self.assertEqual(payment.state, "draft")

    def test_change_log_is_immutable(self):
        """Nobody edits or deletes the bank change log, not even an admin."""
        change = self._buyer_account().dist_change_ids
        with self.assertRaises(UserError):
            change.with_user(self.dist_admin).write({"acc_number_after": "X"})
        with self.assertRaises(UserError):
            change.sudo().unlink()

    def test_company_own_account_is_not_governed(self):
        """The company's own bank account is not put under four-eyes."""
        bank = self.env["res.partner.bank"].create(
            {
                "partner_id": self.company_a.partner_id.id,
                "acc_number": "NL91ABNA0417164300",
            }
        )
        self.assertFalse(bank.dist_pending_approval)

    def test_change_log_isolated_by_company(self):
        """A company-B user sees no bank change of a company-A supplier."""
        self._buyer_account()
        Change = self.env["dist.bank.change"]
        self.assertTrue(Change.with_user(self.steward).search([]))
        self.assertFalse(Change.with_user(self.user_b).search([]))
