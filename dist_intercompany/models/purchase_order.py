import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dist_harmonize_base.tools import guard

from .dist_intercompany_transaction import mirroring, record_ref

_logger = logging.getLogger(__name__)

CONFIRMED = ("purchase", "done")
# Order fields the lines' transfer price depends on.
REPRICE_FIELDS = ("partner_id", "currency_id", "company_id", "date_order")
SYNC_ERRORS = (AccessError, UserError, ValidationError)


class PurchaseOrder(models.Model):
    """The buyer's side of the order flow.

    A purchase order of the buyer to the partner of a seller company, under
    an active rule mirroring orders, is mirrored when it becomes confirmed
    (state purchase, whatever the door: Odoo's confirmation, the approval
    matrix of dist_procure, a direct write): the seller's technical user
    creates the sale order in the seller company (``_dist_ic_mirror_order``).
    A failure (e.g. the technical user lacks Sales rights) leaves the order
    confirmed and the transaction failed, with the reason, for a retry.

    Later changes of the confirmed order are mirrored on the sale order or
    refused (``purchase_order_line.py``); so is its cancellation. A mirrored
    order (``dist_ic_mirrored``) is never mirrored again.
    """

    _name = "purchase.order"
    _inherit = [
        "purchase.order",
        "dist.intercompany.link.mixin",
        "dist.intercompany.order.mixin",
    ]
    _dist_ic_header_fields = ("partner_id", "currency_id", "company_id")

    dist_ic_rule_id = fields.Many2one(
        "dist.intercompany.rule",
        string="Intercompany Rule",
        compute="_compute_dist_ic_rule_id",
        compute_sudo=True,
    )

    @api.depends("partner_id", "company_id")
    def _compute_dist_ic_rule_id(self):
        for order in self:
            order.dist_ic_rule_id = order._dist_ic_rule()

    def _dist_ic_rule(self):
        """The active rule from the company of the vendor to the order's company."""
        self.ensure_one()
        Rule = self.env["dist.intercompany.rule"]
        seller = Rule._dist_company_of_partner(self.partner_id)
        if not seller or seller == self.company_id:
            return Rule.browse()
        return Rule._dist_find_rule(seller, self.company_id)

    def _dist_ic_sale(self):
        """The live sale order mirroring ``self`` (sudo: the seller's), or empty."""
        self.ensure_one()
        # sudo: the transaction and its sale order belong to both companies'
        # chain; only read here, to check and to name them.
        sale = self.sudo().dist_ic_transaction_id.sale_id
        return sale if sale.state != "cancel" else sale.browse()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        confirming = self.browse()
        if vals.get("state") in CONFIRMED:
            confirming = self.filtered(lambda order: order.state not in CONFIRMED)
        result = super().write(vals)
        if any(name in vals for name in REPRICE_FIELDS):
            # A vendor, currency or company changed after the lines were
            # entered: the lines of an order not yet confirmed are repriced.
            self.filtered(
                lambda order: order.state not in CONFIRMED
            ).order_line.filtered("dist_ic_priced")._dist_ic_apply_transfer_price()
        if confirming:
            confirming._dist_ic_mirror_order()
        return result

    # ------------------------------------------------------------------
    # dist.intercompany.order.mixin
    # ------------------------------------------------------------------
    def _dist_ic_counterpart(self):
        return self._dist_ic_sale()

    def _dist_ic_raise(self, message):
        sale = self._dist_ic_sale()
        raise UserError(
            _(
                "Purchase order %(order)s (%(company)s) is mirrored by sale "
                "order %(sale)s (%(seller)s): %(message)s.",
                order=self.name,
                company=self.company_id.name,
                sale=sale.name,
                seller=sale.company_id.name,
                message=message,
            )
        )

    def _dist_ic_done_labels(self):
        return _("received"), _("billed")

    def _dist_ic_cancel_counterpart(self):
        """Cancel the sale orders mirroring the cancelled orders."""
        for order in self:
            sale = order._dist_ic_sale()
            rule = order.sudo().dist_ic_transaction_id.rule_id
            with mirroring(order, sale, rule.seller_user_id):
                sale.with_env(rule._dist_seller_env())._action_cancel()
            order._dist_ic_log_cancel(sale)

    # ------------------------------------------------------------------
    # engine: the mirrored sale order
    # ------------------------------------------------------------------
    def _dist_ic_mirror_order(self):
        """Create the seller's sale order of each confirmed intercompany order."""
        Transaction = self.env["dist.intercompany.transaction"]
        for order in self:
            if order.dist_ic_mirrored or order._dist_ic_sale():
                # A mirror never mirrors back; a chain is mirrored once.
                continue
            if order.state not in CONFIRMED:
                # Only the approved order is mirrored (a retry of a chain
                # whose order was cancelled or reset since does nothing).
                continue
            rule = order._dist_ic_rule()
            if not rule or not rule.sync_order:
                continue
            transaction = order.sudo().dist_ic_transaction_id
            if not transaction:
                transaction = Transaction._dist_create_for(rule, order)
                order._dist_ic_write({"dist_ic_transaction_id": transaction.id})
            try:
                with self.env.cr.savepoint():
                    sale = order._dist_ic_create_sale(rule, transaction)
            except SYNC_ERRORS as error:
                message = _(
                    "Sale order of purchase order %(order)s not created in "
                    "%(seller)s as %(user)s: %(error)s",
                    order=order.name,
                    seller=rule.seller_company_id.name,
                    user=rule.seller_user_id.name,
                    error=error.args[0] if error.args else error,
                )
                _logger.warning("Intercompany %s: %s", transaction.name, message)
                transaction._dist_log_event("order", order, False, "failed", message)
                # sudo: whoever confirmed reads why on the order's chatter.
                order.sudo().message_post(body=message)
                continue
            transaction._dist_log_event(
                "order",
                order,
                sale,
                "ok",
                _(
                    "Sale order %(sale)s created in %(seller)s (%(state)s).",
                    sale=sale.name,
                    seller=sale.company_id.name,
                    state=dict(sale._fields["state"].selection)[sale.state],
                ),
            )

    def _dist_ic_create_sale(self, rule, transaction):
        """Create (and confirm, per rule) the sale order as the seller's technical user."""
        self.ensure_one()
        env = rule._dist_seller_env()
        Sale = env["sale.order"]
        lines = self.order_line.filtered(lambda line: not line.display_type)
        values = self._prepare_dist_ic_sale_vals(rule, env, transaction)
        position = env["account.fiscal.position"].browse(values["fiscal_position_id"])
        values["order_line"] = [
            fields.Command.create(line._prepare_dist_ic_sale_line_vals(rule, position))
            for line in lines
        ]
        with (
            guard.permit(Sale, create=True),
            guard.permit(env["sale.order.line"], create=True),
        ):
            sale = Sale.create(values)
        if rule.auto_confirm_sale:
            sale.action_confirm()
        sale.message_post(
            body=_(
                "Mirrored from %(company)s: %(document)s",
                company=self.company_id.name,
                document=self.name,
            )
        )
        # sudo: the buyer's side is told on its order (who confirmed may not
        # post on it, e.g. the approver); the links are the engine's.
        self.sudo().message_post(
            body=_(
                "Mirrored to %(company)s: %(document)s",
                company=sale.company_id.name,
                document=sale.name,
            )
        )
        self._dist_ic_write(
            {
                "dist_ic_counterpart_ref": record_ref(sale),
                "dist_ic_counterpart_id": sale.id,
            }
        )
        # Each sale line was created with its purchase line's id.
        sale_lines = {
            line.dist_ic_counterpart_line_id: line for line in sale.order_line
        }
        lines._dist_ic_write_counterpart_lines([sale_lines[line.id] for line in lines])
        transaction._dist_write({"sale_id": sale.id, "sale_ref": record_ref(sale)})
        return sale

    def _prepare_dist_ic_sale_vals(self, rule, env, transaction):
        """Values of the mirrored sale order (in the seller's environment ``env``)."""
        self.ensure_one()
        seller = rule.seller_company_id
        warehouse = rule.seller_warehouse_id or env["stock.warehouse"].search(
            [("company_id", "=", seller.id)], limit=1
        )
        values = {
            "partner_id": self.company_id.partner_id.id,
            "company_id": seller.id,
            "client_order_ref": self.name,
            "origin": self.name,
            "pricelist_id": self._dist_ic_sale_pricelist(rule, env).id,
            "dist_ic_mirrored": True,
            "dist_ic_transaction_id": transaction.id,
            "dist_ic_counterpart_ref": record_ref(self),
            "dist_ic_counterpart_id": self.id,
        }
        if warehouse:
            values["warehouse_id"] = warehouse.id
        # Set here (as Odoo would compute it) so that the lines' taxes, and the
        # prices that include them, are known before the order is created.
        position = rule.seller_fiscal_position_id or env[
            "account.fiscal.position"
        ]._get_fiscal_position(env["res.partner"].browse(self.company_id.partner_id.id))
        values["fiscal_position_id"] = position.id
        return values

    def _dist_ic_sale_pricelist(self, rule, env):
        """The seller's price list in the order's currency (the sale order's
        currency is its price list's): the rule's, else any of the seller's."""
        currency = self.currency_id
        if rule.pricelist_id.currency_id == currency:
            return rule.pricelist_id.with_env(env)
        pricelist = env["product.pricelist"].search(
            [
                ("currency_id", "=", currency.id),
                ("company_id", "in", (rule.seller_company_id.id, False)),
            ],
            order="company_id, sequence, id",
            limit=1,
        )
        if not pricelist:
            raise UserError(
                _(
                    "%(seller)s has no price list in %(currency)s, the currency "
                    "of purchase order %(order)s: create one for the mirrored "
                    "sale orders.",
                    seller=rule.seller_company_id.name,
                    currency=currency.name,
                    order=self.name,
                )
            )
        return pricelist
