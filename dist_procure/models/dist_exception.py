from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.dist_harmonize_base.models.dist_exception import OPEN_STATES

# Fields locating a bill's match exception: nobody re-points or re-kinds it.
MATCH_KEYS = ("kind", "res_model", "res_id")


class DistException(models.Model):
    _inherit = "dist.exception"

    def write(self, vals):
        """A bill's match exception closes with the bill only (also over RPC).

        It closes through ``close_for`` when the bill matches again or a
        controller approves its payment release, so the exception and the
        payment block never disagree. Closing it otherwise, or re-pointing it
        to escape this check, is refused, to the superuser too.
        """
        closing = vals.get("state", "open") not in OPEN_STATES
        moving = set(MATCH_KEYS) & set(vals)
        if (closing and not self.env.context.get("dist_match_closing")) or moving:
            for exception in self._dist_bill_match_exceptions():
                if any(exception[name] != vals[name] for name in moving):
                    exception._raise_dist_match_closed_by_bill(_("changed"))
                if closing and not self.env.context.get("dist_match_closing"):
                    exception._raise_dist_match_closed_by_bill(_("closed"))
        return super().write(vals)

    @api.model
    def close_for(self, record, kind=None, reason_code=None, resolution=None):
        return super(
            DistException, self.with_context(dist_match_closing=True)
        ).close_for(record, kind=kind, reason_code=reason_code, resolution=resolution)

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
