from odoo import fields, models, tools
from odoo.tools import SQL


class DistIntercompanyStock(models.Model):
    """Consolidated stock: on hand, reserved and incoming per product and warehouse.

    A read-only SQL view over quants (internal locations of a warehouse) and
    the open moves into a warehouse from outside it, one row per company,
    warehouse and product. Each row is its company's own figure; the record
    rule keeps a user to the companies they are allowed in and have
    selected, like the quants themselves.
    """

    _name = "dist.intercompany.stock"
    _description = "Consolidated Stock"
    _auto = False
    _order = "company_id, warehouse_id, product_id"

    company_id = fields.Many2one("res.company", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product Template", readonly=True
    )
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    family_id = fields.Many2one(
        "dist.product.family", string="Product Family", readonly=True
    )
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    qty_on_hand = fields.Float(
        string="On Hand", digits="Product Unit of Measure", readonly=True
    )
    qty_reserved = fields.Float(
        string="Reserved", digits="Product Unit of Measure", readonly=True
    )
    qty_available = fields.Float(
        string="Available",
        digits="Product Unit of Measure",
        readonly=True,
        help="On hand less reserved.",
    )
    qty_incoming = fields.Float(
        string="Incoming",
        digits="Product Unit of Measure",
        readonly=True,
        help="Open receipts and transfers into the warehouse.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT
                    row_number() OVER (
                        ORDER BY s.company_id, s.warehouse_id, s.product_id
                    ) AS id,
                    s.company_id,
                    s.warehouse_id,
                    s.product_id,
                    p.product_tmpl_id,
                    t.categ_id,
                    t.dist_family_id AS family_id,
                    t.uom_id,
                    SUM(s.on_hand) AS qty_on_hand,
                    SUM(s.reserved) AS qty_reserved,
                    SUM(s.on_hand - s.reserved) AS qty_available,
                    SUM(s.incoming) AS qty_incoming
                FROM (
                    SELECT q.company_id, l.warehouse_id, q.product_id,
                           q.quantity AS on_hand,
                           q.reserved_quantity AS reserved,
                           0.0 AS incoming
                      FROM stock_quant q
                      JOIN stock_location l ON l.id = q.location_id
                     WHERE l.usage = 'internal' AND l.warehouse_id IS NOT NULL
                    UNION ALL
                    SELECT m.company_id, dest.warehouse_id, m.product_id,
                           0.0, 0.0, m.product_qty
                      FROM stock_move m
                      JOIN stock_location dest ON dest.id = m.location_dest_id
                      JOIN stock_location src ON src.id = m.location_id
                     WHERE m.state NOT IN ('draft', 'cancel', 'done')
                       AND dest.usage = 'internal'
                       AND dest.warehouse_id IS NOT NULL
                       AND src.warehouse_id IS DISTINCT FROM dest.warehouse_id
                ) s
                JOIN product_product p ON p.id = s.product_id
                JOIN product_template t ON t.id = p.product_tmpl_id
                GROUP BY s.company_id, s.warehouse_id, s.product_id,
                         p.product_tmpl_id, t.categ_id, t.dist_family_id, t.uom_id
            )""",
                SQL.identifier(self._table),
            )
        )
