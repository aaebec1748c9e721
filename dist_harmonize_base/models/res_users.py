from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    dist_manager_id = fields.Many2one(
        "res.users",
        string="Approval Manager",
        help="Approves or receives escalations for this user's documents when an "
        "approval level uses the requester's manager (no HR module needed).",
    )

    @api.constrains("groups_id", "company_ids")
    def _check_dist_sod(self):
        self.env["dist.sod.rule"]._check_users(self)
