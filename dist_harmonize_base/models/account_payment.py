from odoo import _, api, models
from odoo.exceptions import UserError

# Changing one of these on a posted payment re-checks where its money goes.
DESTINATION_FIELDS = ("partner_bank_id", "partner_id", "is_internal_transfer")


class AccountPayment(models.Model):
    """No money leaves to an untrusted account, nor to someone else's account.

    Odoo 17 refuses to post only when the payment method *requires* a bank
    account (``require_partner_bank_account``), and takes any account as the
    recipient. Here the recipient account of an outbound payment (on the
    payment and on its journal entry) must be one of the companies' own
    accounts (the bank accounts of their journals, set up by an accounting
    manager), or else a trusted account (four-eyes, res_partner_bank.py) of
    the payee itself (same commercial partner); an internal transfer goes to
    an own account only. ``_check_dist_bank_destination`` runs when a user
    creates a payment, when the journal entry of a payment is posted
    (account_move.py), which every path goes through (the payment form, the
    register-payment wizard, RPC on the payment or on its journal entry), and
    when the account, payee or transfer flag of a posted payment changes.
    """

    _inherit = "account.payment"

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        if not self.env.su:
            # Technical code (superuser) may prepare drafts, e.g. migrations;
            # posting them is still refused.
            payments._check_dist_bank_destination()
        return payments

    def write(self, vals):
        result = super().write(vals)
        if set(DESTINATION_FIELDS) & set(vals):
            self.filtered(
                lambda payment: payment.state == "posted"
            )._check_dist_bank_destination()
        return result

    def _check_dist_bank_destination(self):
        """Raise if an outbound payment of ``self`` goes to a wrong account."""
        outbound = self.filtered(lambda payment: payment.payment_type == "outbound")
        if not outbound:
            return
        own_accounts = self._dist_own_bank_accounts()
        for payment in outbound:
            for bank in payment.partner_bank_id | payment.move_id.partner_bank_id:
                if bank not in own_accounts:
                    payment._check_dist_bank_account(bank)

    @api.model
    def _dist_own_bank_accounts(self):
        """Return the bank accounts of the companies' journals."""
        # sudo: the journals of every company count (internal transfers between
        # companies), whatever the user may read; journals are set up by
        # accounting managers only.
        journals = (
            self.env["account.journal"]
            .sudo()
            .with_context(active_test=False)
            .search([("bank_account_id", "!=", False)])
        )
        return journals.bank_account_id.with_env(self.env)

    def _check_dist_bank_account(self, bank):
        """Raise unless ``bank``, not an own account, may receive this payment."""
        self.ensure_one()
        values = {
            "payment": self.display_name,
            "partner": self.partner_id.display_name,
            "account": bank.acc_number,
            # sudo: the owner's name only, to say whose account it is.
            "owner": bank.sudo().partner_id.display_name,
        }
        if self.is_internal_transfer:
            raise UserError(
                _(
                    "Internal transfer %(payment)s cannot go to bank account "
                    "%(account)s of %(owner)s: internal transfers go only to the "
                    "bank accounts of the companies' journals.",
                    **values,
                )
            )
        if (
            bank.partner_id.commercial_partner_id
            != self.partner_id.commercial_partner_id
        ):
            raise UserError(
                _(
                    "Payment %(payment)s to %(partner)s cannot go to bank account "
                    "%(account)s (field Recipient Bank Account): it belongs to "
                    "%(owner)s, not to the payee.",
                    **values,
                )
            )
        if not bank.allow_out_payment:
            raise UserError(
                _(
                    "Payment %(payment)s to %(partner)s cannot be posted: the "
                    "bank account %(account)s (field Recipient Bank Account) "
                    "is not trusted; a second person must approve it first.",
                    **values,
                )
            )
