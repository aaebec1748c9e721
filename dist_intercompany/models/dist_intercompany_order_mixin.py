from odoo import _, models

# Order states from which the other side is no longer followed.
CANCELLED = "cancel"


class DistIntercompanyOrderMixin(models.AbstractModel):
    """What the two orders of a chain (the buyer's purchase order, the
    seller's sale order) share: a header that no longer changes, and a
    cancellation that follows on the other order or is refused.

    Enforced in ``write`` (every door ends there). A consumer implements
    ``_dist_ic_counterpart()`` (the live order of the other side, sudo),
    ``_dist_ic_raise(message)`` (the error naming both orders),
    ``_dist_ic_done_labels()`` and ``_dist_ic_cancel_counterpart()``, and
    lists ``_dist_ic_header_fields``.
    """

    _name = "dist.intercompany.order.mixin"
    _description = "Intercompany Order"

    _dist_ic_header_fields = ()

    def write(self, vals):
        linked = self.filtered(lambda order: order._dist_ic_counterpart())
        if linked and any(name in vals for name in self._dist_ic_header_fields):
            linked._check_dist_ic_header(vals)
        cancelling = self.browse()
        if vals.get("state") == CANCELLED:
            cancelling = linked.filtered(lambda order: order.state != CANCELLED)
            cancelling._check_dist_ic_cancel()
        result = super().write(vals)
        if cancelling:
            cancelling._dist_ic_cancel_counterpart()
        return result

    # ------------------------------------------------------------------
    # override points
    # ------------------------------------------------------------------
    def _dist_ic_counterpart(self):
        """The other side's live (not cancelled) order, as superuser, or empty."""
        raise NotImplementedError

    def _dist_ic_raise(self, message):
        """Raise ``message`` as an error naming both orders."""
        raise NotImplementedError

    def _dist_ic_done_labels(self):
        """How the order's goods and invoice steps are said (received, billed)."""
        raise NotImplementedError

    def _dist_ic_cancel_counterpart(self):
        """Cancel the other side's order of each (cancelled) order of ``self``."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------
    def _check_dist_ic_header(self, vals):
        for order in self:
            for name in self._dist_ic_header_fields:
                field = order._fields[name]
                if (
                    name in vals
                    and field.convert_to_cache(vals[name], order) != order[name].id
                ):
                    order._dist_ic_raise(
                        _("its %(field)s cannot change", field=field.string)
                    )

    def _check_dist_ic_cancel(self):
        for order in self:
            reason = order._dist_ic_cancel_blocker() or (
                order._dist_ic_counterpart()._dist_ic_cancel_blocker()
            )
            if reason:
                order._dist_ic_raise(
                    _("it cannot be cancelled, %(reason)s", reason=reason)
                )

    def _dist_ic_cancel_blocker(self):
        """Why the order can no longer be cancelled (text), or False."""
        self.ensure_one()
        # sudo: the other side's order is checked, not shown.
        order = self.sudo()
        goods, invoice = order._dist_ic_done_labels()
        if order.order_line.move_ids.filtered(lambda move: move.state == "done"):
            return _("%(order)s is already %(done)s", order=order.name, done=goods)
        if order.invoice_ids.filtered(lambda move: move.state == "posted"):
            return _("%(order)s is already %(done)s", order=order.name, done=invoice)
        return False

    def _dist_ic_log_cancel(self, counterpart):
        """Record on the chain that ``counterpart`` was cancelled with ``self``."""
        self.ensure_one()
        self.sudo().dist_ic_transaction_id._dist_log_event(
            "order",
            self,
            counterpart,
            "ok",
            _(
                "%(document)s cancelled with %(order)s.",
                document=counterpart.name,
                order=self.name,
            ),
            state="skipped",
        )
        transaction = self.sudo().dist_ic_transaction_id
        for step in ("delivery", "invoice"):
            if transaction[f"{step}_state"] == "pending":
                transaction._dist_log_event(
                    step,
                    self,
                    counterpart,
                    "ok",
                    _("Nothing to mirror: the orders are cancelled."),
                    state="skipped",
                )
