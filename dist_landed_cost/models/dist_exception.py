from odoo import fields, models


class DistException(models.Model):
    _inherit = "dist.exception"

    kind = fields.Selection(
        selection_add=[("landed_cost", "Landed Cost")],
        ondelete={"landed_cost": "set default"},
    )
