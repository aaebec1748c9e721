from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]


class DistExceptionReason(models.Model):
    """Reason code of a queued exception.

    Reason codes are a harmonized catalogue: ``company_id`` empty means the
    code is shared by every company (the default); a company may add its own.
    Every code a control raises is seeded, with a translated name, by the
    module that raises it (``raise_for`` refuses an unknown code).
    """

    _name = "dist.exception.reason"
    _description = "Exception Reason Code"
    _inherit = ["dist.tracked.mixin", "mail.thread"]
    _order = "kind, code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True, tracking=True)
    name = fields.Char(required=True, translate=True, tracking=True)
    kind = fields.Selection(
        selection="_selection_kind", default="other", required=True, tracking=True
    )
    default_severity = fields.Selection(
        SEVERITIES, default="medium", required=True, tracking=True
    )
    company_id = fields.Many2one("res.company", index=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)

    @api.model
    def _selection_kind(self):
        # Same kinds as the queue, including those added by other modules.
        return self.env["dist.exception"]._fields["kind"].selection

    @api.depends("name")
    def _compute_display_name(self):
        # The readable name only: lists show the code in a column of its own.
        for reason in self:
            reason.display_name = reason.name

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        for reason in self:
            duplicate = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", reason.id),
                    ("code", "=", reason.code),
                    ("company_id", "=", reason.company_id.id),
                ]
            )
            if duplicate:
                raise ValidationError(
                    _("Reason code %(code)s already exists.", code=reason.code)
                )
