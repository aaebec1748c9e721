from odoo import _, fields, models

from odoo.addons.dist_harmonize_base.tools import guard


class DistIntercompanyLinkMixin(models.AbstractModel):
    """Links of a document (order, picking, invoice) to its intercompany chain.

    All written by the engine only (guarded fields): the transaction, the
    other side's document (its reference, and its id: not a many2one, the
    counterpart belongs to the other company) and whether the engine created
    this document as a mirror. A mirrored document never mirrors back: the
    engine reads ``dist_ic_mirrored``, nothing the client sends.

    The document model must also inherit ``dist.guarded.mixin`` (before this
    one), which enforces ``_dist_guarded_fields``.
    """

    _name = "dist.intercompany.link.mixin"
    _description = "Intercompany Links"
    _dist_guarded_fields = (
        "dist_ic_transaction_id",
        "dist_ic_counterpart_ref",
        "dist_ic_counterpart_id",
        "dist_ic_mirrored",
    )

    dist_ic_transaction_id = fields.Many2one(
        "dist.intercompany.transaction",
        string="Intercompany Transaction",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    dist_ic_counterpart_ref = fields.Char(
        string="Intercompany Counterpart",
        readonly=True,
        copy=False,
        help="The other company's document of the intercompany chain.",
    )
    dist_ic_counterpart_id = fields.Integer(readonly=True, copy=False)
    dist_ic_mirrored = fields.Boolean(
        string="Intercompany Mirror",
        readonly=True,
        copy=False,
        help="Created by the intercompany engine from the other company's document.",
    )

    def _dist_ic_write(self, values):
        """Write the engine's links on the documents."""
        with guard.permit(self):
            # sudo: the links are the engine's, whoever triggered it.
            self.sudo().write(values)

    def action_dist_open_ic_transaction(self):
        """Open the intercompany transaction of the document (smart button)."""
        self.ensure_one()
        return self.dist_ic_transaction_id.get_formview_action()

    # goods and invoice flows
    def _dist_ic_link_mirror(self, mirror, transaction):
        """Link this document and its ``mirror`` (the other company's, made by
        the engine) both ways, and say in the mirror's chatter where it came
        from. The mirror is marked ``dist_ic_mirrored``: it never mirrors back."""
        self.ensure_one()
        self._dist_ic_write(
            {
                "dist_ic_transaction_id": transaction.id,
                "dist_ic_counterpart_ref": mirror.display_name,
                "dist_ic_counterpart_id": mirror.id,
            }
        )
        mirror._dist_ic_write(
            {
                "dist_ic_transaction_id": transaction.id,
                "dist_ic_counterpart_ref": self.display_name,
                "dist_ic_counterpart_id": self.id,
                "dist_ic_mirrored": True,
            }
        )
        mirror.message_post(
            body=_(
                "Mirrored from %(company)s: %(ref)s",
                company=self.company_id.name,
                ref=self.display_name,
            )
        )

    def _dist_ic_log_refusal(self, transaction, step, target, message):
        """Record that the other company refused mirroring this document:
        the step fails on the transaction with ``message`` as its last error,
        and the refusal is queued as an exception (``ic_sync_refused``)."""
        self.ensure_one()
        transaction._dist_log_event(
            step, self, target or False, "refused", message, state="failed"
        )
        transaction._dist_write({"last_error": message})
        # sudo: the queue records the refusal whatever the acting user may
        # read; the transaction and the message come from the engine.
        self.env["dist.exception"].sudo().raise_for(
            transaction, "other", "ic_sync_refused", message, severity="high"
        )
