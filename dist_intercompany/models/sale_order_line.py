from odoo import _, api, models
from odoo.tools import float_compare

# Line fields mirrored on the purchase order line.
MIRRORED_FIELDS = ("product_uom_qty", "price_unit", "discount")


class SaleOrderLine(models.Model):
    """Lines of a mirrored sale order: their changes follow on the purchase order.

    The unit price holds the seller's included taxes (as on any sale order),
    so that the line's untaxed amount is the purchase line's: the buyer and
    the seller agree on the net price, each applies its own taxes.
    """

    _name = "sale.order.line"
    _inherit = [
        "sale.order.line",
        "dist.guarded.mixin",
        "dist.intercompany.line.mixin",
    ]
    _dist_ic_qty_field = "product_uom_qty"
    _dist_ic_counterpart_model = "purchase.order.line"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: (
                not line.display_type
                and not line.dist_ic_counterpart_line_id
                and line.order_id._dist_ic_purchase()
            )
        )._dist_ic_add_counterpart_lines()
        return lines

    def write(self, vals):
        mirrored = self._dist_ic_linked(vals, MIRRORED_FIELDS)
        result = super().write(vals)
        if mirrored:
            mirrored._dist_ic_mirror_changes()
        return result

    # ------------------------------------------------------------------
    # prices: net (what both sides agree on) and gross (the seller's entry)
    # ------------------------------------------------------------------
    def _dist_ic_net_price(self):
        """The unit price without the seller's included taxes."""
        self.ensure_one()
        included = self.tax_id.filtered("price_include")
        if not included:
            return self.price_unit
        return included.compute_all(self.price_unit, currency=self.currency_id)[
            "total_excluded"
        ]

    def _dist_ic_values_from_purchase(self, purchase_line, rule):
        """The values that make the line agree with ``purchase_line`` (only
        those that differ)."""
        self.ensure_one()
        values = {}
        rounding = self.product_uom.rounding
        if float_compare(
            self.product_uom_qty, purchase_line.product_qty, precision_rounding=rounding
        ):
            values["product_uom_qty"] = purchase_line.product_qty
        if float_compare(
            self._dist_ic_net_price(),
            purchase_line.price_unit,
            precision_rounding=self.currency_id.rounding,
        ):
            values["price_unit"] = rule._dist_gross_price(
                purchase_line.price_unit, self.tax_id, self.currency_id
            )
        if float_compare(self.discount, purchase_line.discount, precision_digits=6):
            values["discount"] = purchase_line.discount
        return values

    # ------------------------------------------------------------------
    # mirror to the purchase order
    # ------------------------------------------------------------------
    def _dist_ic_done_quantities(self):
        return [
            (self.qty_delivered, _("delivered")),
            (self.qty_invoiced, _("invoiced")),
        ]

    def _dist_ic_purchase_values(self):
        """The values that make the purchase line agree with the line."""
        self.ensure_one()
        return {
            "product_qty": self.product_uom_qty,
            "price_unit": self._dist_ic_net_price(),
            "discount": self.discount,
        }

    def _dist_ic_counterpart_values(self, other, rule):
        return {
            name: value
            for name, value in self._dist_ic_purchase_values().items()
            if float_compare(value, other[name], precision_digits=6)
        }

    def _dist_ic_counterpart_actor(self, rule):
        return rule.buyer_user_id, rule._dist_buyer_env()

    def _dist_ic_new_counterpart_vals(self, other_order, rule, env):
        return dict(
            self._dist_ic_purchase_values(),
            order_id=other_order.id,
            product_id=self.product_id.id,
            name=self.name,
            product_uom=self.product_uom.id,
        )
