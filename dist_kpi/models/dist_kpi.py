from odoo import fields, models

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
