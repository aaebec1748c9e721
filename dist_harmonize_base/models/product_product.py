from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import normalize


class ProductProduct(models.Model):
    """GTIN control on variants, where Odoo keeps the barcode.

    Odoo checks barcode uniqueness per company; the harmonized master needs
    it across companies, and a numeric barcode of GTIN length must carry a
    correct check digit. ``dist_gtin_key`` pads GTINs to 14 digits so a UPC-A
    and the same EAN-13 clash.
    """

    _name = "product.product"
    _inherit = ["product.product", "dist.guarded.mixin"]
    _dist_guarded_fields = ("dist_gtin_key",)

    dist_gtin_key = fields.Char(
        string="Normalized GTIN",
        compute="_compute_dist_gtin_key",
        store=True,
        index=True,
        copy=False,
    )

    @api.depends("barcode")
    def _compute_dist_gtin_key(self):
        for product in self:
            product.dist_gtin_key = normalize.gtin_key(product.barcode) or False

    @api.constrains("barcode")
    def _check_dist_gtin(self):
        """Barcodes are valid GTINs (check digit) and unique across companies."""
        for product in self:
            code = (product.barcode or "").strip()
            if code.isdigit() and not normalize.is_valid_gtin(code):
                raise ValidationError(
                    _(
                        "Item %(item)s: the barcode %(code)s (field Barcode) is "
                        "not a valid GTIN-8/12/13/14 (wrong length or check "
                        "digit).",
                        item=product.display_name,
                        code=code,
                    )
                )
        keys = [p.dist_gtin_key for p in self if p.dist_gtin_key]
        if not keys:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT dist_gtin_key, array_agg(id ORDER BY id)
                     FROM product_product
                    WHERE dist_gtin_key = ANY(%s)
                 GROUP BY dist_gtin_key HAVING count(*) > 1""",
                keys,
            )
        )
        clashes = dict(self.env.cr.fetchall())
        for product in self:
            others = [
                i for i in clashes.get(product.dist_gtin_key, []) if i != product.id
            ]
            if others:
                # sudo: the clash may be with another company's item.
                other = self.sudo().browse(others[0])
                raise ValidationError(
                    _(
                        "Item %(item)s: the barcode %(code)s (field Barcode) is "
                        "already used by %(other)s (%(company)s).",
                        item=product.display_name,
                        code=product.barcode,
                        other=other.display_name,
                        company=other.company_id.name or _("shared"),
                    )
                )
