from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import guard


class DistBankChange(models.Model):
    """Immutable before/after record of a bank account event.

    One row per event on a governed bank account: creation, change of number,
    holder or owner, four-eyes approval, withdrawal of trust, trust kept at
    install. Rows are written by ``res.partner.bank`` only, under the guard's
    permit (``_dist_log``), and can never be changed or deleted, by anyone.
    """

    _name = "dist.bank.change"
    _description = "Bank Account Change"
    _order = "date desc, id desc"
    _rec_name = "acc_number_after"

    bank_id = fields.Many2one(
        "res.partner.bank", string="Bank Account", index=True, ondelete="set null"
    )
    partner_id = fields.Many2one("res.partner", index=True, ondelete="set null")
    company_id = fields.Many2one("res.company", index=True)
    kind = fields.Selection(
        [
            ("create", "Created"),
            ("change", "Changed"),
            ("approve", "Approved (second person)"),
            ("untrust", "Trust withdrawn"),
            ("install", "Trust kept at install"),
        ],
        required=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Done By", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    acc_number_before = fields.Char()
    acc_number_after = fields.Char()
    holder_before = fields.Char()
    holder_after = fields.Char()
    owner_before_id = fields.Many2one("res.partner")
    owner_after_id = fields.Many2one("res.partner")
    bank_before_id = fields.Many2one("res.bank")
    bank_after_id = fields.Many2one("res.bank")
    trusted_after = fields.Boolean()

    @api.model_create_multi
    def create(self, vals_list):
        if not guard.is_permitted(self, create=True):
            raise UserError(
                _("Bank account changes are recorded by the bank account itself.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._raise_immutable(_("modified"))
        return super().write(vals)

    def unlink(self):
        self._raise_immutable(_("deleted"))
        return super().unlink()

    def _raise_immutable(self, action):
        """Always raises: the log is never changed, by anyone."""
        raise UserError(
            _(
                "Bank account change %(change)s cannot be %(action)s: the log is "
                "immutable.",
                change=self[:1].display_name,
                action=action,
            )
        )
