from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import _lt

from ..tools import normalize
from ..tools.sql import ensure_trigram_index, find_similar_ids


class ProductTemplate(models.Model):
    """Governed item master.

    Lifecycle ``dist_state``: draft -> to_approve -> active -> blocked /
    obsolete, governed through ``dist.governed.mixin`` (approval, submission
    check, lifecycle moves by stewards). Only active items can be confirmed on
    purchase and sale orders (see purchase_order.py, sale_order.py). Blocking
    duplicates (normalized internal reference, GTIN) are constraints; similar
    names are warnings listed on the item and raised into the exception queue
    on submission, and when an item past draft is renamed.
    """

    _name = "product.template"
    _inherit = ["product.template", "dist.governed.mixin"]

    _dist_approval_state_field = "dist_state"
    _dist_approval_states_submit = ("draft",)
    _dist_approval_state_pending = "to_approve"
    _dist_approval_state_approved = "active"
    _dist_approval_state_rejected = "draft"
    _dist_governed_label = _lt("Item")
    _dist_governed_duplicate_fields = {"name": ("name",)}
    _dist_governed_duplicate_reason = "similar_item_name"
    _dist_governed_duplicate_severity = "low"
    # The lifecycle and the keys duplicate detection reads.
    _dist_guarded_fields = ("dist_state", "dist_ref_key", "dist_name_key")

    dist_family_id = fields.Many2one(
        "dist.product.family",
        string="Product Family",
        index=True,
        tracking=True,
        help="Harmonized family: drives mandatory attributes, approval routing "
        "and every KPI cut by family.",
    )
    dist_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("active", "Active"),
            ("blocked", "Blocked"),
            ("obsolete", "Obsolete"),
        ],
        string="Item Status",
        default="draft",
        required=True,
        copy=False,
        index=True,
        tracking=True,
        help="Only active items can be bought or sold.",
    )
    dist_hs_code = fields.Char(
        string="HS Code",
        help="Harmonized System customs code (6 to 10 digits).",
    )
    dist_ref_key = fields.Char(
        string="Normalized Reference",
        compute="_compute_dist_ref_key",
        store=True,
        index=True,
        copy=False,
    )
    dist_name_key = fields.Char(
        string="Normalized Name",
        compute="_compute_dist_name_key",
        store=True,
        index=True,
        copy=False,
    )
    dist_similar_ids = fields.Many2many(
        "product.template",
        relation="dist_product_template_similar_rel",
        column1="product_tmpl_id",
        column2="similar_tmpl_id",
        string="Similar Items",
        compute="_compute_dist_similar_ids",
        help="Items of any company whose name resembles this one.",
    )
    dist_similar_count = fields.Integer(compute="_compute_dist_similar_ids")
    dist_similar_warning = fields.Char(
        string="Similar Names",
        compute="_compute_dist_similar_ids",
        help="Names (and companies) of items that look like this one.",
    )

    @api.depends("default_code")
    def _compute_dist_ref_key(self):
        for template in self:
            template.dist_ref_key = (
                normalize.normalize_ref(template.default_code) or False
            )

    @api.depends("name")
    def _compute_dist_name_key(self):
        for template in self:
            template.dist_name_key = normalize.normalize_name(template.name) or False

    @api.depends("dist_name_key")
    def _compute_dist_similar_ids(self):
        for template in self:
            ids = template._dist_find_similar_ids()
            template.dist_similar_ids = [fields.Command.set(ids)]
            template.dist_similar_count = len(ids)
            # sudo: duplicates are looked for across companies; the user only
            # learns the name and company of the look-alike, not its data.
            similar = self.sudo().browse(ids)
            template.dist_similar_warning = ", ".join(
                f"{s.display_name} ({s.company_id.name or _('shared')})"
                for s in similar
            )

    @api.constrains("default_code")
    def _check_dist_ref_key(self):
        """Internal references must be unique across companies once normalized."""
        keys = {t.dist_ref_key for t in self if t.dist_ref_key}
        if not keys:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT dist_ref_key, array_agg(id ORDER BY id)
                     FROM product_template
                    WHERE dist_ref_key = ANY(%s)
                 GROUP BY dist_ref_key HAVING count(*) > 1""",
                list(keys),
            )
        )
        clashes = dict(self.env.cr.fetchall())
        for template in self:
            others = [
                i for i in clashes.get(template.dist_ref_key, []) if i != template.id
            ]
            if others:
                other = self.sudo().browse(others[0])
                raise ValidationError(
                    _(
                        "Item %(item)s: the internal reference %(ref)s (field "
                        "Internal Reference) duplicates %(other_ref)s of item "
                        "%(other)s once case, spaces, dashes and leading zeros "
                        "are ignored.",
                        item=template.display_name,
                        ref=template.default_code,
                        other_ref=other.default_code,
                        other=other.name,
                    )
                )

    @api.constrains("dist_family_id", "uom_id", "uom_po_id")
    def _check_dist_uom_category(self):
        """Units of an item must belong to the UoM category its family allows."""
        for template in self:
            category = (
                template.dist_family_id._get_uom_category()
                if template.dist_family_id
                else False
            )
            if not category:
                continue
            for field_name in ("uom_id", "uom_po_id"):
                uom = template[field_name]
                if uom and uom.category_id != category:
                    raise ValidationError(
                        _(
                            "Item %(item)s: the unit %(uom)s (field %(field)s) is "
                            "not in the category %(category)s required by the "
                            "family %(family)s.",
                            item=template.display_name,
                            uom=uom.name,
                            field=template._fields[field_name].string,
                            category=category.name,
                            family=template.dist_family_id.complete_name,
                        )
                    )

    @api.constrains("dist_hs_code")
    def _check_dist_hs_code(self):
        for template in self:
            code = (template.dist_hs_code or "").replace(".", "").replace(" ", "")
            if code and (not code.isdigit() or not 6 <= len(code) <= 10):
                raise ValidationError(
                    _(
                        "Item %(item)s: the HS code %(code)s (field HS Code) must "
                        "have 6 to 10 digits.",
                        item=template.display_name,
                        code=template.dist_hs_code,
                    )
                )

    def _dist_approval_values(self):
        """Route item approvals by product family and category too."""
        values = super()._dist_approval_values()
        values["product_family_ids"] = self.dist_family_id.ids
        values["product_categ_ids"] = self.categ_id.ids
        return values

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_block(self):
        self._dist_set_state("blocked", ("active",))

    def action_dist_obsolete(self):
        self._dist_set_state("obsolete", ("active", "blocked"))

    def action_dist_reactivate(self):
        self._dist_set_state("active", ("blocked",))

    def action_dist_view_similar(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Similar Items"),
            "res_model": "product.template",
            "view_mode": "tree,form",
            "domain": [("id", "in", self.dist_similar_ids.ids)],
        }

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _dist_missing_fields(self):
        """Labels of the attributes the item's family requires and it lacks."""
        self.ensure_one()
        if not self.dist_family_id:
            return [self._fields["dist_family_id"].string]
        missing = []
        for field_name in self.dist_family_id._get_requirements():
            if self[field_name]:
                continue
            # With stock_delivery installed, Odoo's own HS code counts too.
            if (
                field_name == "dist_hs_code"
                and "hs_code" in self._fields
                and self.hs_code
            ):
                continue
            missing.append(self._fields[field_name].string)
        if (
            "uom_po_id" in self.dist_family_id._get_requirements()
            and not self.purchase_ok
        ):
            missing.append(self._fields["purchase_ok"].string)
        return missing

    def _dist_find_similar_ids(self):
        """Ids of other items (any company) with a similar normalized name."""
        self.ensure_one()
        return find_similar_ids(
            self.env,
            "product_template",
            "dist_name_key",
            self.dist_name_key,
            self._origin.ids or [0],
        )

    def _dist_find_duplicates(self):
        """Items with a similar name (the one criterion queued, never blocking)."""
        self.ensure_one()
        return {other_id: {"name"} for other_id in self.dist_similar_ids.ids}

    def _dist_duplicate_message(self, matches):
        return _(
            "Item %(item)s resembles %(others)s.",
            item=self.display_name,
            others=", ".join(self.sudo().browse(list(matches)).mapped("display_name")),
        )

    def _dist_check_active(self, document):
        """Raise unless every item of ``self`` is active (used on orders)."""
        inactive = self.filtered(lambda t: t.dist_state != "active")
        if inactive:
            raise UserError(
                _(
                    "%(document)s cannot be confirmed: these items are not "
                    "active (field Item Status): %(items)s",
                    document=document.display_name,
                    items=", ".join(inactive.mapped("display_name")),
                )
            )

    def init(self):
        res = super().init()
        ensure_trigram_index(self.env, "product_template", "dist_name_key")
        return res
