from odoo import fields, models


class DistException(models.Model):
    _inherit = "dist.exception"

    kind = fields.Selection(
        selection_add=[("kpi", "KPI")],
        ondelete={"kpi": "set default"},
    )
