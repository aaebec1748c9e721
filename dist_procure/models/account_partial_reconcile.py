from odoo import api, models

from odoo.addons.dist_harmonize_base.tools import guard

# The lines whose settlement makes a bill paid (core's payment state).
SETTLED_ACCOUNT_TYPES = ("asset_receivable", "liability_payable")
# What may settle a payment-blocked bill: giving back, never paying out.
SETTLING_MOVE_TYPES = ("in_refund",)


class AccountPartialReconcile(models.Model):
    """The payment block where every settlement of a bill ends.

    Whatever the door (register-payment wizard, batch payments, an
    outstanding payment assigned on the bill, ``reconcile()``, a partial
    created or re-pointed over RPC, sudo included), a bill is paid through an
    ``account.partial.reconcile`` between its payable line and a counterpart.
    Creating or re-pointing one that settles a payment-blocked bill
    (``account.move.dist_payment_blocked``) with anything but a vendor credit
    note is refused, before anything is written. The exchange-difference
    entries core books on a settlement accepted here follow it
    (``account.move.line._create_exchange_difference_moves``).
    """

    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        Line = self.env["account.move.line"]
        self._check_dist_payment_block(
            [
                (
                    Line.browse(vals.get("debit_move_id")),
                    Line.browse(vals.get("credit_move_id")),
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "debit_move_id" in vals or "credit_move_id" in vals:
            Line = self.env["account.move.line"]
            self._check_dist_payment_block(
                [
                    (
                        Line.browse(
                            vals.get("debit_move_id", partial.debit_move_id.id)
                        ),
                        Line.browse(
                            vals.get("credit_move_id", partial.credit_move_id.id)
                        ),
                    )
                    for partial in self
                ]
            )
        return super().write(vals)

    @api.model
    def _check_dist_payment_block(self, pairs):
        """Raise if a ``(debit line, credit line)`` of ``pairs`` settles a blocked bill."""
        if guard.is_permitted(self.browse(), create=True):
            return
        for debit, credit in pairs:
            for line, counterpart in ((debit, credit), (credit, debit)):
                if (
                    line.move_id.dist_payment_blocked
                    and line.account_id.account_type in SETTLED_ACCOUNT_TYPES
                    and counterpart.move_id.move_type not in SETTLING_MOVE_TYPES
                ):
                    line.move_id._dist_check_payment_block()
