from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import clean_context

from odoo.addons.dist_harmonize_base.tools import guard

STEP_STATES = [
    ("pending", "Pending"),
    ("done", "Done"),
    ("partial", "Partial"),
    ("failed", "Failed"),
    ("skipped", "Skipped"),
]
STEPS = [("order", "Order"), ("delivery", "Delivery"), ("invoice", "Invoice")]
# step → (state field, flow field of the rule)
STEP_FIELDS = {
    "order": ("order_state", "sync_order"),
    "delivery": ("delivery_state", "sync_delivery"),
    "invoice": ("invoice_state", "sync_invoice"),
}
RESULT_STATES = {"ok": "done", "failed": "failed"}


def step_field(string):
    """A step's state: written by the engine only, tracked on the chain."""
    return fields.Selection(
        STEP_STATES,
        string=string,
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
    )


def record_ref(record):
    """How an event names a document: "P00012 (Company A)"."""
    if not record:
        return False
    if isinstance(record, str):
        return record
    record = record.sudo()
    company = record.company_id.name if "company_id" in record._fields else ""
    return f"{record.display_name} ({company})" if company else record.display_name


@contextmanager
def mirroring(source, target, user):
    """Around a write of the engine on ``target`` (the other side of ``source``)
    as the technical ``user``: any refusal becomes one error naming both."""
    try:
        yield
    except (AccessError, UserError, ValidationError) as error:
        raise UserError(
            _(
                "%(document)s cannot be mirrored on %(target)s as %(user)s: %(error)s",
                document=record_ref(source),
                target=record_ref(target),
                user=user.name,
                error=error.args[0] if error.args else error,
            )
        ) from error


def describe_values(record, values):
    """How an event states a change: "Quantity: 5.0, Unit Price: 110.0"."""
    return ", ".join(
        f"{record._fields[name].string}: {value}" for name, value in values.items()
    )


class DistIntercompanyTransaction(models.Model):
    """One intercompany chain: the buyer's PO, the seller's SO, the delivery
    and the receipt, the invoice and the bill, with the state of each step.

    Users of the seller or the buyer company read it (record rule); nobody
    writes it but the engine: the step states and the last error are guarded
    fields, and ``_dist_log_event`` is their one writer (with the step's
    event). The links to documents of the other company are shown through
    ``purchase_ref`` / ``sale_ref`` (plain text) to a user who cannot read
    the document itself.
    """

    _name = "dist.intercompany.transaction"
    _inherit = ["mail.thread", "dist.guarded.mixin"]
    _description = "Intercompany Transaction"
    _order = "id desc"
    _dist_guarded_fields = (
        "rule_id",
        "purchase_id",
        "sale_id",
        "order_state",
        "delivery_state",
        "invoice_state",
        "last_error",
    )

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    rule_id = fields.Many2one("dist.intercompany.rule", readonly=True, index=True)
    seller_company_id = fields.Many2one(
        "res.company", string="Seller", required=True, readonly=True, index=True
    )
    buyer_company_id = fields.Many2one(
        "res.company", string="Buyer", required=True, readonly=True, index=True
    )
    purchase_id = fields.Many2one(
        "purchase.order", string="Purchase Order", readonly=True, index="btree_not_null"
    )
    sale_id = fields.Many2one(
        "sale.order", string="Sale Order", readonly=True, index="btree_not_null"
    )
    purchase_ref = fields.Char(string="Purchase Order Reference", readonly=True)
    sale_ref = fields.Char(string="Sale Order Reference", readonly=True)
    dist_can_read_purchase = fields.Boolean(compute="_compute_dist_can_read")
    dist_can_read_sale = fields.Boolean(compute="_compute_dist_can_read")
    order_state = step_field("Order")
    delivery_state = step_field("Delivery")
    invoice_state = step_field("Invoice")
    state = fields.Selection(
        [("in_progress", "In Progress"), ("done", "Done"), ("failed", "Failed")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    last_error = fields.Text(readonly=True)
    event_ids = fields.One2many(
        "dist.intercompany.event", "transaction_id", string="Events", readonly=True
    )

    @api.depends("order_state", "delivery_state", "invoice_state")
    def _compute_state(self):
        for transaction in self:
            states = {
                transaction.order_state,
                transaction.delivery_state,
                transaction.invoice_state,
            }
            if "failed" in states:
                transaction.state = "failed"
            elif states <= {"done", "skipped"}:
                transaction.state = "done"
            else:
                transaction.state = "in_progress"

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_dist_can_read(self):
        companies = self.env.user.company_ids
        for transaction in self:
            transaction.dist_can_read_purchase = (
                transaction.buyer_company_id in companies
                and bool(transaction.purchase_id)
            )
            transaction.dist_can_read_sale = (
                transaction.seller_company_id in companies and bool(transaction.sale_id)
            )

    # ------------------------------------------------------------------
    # engine
    # ------------------------------------------------------------------
    @api.model
    def _dist_create_for(self, rule, purchase):
        """Create the transaction of ``purchase`` under ``rule`` (engine only)."""
        Transaction = self.sudo()
        values = {
            "name": self.env["ir.sequence"].sudo().next_by_code(self._name) or "/",
            "rule_id": rule.id,
            "seller_company_id": rule.seller_company_id.id,
            "buyer_company_id": rule.buyer_company_id.id,
            "purchase_id": purchase.id,
            "purchase_ref": record_ref(purchase),
        }
        for state_field, flow_field in STEP_FIELDS.values():
            values[state_field] = "pending" if rule[flow_field] else "skipped"
        # sudo + permit: transactions are written by the engine only (users
        # read them); the values come from the rule and the order, not the user.
        with guard.permit(Transaction, create=True):
            return Transaction.with_context(clean_context(self.env.context)).create(
                values
            )

    def _dist_write(self, values):
        """Write engine fields (links, states) of the transactions."""
        with guard.permit(self):
            # sudo: users only read transactions; the engine writes them.
            self.sudo().write(values)

    def _dist_log_event(self, step, source, target, result, message, state=None):
        """Record what the engine did for ``step`` (order, delivery, invoice):
        ``source`` → ``target`` (records or references), ``result`` ok / refused
        / failed, ``message``. The one writer of events and step states:
        ``state`` (default: done on ok, failed on failed, unchanged on refused).
        """
        self.ensure_one()
        state_field = STEP_FIELDS[step][0]
        # sudo: users only read events. A clean context and explicit author
        # and date: no default_* key of the caller's reaches the record.
        self.env["dist.intercompany.event"].sudo().with_context(
            clean_context(self.env.context)
        ).create(
            {
                "transaction_id": self.id,
                "user_id": self.env.uid,
                "date": fields.Datetime.now(),
                "step": step,
                "source_ref": record_ref(source),
                "target_ref": record_ref(target),
                "result": result,
                "message": message,
            }
        )
        state = state or RESULT_STATES.get(result)
        values = {}
        if state and self[state_field] != state:
            values[state_field] = state
        if result == "failed":
            values["last_error"] = message
        elif result == "ok" and self.last_error and self[state_field] == "failed":
            values["last_error"] = False
        if values:
            self._dist_write(values)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_retry(self):
        """Mirror again the order of failed chains (e.g. once the technical
        user has its rights). Checked here, whoever calls it: only a user who
        may change the buyer's purchase order retries it."""
        for transaction in self:
            if transaction.order_state != "failed":
                raise UserError(
                    _(
                        "%(chain)s: only a failed order step is retried (field Order).",
                        chain=transaction.name,
                    )
                )
            purchase = transaction.purchase_id
            purchase.check_access_rights("write")
            purchase.check_access_rule("write")
            if purchase.state not in ("purchase", "done"):
                # A cancelled or reset order is no longer the one approved.
                raise UserError(
                    _(
                        "%(chain)s: purchase order %(order)s is not confirmed "
                        "(field Status); confirm it again to mirror it.",
                        chain=transaction.name,
                        order=purchase.name,
                    )
                )
            purchase._dist_ic_mirror_order()
        return True

    def action_open_purchase(self):
        self.ensure_one()
        return self.purchase_id.get_formview_action()

    def action_open_sale(self):
        self.ensure_one()
        return self.sale_id.get_formview_action()


class DistIntercompanyEvent(models.Model):
    """One thing the engine did, or refused, for a step of a transaction."""

    _name = "dist.intercompany.event"
    _description = "Intercompany Event"
    _order = "date desc, id desc"

    transaction_id = fields.Many2one(
        "dist.intercompany.transaction",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    step = fields.Selection(STEPS, required=True, readonly=True)
    source_ref = fields.Char(string="Source", readonly=True)
    target_ref = fields.Char(string="Target", readonly=True)
    result = fields.Selection(
        [("ok", "Done"), ("refused", "Refused"), ("failed", "Failed")],
        required=True,
        readonly=True,
    )
    message = fields.Text(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )
