from odoo import _, fields, models
from odoo.exceptions import AccessError

KPI_GROUPS = [
    ("stock", "Stock"),
    ("service", "Service"),
    ("purchase", "Purchase"),
    ("finance", "Finance"),
]
KPI_UNITS = [
    ("amount", "Amount"),
    ("ratio", "Ratio"),
    ("days", "Days"),
    ("percent", "Percent"),
    ("count", "Count"),
]


# What a KPI manager may change on a KPI (the rest is its definition).
MANAGER_FIELDS = {"name", "owner_id", "sequence", "active"}


class DistKpi(models.Model):
    """One KPI of the pack, defined once for every company.

    The records are data of the module (``dist_kpi.kpi_<code>``): the figure
    itself is computed by the engine (``dist.kpi.dashboard``) from the code;
    what a user sees here documents it (formula, source, unit, direction,
    the currency rate policy of its amounts) and names who is alerted when a
    threshold is crossed.
    """

    _name = "dist.kpi"
    _description = "KPI"
    _order = "sequence, id"

    code = fields.Char(required=True, readonly=True, index=True)
    name = fields.Char(required=True, translate=True)
    group = fields.Selection(KPI_GROUPS, required=True, readonly=True)
    formula = fields.Text(required=True, translate=True, readonly=True)
    source = fields.Text(
        required=True,
        translate=True,
        readonly=True,
        help="The records and fields the figure is computed from.",
    )
    unit = fields.Selection(KPI_UNITS, required=True, readonly=True)
    direction = fields.Selection(
        [("up", "Higher Is Better"), ("down", "Lower Is Better")],
        required=True,
        readonly=True,
    )
    rate_policy = fields.Selection(
        [("closing", "Closing Rate"), ("average", "Period Average Rate")],
        required=True,
        readonly=True,
        help="How amounts of other currencies are converted into the reporting "
        "currency of the group view: the closing rate (rate at the end of the "
        "period) for balances, the average of the daily rates of the period "
        "for flows.",
    )
    owner_id = fields.Many2one(
        "res.users",
        help="Receives the alerts when a threshold of this KPI is crossed.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    threshold_ids = fields.One2many("dist.kpi.threshold", "kpi_id")

    _sql_constraints = [
        ("code_unique", "unique(code)", "A KPI code is unique."),
    ]

    def write(self, vals):
        self._check_dist_kpi_write(vals)
        return super().write(vals)

    def _check_dist_kpi_write(self, vals):
        """A KPI is defined once for every company. Its definition (formula,
        unit, direction...) changes with the module only (or a Settings
        administrator); its name, owner, order and activity are changed by a
        KPI manager of every company, never by one of a single company."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        definition = sorted(set(vals) - MANAGER_FIELDS)
        if definition:
            raise AccessError(
                _(
                    "KPI %(kpi)s: the field %(field)s is part of its definition, "
                    "the same in every company; it is not changed here.",
                    kpi=self[:1].name,
                    field=self._fields[definition[0]].string,
                )
            )
        # sudo: the list of companies, to name those the user is not in.
        missing = (
            self.env["res.company"]
            .sudo()
            .search([("id", "not in", self.env.user.company_ids.ids)])
        )
        if missing:
            raise AccessError(
                _(
                    "KPI %(kpi)s is shared by every company: only a KPI manager "
                    "of all of them changes it (not of %(companies)s).",
                    kpi=self[:1].name,
                    companies=", ".join(missing.mapped("name")),
                )
            )
