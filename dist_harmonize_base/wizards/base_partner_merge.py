from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        # Merging rewrites the rules' vendor relation in SQL.
        result = super()._merge(partner_ids, dst_partner, extra_checks)
        self.env.registry.clear_cache()
        return result
