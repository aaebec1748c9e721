from odoo import models

# Context keys with which Odoo skips tracking a write.
SKIP_KEYS = ("tracking_disable", "mail_notrack")


class DistTrackedMixin(models.AbstractModel):
    """Control configuration whose every change is tracked.

    Odoo skips tracking a write when the context says so (``tracking_disable``,
    ``mail_notrack``), and over RPC the client writes the context: on a model
    whose chatter is a control's history (approval rules and levels,
    delegations, segregation-of-duties rules, reason codes, tolerance keys,
    landed-cost templates), those keys are dropped from every write, so no
    change goes unrecorded. Put it first in ``_inherit``, before
    ``mail.thread``.
    """

    _name = "dist.tracked.mixin"
    _description = "Always-Tracked Control Configuration"

    def write(self, vals):
        return super(DistTrackedMixin, self._dist_always_tracked()).write(vals)

    def _dist_always_tracked(self):
        """``self`` in a context that tracks, whatever the caller sent."""
        if any(self.env.context.get(key) for key in SKIP_KEYS):
            return self.with_context(**dict.fromkeys(SKIP_KEYS, False))
        return self
