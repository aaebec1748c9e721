from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError

# Dates of a lot that product_expiry adds (copied only when installed).
LOT_DATE_FIELDS = ("expiration_date", "use_date", "removal_date", "alert_date")


class StockMove(models.Model):
    """Filling a mirrored picking from the other company's done moves."""

    _inherit = "stock.move"

    def _dist_ic_fill_from(self, source_moves, source_picking):
        """Set on ``self`` (the open moves of the mirror, in its company's
        environment) the done quantities and lots of ``source_moves``.

        Moves are paired by product; the mirror's own proposals (reserved or
        default move lines) are replaced. Each source lot gets its copy in
        the mirror's company (``_dist_ic_lot_copy``).
        """
        todo = self.filtered(lambda move: move.state not in ("done", "cancel"))
        by_key = defaultdict(lambda: self.browse())
        for move in todo:
            by_key[move._dist_ic_pairing_key() or move.product_id] |= move
            by_key[move.product_id] |= move
        todo.move_line_ids.unlink()
        lines = []
        # sudo: the source moves are the other company's, read to copy them
        # (quantities and lot names only).
        for source_line in source_moves.sudo().move_line_ids:
            if not source_line.quantity or not source_line.picked:
                continue
            key = source_line.move_id._dist_ic_pairing_key()
            targets = by_key.get(key) if key else None
            targets = targets or by_key.get(source_line.product_id)
            if not targets:
                raise UserError(
                    _(
                        "%(origin)s carries %(product)s, which %(target)s does "
                        "not expect.",
                        origin=source_picking.display_name,
                        product=source_line.product_id.display_name,
                        target=self.picking_id[:1].display_name,
                    )
                )
            lines.append(targets[0]._dist_ic_prepare_line_vals(source_line))
        self.env["stock.move.line"].create(lines)
        todo.filtered("move_line_ids").picked = True

    def _dist_ic_pairing_key(self):
        """The buyer's order line both sides' moves of a chain share (or None)."""
        line_id = (
            self.purchase_line_id.id or self.sale_line_id.dist_ic_counterpart_line_id
        )
        return ("purchase_line", line_id) if line_id else None

    def _dist_ic_prepare_line_vals(self, source_line):
        self.ensure_one()
        values = {
            "move_id": self.id,
            "picking_id": self.picking_id.id,
            "product_id": self.product_id.id,
            "product_uom_id": source_line.product_uom_id.id,
            "quantity": source_line.quantity,
            "location_id": self.location_id.id,
            "location_dest_id": self.location_dest_id.id,
            "picked": True,
        }
        if source_line.lot_id:
            values["lot_id"] = self._dist_ic_lot_copy(source_line.lot_id).id
        return values

    def _dist_ic_lot_copy(self, lot):
        """Return this company's lot of the same name and product, made when missing.

        In Odoo 17 a lot belongs to one company; the copy carries the
        source's dates when product_expiry is installed.
        """
        Lot = self.env["stock.lot"]
        company = self.company_id
        copy = Lot.search(
            [
                ("name", "=", lot.name),
                ("product_id", "=", lot.product_id.id),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )
        if copy:
            return copy
        values = {
            "name": lot.name,
            "product_id": lot.product_id.id,
            "company_id": company.id,
        }
        for name in LOT_DATE_FIELDS:
            if name in Lot._fields and lot[name]:
                values[name] = lot[name]
        return Lot.create(values)
