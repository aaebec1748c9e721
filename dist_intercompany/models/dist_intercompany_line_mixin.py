from odoo import _, fields, models
from odoo.tools import SQL, float_compare

from odoo.addons.dist_harmonize_base.tools import guard

from .dist_intercompany_transaction import describe_values, mirroring

FROZEN_FIELDS = ("product_id", "product_uom")


class DistIntercompanyLineMixin(models.AbstractModel):
    """What the lines of the two orders of a chain share: the link to the
    other side's line, and the changes that side can no longer take.

    A consumer sets ``_dist_ic_qty_field`` (its ordered quantity) and
    ``_dist_ic_counterpart_model`` (the other side's line model), and
    implements ``_dist_ic_done_quantities()``: ``[(quantity, label)]`` of
    what its goods and invoice steps already did (the last one: invoiced).
    The model also inherits ``dist.guarded.mixin`` (the link is guarded).
    """

    _name = "dist.intercompany.line.mixin"
    _description = "Intercompany Order Line"
    _dist_guarded_fields = ("dist_ic_counterpart_line_id",)

    _dist_ic_qty_field = None
    _dist_ic_counterpart_model = None

    # An id, not a many2one: the other side's line belongs to the other company.
    dist_ic_counterpart_line_id = fields.Integer(readonly=True, copy=False)

    def unlink(self):
        for line in self.filtered("dist_ic_counterpart_line_id"):
            if line.order_id._dist_ic_counterpart():
                line.order_id._dist_ic_raise(
                    _(
                        "set the quantity of %(product)s to 0 instead of removing "
                        "the line",
                        product=line.product_id.display_name,
                    )
                )
        return super().unlink()

    def _dist_ic_write(self, values):
        """Write the engine's link on the lines."""
        with guard.permit(self):
            # sudo: the link is the engine's, whoever changed the order.
            self.sudo().write(values)

    def _dist_ic_write_counterpart_lines(self, others):
        """Link each line to the line of ``others`` (the other side's) at the
        same position, in one statement whatever the number of lines: the ORM
        writes each distinct value with its own ``UPDATE``, and every link is
        distinct. The engine's own write, as ``_dist_ic_write`` is."""
        if not self:
            return
        self.flush_recordset(["dist_ic_counterpart_line_id"])
        links = SQL(", ").join(
            SQL("(%s, %s)", line.id, other.id)
            for line, other in zip(self, others, strict=True)
        )
        self.env.cr.execute(
            SQL(
                """UPDATE %s AS line
                      SET dist_ic_counterpart_line_id = link.other_id,
                          write_uid = %s,
                          write_date = (now() AT TIME ZONE 'UTC')
                     FROM (VALUES %s) AS link(id, other_id)
                    WHERE line.id = link.id""",
                SQL.identifier(self._table),
                self.env.uid,
                links,
            )
        )
        self.invalidate_recordset(
            ["dist_ic_counterpart_line_id", "write_uid", "write_date"]
        )

    def _dist_ic_counterpart_line(self):
        """The other side's line (sudo: only read and checked), or empty."""
        self.ensure_one()
        Line = self.env[self._dist_ic_counterpart_model].sudo()
        return Line.browse(self.dist_ic_counterpart_line_id).exists()

    def _dist_ic_linked(self, vals, mirrored_fields):
        """The lines whose change in ``vals`` goes to the other side (checked)."""
        if not any(name in vals for name in mirrored_fields + FROZEN_FIELDS):
            return self.browse()
        linked = self.filtered("dist_ic_counterpart_line_id").filtered(
            lambda line: line.order_id._dist_ic_counterpart()
        )
        linked._check_dist_ic_change(vals)
        return linked

    def _dist_ic_done_quantities(self):
        raise NotImplementedError

    def _dist_ic_quantity_blocker(self, quantity):
        """Why the line cannot be set to ``quantity`` (text), or None."""
        self.ensure_one()
        for done, label in self._dist_ic_done_quantities():
            if (
                float_compare(
                    quantity, done, precision_rounding=self.product_uom.rounding
                )
                < 0
            ):
                return _(
                    "%(order)s already has %(done)s %(label)s: the quantity cannot "
                    "go below it",
                    order=self.order_id.name,
                    done=done,
                    label=label,
                )
        return None

    def _dist_ic_price_blocker(self):
        """Why the line's price can no longer change (text), or None."""
        self.ensure_one()
        invoiced, label = self._dist_ic_done_quantities()[-1]
        if invoiced:
            return _(
                "%(order)s is already %(label)s: its price cannot change",
                order=self.order_id.name,
                label=label,
            )
        return None

    def _check_dist_ic_change(self, vals):
        """Refuse a change the other side's line can no longer take."""
        for line in self:
            other = line._dist_ic_counterpart_line()
            reason = None
            if any(
                name in vals
                and line._fields[name].convert_to_cache(vals[name], line)
                != line[name].id
                for name in FROZEN_FIELDS
            ):
                reason = _("its product and unit cannot change")
            elif self._dist_ic_qty_field in vals and other:
                reason = other._dist_ic_quantity_blocker(vals[self._dist_ic_qty_field])
            if not reason and ("price_unit" in vals or "discount" in vals) and other:
                reason = other._dist_ic_price_blocker()
            if reason:
                line.order_id._dist_ic_raise(
                    _(
                        "on %(product)s, %(reason)s",
                        product=line.product_id.display_name,
                        reason=reason,
                    )
                )

    def _dist_ic_counterpart_values(self, other, rule):
        """The values that make ``other`` (the other side's line) agree with
        the line, only those that differ."""
        raise NotImplementedError

    def _dist_ic_counterpart_actor(self, rule):
        """``(technical user, environment)`` the other side is written as."""
        raise NotImplementedError

    def _dist_ic_mirror_changes(self):
        """Write the lines' changes on the other side's lines, as its
        technical user, and record them on the chain."""
        for line in self:
            other = line._dist_ic_counterpart_line()
            if not other:
                continue
            rule = line.order_id.sudo().dist_ic_transaction_id.rule_id
            values = line._dist_ic_counterpart_values(other, rule)
            if not values:
                # Already agrees: what stops a change from coming back.
                continue
            user, env = line._dist_ic_counterpart_actor(rule)
            with mirroring(line.order_id, other.order_id, user):
                other.with_env(env).write(values)
            line._dist_ic_log(
                other.order_id,
                _(
                    "%(product)s: %(changes)s",
                    product=line.product_id.display_name,
                    changes=describe_values(other, values),
                ),
            )

    def _dist_ic_new_counterpart_vals(self, other_order, rule, env):
        """Values of the other side's line mirroring the new line, on
        ``other_order`` (in the technical user's ``env``)."""
        raise NotImplementedError

    def _dist_ic_add_counterpart_lines(self):
        """Add the other side's lines of lines entered on a mirrored order."""
        for line in self:
            other_order = line.order_id._dist_ic_counterpart()
            rule = line.order_id.sudo().dist_ic_transaction_id.rule_id
            user, env = line._dist_ic_counterpart_actor(rule)
            Line = env[self._dist_ic_counterpart_model]
            values = line._dist_ic_new_counterpart_vals(other_order, rule, env)
            with (
                mirroring(line.order_id, other_order, user),
                guard.permit(Line, create=True),
            ):
                other = Line.create(dict(values, dist_ic_counterpart_line_id=line.id))
            line._dist_ic_write({"dist_ic_counterpart_line_id": other.id})
            line._dist_ic_log(
                other_order,
                _("%(product)s added.", product=line.product_id.display_name),
            )

    def _dist_ic_log(self, target, message):
        """Record on the chain what the line's change did on ``target``."""
        self.ensure_one()
        self.order_id.sudo().dist_ic_transaction_id._dist_log_event(
            "order", self.order_id, target, "ok", message
        )
