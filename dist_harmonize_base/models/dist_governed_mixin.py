from contextlib import contextmanager

from odoo import _, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import _lt

from ..tools import guard

STEWARD_GROUP = "dist_harmonize_base.dist_harmonize_base_group_steward"
X2MANY = ("one2many", "many2many")
# Transaction store of the records duplicate handling ignores (see
# _dist_ignoring_duplicates_of).
IGNORED = "dist_duplicates_ignored"


class DistGovernedMixin(models.AbstractModel):
    """Governed master data: a lifecycle, a submission check, duplicates.

    A master (items, suppliers) inherits this mixin instead of
    ``dist.approval.mixin`` and configures the engine as any approvable
    document; its lifecycle is ``_dist_approval_state_field``, a record is
    *governed* once it left ``_dist_approval_states_submit`` (draft). The
    mixin adds:

    - submission (``action_dist_submit``): every gap listed at once
      (``_dist_missing_fields``), then the duplicates handled;
    - duplicates (``_dist_handle_duplicates``): what blocks is refused, the
      other look-alikes are queued (``dist.exception``, kind duplicate), at
      submission and again whenever a write changes a criterion of a governed
      record (``_dist_governed_duplicate_fields``, the values compared);
    - lifecycle moves outside the approval flow (``_dist_set_state``: block,
      retire, reactivate), for the steward group only.

    Class attributes: ``_dist_governed_label`` (what messages call a record),
    ``_dist_governed_steward_group``, ``_dist_governed_duplicate_fields``
    (``{criterion: fields whose change may create it}``, the criteria of
    ``_dist_find_duplicates``), ``_dist_governed_duplicate_reason`` and
    ``_dist_governed_duplicate_severity`` (the exception queued).

    Override points: ``_dist_missing_fields()``, ``_dist_find_duplicates()``,
    ``_check_dist_blocking_duplicates(matches)``,
    ``_dist_duplicate_message(matches)``, ``_dist_handle_duplicates(criteria)``.
    """

    _name = "dist.governed.mixin"
    _inherit = ["dist.approval.mixin"]
    _description = "Governed Master Data"

    _dist_governed_label = _lt("Record")
    _dist_governed_steward_group = STEWARD_GROUP
    _dist_governed_duplicate_fields = {}
    _dist_governed_duplicate_reason = "duplicate"
    _dist_governed_duplicate_severity = "medium"

    # ------------------------------------------------------------------
    # override points
    # ------------------------------------------------------------------
    def _dist_missing_fields(self):
        """Labels of the fields this record (one) lacks to be submitted."""
        self.ensure_one()
        return []

    def _dist_find_duplicates(self):
        """Other records this one (one record) may duplicate.

        Returns ``{id: {criterion, ...}}``, criteria being keys of
        ``_dist_governed_duplicate_fields``.
        """
        self.ensure_one()
        return {}

    def _check_dist_blocking_duplicates(self, matches):
        """Raise when ``matches`` of this record hold a duplicate that blocks
        (e.g. a shared tax ID); the others are queued."""

    def _dist_duplicate_message(self, matches):
        """Message of the exception queued for the look-alikes ``matches``."""
        return _(
            "%(label)s %(record)s may duplicate: %(matches)s",
            label=self._dist_governed_label,
            record=self.display_name,
            matches=self._dist_format_duplicates(matches),
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        watched = vals.keys() & {
            name
            for names in self._dist_governed_duplicate_fields.values()
            for name in names
        }
        governed = self._dist_governed_records() if watched else self.browse()
        if not governed:
            return super().write(vals)
        before = {
            record.id: record._dist_governed_values(watched) for record in governed
        }
        result = super().write(vals)
        # Keys of the other records written in this batch are compared in SQL.
        self.flush_model()
        for record in governed:
            after = record._dist_governed_values(watched)
            changed = {
                name for name in watched if after[name] != before[record.id][name]
            }
            criteria = {
                criterion
                for criterion, names in self._dist_governed_duplicate_fields.items()
                if changed.intersection(names)
            }
            if criteria:
                record._dist_handle_duplicates(criteria)
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_dist_submit(self):
        self._check_dist_submission()
        self._dist_handle_duplicates()
        return super().action_dist_submit()

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------
    def _dist_governed_records(self):
        """The records of ``self`` that left the draft state."""
        state_field = self._dist_approval_state_field
        return self.filtered(
            lambda rec: rec[state_field] not in self._dist_approval_states_submit
        )

    def _dist_set_state(self, state, allowed_from):
        """Move the lifecycle outside the approval flow (steward only)."""
        field = self._fields[self._dist_approval_state_field]
        if not self.env.user.has_group(self._dist_governed_steward_group):
            raise UserError(
                _(
                    "Only a master-data steward can change the field %(field)s.",
                    field=field.string,
                )
            )
        wrong = self.filtered(lambda rec: rec[field.name] not in allowed_from)
        if wrong:
            labels = dict(field._description_selection(self.env))
            raise UserError(
                _(
                    "%(label)s %(record)s cannot move from %(state)s to %(new)s "
                    "(field %(field)s).",
                    label=self._dist_governed_label,
                    record=wrong[0].display_name,
                    state=labels[wrong[0][field.name]],
                    new=labels[state],
                    field=field.string,
                )
            )
        with guard.permit(self):
            self.write({field.name: state})

    def _check_dist_submission(self):
        """Every field needed for submission is filled (lists all gaps)."""
        errors = []
        for record in self:
            missing = record._dist_missing_fields()
            if missing:
                errors.append(
                    _(
                        "%(label)s %(record)s is missing: %(fields)s",
                        label=self._dist_governed_label,
                        record=record.display_name,
                        fields=", ".join(missing),
                    )
                )
        if errors:
            raise ValidationError("\n".join(errors))

    def _dist_handle_duplicates(self, criteria=None):
        """Refuse the duplicates that block, queue the other look-alikes.

        ``criteria``: only matches on these criteria count (a write checks
        what it changed); all of them when None (submission).
        """
        Exception_ = self.env["dist.exception"].sudo()
        for record in self:
            ignored = self.env.cr.cache.get(IGNORED, {}).get(self._name, set())
            matches = {
                other: found
                for other, found in record._dist_find_duplicates().items()
                if other not in ignored
            }
            if criteria is not None:
                matches = {
                    other: found & criteria
                    for other, found in matches.items()
                    if found & criteria
                }
            if not matches:
                continue
            record._check_dist_blocking_duplicates(matches)
            Exception_.raise_for(
                record,
                "duplicate",
                self._dist_governed_duplicate_reason,
                record._dist_duplicate_message(matches),
                severity=self._dist_governed_duplicate_severity,
            )

    def _dist_governed_values(self, names):
        """Comparable values of fields ``names`` of this record; an x2many
        written is taken as changed (its lines may have changed)."""
        self.ensure_one()
        return {
            name: object() if self._fields[name].type in X2MANY else self[name]
            for name in names
        }

    @contextmanager
    def _dist_ignoring_duplicates_of(self, others):
        """Within the block, ``others`` duplicate nothing: e.g. the partners a
        merge copies into this one, deleted right after. Held by the server
        for the transaction (``env.cr.cache``), never read from the context."""
        ignored = self.env.cr.cache.setdefault(IGNORED, {}).setdefault(
            self._name, set()
        )
        added = set(others.ids) - ignored
        ignored |= added
        try:
            yield
        finally:
            ignored -= added

    def _dist_format_duplicates(self, matches):
        """One line per look-alike of ``matches``: its name and the criteria."""
        # sudo: duplicates are searched across companies; the user sees the
        # look-alike's name and the matching criteria only.
        others = self.sudo().browse(list(matches))
        return "\n".join(
            f"{other.display_name}: {', '.join(sorted(matches[other.id]))}"
            for other in others
        )
