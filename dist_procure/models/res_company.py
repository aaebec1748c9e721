from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dist_receipt_require_po = fields.Boolean(
        string="Receipts Need a Purchase Order",
        help="Refuse to validate a receipt from a supplier location whose lines "
        "are not linked to a purchase order.",
    )
    dist_bill_require_po = fields.Boolean(
        string="Bills Need a Purchase Order",
        help="Match every vendor bill of the company, even without tolerance "
        "keys: a product line not linked to a purchase order line is an "
        "exception and blocks the payment until a controller releases it.",
    )
