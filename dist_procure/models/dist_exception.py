from odoo import _, models
from odoo.exceptions import UserError


class DistException(models.Model):
    _inherit = "dist.exception"

    def action_resolve(self):
        self._check_dist_match_closed_by_bill(_("resolved"))
        return super().action_resolve()

    def action_request_waiver(self):
        self._check_dist_match_closed_by_bill(_("waived"))
        return super().action_request_waiver()

    def _check_dist_match_closed_by_bill(self, verb):
        """Refuse closing a bill's match exception by hand (also over RPC).

        It closes with the bill: when the bill matches again, or when a
        controller who did not create it approves its payment release, so
        the exception and the payment block never disagree.
        """
        for exception in self:
            if exception.kind == "match" and exception.res_model == "account.move":
                raise UserError(
                    _(
                        "Exception %(exception)s cannot be %(verb)s here: it closes "
                        "when bill %(bill)s matches its orders and receipts, or when "
                        "a controller approves Release Payment on the bill.",
                        exception=exception.display_name,
                        verb=verb,
                        bill=exception.res_name or exception.res_id,
                    )
                )
