from odoo import _, api, fields, models, modules


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

    @api.model
    def systray_get_activities(self):
        """Add the requests the user may decide on to the activity menu.

        Approvers have no activity per request (see
        ``dist.approval.request._notify_approvers``): this entry counts them,
        late ones being those already reminded, and opens *My Approvals*.
        """
        groups = super().systray_get_activities()
        Request = self.env["dist.approval.request"]
        if not Request.check_access_rights("read", raise_exception=False):
            return groups
        requests = Request.search([("can_act", "=", True)])
        if requests:
            late = len(requests.filtered("reminded"))
            groups.append(
                {
                    "id": self.env["ir.model"]._get_id(Request._name),
                    "name": _("Approvals"),
                    "model": Request._name,
                    "type": "activity",
                    "dist_approvals": True,
                    "icon": modules.module.get_module_icon("dist_harmonize_base"),
                    "total_count": len(requests),
                    "today_count": len(requests) - late,
                    "overdue_count": late,
                    "planned_count": 0,
                    "view_type": "list",
                }
            )
        return groups
