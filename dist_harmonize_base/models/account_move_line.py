from odoo import api, models

# A user who writes one of these on a vendor bill's line is one of its authors.
AUTHOR_LINE_FIELDS = frozenset(
    ("quantity", "price_unit", "discount", "tax_ids", "product_id")
)


class AccountMoveLine(models.Model):
    """Carry the harmonized dimensions onto journal items (margin, PPV, KPIs).

    Captured while the journal item is a draft: the compute runs when the
    product, partner or source order line changes, which Odoo only allows on
    draft entries. Posted journal items are never rewritten by a later change
    of a product's family or a partner's segment: they keep the
    classification they were posted with.

    Adding, removing or changing the amounts of a vendor bill's lines makes
    the user one of the bill's authors (``account.move.dist_author_ids``).

    Product lines of invoices, bills, credit notes and receipts take active
    items only (``dist.item.line.mixin``), in any state of the move, but a
    line billing an order line of the same item (the item entered through a
    governed order and may have been blocked since) or crediting a line of
    the entry it reverses.

    Also declares the override points the suite's bill controls share
    (``_dist_match_is_explained``), so that modules which do not depend on
    each other can answer them.
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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.move_id._dist_add_author()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if AUTHOR_LINE_FIELDS & set(vals):
            self.move_id._dist_add_author()
        return result

    def unlink(self):
        moves = self.move_id
        result = super().unlink()
        moves._dist_add_author()
        return result

    def _dist_dimension_values(self):
        source_line = self.purchase_line_id or self.sale_line_ids[:1]
        region = source_line.dist_region_id or self.company_id.dist_region_id
        return self._dist_dimensions_from(self.product_id, self.partner_id, region)

    def _dist_match_is_explained(self):
        """Whether this bill product line on no order line is explained elsewhere.

        The three-way match (dist_procure) treats a product line of a bill on
        no purchase order line as an exception, unless this returns True: a
        module that accounts for such lines itself (landed-cost true-ups in
        dist_landed_cost) overrides it for them. Must not query per line (the
        match is batched).
        """
        self.ensure_one()
        return False

    def _check_dist_line_masters(self):
        result = super()._check_dist_line_masters()
        # A line entering a bill may take away a blocked vendor's allowance.
        self.move_id._check_dist_vendor_approved()
        return result

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
