from odoo import api, fields, models


class AccountMoveLine(models.Model):
    """Carry the harmonized dimensions onto journal items (margin, PPV, KPIs).

    Captured while the journal item is a draft: the compute runs when the
    product, partner or source order line changes, which Odoo only allows on
    draft entries. Posted journal items are never rewritten by a later change
    of a product's family or a partner's segment: they keep the
    classification they were posted with.
    """

    _inherit = "account.move.line"

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

    @api.depends("product_id", "partner_id", "purchase_line_id", "sale_line_ids")
    def _compute_dist_dimensions(self):
        for line in self:
            source_line = line.purchase_line_id or line.sale_line_ids[:1]
            line.dist_family_id = line.product_id.product_tmpl_id.dist_family_id
            line.dist_segment_id = line.partner_id.commercial_partner_id.dist_segment_id
            line.dist_region_id = (
                source_line.dist_region_id or line.company_id.dist_region_id
            )
