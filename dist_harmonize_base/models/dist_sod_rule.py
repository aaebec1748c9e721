from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DistSodRule(models.Model):
    """Segregation of duties: two roles one person should not hold together.

    ``company_id`` empty means the rule applies in every company (an explicit
    choice: a group-wide policy). With ``block`` set, granting the second role
    of the pair is refused; existing holders are listed by
    ``dist.sod.conflict`` either way.
    """

    _name = "dist.sod.rule"
    _description = "Segregation of Duties Rule"
    _inherit = ["dist.tracked.mixin", "mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    group_a_id = fields.Many2one(
        "res.groups", string="Role A", required=True, tracking=True
    )
    group_b_id = fields.Many2one(
        "res.groups", string="Role B", required=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        tracking=True,
        help="Empty: the rule applies in every company.",
    )
    block = fields.Boolean(
        tracking=True,
        help="Refuse to grant both roles to one user (existing holders are only "
        "reported).",
    )
    note = fields.Text(help="Why the two roles conflict.", tracking=True)

    @api.constrains("group_a_id", "group_b_id")
    def _check_groups(self):
        for rule in self:
            a, b = rule.group_a_id, rule.group_b_id
            if a == b or a in b.trans_implied_ids or b in a.trans_implied_ids:
                raise ValidationError(
                    _(
                        "Rule %(rule)s: %(role_a)s and %(role_b)s are the same role or "
                        "one includes the other, so every holder would conflict.",
                        rule=rule.name,
                        role_a=a.full_name,
                        role_b=b.full_name,
                    )
                )

    @api.model
    def _check_users(self, users):
        """Raise if a blocking rule forbids the roles ``users`` now hold."""
        rules = (
            self.sudo().with_context(active_test=True).search([("block", "=", True)])
        )
        if not rules:
            return
        for user in users.sudo().filtered(lambda u: not u._is_superuser()):
            for rule in rules:
                if rule.company_id and rule.company_id not in user.company_ids:
                    continue
                if (
                    rule.group_a_id in user.groups_id
                    and rule.group_b_id in user.groups_id
                ):
                    raise ValidationError(
                        _(
                            "Segregation of duties (%(rule)s): %(user)s cannot hold both "
                            "%(role_a)s and %(role_b)s in %(company)s.",
                            rule=rule.name,
                            user=user.name,
                            role_a=rule.group_a_id.full_name,
                            role_b=rule.group_b_id.full_name,
                            company=(rule.company_id or user.company_id).name,
                        )
                    )
