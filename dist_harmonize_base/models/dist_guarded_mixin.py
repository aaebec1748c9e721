from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools import guard


class DistGuardedMixin(models.AbstractModel):
    """Fields only the suite's engine writes (see ``tools/guard.py``).

    A model lists in ``_dist_guarded_fields`` the fields its controls read
    (states, approval fields, match results, trust flags, who changed what).
    Each ``_inherit`` of the model may add its own: the guarded set is the
    union over the class hierarchy (``_dist_guarded_field_names``).

    - ``create`` refuses a guarded field given with another value than its
      default, and ignores ``default_<field>`` keys of the context;
    - ``write`` refuses changing a guarded field;
    - ``copy`` never copies one;

    unless the caller holds a permit (``guard.permit``). The superuser is no
    exception: trusted code (install hooks, data generators, test builders)
    opens a permit explicitly, where it can be read and reviewed.

    Override points: ``_dist_guard_records()`` (the records of ``self`` the
    guard applies to, e.g. only suppliers' bank accounts) and
    ``_dist_guard_applies_to_vals(vals)`` (the same at creation).
    """

    _name = "dist.guarded.mixin"
    _description = "Fields Only the Engine Writes"

    _dist_guarded_fields = ()

    @api.model
    def _dist_guarded_field_names(self):
        cls = type(self)
        names = cls.__dict__.get("_dist_guarded_names")
        if names is None:
            names = frozenset(
                name
                for klass in cls.__mro__
                for name in vars(klass).get("_dist_guarded_fields", ())
            )
            cls._dist_guarded_names = names
        return names

    def _dist_guard_records(self):
        """Return the records of ``self`` whose guarded fields are protected."""
        return self

    @api.model
    def _dist_guard_applies_to_vals(self, vals):
        """Whether a record created with ``vals`` has its guarded fields protected."""
        return True

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        guarded = self._dist_guarded_field_names()
        context = self.env.context
        forged = [
            key
            for key in context
            if key.startswith("default_") and key[len("default_") :] in guarded
        ]
        # A default_<field> from the client never sets a guarded field.
        records = (
            self.with_env(
                self.env(context={k: v for k, v in context.items() if k not in forged})
            )
            if forged
            else self
        )
        if not guard.is_permitted(records, create=True):
            records._dist_guard_check_create(vals_list, guarded)
        return super(DistGuardedMixin, records).create(vals_list)

    def write(self, vals):
        names = self._dist_guarded_field_names() & set(vals)
        if names and not guard.is_permitted(self):
            self._dist_guard_check_write(vals, names)
        return super().write(vals)

    def copy_data(self, default=None):
        guarded = self._dist_guarded_field_names()
        return [
            {name: value for name, value in vals.items() if name not in guarded}
            for vals in super().copy_data(default)
        ]

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------
    def _dist_guard_check_create(self, vals_list, guarded):
        names = guarded & set().union(*vals_list)
        if not names:
            return
        # No right at all is an access error, before the guard says why.
        self.check_access_rights("create")
        defaults = self.default_get(sorted(names))
        for vals in vals_list:
            if not self._dist_guard_applies_to_vals(vals):
                continue
            for name in sorted(names & set(vals)):
                if not self._dist_guard_same(name, vals[name], defaults.get(name)):
                    self._dist_guard_raise(
                        vals.get(self._rec_name) or self._description, name
                    )

    def _dist_guard_check_write(self, vals, names):
        # No right at all is an access error, before the guard says why.
        self.check_access_rights("write")
        for record in self._dist_guard_records():
            for name in sorted(names):
                if not record._dist_guard_same(name, vals[name], record[name]):
                    record._dist_guard_raise(record.display_name, name)

    def _dist_guard_same(self, name, new, current):
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return False
        return field.convert_to_cache(
            new, self, validate=False
        ) == field.convert_to_cache(current, self, validate=False)

    def _dist_guard_raise(self, record_name, name):
        raise UserError(
            _(
                "%(record)s: the field %(field)s is set by the controls of the "
                "suite only; it changes through the actions of its control "
                "(submit, approve, match, release...), never by a direct write, "
                "an import or a default.",
                record=record_name,
                field=self._fields[name].string,
            )
        )
