from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from ..tools.tolerance import LineScope, ToleranceKey, ToleranceValues, select_key

VALUE_FIELDS = (
    "qty_pct",
    "price_pct",
    "price_abs",
    "line_amount",
    "bill_total",
    "over_receipt_pct",
)


def _chain(record):
    """Ids of ``record`` then its ancestors (from its ``parent_path``)."""
    ids = [int(part) for part in (record.parent_path or "").split("/") if part]
    return tuple(reversed(ids))


class DistToleranceKey(models.Model):
    """A tolerance key: the allowed variances of receipts and bills.

    Scoped company -> vendor -> product family/category; the most specific
    key applicable to a line wins (see ``tools/tolerance.py``). A company
    without any key is not controlled (plain Odoo behaviour); a company with
    keys treats a line no key applies to as exact (no allowance).
    """

    _name = "dist.tolerance.key"
    _description = "Tolerance Key"
    _inherit = ["dist.tracked.mixin", "mail.thread"]
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        check_company=True,
        index=True,
        tracking=True,
        help="Empty: any vendor.",
    )
    product_family_id = fields.Many2one(
        "dist.product.family",
        tracking=True,
        help="Applies to this family and its sub-families. Empty: any family.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        tracking=True,
        help="Applies to this category and its sub-categories. Empty: any category.",
    )
    qty_pct = fields.Float(
        string="Quantity %",
        tracking=True,
        help="Billed quantity (with earlier bills) may exceed the received "
        "quantity by this percentage.",
    )
    price_pct = fields.Float(
        string="Price %",
        tracking=True,
        help="Bill unit price may differ from the order price by this percentage "
        "(or by Price per Unit, whichever is larger).",
    )
    price_abs = fields.Monetary(
        string="Price per Unit",
        tracking=True,
        help="Bill unit price may differ from the order price by this amount, in "
        "company currency (or by Price %, whichever is larger).",
    )
    line_amount = fields.Monetary(
        string="Line Variance Cap",
        tracking=True,
        help="Largest price variance of one bill line, in company currency "
        "(0: no limit).",
    )
    bill_total = fields.Monetary(
        string="Bill Variance Cap",
        tracking=True,
        help="Largest total price variance of one bill, in company currency "
        "(0: no limit). Taken from the vendor's or the company's key.",
    )
    line_amount_display = fields.Char(
        string="Line Cap",
        compute="_compute_cap_display",
        help="Line Variance Cap as read: an amount, or no limit when it is zero.",
    )
    bill_total_display = fields.Char(
        string="Bill Cap",
        compute="_compute_cap_display",
        help="Bill Variance Cap as read: an amount, or no limit when it is zero.",
    )
    over_receipt_pct = fields.Float(
        string="Over-Receipt %",
        tracking=True,
        help="Receipts may exceed the ordered quantity by this percentage; "
        "beyond it only an over-receipt override user can receive.",
    )

    summary = fields.Char(
        string="Tolerance",
        compute="_compute_summary",
        help="The key's bill allowances at a glance (zero ones left out; the "
        "over-receipt allowance applies to receipts).",
    )

    _sql_constraints = [
        (
            "values_positive",
            "CHECK(qty_pct >= 0 AND price_pct >= 0 AND price_abs >= 0 AND "
            "line_amount >= 0 AND bill_total >= 0 AND over_receipt_pct >= 0)",
            "Tolerances cannot be negative.",
        ),
    ]

    @api.depends("qty_pct", "price_pct", "price_abs", "line_amount", "bill_total")
    def _compute_summary(self):
        for key in self:
            key.summary = key._get_summary()

    @api.depends("line_amount", "bill_total", "currency_id")
    def _compute_cap_display(self):
        no_limit = _("no limit")
        for key in self:
            for field in ("line_amount", "bill_total"):
                amount = key[field]
                key[f"{field}_display"] = (
                    formatLang(self.env, amount, currency_obj=key.currency_id)
                    if amount
                    else no_limit
                )

    def _get_summary(self):
        """E.g. "qty 2 % · price 5 % or $ 0.50 · line cap $ 100.00"."""
        self.ensure_one()

        def pct(value):
            return "%s %%" % formatLang(
                self.env, value, digits=0 if value % 1 == 0 else 2
            )

        def money(value):
            return formatLang(self.env, value, currency_obj=self.currency_id)

        parts = []
        if self.qty_pct:
            parts.append(_("qty %(pct)s", pct=pct(self.qty_pct)))
        if self.price_pct and self.price_abs:
            parts.append(
                _(
                    "price %(pct)s or %(amount)s",
                    pct=pct(self.price_pct),
                    amount=money(self.price_abs),
                )
            )
        elif self.price_pct or self.price_abs:
            price = pct(self.price_pct) if self.price_pct else money(self.price_abs)
            parts.append(_("price %(price)s", price=price))
        if self.line_amount:
            parts.append(_("line cap %(amount)s", amount=money(self.line_amount)))
        if self.bill_total:
            parts.append(_("bill cap %(amount)s", amount=money(self.bill_total)))
        return " · ".join(parts) or _("exact (no allowance)")

    @api.constrains("partner_id", "product_family_id", "product_categ_id", "company_id")
    def _check_unique_scope(self):
        for key in self:
            twins = self.search_count(
                [
                    ("id", "!=", key.id),
                    ("company_id", "=", key.company_id.id),
                    ("partner_id", "=", key.partner_id.id),
                    ("product_family_id", "=", key.product_family_id.id),
                    ("product_categ_id", "=", key.product_categ_id.id),
                ]
            )
            if twins:
                raise ValidationError(
                    _(
                        "Tolerance key %(key)s: another key of %(company)s has the "
                        "same vendor, family and category.",
                        key=key.display_name,
                        company=key.company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # lookup (batched: one query for the keys of the companies involved)
    # ------------------------------------------------------------------
    @api.model
    def _get_company_keys(self, companies):
        """Return ``{company_id: [ToleranceKey]}`` for companies having keys."""
        # sudo: tolerances are configuration every control reads, whoever acts;
        # archived keys never count, whatever the caller's context says.
        keys = (
            self.sudo()
            .with_context(active_test=True)
            .search([("company_id", "in", companies.ids)])
        )
        result = {}
        for key in keys:
            result.setdefault(key.company_id.id, []).append(
                ToleranceKey(
                    key_id=key.id,
                    values=ToleranceValues(
                        **{name: key[name] for name in VALUE_FIELDS}
                    ),
                    vendor_id=key.partner_id.commercial_partner_id.id or None,
                    family_id=key.product_family_id.id or None,
                    categ_id=key.product_categ_id.id or None,
                    sequence=key.sequence,
                )
            )
        return result

    @api.model
    def _get_scope(self, vendor, product):
        """Return the ``LineScope`` of ``product`` bought from ``vendor``."""
        # sudo: the family and category trees are shared master data read for
        # routing, whatever the acting user may open.
        product = product.sudo()
        family = product.product_tmpl_id.dist_family_id
        return LineScope(
            vendor_id=vendor.commercial_partner_id.id or None,
            family_ids=_chain(family) if family else (),
            categ_ids=_chain(product.categ_id) if product.categ_id else (),
        )

    @api.model
    def _select(self, company_keys, vendor, product=None):
        """Return the winning ``ToleranceKey`` (or ``None``) among ``company_keys``."""
        if product:
            scope = self._get_scope(vendor, product)
        else:
            scope = LineScope(vendor_id=vendor.commercial_partner_id.id or None)
        return select_key(company_keys, scope)
