from odoo import Command, _, api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dist_region_id = fields.Many2one(
        "dist.region",
        string="Region",
        help="Harmonized region used when a document has no warehouse.",
    )
    dist_supplier_require_vat = fields.Boolean(
        string="Suppliers Need a Tax ID",
        default=True,
        help="A supplier cannot be submitted for approval without a tax ID.",
    )
    dist_supplier_require_payment_term = fields.Boolean(
        string="Suppliers Need Payment Terms",
        default=True,
        help="A supplier cannot be submitted without vendor payment terms.",
    )
    dist_supplier_require_bank = fields.Boolean(
        string="Suppliers Need a Bank Account",
        default=True,
        help="A supplier cannot be submitted without a bank account.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._dist_create_master_data_rules()
        return companies

    def _dist_create_master_data_rules(self):
        """Default rules: new items and suppliers need a steward's approval.

        Plain ``dist.approval.rule`` records an administrator may edit or
        archive (archiving means items/suppliers are approved on submission).
        """
        steward = self.env.ref(
            "dist_harmonize_base.dist_harmonize_base_group_steward",
            raise_if_not_found=False,
        )
        if not steward:
            return
        Model = self.env["ir.model"]
        Rule = self.env["dist.approval.rule"].sudo().with_context(active_test=False)
        vals_list = []
        for company in self:
            for model, name in (
                ("product.template", _("New items: steward approval")),
                ("res.partner", _("New suppliers: steward approval")),
            ):
                if Rule.search_count(
                    [("company_id", "=", company.id), ("model_name", "=", model)],
                    limit=1,
                ):
                    continue
                vals_list.append(
                    {
                        "name": name,
                        "company_id": company.id,
                        "model_id": Model._get_id(model),
                        "sequence": 100,
                        "amount_min": 0.0,
                        "amount_max": 0.0,
                        "level_ids": [
                            Command.create(
                                {
                                    "name": _("Master-data steward"),
                                    "approver_type": "group",
                                    "group_id": steward.id,
                                }
                            )
                        ],
                    }
                )
        # sudo: rules are configuration the company creator may not manage.
        Rule.create(vals_list)
