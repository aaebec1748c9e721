from odoo import Command, _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError

REFUSALS = (UserError, ValidationError, AccessError)
# The seller's document type → the buyer's mirror.
MIRROR_TYPES = {"out_invoice": "in_invoice", "out_refund": "in_refund"}


class AccountMove(models.Model):
    """Invoice flow of intercompany transactions: invoice → vendor bill.

    When the seller posts a customer invoice or credit note of a
    transaction's sale order, the buyer's vendor bill or refund is created
    as the rule's technical user of the buyer (``_dist_ic_mirror_invoices``):
    same document currency, quantities and net amounts, the buyer's taxes
    and accounts (its purchase order lines and fiscal position), the
    seller's number as bill reference, each line on its purchase order line
    so that dist_procure's three-way match runs. The bill is left in draft or
    posted per the rule (``bill_state``); posting books it at the buyer's
    own rate. The reconciliation uses the same engine to create a missing
    mirror. A mirrored bill (``dist_ic_mirrored``) never mirrors back.
    """

    # account.move is already a dist.guarded.mixin (dist_harmonize_base).
    _name = "account.move"
    _inherit = ["account.move", "dist.intercompany.link.mixin"]

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: (
                move.move_type in MIRROR_TYPES
                and not move.dist_ic_mirrored
                and not move.dist_ic_counterpart_id
            )
        )._dist_ic_mirror_invoices()
        return posted

    # ------------------------------------------------------------------
    # invoice flow engine
    # ------------------------------------------------------------------
    def _dist_ic_transaction(self):
        """The transaction of this seller document (through its sale lines)."""
        self.ensure_one()
        # sudo: the link is read whatever the user's access to the order.
        orders = self.sudo().invoice_line_ids.sale_line_ids.order_id
        transaction = orders.dist_ic_transaction_id[:1]
        if transaction and transaction.seller_company_id == self.company_id:
            return transaction
        return transaction.browse()

    def _dist_ic_mirror_invoices(self, force=False):
        """Create the buyer's mirror of each posted seller document of ``self``.

        Returns the mirrors created. A refusal of the buyer's controls is
        logged on the transaction (and queued), the seller's posting stands.
        ``force`` (the reconciliation's "Create Mirror") mirrors even when
        the rule does not sync invoices.
        """
        mirrors = self.browse()
        for move in self:
            transaction = move._dist_ic_transaction()
            if not transaction:
                continue
            rule = transaction.sudo().rule_id
            if not rule.sync_invoice and not force:
                transaction.sudo()._dist_log_event(
                    "invoice",
                    move,
                    False,
                    "ok",
                    _("Invoice not mirrored: the rule does not sync invoices."),
                    state="skipped",
                )
                continue
            mirror = move._dist_ic_mirror_invoice(transaction.sudo(), rule)
            mirrors |= mirror or mirrors.browse()
        return mirrors

    def _dist_ic_mirror_invoice(self, transaction, rule):
        self.ensure_one()
        env = rule._dist_buyer_env()
        bill = False
        try:
            with self.env.cr.savepoint():
                bill = env["account.move"].create(
                    self._dist_ic_prepare_bill_vals(env, transaction, rule)
                )
                if rule.bill_state == "posted":
                    bill.action_post()
        except REFUSALS as error:
            self.env.invalidate_all()
            message = _(
                "%(invoice)s (%(company)s) could not be mirrored in %(buyer)s: "
                "%(error)s",
                invoice=self.name,
                company=self.company_id.name,
                buyer=rule.buyer_company_id.name,
                error=error.args[0] if error.args else str(error),
            )
            self._dist_ic_log_refusal(transaction, "invoice", False, message)
            return False
        self._dist_ic_link_mirror(bill, transaction)
        transaction._dist_log_event(
            "invoice",
            self,
            bill,
            "ok",
            _(
                "%(invoice)s (%(company)s) mirrored by %(bill)s (%(buyer)s), %(state)s.",
                invoice=self.name,
                company=self.company_id.name,
                bill=bill.display_name,
                buyer=bill.company_id.name,
                state=dict(bill._fields["state"]._description_selection(env))[
                    bill.state
                ],
            ),
            state=self._dist_ic_invoice_state(transaction),
        )
        return bill.sudo(False)

    @api.model
    def _dist_ic_invoice_state(self, transaction):
        """``done`` once the sale order is fully invoiced, else ``partial``."""
        invoiced = transaction.sudo().sale_id.invoice_status == "invoiced"
        return "done" if invoiced else "partial"

    def _dist_ic_prepare_bill_vals(self, env, transaction, rule):
        """Values of the buyer's mirror of this seller document (buyer's env)."""
        purchase = env["purchase.order"].browse(transaction.purchase_id.id)
        fiscal_position = (
            env["account.fiscal.position"].browse(rule.buyer_fiscal_position_id.id)
            or purchase.fiscal_position_id
        )
        values = {
            "move_type": MIRROR_TYPES[self.move_type],
            "partner_id": purchase.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": self.invoice_date,
            "ref": self.name,
            "invoice_origin": purchase.name,
            "fiscal_position_id": fiscal_position.id,
            "invoice_line_ids": [
                Command.create(vals)
                for vals in self._dist_ic_prepare_bill_line_vals(
                    purchase, fiscal_position, rule
                )
            ],
        }
        reversed_entry = self.sudo().reversed_entry_id
        if reversed_entry.dist_ic_counterpart_id:
            values["reversed_entry_id"] = reversed_entry.dist_ic_counterpart_id
        return values

    def _dist_ic_prepare_bill_line_vals(self, purchase, fiscal_position, rule):
        """One bill line per product line, on its purchase order line.

        The net amount in document currency is the seller's; the unit price
        is grossed up when the buyer's taxes are included in the price.
        """
        values = []
        currency = self.currency_id
        lines = self.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        order_lines = self._dist_ic_purchase_lines(lines, purchase)
        for line in lines:
            order_line = order_lines[line.id]
            taxes = (
                order_line.taxes_id
                if order_line
                else fiscal_position.map_tax(
                    line.product_id.supplier_taxes_id.filtered(
                        lambda tax: tax.company_id == purchase.company_id
                    )
                )
            )
            net = line.price_subtotal / line.quantity if line.quantity else 0.0
            price = rule._dist_gross_price(net, taxes, currency)
            vals = {
                "display_type": "product",
                "name": line.name,
                "product_id": line.product_id.id,
                "product_uom_id": line.product_uom_id.id,
                "quantity": line.quantity,
                "price_unit": price,
                "tax_ids": [Command.set(taxes.ids)],
            }
            if order_line:
                vals["purchase_line_id"] = order_line.id
                if order_line.analytic_distribution:
                    vals["analytic_distribution"] = order_line.analytic_distribution
            values.append(vals)
        return values

    def _dist_ic_purchase_lines(self, invoice_lines, purchase):
        """``{invoice line id: the buyer's order line it bills}`` (or an empty
        record): the line linked to its sale line, else the first of the
        product. Read in one batch: the order lines keep their prefetch."""
        order_lines = purchase.order_line
        position = {line.id: index for index, line in enumerate(order_lines)}
        by_id = {line.id: line for line in order_lines}
        by_product = {}
        for line in order_lines:
            by_product.setdefault(line.product_id.id, line)
        result = {}
        # sudo: the seller's sale lines are read for their link only.
        for invoice_line in invoice_lines.sudo():
            linked = [
                line_id
                for line_id in invoice_line.sale_line_ids.mapped(
                    "dist_ic_counterpart_line_id"
                )
                if line_id in by_id
            ]
            if linked:
                result[invoice_line.id] = by_id[min(linked, key=position.get)]
            else:
                result[invoice_line.id] = by_product.get(
                    invoice_line.product_id.id, order_lines.browse()
                )
        return result
