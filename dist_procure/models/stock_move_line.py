from odoo import api, models

# Move line fields that change the quantity of their move.
QUANTITY_FIELDS = frozenset(("quantity", "product_uom_id", "move_id", "state"))


class StockMoveLine(models.Model):
    """Receipt doors on done move lines (corrections, extra lines, re-pointing).

    A change of the quantity of a done move changes the received quantity of
    its order line; the received-quantity check runs at once, naming the
    receipt (see ``stock.move._dist_check_received``).
    """

    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.move_id._dist_check_received_if_done()
        return lines

    def write(self, vals):
        if not QUANTITY_FIELDS & set(vals):
            return super().write(vals)
        moves = self.move_id
        result = super().write(vals)
        (moves | self.move_id)._dist_check_received_if_done()
        return result

    def unlink(self):
        moves = self.move_id
        result = super().unlink()
        moves.exists()._dist_check_received_if_done()
        return result
