from odoo import fields, models


class DistRegion(models.Model):
    """Harmonized sales/logistics region set on partners, warehouses, companies.

    Shared by all companies unless ``company_id`` is set (see
    readme/CONFIGURE.md).
    """

    _name = "dist.region"
    _description = "Region"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    sequence = fields.Integer(default=10)
    country_ids = fields.Many2many(
        "res.country", help="Countries usually covered by this region."
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for a region shared by all companies (harmonized).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a region must be unique.",
        ),
    ]
