from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dist_receipt_require_po = fields.Boolean(
        string="Receipts Need a Purchase Order",
        help="Refuse to validate a receipt from a supplier location whose lines "
        "are not linked to a purchase order.",
    )
