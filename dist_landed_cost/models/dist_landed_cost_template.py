from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

BASIS_SELECTION = [
    ("percent_value", "% of Goods Value"),
    ("per_unit", "Amount per Unit"),
    ("per_kg", "Amount per kg"),
    ("per_m3", "Amount per m³"),
    ("fixed", "Fixed per Receipt"),
]
SPLIT_SELECTION = [
    ("quantity", "Quantity"),
    ("weight", "Weight"),
    ("volume", "Volume"),
    ("value", "Value"),
    ("equal", "Equal"),
]
#: our split methods -> the ones of core stock.landed.cost.lines
CORE_SPLIT_METHOD = {
    "quantity": "by_quantity",
    "weight": "by_weight",
    "volume": "by_volume",
    "value": "by_current_cost_price",
    "equal": "equal",
}
SPLIT_FROM_CORE = {core: ours for ours, core in CORE_SPLIT_METHOD.items()}


class DistLandedCostTemplate(models.Model):
    """Which landed costs to expect on receipts of a vendor / incoterm.

    Vendor and incoterm are optional keys: the most specific template of the
    company wins (vendor + incoterm, then vendor, then incoterm, then none).
    """

    _name = "dist.landed.cost.template"
    _description = "Landed Cost Template"
    _inherit = ["dist.tracked.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        check_company=True,
        tracking=True,
        help="Leave empty to apply to every vendor.",
    )
    incoterm_id = fields.Many2one(
        "account.incoterms",
        tracking=True,
        help="Leave empty to apply whatever the incoterm of the purchase order.",
    )
    line_ids = fields.One2many(
        "dist.landed.cost.template.line", "template_id", string="Cost Lines", copy=True
    )

    _sql_constraints = [
        (
            "key_unique",
            "unique(company_id, partner_id, incoterm_id)",
            "Only one template per company, vendor and incoterm.",
        )
    ]

    @api.model
    def _find_for(self, company, partner, incoterm):
        """The most specific active template of ``company`` for the keys."""
        partner = partner.commercial_partner_id
        # archived templates never apply, whatever the caller's context says
        templates = self.with_context(active_test=True).search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", [False, *partner.ids]),
                ("incoterm_id", "in", [False, *incoterm.ids]),
            ]
        )
        if not templates:
            return templates
        return max(
            templates,
            key=lambda t: (bool(t.partner_id), bool(t.incoterm_id), -t.sequence),
        )


class DistLandedCostTemplateLine(models.Model):
    """One expected cost: a landed-cost product, a basis and a split."""

    _name = "dist.landed.cost.template.line"
    _description = "Landed Cost Template Line"
    _inherit = ["dist.line.tracking.mixin"]
    _dist_tracking_parent = "template_id"
    _dist_tracking_fields = (
        "product_id",
        "basis",
        "rate",
        "currency_id",
        "split_method",
        "accrual_account_id",
    )
    _order = "sequence, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "dist.landed.cost.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="template_id.company_id", store=True, index=True, precompute=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Cost Type",
        required=True,
        check_company=True,
        domain=[("landed_cost_ok", "=", True), ("type", "=", "service")],
        help="A service product flagged as landed cost (freight, duty, insurance).",
    )
    basis = fields.Selection(BASIS_SELECTION, required=True, default="percent_value")
    rate = fields.Float(
        required=True,
        digits="Product Price",
        help="Percentage for '% of Goods Value', otherwise the amount per unit, "
        "kg, m³ or receipt in the line's currency.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        help="Currency of the rate (converted at the receipt date).",
    )
    split_method = fields.Selection(SPLIT_SELECTION, required=True, default="value")
    accrual_account_id = fields.Many2one(
        "account.account",
        required=True,
        check_company=True,
        domain=[("deprecated", "=", False)],
        help="Credited by the estimate at receipt, debited by the actual bill.",
    )

    def _dist_tracking_label(self):
        self.ensure_one()
        return self.product_id.display_name

    @api.constrains("rate")
    def _check_rate(self):
        for line in self:
            if line.rate < 0:
                raise ValidationError(
                    _(
                        "The rate of %(cost)s on template %(template)s cannot be negative.",
                        cost=line.product_id.display_name,
                        template=line.template_id.display_name,
                    )
                )

    @api.constrains("product_id")
    def _check_product_id(self):
        for line in self:
            if not line.product_id.landed_cost_ok:
                raise ValidationError(
                    _(
                        "Product %(product)s on template %(template)s is not a landed cost.",
                        product=line.product_id.display_name,
                        template=line.template_id.display_name,
                    )
                )
