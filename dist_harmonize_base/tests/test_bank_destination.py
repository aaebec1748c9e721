from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DistCommon


@tagged("post_install", "-at_install")
class TestBankDestination(DistCommon):
    """An outbound payment goes to the payee's trusted account or to an own account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_a, install_demo=False
        )
        cls.clerk = cls._make_user(
            "dist_clerk", "account.group_account_invoice", cls.company_a
        )
        cls.vendor_1 = cls._make_vendor("Acme Supplies", company_id=cls.company_a.id)
        cls.vendor_2 = cls._make_vendor("Borealis", company_id=cls.company_a.id)
        cls.bank_1 = cls._trusted_account(cls.vendor_1, "BE71096123456769")
        cls.bank_1b = cls._trusted_account(cls.vendor_1, "BE68539007547034")
        cls.bank_2 = cls._trusted_account(cls.vendor_2, "NL91ABNA0417164300")
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company_a.id), ("type", "=", "bank")], limit=1
        )
        # Configuration (accounting manager): a second bank journal on an own account.
        cls.own_account = cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.company_a.partner_id.id,
                "acc_number": "DE89370400440532013000",
            }
        )
        cls.savings = cls.env["account.journal"].create(
            {
                "name": "Savings",
                "code": "SAV",
                "type": "bank",
                "company_id": cls.company_a.id,
                "bank_account_id": cls.own_account.id,
            }
        )

    @classmethod
    def _trusted_account(cls, vendor, number):
        bank = (
            cls.env["res.partner.bank"]
            .with_user(cls.buyer)
            .create({"partner_id": vendor.id, "acc_number": number})
        )
        bank.with_user(cls.steward).action_dist_approve_bank()
        return bank

    def _payment(self, partner, bank, **values):
        """Create a draft outbound payment as the payables clerk."""
        return (
            self.env["account.payment"]
            .with_user(self.clerk)
            .create(
                dict(
                    {
                        "payment_type": "outbound",
                        "partner_type": "supplier",
                        "partner_id": partner.id,
                        "partner_bank_id": bank.id,
                        "journal_id": self.bank_journal.id,
                        "amount": 50,
                    },
                    **values,
                )
            )
        )

    def test_payment_to_the_payees_trusted_account_posts(self):
        """Vendor 1 paid on its own trusted account: posted."""
        payment = self._payment(self.vendor_1, self.bank_1)
        payment.action_post()
        self.assertEqual(payment.state, "posted")

    def test_payment_to_another_vendors_trusted_account_is_refused(self):
        """Paying vendor 2 on vendor 1's trusted account: refused, by form and by post."""
        with self.assertRaisesRegex(UserError, "not to the payee"):
            self._payment(self.vendor_2, self.bank_1)
        draft = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.vendor_2.id,
                "partner_bank_id": self.bank_1.id,
                "journal_id": self.bank_journal.id,
                "amount": 50,
            }
        )
        with self.assertRaisesRegex(UserError, "not to the payee"):
            draft.with_user(self.clerk).action_post()

    def test_internal_transfer_goes_to_an_own_account_only(self):
        """A transfer marked internal to a vendor's account is refused, trusted or not."""
        untrusted = (
            self.env["res.partner.bank"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.vendor_1.id,
                    "acc_number": "FR7630006000011234567890189",
                }
            )
        )
        transfer = {
            "is_internal_transfer": True,
            "destination_journal_id": self.savings.id,
        }
        for bank in (untrusted, self.bank_1):
            with self.assertRaisesRegex(UserError, "internal transfers go only"):
                self._payment(self.vendor_1, bank, **transfer)
        payment = self._payment(self.company_a.partner_id, self.own_account, **transfer)
        payment.action_post()
        self.assertEqual(payment.state, "posted")

    def test_posted_payment_cannot_be_redirected_to_another_account(self):
        """After posting, the recipient account changes only to one that passes."""
        payment = self._payment(self.vendor_1, self.bank_1)
        payment.action_post()
        with self.assertRaisesRegex(UserError, "not to the payee"):
            payment.write({"partner_bank_id": self.bank_2.id})
        with self.assertRaisesRegex(UserError, "not to the payee"):
            payment.move_id.write({"partner_bank_id": self.bank_2.id})
        payment.write({"partner_bank_id": self.bank_1b.id})
        self.assertEqual(payment.partner_bank_id, self.bank_1b)
