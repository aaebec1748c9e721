from odoo import models


class AccountMoveLine(models.Model):
    """Carry the harmonized dimensions onto journal items (margin, PPV, KPIs).

    Also declares the override points the suite's bill controls share
    (``_dist_match_is_explained``), so that modules which do not depend on
    each other can answer them.

    Captured while the journal item is a draft: the compute runs when the
    product, partner or source order line changes, which Odoo only allows on
    draft entries. Posted journal items are never rewritten by a later change
    of a product's family or a partner's segment: they keep the
    classification they were posted with.
    """

    _name = "account.move.line"
    _inherit = ["account.move.line", "dist.dimension.mixin"]
    _dist_dimension_depends = (
        "product_id",
        "partner_id",
        "purchase_line_id",
        "sale_line_ids",
    )

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
