from odoo import models


class AccountPaymentRegister(models.TransientModel):
    """Refuse registering a payment for a bill blocked by its match status.

    Checked before any payment is created, for a clear message; the
    refusal itself is on ``account.partial.reconcile``, where every path ends.
    """

    _inherit = "account.payment.register"

    def _create_payments(self):
        self.line_ids.move_id._dist_check_payment_block()
        return super()._create_payments()
