from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DistException(models.Model):
    """A bill's match exception closes with the bill only.

    It closes through ``close_for`` when the bill matches again or a
    controller approves its payment release, so the exception and the payment
    block never disagree. Its status, source and kind are guarded fields of
    the queue (nobody writes them); here the queue's own transitions refuse
    it too.
    """

    _inherit = "dist.exception"

    dist_is_bill_match = fields.Boolean(
        string="Bill Match Exception",
        compute="_compute_dist_is_bill_match",
        help="A bill's three-way match exception: it closes with the bill "
        "(match or payment release), never by Resolve or Waive.",
    )

    @api.depends("kind", "res_model")
    def _compute_dist_is_bill_match(self):
        bill_matches = self._dist_bill_match_exceptions()
        for exception in self:
            exception.dist_is_bill_match = exception in bill_matches

    def _get_document_label(self, record):
        if record._name == "account.move":
            return record.type_name
        return super()._get_document_label(record)

    def action_dist_open_release(self):
        """Release Payment: the release wizard of this exception's bill."""
        self.ensure_one()
        if not self.dist_is_bill_match:
            raise UserError(
                _(
                    "Exception %(exception)s is not about a bill's three-way match.",
                    exception=self.display_name,
                )
            )
        bill = self.env["account.move"].browse(self.res_id)
        bill.check_access_rights("read")
        bill.check_access_rule("read")
        return bill.action_dist_open_release()

    def action_resolve(self):
        for exception in self._dist_bill_match_exceptions():
            exception._raise_dist_match_closed_by_bill(_("resolved"))
        return super().action_resolve()

    def action_request_waiver(self):
        for exception in self._dist_bill_match_exceptions():
            exception._raise_dist_match_closed_by_bill(_("waived"))
        return super().action_request_waiver()

    def action_dist_submit(self):
        for exception in self._dist_bill_match_exceptions():
            exception._raise_dist_match_closed_by_bill(_("waived"))
        return super().action_dist_submit()

    def _dist_bill_match_exceptions(self):
        return self.filtered(
            lambda exception: (
                exception.kind == "match" and exception.res_model == "account.move"
            )
        )

    def _raise_dist_match_closed_by_bill(self, verb):
        self.ensure_one()
        raise UserError(
            _(
                "Exception %(exception)s cannot be %(verb)s here: it closes when "
                "bill %(bill)s matches its orders and receipts, or when a "
                "controller approves Release Payment on the bill.",
                exception=self.display_name,
                verb=verb,
                bill=self.res_name or self.res_id,
            )
        )
