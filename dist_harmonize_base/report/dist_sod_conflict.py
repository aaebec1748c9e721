from odoo import fields, models, tools


class DistSodConflict(models.Model):
    """Users holding both roles of a segregation-of-duties rule, per company.

    A SQL view over the group and company memberships Odoo already stores
    (``res_groups_users_rel`` holds implied groups too), so it is always
    current and costs one query.
    """

    _name = "dist.sod.conflict"
    _description = "Segregation of Duties Conflict"
    _auto = False
    _order = "company_id, user_id, rule_id"

    rule_id = fields.Many2one("dist.sod.rule", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    group_a_id = fields.Many2one("res.groups", string="Role A", readonly=True)
    group_b_id = fields.Many2one("res.groups", string="Role B", readonly=True)
    block = fields.Boolean(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT row_number() OVER (ORDER BY r.id, u.id, cu.cid) AS id,
                       r.id AS rule_id,
                       u.id AS user_id,
                       cu.cid AS company_id,
                       r.group_a_id,
                       r.group_b_id,
                       r.block
                  FROM dist_sod_rule r
                  JOIN res_groups_users_rel ga ON ga.gid = r.group_a_id
                  JOIN res_groups_users_rel gb
                    ON gb.gid = r.group_b_id AND gb.uid = ga.uid
                  JOIN res_users u ON u.id = ga.uid AND u.active AND u.id != 1
                  JOIN res_company_users_rel cu ON cu.user_id = u.id
                 WHERE r.active
                   AND (r.company_id IS NULL OR r.company_id = cu.cid)
            )
            """
        )
