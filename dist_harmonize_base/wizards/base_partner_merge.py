from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        # Merging rewrites the rules' vendor relation in SQL.
        result = super()._merge(partner_ids, dst_partner, extra_checks)
        self.env.registry.clear_cache()
        return result

    def _update_values(self, src_partners, dst_partner):
        # The sources are deleted once their values are copied: a tax ID or an
        # e-mail the destination takes from them duplicates nobody.
        with dst_partner._dist_ignoring_duplicates_of(src_partners):
            return super()._update_values(src_partners, dst_partner)
