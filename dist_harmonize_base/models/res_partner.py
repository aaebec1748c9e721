from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import guard, normalize
from ..tools.sql import ensure_trigram_index, find_similar_ids


class ResPartner(models.Model):
    """Harmonized dimensions and governed supplier master on partners.

    ``dist_supplier_state``: draft -> to_approve -> approved -> blocked, the
    approval through ``dist.approval.mixin``; only approved suppliers can be
    ordered from (purchase_order.py). Duplicate detection compares normalized
    keys stored in indexed columns (tax ID, name, E.164 phones, company
    e-mail domain) and bank account numbers, in one query.
    """

    _name = "res.partner"
    _inherit = ["res.partner", "dist.approval.mixin"]

    _dist_approval_state_field = "dist_supplier_state"
    _dist_approval_states_submit = ("draft",)
    _dist_approval_state_pending = "to_approve"
    _dist_approval_state_approved = "approved"
    _dist_approval_state_rejected = "draft"
    # The supplier status and the keys duplicate detection reads.
    _dist_guarded_fields = (
        "dist_supplier_state",
        "dist_vat_key",
        "dist_name_key",
        "dist_phone_key",
        "dist_mobile_key",
        "dist_email_domain",
    )

    dist_segment_id = fields.Many2one(
        "dist.customer.segment", string="Segment", index=True, tracking=True
    )
    dist_region_id = fields.Many2one(
        "dist.region", string="Region", index=True, tracking=True
    )
    dist_supplier_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("blocked", "Blocked"),
        ],
        string="Supplier Status",
        default="draft",
        required=True,
        copy=False,
        index=True,
        tracking=True,
        help="Only approved suppliers can be ordered from.",
    )
    dist_vat_key = fields.Char(
        compute="_compute_dist_keys", store=True, index=True, copy=False
    )
    dist_name_key = fields.Char(
        compute="_compute_dist_keys", store=True, index=True, copy=False
    )
    dist_phone_key = fields.Char(
        compute="_compute_dist_keys", store=True, index=True, copy=False
    )
    dist_mobile_key = fields.Char(
        compute="_compute_dist_keys", store=True, index=True, copy=False
    )
    dist_email_domain = fields.Char(
        compute="_compute_dist_keys", store=True, index=True, copy=False
    )
    dist_duplicate_warning = fields.Text(
        string="Possible Duplicates",
        compute="_compute_dist_duplicate_warning",
        help="Partners of any company sharing a tax ID, phone, e-mail domain or "
        "bank account, or with a similar name.",
    )

    @api.depends("vat", "name", "phone", "mobile", "email", "country_id", "parent_id")
    def _compute_dist_keys(self):
        for partner in self:
            region = partner.country_id.code or self.env.company.country_id.code
            partner.dist_vat_key = normalize.normalize_vat(partner.vat) or False
            # Only companies and standalone people are compared by name;
            # "John" at Acme is not a duplicate of "John" at Zeta.
            partner.dist_name_key = (
                not partner.parent_id
                and normalize.normalize_partner_name(partner.name)
                or False
            )
            partner.dist_phone_key = (
                normalize.phone_e164(partner.phone, region) or False
            )
            partner.dist_mobile_key = (
                normalize.phone_e164(partner.mobile, region) or False
            )
            partner.dist_email_domain = normalize.email_domain(partner.email) or False

    @api.depends("dist_vat_key", "dist_name_key", "dist_phone_key", "dist_email_domain")
    def _compute_dist_duplicate_warning(self):
        for partner in self:
            matches = partner._dist_find_duplicates()
            # sudo: duplicates are searched across companies; the user sees
            # the look-alike's name and the matching criterion only.
            others = self.sudo().browse(list(matches))
            partner.dist_duplicate_warning = "\n".join(
                f"{other.display_name}: {', '.join(sorted(matches[other.id]))}"
                for other in others
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_submit(self):
        self._check_dist_supplier_submission()
        self._dist_handle_duplicates()
        return super().action_dist_submit()

    def action_dist_block_supplier(self):
        self._dist_set_supplier_state("blocked", ("approved",))

    def action_dist_unblock_supplier(self):
        self._dist_set_supplier_state("approved", ("blocked",))

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _dist_set_supplier_state(self, state, allowed_from):
        if not self.env.user.has_group(
            "dist_harmonize_base.dist_harmonize_base_group_steward"
        ):
            raise UserError(
                _("Only a master-data steward can block or unblock a supplier.")
            )
        wrong = self.filtered(lambda p: p.dist_supplier_state not in allowed_from)
        if wrong:
            raise UserError(
                _(
                    "Supplier %(partner)s cannot be blocked or unblocked from "
                    "its current status.",
                    partner=wrong[0].display_name,
                )
            )
        with guard.permit(self):
            self.write({"dist_supplier_state": state})

    def _dist_supplier_missing_fields(self):
        """Labels of the fields the company requires and the supplier lacks."""
        self.ensure_one()
        company = self.company_id or self.env.company
        partner = self.with_company(company)
        missing = []
        if company.dist_supplier_require_vat and not partner.vat:
            missing.append(self._fields["vat"].string)
        if (
            company.dist_supplier_require_payment_term
            and not partner.property_supplier_payment_term_id
        ):
            missing.append(self._fields["property_supplier_payment_term_id"].string)
        if company.dist_supplier_require_bank and not partner.bank_ids:
            missing.append(self._fields["bank_ids"].string)
        return missing

    def _check_dist_supplier_submission(self):
        errors = []
        for partner in self:
            missing = partner._dist_supplier_missing_fields()
            if missing:
                errors.append(
                    _(
                        "Supplier %(partner)s is missing: %(fields)s",
                        partner=partner.display_name,
                        fields=", ".join(missing),
                    )
                )
        if errors:
            raise ValidationError("\n".join(errors))

    def _dist_find_duplicates(self):
        """Other commercial partners matching this one, with the criteria.

        Returns ``{partner id: {criterion, ...}}``. One query for the keys and
        bank accounts (each branch hits an index), one for similar names, plus
        the read of the partner's own bank numbers.
        """
        self.ensure_one()
        exclude = self._origin.ids or [0]
        phones = [k for k in (self.dist_phone_key, self.dist_mobile_key) if k]
        accounts = [
            a
            for a in self.bank_ids.mapped("sanitized_acc_number")
            if a and self._origin
        ]
        branches = []
        common = SQL("NOT id = ANY(%s) AND parent_id IS NULL", exclude)
        if self.dist_vat_key:
            branches.append(
                SQL(
                    "SELECT 'tax ID', id FROM res_partner WHERE dist_vat_key = %s AND %s",
                    self.dist_vat_key,
                    common,
                )
            )
        if phones:
            branches.append(
                SQL(
                    """SELECT 'phone', id FROM res_partner
                        WHERE (dist_phone_key = ANY(%s) OR dist_mobile_key = ANY(%s))
                          AND %s""",
                    phones,
                    phones,
                    common,
                )
            )
        if self.dist_email_domain:
            branches.append(
                SQL(
                    """SELECT 'e-mail domain', id FROM res_partner
                        WHERE dist_email_domain = %s AND %s""",
                    self.dist_email_domain,
                    common,
                )
            )
        if accounts:
            branches.append(
                SQL(
                    """SELECT 'bank account', partner_id FROM res_partner_bank
                        WHERE sanitized_acc_number = ANY(%s)
                          AND NOT partner_id = ANY(%s)""",
                    accounts,
                    exclude,
                )
            )
        matches = {}
        if branches:
            query = SQL("(%s) LIMIT 50", SQL(") UNION ALL (").join(branches))
            self.env.cr.execute(query)
            for criterion, partner_id in self.env.cr.fetchall():
                matches.setdefault(partner_id, set()).add(criterion)
        similar = find_similar_ids(
            self.env, "res_partner", "dist_name_key", self.dist_name_key, exclude
        )
        for partner_id in similar:
            matches.setdefault(partner_id, set()).add("name")
        return matches

    def _dist_handle_duplicates(self):
        """A shared tax ID blocks submission; other matches are queued."""
        Exception_ = self.env["dist.exception"].sudo()
        for partner in self:
            matches = partner._dist_find_duplicates()
            same_vat = [pid for pid, crit in matches.items() if "tax ID" in crit]
            if same_vat:
                other = self.sudo().browse(same_vat[0])
                raise ValidationError(
                    _(
                        "Supplier %(partner)s: the tax ID %(vat)s (field Tax ID) "
                        "is already used by %(other)s.",
                        partner=partner.display_name,
                        vat=partner.vat,
                        other=other.display_name,
                    )
                )
            if matches:
                Exception_.raise_for(
                    partner,
                    "duplicate",
                    "similar_supplier",
                    _(
                        "Supplier %(partner)s may duplicate: %(matches)s",
                        partner=partner.display_name,
                        matches=partner.dist_duplicate_warning,
                    ),
                    severity="medium",
                )

    def init(self):
        res = super().init()
        ensure_trigram_index(self.env, "res_partner", "dist_name_key")
        return res
