from odoo import _, models
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
