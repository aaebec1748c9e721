from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Mandatory-attribute flag on the family -> product.template field it requires.
REQUIREMENT_FIELDS = {
    "require_weight": "weight",
    "require_volume": "volume",
    "require_barcode": "barcode",
    "require_hs_code": "dist_hs_code",
    "require_purchase_uom": "uom_po_id",
}


class DistProductFamily(models.Model):
    """Harmonized product family, one tree shared by every company.

    Families are master data of the group: ``company_id`` is optional and left
    empty for shared families (see readme/CONFIGURE.md). A family also carries
    the attributes an item of the family must have before it can be submitted
    for approval; requirements are inherited from parent families.
    """

    _name = "dist.product.family"
    _description = "Product Family"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    parent_id = fields.Many2one(
        "dist.product.family",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True, unaccent=False)
    child_ids = fields.One2many("dist.product.family", "parent_id")
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for a family shared by all companies (harmonized).",
    )
    active = fields.Boolean(default=True)
    require_weight = fields.Boolean(help="Items of this family need a weight.")
    require_volume = fields.Boolean(help="Items of this family need a volume.")
    require_barcode = fields.Boolean(help="Items of this family need a GTIN.")
    require_hs_code = fields.Boolean(help="Items of this family need an HS code.")
    require_purchase_uom = fields.Boolean(
        help="Items of this family need a purchase unit of measure."
    )
    uom_category_id = fields.Many2one(
        "uom.category",
        string="Allowed UoM Category",
        help="When set, the unit and the purchase unit of every item of the "
        "family must belong to this category.",
    )
    product_count = fields.Integer(compute="_compute_product_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a product family must be unique.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for family in self:
            if family.parent_id:
                family.complete_name = (
                    f"{family.parent_id.complete_name} / {family.name}"
                )
            else:
                family.complete_name = family.name

    def _compute_product_count(self):
        Template = self.env["product.template"]
        for family in self:
            family.product_count = Template.search_count(
                [("dist_family_id", "child_of", family.id)]
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_("You cannot create recursive product families."))

    def _get_requirements(self):
        """Product fields an item of this family must fill, parents included.

        Returns a dict ``{field name: flag name}``.
        """
        self.ensure_one()
        ancestor_ids = [int(i) for i in (self.parent_path or "").split("/") if i]
        ancestors = self.browse(ancestor_ids) | self
        return {
            field_name: flag
            for flag, field_name in REQUIREMENT_FIELDS.items()
            if any(ancestors.mapped(flag))
        }

    def _get_uom_category(self):
        """The allowed UoM category, from this family or its nearest parent."""
        self.ensure_one()
        family = self
        while family:
            if family.uom_category_id:
                return family.uom_category_id
            family = family.parent_id
        return self.env["uom.category"]

    def action_view_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "product.product_template_action"
        )
        action["domain"] = [("dist_family_id", "child_of", self.id)]
        action["context"] = {"default_dist_family_id": self.id}
        return action
