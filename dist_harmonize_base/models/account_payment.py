from odoo import _, api, models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    """No money leaves to an untrusted bank account.

    Odoo 17 refuses to post only when the payment method *requires* a bank
    account (``require_partner_bank_account``); a manual outbound payment to
    an untrusted account goes through. ``_check_dist_bank_trusted`` closes
    that gap; it runs when a user creates a payment and when the journal
    entry of a payment is posted (account_move.py), which every path goes
    through: the payment form, the register-payment wizard, RPC on the
    payment or on its journal entry.
    """

    _inherit = "account.payment"

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        if not self.env.su:
            # Technical code (superuser) may prepare drafts, e.g. migrations;
            # posting them is still refused.
            payments._check_dist_bank_trusted()
        return payments

    def _check_dist_bank_trusted(self):
        for payment in self:
            bank = payment.partner_bank_id
            if (
                payment.payment_type == "outbound"
                and not payment.is_internal_transfer
                and bank
                and not bank.allow_out_payment
            ):
                raise UserError(
                    _(
                        "Payment %(payment)s to %(partner)s cannot be posted: the "
                        "bank account %(account)s (field Recipient Bank Account) "
                        "is not trusted; a second person must approve it first.",
                        payment=payment.display_name,
                        partner=payment.partner_id.display_name,
                        account=bank.acc_number,
                    )
                )
