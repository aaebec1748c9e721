from odoo import fields, models


class DistCustomerSegment(models.Model):
    """Harmonized customer segment (e.g. retail, wholesale, key account).

    Shared by all companies unless ``company_id`` is set: one segment list is
    what lets a margin report compare entities (see readme/CONFIGURE.md).
    """

    _name = "dist.customer.segment"
    _description = "Customer Segment"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for a segment shared by all companies (harmonized).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a customer segment must be unique.",
        ),
    ]
