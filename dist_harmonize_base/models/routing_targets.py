"""Records approval rules route on: the routing cache forgets them with them.

``dist.approval.rule._get_rule_rows`` caches each rule's vendors, warehouses,
product categories and families. Deleting one of those records removes it
from the rules' relation tables without writing the rules, and merging
partners rewrites those tables in SQL (see ``wizards/base_partner_merge.py``):
both clear the cache too.
"""

from odoo import models

ROUTING_FIELDS = {
    "res.partner": "partner_ids",
    "stock.warehouse": "warehouse_ids",
    "product.category": "product_categ_ids",
    "dist.product.family": "product_family_ids",
}


class DistApprovalRoutingTarget(models.AbstractModel):
    _name = "dist.approval.routing.target"
    _description = "Record Approval Rules Route On"

    def unlink(self):
        routed = self._dist_is_routed_on()
        result = super().unlink()
        if routed:
            self.env.registry.clear_cache()
        return result

    def _dist_is_routed_on(self):
        """Whether a rule, archived ones included, names one of these records."""
        if not self.ids:
            return False
        Rule = self.env["dist.approval.rule"].sudo().with_context(active_test=False)
        return bool(
            Rule.search_count([(ROUTING_FIELDS[self._name], "in", self.ids)], limit=1)
        )


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "dist.approval.routing.target"]


class StockWarehouse(models.Model):
    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "dist.approval.routing.target"]


class ProductCategory(models.Model):
    _name = "product.category"
    _inherit = ["product.category", "dist.approval.routing.target"]


class DistProductFamily(models.Model):
    _name = "dist.product.family"
    _inherit = ["dist.product.family", "dist.approval.routing.target"]
