from odoo import models


class AccountMove(models.Model):
    """Check where a payment's money goes on the single posting path, and when
    the recipient account of a posted payment's journal entry changes."""

    _inherit = "account.move"

    def _post(self, soft=True):
        self.payment_id._check_dist_bank_destination()
        return super()._post(soft=soft)

    def write(self, vals):
        result = super().write(vals)
        if "partner_bank_id" in vals or "partner_id" in vals:
            posted = self.filtered(lambda move: move.state == "posted")
            posted.payment_id._check_dist_bank_destination()
        return result
