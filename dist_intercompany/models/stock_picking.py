from odoo import _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

# The errors a refused mirror reports on its transaction instead of failing
# the validation of the other company's picking.
REFUSALS = (UserError, ValidationError, AccessError)
TRANSIT_LOCATION = "stock.stock_location_inter_wh"


class StockPicking(models.Model):
    """Goods flow of intercompany transactions: delivery ↔ receipt, returns.

    When a picking of a transaction is validated (``_action_done``), the
    other company's picking is filled with the same quantities and lots and,
    when the rule says so, validated, as the rule's technical user of that
    company:

    * the seller's delivery of the sale order → the buyer's open receipt of
      the purchase order (from the inter-company transit location when the
      rule uses it); a partial delivery gives a partial receipt and a
      backorder on both sides;
    * a return of that delivery (seller) → a return of the mirrored receipt
      (buyer), and the other way round.

    The buyer's own controls (dist_procure's receipt gate and over-receipt
    tolerance) run as for any receipt: a refusal is logged on the
    transaction and queued as an exception, and the seller's validation
    stands. A mirrored picking (``dist_ic_mirrored``) never mirrors back.
    """

    _name = "stock.picking"
    _inherit = ["stock.picking", "dist.guarded.mixin", "dist.intercompany.link.mixin"]

    def _action_done(self):
        result = super()._action_done()
        self._dist_ic_mirror_done()
        return result

    # ------------------------------------------------------------------
    # goods flow engine
    # ------------------------------------------------------------------
    def _dist_ic_mirror_done(self):
        """Mirror the done pickings of ``self`` that belong to a transaction."""
        for picking in self.filtered(
            lambda p: p.state == "done" and not p.dist_ic_mirrored
        ):
            flow, transaction = picking._dist_ic_flow()
            if flow:
                picking._dist_ic_mirror(flow, transaction)

    def _dist_ic_flow(self):
        """Return ``(flow, transaction)`` of this picking, or ``(None, None)``.

        ``flow`` is ``delivery`` (the seller's delivery), ``seller_return``
        (the seller takes goods back) or ``buyer_return`` (the buyer sends
        goods back).
        """
        self.ensure_one()
        # sudo: the link to the transaction is read whatever the user's
        # access to the order; nothing is written through it.
        picking = self.sudo()
        sale_tx = picking.sale_id.dist_ic_transaction_id
        if sale_tx and sale_tx.seller_company_id == self.company_id:
            if self.picking_type_code == "outgoing":
                return "delivery", sale_tx
            if self.picking_type_code == "incoming" and self._dist_ic_returned():
                return "seller_return", sale_tx
        purchase_tx = picking.move_ids.purchase_line_id.order_id.dist_ic_transaction_id
        if (
            purchase_tx
            and purchase_tx.buyer_company_id == self.company_id
            and self.picking_type_code == "outgoing"
            and self._dist_ic_returned()
        ):
            return "buyer_return", purchase_tx[:1]
        return None, None

    def _dist_ic_returned(self):
        return self.sudo().move_ids.origin_returned_move_id.picking_id[:1]

    def _dist_ic_mirror(self, flow, transaction):
        """Mirror this done picking on the other side of ``transaction``.

        The mirror is marked as such before it is validated, so that its own
        validation never mirrors back. A refusal undoes the whole mirror.
        """
        self.ensure_one()
        transaction = transaction.sudo()
        rule = transaction.rule_id
        if not rule.sync_delivery:
            transaction._dist_log_event(
                "delivery",
                self,
                False,
                "ok",
                _("Goods flow not mirrored: the rule does not sync deliveries."),
                state="skipped",
            )
            return
        to_buyer = flow in ("delivery", "seller_return")
        env = rule._dist_buyer_env() if to_buyer else rule._dist_seller_env()
        target = env["stock.picking"]
        try:
            with self.env.cr.savepoint():
                if flow == "delivery":
                    target = self._dist_ic_fill_receipt(env, transaction)
                else:
                    target = self._dist_ic_fill_return(env, transaction)
                self._dist_ic_link_mirror(target, transaction)
                done = self._dist_ic_validate(target, rule, flow)
        except REFUSALS as error:
            self.env.invalidate_all()
            message = self._dist_ic_refusal_message(target, error)
            self._dist_ic_log_refusal(transaction, "delivery", target, message)
            return
        transaction._dist_log_event(
            "delivery",
            self,
            target,
            "ok",
            _(
                "%(origin)s (%(origin_company)s) mirrored by %(target)s "
                "(%(target_company)s), %(state)s.",
                origin=self.display_name,
                origin_company=self.company_id.name,
                target=target.display_name,
                target_company=target.company_id.name,
                state=_("validated") if done else _("ready to validate"),
            ),
            state=self._dist_ic_delivery_state(transaction),
        )

    def _dist_ic_refusal_message(self, target, error):
        message = error.args[0] if error.args else str(error)
        if not target:
            return _(
                "%(origin)s (%(company)s) could not be mirrored: %(error)s",
                origin=self.display_name,
                company=self.company_id.name,
                error=message,
            )
        return _(
            "%(origin)s (%(company)s) is mirrored by %(target)s (%(target_company)s), "
            "which refused it: %(error)s",
            origin=self.display_name,
            company=self.company_id.name,
            target=target.display_name,
            target_company=target.company_id.name,
            error=message,
        )

    def _dist_ic_fill_receipt(self, env, transaction):
        """Fill the buyer's open receipt with this delivery's quantities and lots."""
        purchase = env["purchase.order"].browse(transaction.purchase_id.id)
        receipts = purchase.picking_ids.filtered(
            lambda p: (
                p.picking_type_code == "incoming" and p.state not in ("done", "cancel")
            )
        ).sorted("id")
        if not receipts:
            raise UserError(
                _(
                    "Delivery %(delivery)s (%(seller)s) cannot be mirrored: purchase "
                    "order %(order)s (%(buyer)s) has no open receipt.",
                    delivery=self.display_name,
                    seller=self.company_id.name,
                    order=purchase.name,
                    buyer=purchase.company_id.name,
                )
            )
        receipt = receipts[0]
        if transaction.rule_id.use_transit:
            transit = env.ref(TRANSIT_LOCATION)
            receipt.write({"location_id": transit.id})
            receipt.move_ids.write({"location_id": transit.id})
        receipt.move_ids._dist_ic_fill_from(self.move_ids, self)
        return receipt

    def _dist_ic_fill_return(self, env, transaction):
        """Return, on the other side, the picking mirroring the one returned here."""
        returned = self._dist_ic_returned()
        counterpart = env["stock.picking"].browse(returned.dist_ic_counterpart_id)
        if not returned.dist_ic_counterpart_id or not counterpart.exists():
            raise UserError(
                _(
                    "Return %(return)s (%(company)s) cannot be mirrored: "
                    "%(picking)s was not mirrored in the other company.",
                    **{
                        "return": self.display_name,
                        "company": self.company_id.name,
                        "picking": returned.display_name,
                    },
                )
            )
        wizard = (
            env["stock.return.picking"]
            .with_context(active_id=counterpart.id, active_model="stock.picking")
            .create({"picking_id": counterpart.id})
        )
        quantities = {}
        for move in self.move_ids:
            quantities[move.product_id] = quantities.get(
                move.product_id, 0.0
            ) + move.product_uom._compute_quantity(
                move.quantity, move.product_id.uom_id
            )
        returnable = {}
        for line in wizard.product_return_moves:
            # At most what the counterpart can still return (Odoo's default):
            # the other side never takes back more than it sent.
            returnable[line.product_id] = returnable.get(line.product_id, 0.0) + (
                line.quantity
            )
            wanted = quantities.get(line.product_id, 0.0)
            line.quantity = min(wanted, line.quantity)
            quantities[line.product_id] = wanted - line.quantity
        for product, excess in quantities.items():
            if (
                float_compare(excess, 0.0, precision_rounding=product.uom_id.rounding)
                > 0
            ):
                raise UserError(
                    _(
                        "Return %(return)s (%(company)s) cannot be mirrored: it "
                        "returns %(excess)s %(uom)s of %(product)s more than "
                        "%(picking)s (%(other)s) can still return (%(returnable)s).",
                        **{
                            "return": self.display_name,
                            "company": self.company_id.name,
                            "excess": excess,
                            "uom": product.uom_id.name,
                            "product": product.display_name,
                            "picking": counterpart.display_name,
                            "other": counterpart.company_id.name,
                            "returnable": returnable.get(product, 0.0),
                        },
                    )
                )
        new_id, _type = wizard._create_returns()
        target = env["stock.picking"].browse(new_id)
        target.move_ids._dist_ic_fill_from(self.move_ids, self)
        return target

    def _dist_ic_validate(self, target, rule, flow):
        """Validate ``target`` when the rule says so; return whether it is done.

        A partial quantity leaves a backorder, as on the other side. Returns
        are validated whenever the rule mirrors goods: the goods have left.
        """
        if flow == "delivery" and not rule.auto_validate_receipt:
            return False
        result = target.with_context(
            skip_backorder=True, skip_sms=True, skip_expired=True
        ).button_validate()
        if target.state != "done":
            raise UserError(
                _(
                    "%(picking)s (%(company)s) was not validated: it needs a "
                    "decision of its warehouse (%(action)s).",
                    picking=target.display_name,
                    company=target.company_id.name,
                    action=isinstance(result, dict) and result.get("name") or "",
                )
            )
        return True

    @api.model
    def _dist_ic_delivery_state(self, transaction):
        """``done`` when the buyer received everything ordered, else ``partial``."""
        purchase = transaction.sudo().purchase_id
        open_receipts = purchase.picking_ids.filtered(
            lambda p: (
                p.picking_type_code == "incoming" and p.state not in ("done", "cancel")
            )
        )
        return "partial" if open_receipts else "done"
