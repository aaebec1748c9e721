from odoo import api, fields, models


class DistDimensionMixin(models.AbstractModel):
    """Harmonized dimensions (family, segment, region) stored on a transaction line.

    A consumer adds this mixin to its ``_inherit``, names what the values are read
    from in ``_dist_dimension_depends`` and returns them from
    ``_dist_dimension_values()``. The fields are stored and indexed so reports and
    KPI views group by them; they are captured when their sources change on the
    line itself, never rewritten by a later reclassification of a product or a
    partner (the dependencies stop at the line's own product/partner/order).
    """

    _name = "dist.dimension.mixin"
    _description = "Harmonized Dimensions on Lines"

    # Field paths of the consumer the dimensions are computed from.
    _dist_dimension_depends = ("product_id",)

    dist_family_id = fields.Many2one(
        "dist.product.family",
        string="Product Family",
        compute="_compute_dist_dimensions",
        store=True,
        readonly=False,
        index=True,
    )
    dist_segment_id = fields.Many2one(
        "dist.customer.segment",
        string="Segment",
        compute="_compute_dist_dimensions",
        store=True,
        readonly=False,
        index=True,
    )
    dist_region_id = fields.Many2one(
        "dist.region",
        string="Region",
        compute="_compute_dist_dimensions",
        store=True,
        readonly=False,
        index=True,
    )

    @api.depends(lambda self: self._dist_dimension_depends)
    def _compute_dist_dimensions(self):
        for record in self:
            record.update(record._dist_dimension_values())

    def _dist_dimension_values(self):
        """Return the dimension values of this line (one record), as a dict.

        Override point; the default reads the line's product only.
        """
        self.ensure_one()
        return self._dist_dimensions_from(self.product_id)

    def _dist_dimensions_from(self, product, partner=None, region=None):
        """The values a line takes from its product, partner and region."""
        return {
            "dist_family_id": product.product_tmpl_id.dist_family_id,
            "dist_segment_id": partner.commercial_partner_id.dist_segment_id
            if partner
            else False,
            "dist_region_id": region or False,
        }
