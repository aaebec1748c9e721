from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    dist_scan_warehouse_ids = fields.Many2many(
        "stock.warehouse",
        "dist_scan_warehouse_user_rel",
        "user_id",
        "warehouse_id",
        string="Receiving Warehouses",
        help="Warehouses whose receipts this user may open and scan on the receiving "
        "screen. Empty: every warehouse of the companies the user works in.",
    )

    def _dist_scan_warehouses(self):
        """The warehouses whose receipts this user receives (among allowed companies)."""
        self.ensure_one()
        companies = self.env.companies
        # sudo: which warehouses a user is assigned to is part of the user's
        # own configuration, read whatever the user may read of warehouses.
        warehouses = self.sudo().dist_scan_warehouse_ids
        if not warehouses:
            warehouses = (
                self.env["stock.warehouse"]
                .sudo()
                .search([("company_id", "in", companies.ids)])
            )
        return warehouses.filtered(lambda wh: wh.company_id in companies)
