from odoo import _, api, models
from odoo.tools.misc import format_date, formatLang


class DistLineTrackingMixin(models.AbstractModel):
    """Log the changes of a line model on its parent's chatter.

    ``tracking=True`` only follows a record's own fields; the lines of a
    requisition or of a landed-cost template are what their reviewers approve,
    so a line added, changed (old → new) or removed is posted on the parent.

    A consumer sets ``_dist_tracking_parent`` (the many2one to a
    ``mail.thread``) and ``_dist_tracking_fields``; it may narrow
    ``_dist_tracking_lines`` (e.g. only once the parent is submitted) and
    change ``_dist_tracking_label``.
    """

    _name = "dist.line.tracking.mixin"
    _description = "Line Changes Logged on the Parent"

    #: many2one to the parent whose chatter receives the log
    _dist_tracking_parent = None
    #: fields whose change is logged
    _dist_tracking_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines._dist_tracking_lines():
            line._dist_tracking_log(
                _("Line added: %(line)s", line=line._dist_tracking_label())
            )
        return lines

    def write(self, vals):
        names = [name for name in self._dist_tracking_fields if name in vals]
        before = {
            line: {name: line._dist_tracking_value(name) for name in names}
            for line in (self._dist_tracking_lines() if names else ())
        }
        result = super().write(vals)
        for line, old_values in before.items():
            changes = [
                _(
                    "%(field)s: %(old)s → %(new)s",
                    field=line._fields[name].get_description(line.env)["string"],
                    old=old,
                    new=new,
                )
                for name, old in old_values.items()
                if old != (new := line._dist_tracking_value(name))
            ]
            if changes:
                line._dist_tracking_log(
                    _(
                        "Line %(line)s changed: %(changes)s",
                        line=line._dist_tracking_label(),
                        changes="; ".join(changes),
                    )
                )
        return result

    def unlink(self):
        for line in self._dist_tracking_lines():
            line._dist_tracking_log(
                _("Line removed: %(line)s", line=line._dist_tracking_label())
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # override points
    # ------------------------------------------------------------------
    def _dist_tracking_lines(self):
        """The lines of ``self`` whose changes are logged (default: all)."""
        return self

    def _dist_tracking_label(self):
        """How the log names the line (default: its display name)."""
        self.ensure_one()
        return self.display_name

    def _dist_tracking_value(self, name):
        """The value of field ``name`` as a reader of the chatter sees it."""
        self.ensure_one()
        field = self._fields[name]
        value = self[name]
        if field.type in ("many2one", "many2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "date":
            return format_date(self.env, value)
        if field.type == "monetary":
            currency = self[field.get_currency_field(self)]
            return formatLang(self.env, value, currency_obj=currency)
        if field.type == "float":
            digits = field.get_digits(self.env)
            return formatLang(self.env, value, digits=digits[1] if digits else 2)
        return value

    def _dist_tracking_log(self, body):
        self.ensure_one()
        self[self._dist_tracking_parent]._message_log(body=body)
