from odoo import models


class AccountMove(models.Model):
    """Hook the bank-trust check of payments on the single posting path."""

    _inherit = "account.move"

    def _post(self, soft=True):
        self.payment_id._check_dist_bank_trusted()
        return super()._post(soft=soft)
