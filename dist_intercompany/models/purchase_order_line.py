from odoo import Command, _, api, fields, models
from odoo.tools import float_compare, float_round

from odoo.addons.dist_harmonize_base.tools import guard

from .purchase_order import CONFIRMED

# Line fields mirrored on the other side once both orders exist.
MIRRORED_FIELDS = ("product_qty", "price_unit", "discount")
# Line fields the transfer price depends on.
PRICE_FIELDS = ("product_id", "product_qty", "product_uom")


class PurchaseOrderLine(models.Model):
    """Transfer price on entry, and the mirror of changes once confirmed.

    - A line entered on an order to a seller company (active rule, pricing
      other than the order price) gets the transfer price as its unit price:
      on screen (onchange), at creation and when its product, quantity or
      unit changes, whatever price was sent.
    - On a confirmed order mirrored by a sale order, a change of quantity,
      price or discount is written on the sale order line as the seller's
      technical user, or refused when the sale order cannot take it (e.g.
      delivered beyond the new quantity), naming both orders; a new line
      adds a sale order line; changing a line's product or unit is refused.
    """

    _name = "purchase.order.line"
    _inherit = [
        "purchase.order.line",
        "dist.guarded.mixin",
        "dist.intercompany.line.mixin",
    ]
    _dist_ic_qty_field = "product_qty"
    _dist_ic_counterpart_model = "sale.order.line"
    dist_ic_priced = fields.Boolean(
        string="Transfer Price",
        compute="_compute_dist_ic_priced",
        help="The unit price is the intercompany transfer price of the rule.",
    )

    @api.depends("order_id.partner_id", "order_id.company_id")
    def _compute_dist_ic_priced(self):
        for order in self.order_id:
            rule = order.dist_ic_rule_id
            priced = bool(rule) and rule.pricing_method != "po_price"
            for line in self.filtered(lambda line, order=order: line.order_id == order):
                line.dist_ic_priced = priced and not line.display_type
        (self - self.filtered("order_id")).dist_ic_priced = False

    def _compute_price_unit_and_date_planned_and_name(self):
        result = super()._compute_price_unit_and_date_planned_and_name()
        for line in self.filtered(
            lambda line: line.product_id and not line.invoice_lines
        ):
            price = line._dist_ic_transfer_price()
            if price is not None:
                line.price_unit = price
        return result

    def _dist_ic_transfer_price(
        self, product=None, quantity=None, uom=None, order=None
    ):
        """The transfer price of the line (or of the given values), rounded; None
        when the line is not on an intercompany order priced by the rule."""
        order = order or self.order_id
        rule = order.dist_ic_rule_id
        if not rule or rule.pricing_method == "po_price":
            return None
        product = product or self.product_id
        currency = order.currency_id
        price = rule._dist_transfer_price(
            product,
            self.product_qty if quantity is None else quantity,
            uom or self.product_uom or product.uom_po_id,
            (order.date_order or fields.Datetime.now()).date(),
            currency,
        )
        digits = max(
            currency.decimal_places,
            self.env["decimal.precision"].precision_get("Product Price"),
        )
        return float_round(price, precision_digits=digits)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Order = self.env["purchase.order"]
        Product = self.env["product.product"]
        # The engine's own lines (mirroring the seller's) keep the seller's
        # price; whatever a client sends as a link, its lines are priced.
        engine = guard.is_permitted(self, create=True)
        for vals in vals_list:
            if (
                not vals.get("order_id")
                or not vals.get("product_id")
                or vals.get("display_type")
                or (engine and vals.get("dist_ic_counterpart_line_id"))
            ):
                continue
            product = Product.browse(vals["product_id"])
            uom = (
                self.env["uom.uom"].browse(vals.get("product_uom")) or product.uom_po_id
            )
            price = self._dist_ic_transfer_price(
                product=product,
                quantity=vals.get("product_qty", 1.0),
                uom=uom,
                order=Order.browse(vals["order_id"]),
            )
            if price is not None:
                # The transfer price is net: no discount on top of it.
                vals.update(price_unit=price, discount=0.0)
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: (
                not line.display_type
                and not line.dist_ic_counterpart_line_id
                and line.order_id.state in CONFIRMED
                and line.order_id._dist_ic_sale()
            )
        )._dist_ic_add_counterpart_lines()
        return lines

    def write(self, vals):
        mirrored = self._dist_ic_linked(vals, MIRRORED_FIELDS)
        result = super().write(vals)
        if any(name in vals for name in PRICE_FIELDS + ("price_unit", "discount")):
            self.filtered(
                lambda line: (
                    line.order_id.state not in CONFIRMED and line.dist_ic_priced
                )
            )._dist_ic_apply_transfer_price()
        if mirrored:
            mirrored._dist_ic_mirror_changes()
        return result

    def _dist_ic_apply_transfer_price(self):
        """Set the transfer price, without discount, on the lines of orders
        not yet confirmed (whatever price or discount was written)."""
        for line in self:
            price = line._dist_ic_transfer_price()
            if price is not None and (
                float_compare(price, line.price_unit, precision_digits=6)
                or line.discount
            ):
                line.write({"price_unit": price, "discount": 0.0})

    # ------------------------------------------------------------------
    # mirror to the sale order
    # ------------------------------------------------------------------
    def _dist_ic_done_quantities(self):
        return [(self.qty_received, _("received")), (self.qty_invoiced, _("billed"))]

    def _dist_ic_counterpart_values(self, other, rule):
        return other._dist_ic_values_from_purchase(self, rule)

    def _dist_ic_counterpart_actor(self, rule):
        return rule.seller_user_id, rule._dist_seller_env()

    def _dist_ic_new_counterpart_vals(self, other_order, rule, env):
        return dict(
            self._prepare_dist_ic_sale_line_vals(
                rule, other_order.with_env(env).fiscal_position_id
            ),
            order_id=other_order.id,
        )

    def _prepare_dist_ic_sale_line_vals(self, rule, position):
        """Values of the sale order line mirroring the line: the seller's taxes
        of the product through ``position``, and the line's net price with the
        seller's included taxes added back (its untaxed amount is the line's)."""
        self.ensure_one()
        seller = rule.seller_company_id
        # sudo: the seller's taxes of the product, read to price the mirror.
        taxes = position.map_tax(
            self.product_id.sudo().taxes_id.filtered(
                lambda tax: tax.company_id == seller
            )
        )
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "product_uom_qty": self.product_qty,
            "product_uom": self.product_uom.id,
            "tax_id": [Command.set(taxes.ids)],
            "price_unit": rule._dist_gross_price(
                self.price_unit, taxes, self.order_id.currency_id
            ),
            "discount": self.discount,
            "dist_ic_counterpart_line_id": self.id,
        }
