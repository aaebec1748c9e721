from contextlib import contextmanager

from odoo import Command, api, fields, models

from ..tools import guard

# A user who writes one of these on a vendor bill (or posts it) is one of its authors.
AUTHOR_MOVE_FIELDS = frozenset(
    ("invoice_line_ids", "line_ids", "partner_id", "currency_id", "invoice_date")
)
# Bills changed inside an account.move create/write, given their authors at its end
# (held server-side on the cursor, like the guard's permits).
PENDING_AUTHORS = "dist_pending_bill_authors"


class AccountMove(models.Model):
    """Who entered or changed a vendor bill, and where a payment's money goes.

    ``dist_author_ids`` lists the users who entered a vendor bill (invoice,
    credit note or receipt), changed its vendor, currency, date, lines or
    their amounts (account_move_line.py), or posted it; controls such as
    segregation of duties read it. Only the engine writes it, under a permit,
    and only when the user is not in it yet. Changes made while an
    ``account.move`` create or write runs (its lines, taxes) are collected and
    written once at its end (``_dist_author_batch``).

    The bank destination of payments is checked on the single posting path,
    and when the recipient account of a posted payment's journal entry
    changes (account_payment.py).

    Bill only approved suppliers: the vendor (commercial partner) of a vendor
    bill, refund or receipt must be an approved supplier whenever it becomes
    the move's (``create``, a ``write`` of ``partner_id``) and whenever a line
    enters the move (see ``account.move.line``), in any state of the move. A
    blocked supplier, once approved, may still be billed for what it was
    ordered: a purchase document whose every product line bills one of its
    purchase order lines is allowed.
    """

    _name = "account.move"
    _inherit = ["account.move", "dist.guarded.mixin"]
    _dist_guarded_fields = ("dist_author_ids",)

    dist_author_ids = fields.Many2many(
        "res.users",
        "dist_account_move_author_rel",
        "move_id",
        "user_id",
        string="Entered or Changed By",
        copy=False,
        readonly=True,
        help="Users who entered this vendor bill, changed its vendor, currency, "
        "date or lines, or posted it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        with self._dist_author_batch() as pending:
            moves = super().create(vals_list)
            pending.update(moves._dist_bill_ids())
        moves._check_dist_vendor_approved()
        return moves

    def write(self, vals):
        # Writing the partner a move already has brings nobody in.
        vendor_changed = (
            self.filtered(lambda move: move.partner_id.id != vals["partner_id"])
            if "partner_id" in vals
            else self.browse()
        )
        with self._dist_author_batch() as pending:
            result = super().write(vals)
            if AUTHOR_MOVE_FIELDS & set(vals):
                pending.update(self._dist_bill_ids())
        vendor_changed._check_dist_vendor_approved()
        if "partner_bank_id" in vals or "partner_id" in vals:
            posted = self.filtered(lambda move: move.state == "posted")
            posted.payment_id._check_dist_bank_destination()
        return result

    def unlink(self):
        # Lines deleted with their bill make no author of a deleted bill.
        with self._dist_author_batch() as pending:
            result = super().unlink()
            pending.difference_update(self.ids)
        return result

    def _post(self, soft=True):
        self.payment_id._check_dist_bank_destination()
        posted = super()._post(soft=soft)
        posted._dist_add_author()
        return posted

    # ------------------------------------------------------------------
    # authors
    # ------------------------------------------------------------------
    def _dist_bill_ids(self):
        return [
            move.id for move in self if move.is_purchase_document(include_receipts=True)
        ]

    def _dist_add_author(self):
        """Make the current user an author of the vendor bills of ``self``."""
        with self._dist_author_batch() as pending:
            pending.update(self._dist_bill_ids())

    @contextmanager
    def _dist_author_batch(self):
        """Collect bill ids in the yielded set; the outermost block writes them.

        On success the outermost block adds the current user to the authors
        of the collected bills that do not list them yet (no write otherwise).
        """
        store = self.env.cr.cache
        if PENDING_AUTHORS in store:
            yield store[PENDING_AUTHORS]
            return
        pending = store[PENDING_AUTHORS] = set()
        try:
            yield pending
        finally:
            del store[PENDING_AUTHORS]
        user = self.env.user
        # sudo: reading who the authors are, whatever the user may read of them.
        bills = self.browse(pending).sudo()
        bills = bills.filtered(lambda bill: user not in bill.dist_author_ids)
        if bills:
            bills = bills.with_env(self.env)
            with guard.permit(bills):
                bills.write({"dist_author_ids": [Command.link(user.id)]})

    # ------------------------------------------------------------------
    # governed vendor
    # ------------------------------------------------------------------
    def _check_dist_vendor_approved(self):
        """Raise naming the purchase document whose vendor may not be billed."""
        for move in self:
            vendor = move.partner_id.commercial_partner_id
            if (
                not vendor
                or vendor.dist_supplier_state == "approved"
                or not move.is_purchase_document(include_receipts=True)
            ):
                continue
            if (
                vendor.dist_supplier_state == "blocked"
                and move._dist_billed_from_orders()
            ):
                continue
            vendor._dist_raise_not_approved(move)

    def _dist_billed_from_orders(self):
        """Whether every product line of this move bills a purchase order line
        of its vendor."""
        self.ensure_one()
        vendor = self.partner_id.commercial_partner_id
        return all(
            line.purchase_line_id.order_id.partner_id.commercial_partner_id == vendor
            for line in self.line_ids
            if line.display_type == "product"
        )
