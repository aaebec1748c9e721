from odoo import api, models


class AccountMove(models.Model):
    """Hook the bank-trust check of payments on the single posting path; bill
    only approved suppliers.

    The vendor (commercial partner) of a vendor bill, refund or receipt must
    be an approved supplier whenever it becomes the move's (``create``, a
    ``write`` of ``partner_id``) and whenever a line enters the move (see
    ``account.move.line``), in any state of the move. A blocked supplier,
    once approved, may still be billed for what it was ordered: a purchase
    document whose every product line bills one of its purchase order lines
    is allowed.
    """

    _inherit = "account.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves._check_dist_vendor_approved()
        return moves

    def write(self, vals):
        if "partner_id" not in vals:
            return super().write(vals)
        # Writing the partner a move already has brings nobody in.
        changed = self.filtered(lambda move: move.partner_id.id != vals["partner_id"])
        result = super().write(vals)
        changed._check_dist_vendor_approved()
        return result

    def _post(self, soft=True):
        self.payment_id._check_dist_bank_trusted()
        return super()._post(soft=soft)

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
