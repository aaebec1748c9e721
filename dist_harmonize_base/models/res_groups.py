from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        if "users" not in vals and "implied_ids" not in vals:
            return super().write(vals)
        # Granting through the group side bypasses res.users constraints: check
        # the users whose groups this write changes (not pre-existing holders).
        before = {
            user.id: set(user.groups_id.ids)
            for user in self.with_context(active_test=False).users
        }
        result = super().write(vals)
        changed = self.with_context(active_test=False).users.filtered(
            lambda user: before.get(user.id) != set(user.groups_id.ids)
        )
        self.env["dist.sod.rule"]._check_users(changed)
        return result
