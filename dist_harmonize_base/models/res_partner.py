from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import _lt

from ..tools import normalize
from ..tools.sql import ensure_trigram_index, find_similar_ids


class ResPartner(models.Model):
    """Harmonized dimensions and governed supplier master on partners.

    ``dist_supplier_state``: draft -> to_approve -> approved -> blocked,
    governed through ``dist.governed.mixin``; only approved suppliers can be
    ordered from (purchase_order.py). Duplicate detection compares normalized
    keys stored in indexed columns (tax ID, name, E.164 phones, company
    e-mail domain) and bank account numbers, in one query. A shared tax ID
    blocks a governed supplier (at submission, and when a write gives it one);
    the other criteria are queued.
    """

    _name = "res.partner"
    _inherit = ["res.partner", "dist.governed.mixin"]

    _dist_approval_state_field = "dist_supplier_state"
    _dist_approval_states_submit = ("draft",)
    _dist_approval_state_pending = "to_approve"
    _dist_approval_state_approved = "approved"
    _dist_approval_state_rejected = "draft"
    _dist_governed_label = _lt("Supplier")
    _dist_governed_duplicate_fields = {
        "tax ID": ("vat",),
        "name": ("name", "parent_id"),
        "phone": ("phone", "mobile", "country_id"),
        "e-mail domain": ("email",),
        "bank account": ("bank_ids",),
    }
    _dist_governed_duplicate_reason = "similar_supplier"
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
            partner.dist_duplicate_warning = partner._dist_format_duplicates(
                partner._dist_find_duplicates()
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_block_supplier(self):
        self._dist_set_state("blocked", ("approved",))

    def action_dist_unblock_supplier(self):
        self._dist_set_state("approved", ("blocked",))

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _dist_missing_fields(self):
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

    def _check_dist_blocking_duplicates(self, matches):
        """A tax ID another commercial partner holds blocks the supplier."""
        same_vat = [pid for pid, criteria in matches.items() if "tax ID" in criteria]
        if same_vat:
            other = self.sudo().browse(same_vat[0])
            raise ValidationError(
                _(
                    "Supplier %(partner)s: the tax ID %(vat)s (field Tax ID) "
                    "is already used by %(other)s.",
                    partner=self.display_name,
                    vat=self.vat,
                    other=other.display_name,
                )
            )

    def _dist_raise_not_approved(self, document):
        """Refuse this supplier (one) as the vendor of ``document``."""
        self.ensure_one()
        states = dict(
            self._fields["dist_supplier_state"]._description_selection(self.env)
        )
        raise UserError(
            _(
                "%(document)s: the vendor %(vendor)s is not approved (field "
                "Supplier Status: %(state)s); only approved suppliers are "
                "ordered from or billed.",
                document=document.display_name,
                vendor=self.display_name,
                state=states[self.dist_supplier_state],
            )
        )

    def init(self):
        res = super().init()
        ensure_trigram_index(self.env, "res_partner", "dist_name_key")
        return res
