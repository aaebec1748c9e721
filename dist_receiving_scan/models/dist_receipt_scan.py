from odoo import fields, models

RESULTS = [
    ("ok", "Counted"),
    ("warning", "Counted with warning"),
    ("pending", "Waiting for lot / serial"),
    ("confirm", "Waiting for confirmation"),
    ("refused", "Refused"),
    ("undone", "Undone"),
    ("done", "Validated"),
]
KINDS = [
    ("product", "Product"),
    ("lot", "Lot / Serial"),
    ("quantity", "Quantity"),
    ("command", "Command"),
    ("unknown", "Unknown"),
]


class DistReceiptScan(models.Model):
    """One scan on a receipt: who, when, what was read and what the server made of it.

    Written only by the receiving engine (``stock.picking.dist_scan`` and its
    commands), as the system, once the scan has been checked as the user:
    users read the log, nobody creates or changes it (no write access in any
    group). The log is what an undo reverts (``move_line_id``, ``quantity``)
    and what a retried scan answers from (``uuid``), so a hand-made row would
    be a door: there is none.
    """

    _name = "dist.receipt.scan"
    _description = "Receipt Scan"
    _order = "id desc"
    _rec_name = "barcode"

    picking_id = fields.Many2one(
        "stock.picking", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(
        related="picking_id.company_id", store=True, index=True, readonly=True
    )
    user_id = fields.Many2one("res.users", string="Scanned By", readonly=True)
    uuid = fields.Char(string="Scan Id", readonly=True, copy=False)
    barcode = fields.Char(readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    result = fields.Selection(RESULTS, readonly=True)
    awaiting = fields.Selection(
        [("quantity", "Quantity"), ("backorder", "Backorder")], readonly=True
    )
    message = fields.Text(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    lot_name = fields.Char(string="Lot / Serial", readonly=True)
    expiration_date = fields.Datetime(readonly=True)
    use_date = fields.Datetime(string="Best Before", readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    typed_quantity = fields.Boolean(readonly=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    move_line_id = fields.Many2one(
        "stock.move.line", string="Counted On", readonly=True, ondelete="set null"
    )

    _sql_constraints = [
        (
            "uuid_uniq",
            "unique (picking_id, uuid)",
            "A scan is counted once per receipt.",
        )
    ]

    def _dist_scan_values(self):
        """The log entry as the screen shows it."""
        self.ensure_one()
        return {
            "id": self.id,
            "date": fields.Datetime.to_string(self.create_date),
            "user": self.user_id.name,
            "barcode": self.barcode,
            "result": self.result,
            "message": self.message or "",
            "product": self.product_id.display_name or "",
            "lot": self.lot_name or "",
            "qty": self.quantity,
        }
