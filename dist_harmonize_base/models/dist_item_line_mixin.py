from odoo import _, api, models
from odoo.exceptions import UserError


class DistItemLineMixin(models.AbstractModel):
    """Document lines that take active items only, in any state of the document.

    A line model (purchase order, sales order, invoice lines) inherits it:
    ``create``, and a ``write`` of one of ``_dist_item_line_fields`` that may
    bring an item in, refuse a line whose item (``product.template``
    ``dist_state``) is not active, whatever the state of the document and
    whoever writes (no context key or superuser bypass). The items' states
    are read once per batch; the allowances are looked at only for the lines
    whose item is not active.

    Class attributes: ``_dist_item_line_fields``, ``_dist_item_line_document``
    (field of the document named in the refusal). Override points:
    ``_dist_item_lines_allowed()``, ``_check_dist_line_masters()``.
    """

    _name = "dist.item.line.mixin"
    _description = "Lines Taking Active Items Only"

    # Fields whose write may bring an item into a line.
    _dist_item_line_fields = ("product_id",)
    _dist_item_line_document = "order_id"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_dist_line_masters()
        return lines

    def write(self, vals):
        names = vals.keys() & set(self._dist_item_line_fields)
        if not names:
            return super().write(vals)
        lines = self
        if names == {"product_id"}:
            # Writing the item a line already holds brings nothing in.
            lines = self.filtered(lambda line: line.product_id.id != vals["product_id"])
        result = super().write(vals)
        lines._check_dist_line_masters()
        return result

    def _dist_item_lines_allowed(self):
        """Return the lines of ``self`` that may hold their inactive item
        (e.g. a bill line billing the order line it came from)."""
        return self.browse()

    def _check_dist_line_masters(self):
        """Raise naming each line of ``self`` whose item is not active
        (extend it to check the other masters a line brings in)."""
        inactive = self.filtered(
            lambda line: line.product_id and line.product_id.dist_state != "active"
        )
        refused = inactive - inactive._dist_item_lines_allowed()
        if not refused:
            return
        states = dict(
            self.env["product.template"]
            ._fields["dist_state"]
            ._description_selection(self.env)
        )
        raise UserError(
            "\n".join(
                _(
                    "%(document)s: the item %(item)s is not active (field Item "
                    "Status: %(state)s); only active items are bought, sold or "
                    "invoiced.",
                    document=line[self._dist_item_line_document].display_name,
                    item=line.product_id.display_name,
                    state=states[line.product_id.dist_state],
                )
                for line in refused
            )
        )
