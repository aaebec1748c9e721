import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import kpi as kpi_tools
from .dist_kpi_fact_mixin import DIMENSIONS

_logger = logging.getLogger(__name__)

# Dimension filter key -> snapshot column.
SNAPSHOT_DIMENSIONS = {key: column for key, column in DIMENSIONS.items()}
TREND_MONTHS = 12


class DistKpiSnapshot(models.Model):
    """A KPI's figure for one company and month, whole or cut by one
    dimension (``warehouse_id``, ``family_id``, ``segment_id``, ``region_id``;
    empty = all), in company currency.

    Written by the cron ``_cron_snapshot`` only (batched: one engine run per
    month for all companies and each dimension); the dashboard's trends read
    them, combining companies as a ratio of the sums of numerators and
    denominators.
    """

    _name = "dist.kpi.snapshot"
    _description = "KPI Snapshot"
    _order = "period desc, kpi_id, company_id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one(
        "dist.kpi", string="KPI", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    period = fields.Date(
        required=True, index=True, readonly=True, help="First day of the month."
    )
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True, index=True)
    family_id = fields.Many2one(
        "dist.product.family", string="Product Family", readonly=True, index=True
    )
    segment_id = fields.Many2one("dist.customer.segment", readonly=True, index=True)
    region_id = fields.Many2one("dist.region", readonly=True, index=True)
    value = fields.Float(readonly=True, group_operator=False)
    numerator = fields.Float(readonly=True)
    denominator = fields.Float(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    unit = fields.Selection(related="kpi_id.unit")

    # ------------------------------------------------------------------
    # cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_snapshot(self, months=2):
        """Store the last ``months`` months (the current one included) of every
        KPI, per company and per dimension, then check the thresholds against
        the current month's company figures."""
        today = fields.Date.context_today(self)
        start = today.replace(day=1)
        periods = [start - relativedelta(months=n) for n in range(months)]
        for period in sorted(periods):
            values = self._dist_kpi_snapshot_period(period, today)
        self.env["dist.kpi.threshold"]._dist_kpi_evaluate(values)

    @api.model
    def _dist_kpi_snapshot_period(self, period, today=None):
        """Replace the snapshots of the month starting ``period``; return the
        company figures ``{(kpi, company): value}``."""
        today = today or fields.Date.context_today(self)
        date_to = min(period + relativedelta(months=1, days=-1), today)
        companies = self.env["res.company"].search([("active", "=", True)])
        kpis = {
            kpi.code: kpi
            for kpi in self.env["dist.kpi"].search([("active", "=", True)])
        }
        Engine = self.env["dist.kpi.engine"]
        filters = {"company_ids": companies.ids}
        vals_list = []
        company_values = {}
        Engine._dist_kpi_refresh(companies.ids)
        for group_by in (None, *SNAPSHOT_DIMENSIONS):
            figures = Engine._dist_kpi_compute(
                filters, period, date_to, group_by, refresh=False
            )
            for code, by_key in figures.items():
                kpi = kpis.get(code)
                if not kpi:
                    continue
                for (company_id, dimension_id), figure in by_key.items():
                    if group_by and not dimension_id:
                        continue
                    vals = {
                        "kpi_id": kpi.id,
                        "company_id": company_id,
                        "period": period,
                        "value": figure.value,
                        "numerator": figure.numerator,
                        "denominator": figure.denominator,
                        "currency_id": companies.browse(company_id).currency_id.id,
                    }
                    if group_by:
                        vals[SNAPSHOT_DIMENSIONS[group_by]] = dimension_id
                    else:
                        company_values[kpi, companies.browse(company_id)] = figure.value
                    vals_list.append(vals)
        self.env.cr.execute(
            SQL("DELETE FROM dist_kpi_snapshot WHERE period = %s", period)
        )
        self.create(vals_list)
        self.env.flush_all()
        # Keep "no denominator" (an amount) apart from a zero denominator.
        self.env.cr.execute(
            SQL(
                "UPDATE dist_kpi_snapshot s SET denominator = NULL FROM dist_kpi k "
                "WHERE k.id = s.kpi_id AND s.period = %s AND k.unit IN %s",
                period,
                ("amount", "count"),
            )
        )
        self.invalidate_model(["denominator"])
        _logger.info("KPI snapshots of %s: %s rows", period, len(vals_list))
        return company_values

    # ------------------------------------------------------------------
    # trends
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_trends(self, kpis, filters):
        """``{kpi id: [{"period": "YYYY-MM", "value": float}]}`` of the twelve
        months up to the filters' end, from the snapshots, companies combined
        as a ratio of sums (converted for the group view)."""
        dims = {key: filters.get(key) or [] for key in SNAPSHOT_DIMENSIONS}
        if any(len(ids) > 1 for ids in dims.values()) or (
            sum(1 for ids in dims.values() if ids) > 1
        ):
            return {}
        end = filters["date_to"].replace(day=1)
        start = end - relativedelta(months=TREND_MONTHS - 1)
        clauses = [
            SQL("s.kpi_id = ANY(%s)", kpis.ids),
            SQL("s.company_id = ANY(%s)", list(filters["company_ids"])),
            SQL("s.period BETWEEN %s AND %s", start, end),
        ]
        for key, column in SNAPSHOT_DIMENSIONS.items():
            if dims[key]:
                clauses.append(
                    SQL("%s = %s", SQL.identifier("s", column), dims[key][0])
                )
            else:
                clauses.append(SQL("%s IS NULL", SQL.identifier("s", column)))
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT s.kpi_id, k.code, k.unit, k.rate_policy, s.company_id,
                          s.period, s.numerator, s.denominator
                     FROM dist_kpi_snapshot s JOIN dist_kpi k ON k.id = s.kpi_id
                    WHERE %s ORDER BY s.period""",
                SQL(" AND ").join(clauses),
            )
        )
        rows = self.env.cr.fetchall()
        companies = self.env["res.company"].browse(filters["company_ids"])
        single_currency = len(companies.currency_id) == 1
        reporting = self.env.company.currency_id
        rates = {}
        parts = defaultdict(list)
        for kpi_id, code, unit, policy, company_id, period, num, den in rows:
            figure = kpi_tools.from_parts(code, unit, num, den)
            if filters.get("group_view"):
                if period not in rates:
                    period_end = period + relativedelta(months=1, days=-1)
                    rates[period] = self._dist_kpi_rates(
                        companies, reporting, period, period_end
                    )
                figure = figure.converted(rates[period][company_id][policy])
            elif figure.monetary and not single_currency:
                continue
            parts[kpi_id, period].append(figure)
        trends = defaultdict(list)
        for (kpi_id, period), figures in sorted(parts.items(), key=lambda i: i[0][1]):
            trends[kpi_id].append(
                {
                    "period": period.strftime("%Y-%m"),
                    "value": kpi_tools.combine(figures).value,
                }
            )
        return dict(trends)

    # ------------------------------------------------------------------
    # currency
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_rates(self, companies, currency, date_from, date_to):
        """``{company id: {"closing": rate, "average": rate}}``: what one unit
        of each company's currency is worth in ``currency``, with the rates
        of the current company: at ``date_to`` (closing) and the average of
        the daily rates of ``[date_from, date_to]`` (average)."""
        Engine = self.env["dist.kpi.engine"]
        self.env["res.currency.rate"].flush_model()
        root = SQL("%s", self.env.company.id)
        result = {}
        for company in companies:
            source = company.currency_id
            if source == currency:
                result[company.id] = {"closing": 1.0, "average": 1.0}
                continue
            day = SQL("d.day::date")
            to_rate = Engine._dist_kpi_rate_sql(SQL("%s", currency.id), root, day)
            from_rate = Engine._dist_kpi_rate_sql(SQL("%s", source.id), root, day)
            self.env.cr.execute(
                SQL(
                    """SELECT AVG(%(to)s / %(from)s),
                              (ARRAY_AGG(%(to)s / %(from)s ORDER BY d.day DESC))[1]
                         FROM generate_series(%(start)s::date, %(end)s::date,
                                              interval '1 day') AS d(day)""",
                    to=to_rate,
                    start=date_from,
                    end=date_to,
                    **{"from": from_rate},
                )
            )
            average, closing = self.env.cr.fetchone()
            result[company.id] = {"closing": closing or 1.0, "average": average or 1.0}
        return result
