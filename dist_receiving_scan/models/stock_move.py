from odoo import fields, models
from odoo.tools import float_compare


class StockMove(models.Model):
    """A receipt line as the receiving screen counts it: scanned = its picked move lines."""

    _inherit = "stock.move"

    def _dist_scan_scanned(self):
        """Quantity scanned on this move (its picked move lines), in the move's unit."""
        self.ensure_one()
        return sum(
            line.product_uom_id._compute_quantity(line.quantity, self.product_uom)
            for line in self.move_line_ids
            if line.picked
        )

    def _dist_scan_complete(self):
        self.ensure_one()
        return (
            float_compare(
                self._dist_scan_scanned(),
                self.product_uom_qty,
                precision_rounding=self.product_uom.rounding,
            )
            >= 0
        )

    def _dist_scan_line_values(self):
        return [
            {
                "move_id": move.id,
                "product_id": move.product_id.id,
                "product": move.product_id.display_name,
                "default_code": move.product_id.default_code or "",
                "barcode": move.product_id.barcode or "",
                "uom": move.product_uom.name,
                "tracking": move.product_id.tracking,
                "expected": move.product_uom_qty,
                "scanned": move._dist_scan_scanned(),
                "complete": move._dist_scan_complete(),
                "extra": not move.purchase_line_id,
                "lots": [
                    {
                        "name": line.lot_id.name or line.lot_name or "",
                        "qty": line.quantity,
                        "expiration_date": fields.Datetime.to_string(
                            line.expiration_date
                        )
                        if line.expiration_date
                        else False,
                    }
                    for line in move.move_line_ids
                    if line.picked and (line.lot_id or line.lot_name)
                ],
            }
            for move in self
        ]

    def _dist_scan_add(
        self, qty, lot_name=False, expiration_date=False, use_date=False
    ):
        """Count ``qty`` (move unit) on this move, as a picked move line; return it.

        The first scan of a move drops its reservation lines (not picked):
        from then on the move's quantity is what was scanned, on the screen
        and in the form alike (core drops them at validation anyway).
        """
        self.ensure_one()
        lot = self.env["stock.lot"]
        if lot_name:
            lot = lot.search(
                [
                    ("product_id", "=", self.product_id.id),
                    ("name", "=", lot_name),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        picked = self.move_line_ids.filtered("picked")
        if not picked:
            self.move_line_ids.unlink()
        if self.product_id.tracking != "serial":
            same = picked.filtered(
                lambda line: (
                    (line.lot_id.name or line.lot_name or False) == (lot_name or False)
                )
            )[:1]
            if same:
                same.quantity += qty
                return same
        vals = self._prepare_move_line_vals(quantity=qty)
        vals["picked"] = True
        if lot:
            vals.update(lot_id=lot.id, lot_name=False)
        elif lot_name:
            vals.update(lot_id=False, lot_name=lot_name)
            if expiration_date:
                vals["expiration_date"] = expiration_date
            if use_date:
                vals["dist_use_date"] = use_date
        return self.env["stock.move.line"].create(vals)
