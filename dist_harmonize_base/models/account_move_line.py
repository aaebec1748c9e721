from odoo import models


class AccountMoveLine(models.Model):
    """Carry the harmonized dimensions onto journal items (margin, PPV, KPIs).

    Captured while the journal item is a draft: the compute runs when the
    product, partner or source order line changes, which Odoo only allows on
    draft entries. Posted journal items are never rewritten by a later change
    of a product's family or a partner's segment: they keep the
    classification they were posted with.

    Product lines of invoices, bills, credit notes and receipts take active
    items only (``dist.item.line.mixin``), in any state of the move, but a
    line billing an order line of the same item (the item entered through a
    governed order and may have been blocked since) or crediting a line of
    the entry it reverses.
    """

    _name = "account.move.line"
    _inherit = [
        "account.move.line",
        "dist.dimension.mixin",
        "dist.item.line.mixin",
    ]
    _dist_dimension_depends = (
        "product_id",
        "partner_id",
        "purchase_line_id",
        "sale_line_ids",
    )
    # A line's allowance depends on its kind and its order link, too.
    _dist_item_line_fields = (
        "product_id",
        "display_type",
        "purchase_line_id",
        "sale_line_ids",
    )
    _dist_item_line_document = "move_id"

    def _dist_dimension_values(self):
        source_line = self.purchase_line_id or self.sale_line_ids[:1]
        region = source_line.dist_region_id or self.company_id.dist_region_id
        return self._dist_dimensions_from(self.product_id, self.partner_id, region)

    def _check_dist_line_masters(self):
        super()._check_dist_line_masters()
        # A line entering a bill may take away a blocked vendor's allowance.
        self.move_id._check_dist_vendor_approved()

    def _dist_item_lines_allowed(self):
        return self.filtered(
            lambda line: (
                line.display_type != "product"
                or not line.move_id.is_invoice(include_receipts=True)
                or line._dist_is_from_source_document()
            )
        )

    def _dist_is_from_source_document(self):
        """Whether this line bills an order line, or credits a line of the
        reversed entry, holding the same item."""
        self.ensure_one()
        product = self.product_id
        return (
            self.purchase_line_id.product_id == product
            or (self.sale_line_ids and self.sale_line_ids.product_id == product)
            or product in self.move_id.reversed_entry_id.invoice_line_ids.product_id
        )
