from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

from ..tools import kpi as kpi_tools

EXCEPTION_MATCH_STATES = ("awaiting_receipt", "exception")
OPEN_EXCEPTION_STATES = ("open", "waiver_pending")


class DistKpiEngine(models.AbstractModel):
    """Computes the KPI pack in PostgreSQL, in company currency.

    ``_dist_kpi_compute`` returns ``{code: {(company_id, dimension id):
    Figure}}``: each group of KPIs runs a handful of ``GROUP BY`` statements
    over the facts (``dist.kpi.*.fact``), whatever the number of records; the
    arithmetic is ``tools/kpi.py``. ``group_by`` (a dimension filter key)
    splits the figures by that dimension (snapshots); a KPI whose facts are
    not cut by a dimension filtered or grouped on is left out.

    The facts are read through their rollups (``dist.kpi.rollup.mixin``):
    ``_dist_kpi_compute`` first refreshes the rollups of the companies asked
    (``_dist_kpi_refresh``: only what changed since the last refresh, so
    figures are exact as of the call), then reads them; a caller computing
    several periods or cuts at once refreshes once and passes
    ``refresh=False`` (within one transaction every row it wrote looks
    changed to each refresh: the write dates are the transaction's time).

    Override point: ``_dist_kpi_compute_groups()`` lists the methods, each
    ``(filters, date_from, date_to, group_by) -> {code: {key: Figure}}``.
    The caller has checked ``filters["company_ids"]`` (the SQL reads rows of
    those companies only, whatever the record rules).
    """

    _name = "dist.kpi.engine"
    _description = "KPI Engine"

    @api.model
    def _dist_kpi_compute(
        self, filters, date_from, date_to, group_by=None, refresh=True
    ):
        if refresh:
            self._dist_kpi_refresh(filters["company_ids"])
        figures = {}
        for method in self._dist_kpi_compute_groups():
            figures.update(method(filters, date_from, date_to, group_by))
        return figures

    def _dist_kpi_compute_groups(self):
        return [
            self._dist_kpi_stock,
            self._dist_kpi_margin,
            self._dist_kpi_service,
            self._dist_kpi_purchase,
            self._dist_kpi_finance,
        ]

    # ------------------------------------------------------------------
    # rollups
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_refresh(self, company_ids, rebuild=False):
        """Bring every rollup up to date for ``company_ids`` (checked by the
        caller); see ``dist.kpi.rollup.mixin._dist_kpi_refresh_all``."""
        self.env["dist.kpi.rollup.mixin"]._dist_kpi_refresh_all(company_ids, rebuild)

    @api.model
    def _cron_refresh(self):
        """Refresh the rollups of every company (batched: a few statements
        per rollup, whatever changed)."""
        companies = self.env["res.company"].search([("active", "=", True)])
        self._dist_kpi_refresh(companies.ids)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    @staticmethod
    def _dist_kpi_keys(*results):
        keys = set()
        for result in results:
            keys |= set(result or {})
        return keys

    @staticmethod
    def _dist_kpi_get(result, key, index=0):
        return (result or {}).get(key, [0.0] * (index + 1))[index]

    @api.model
    def _dist_kpi_rate_sql(self, currency, company, date):
        """SQL of Odoo's rate of ``currency`` for ``company`` at ``date``
        (``res.currency._get_rates``: the company's own rate or a shared one,
        the latest on or before the date, 1.0 when none); ``currency`` and
        ``company`` are SQL column expressions."""
        return SQL(
            """COALESCE((
                SELECT r.rate FROM res_currency_rate r
                 WHERE r.currency_id = %(currency)s AND r.name <= %(date)s
                   AND (r.company_id IS NULL OR r.company_id = (
                        SELECT split_part(rc.parent_path, '/', 1)::int
                          FROM res_company rc WHERE rc.id = %(company)s))
              ORDER BY r.company_id, r.name DESC LIMIT 1), 1.0)""",
            currency=currency,
            company=company,
            date=date,
        )

    # ------------------------------------------------------------------
    # stock
    # ------------------------------------------------------------------
    def _dist_kpi_stock(self, filters, date_from, date_to, group_by):
        Stock = self.env["dist.kpi.stock.fact"]
        value = [SQL("SUM(value)")]
        closing = Stock._dist_kpi_sums(
            filters, value, date_to=date_to, group_by=group_by
        )
        if closing is None:
            return {}
        opening = Stock._dist_kpi_sums(
            filters, value, date_to=date_from - timedelta(days=1), group_by=group_by
        )
        age = SQL("(%s::date - date)", date_to)
        buckets = [
            SQL(
                "SUM(remaining_value) FILTER (WHERE %s BETWEEN %s AND %s)",
                age,
                low,
                high if high is not None else 1_000_000,
            )
            for _label, low, high in kpi_tools.AGE_BUCKETS
        ]
        aged = Stock._dist_kpi_sums(
            filters,
            buckets,
            date_to=date_to,
            group_by=group_by,
            extra=SQL("remaining_value <> 0"),
        )
        cogs = self.env["dist.kpi.margin.fact"]._dist_kpi_sums(
            filters, [SQL("SUM(cogs)")], date_from, date_to, group_by
        )
        days = (date_to - date_from).days + 1
        result = {code: {} for code in self._dist_kpi_stock_codes(cogs)}
        for key in self._dist_kpi_keys(closing, opening, aged, cogs):
            close = self._dist_kpi_get(closing, key)
            average = kpi_tools.average_stock(self._dist_kpi_get(opening, key), close)
            result["stock_value"][key] = kpi_tools.amount(close)
            parts = (aged or {}).get(key, [0.0] * len(kpi_tools.AGE_BUCKETS))
            labels = [label for label, _low, _high in kpi_tools.AGE_BUCKETS]
            result["aged_stock"][key] = kpi_tools.amount(
                sum(
                    part
                    for part, (_label, low, _high) in zip(
                        parts, kpi_tools.AGE_BUCKETS, strict=True
                    )
                    if low > kpi_tools.AGED_AFTER_DAYS
                ),
                breakdown=list(zip(labels, parts, strict=True)),
            )
            if cogs is not None:
                sold = self._dist_kpi_get(cogs, key)
                result["stock_turns"][key] = kpi_tools.ratio(
                    sold, average, monetary=True
                )
                result["days_inventory"][key] = kpi_tools.ratio(
                    average, sold / days, monetary=True
                )
        return result

    @staticmethod
    def _dist_kpi_stock_codes(cogs):
        codes = ["stock_value", "aged_stock"]
        if cogs is not None:
            codes += ["stock_turns", "days_inventory"]
        return codes

    # ------------------------------------------------------------------
    # margin
    # ------------------------------------------------------------------
    def _dist_kpi_margin(self, filters, date_from, date_to, group_by):
        sums = self.env["dist.kpi.margin.fact"]._dist_kpi_sums(
            filters,
            [
                SQL("SUM(revenue) FILTER (WHERE NOT is_intercompany)"),
                SQL("SUM(cogs) FILTER (WHERE NOT is_intercompany)"),
                SQL("SUM(revenue) FILTER (WHERE is_intercompany)"),
            ],
            date_from,
            date_to,
            group_by,
        )
        if sums is None:
            return {}
        result = {"gross_margin": {}, "gross_margin_pct": {}}
        with_ic = self._dist_kpi_intercompany_installed()
        if with_ic:
            result["ic_sales"] = {}
        for key, (revenue, cogs, ic_revenue) in sums.items():
            result["gross_margin"][key] = kpi_tools.amount(revenue - cogs)
            result["gross_margin_pct"][key] = kpi_tools.ratio(
                revenue - cogs, revenue, 100.0, monetary=True
            )
            if with_ic:
                result["ic_sales"][key] = kpi_tools.amount(ic_revenue)
        return result

    @api.model
    def _dist_kpi_intercompany_installed(self):
        self.env.cr.execute(
            "SELECT 1 FROM ir_module_module WHERE name = 'dist_intercompany' "
            "AND state = 'installed'"
        )
        return bool(self.env.cr.fetchone())

    # ------------------------------------------------------------------
    # service
    # ------------------------------------------------------------------
    def _dist_kpi_service(self, filters, date_from, date_to, group_by):
        # Only lines already due can have failed: the committed date is past.
        due = SQL("date <= CURRENT_DATE")
        sums = self.env["dist.kpi.delivery.fact"]._dist_kpi_sums(
            filters,
            [SQL("SUM(otif)"), SQL("SUM(line_count)")],
            date_from,
            date_to,
            group_by,
            extra=due,
        )
        if sums is None:
            return {}
        return {
            "otif": {
                key: kpi_tools.ratio(otif, lines, 100.0)
                for key, (otif, lines) in sums.items()
            }
        }

    # ------------------------------------------------------------------
    # purchase
    # ------------------------------------------------------------------
    def _dist_kpi_purchase(self, filters, date_from, date_to, group_by):
        result = {}
        receipts = self.env["dist.kpi.receipt.fact"]._dist_kpi_sums(
            filters,
            [
                SQL("SUM(on_time)"),
                SQL("SUM(line_count)"),
                SQL("SUM(lead_ok)"),
                SQL("SUM(lead_count)"),
            ],
            date_from,
            date_to,
            group_by,
            extra=SQL("date <= CURRENT_DATE"),
        )
        if receipts is not None:
            result["supplier_on_time"] = {
                key: kpi_tools.ratio(row[0], row[1], 100.0)
                for key, row in receipts.items()
            }
            result["supplier_lead_adherence"] = {
                key: kpi_tools.ratio(row[2], row[3], 100.0)
                for key, row in receipts.items()
            }
        commitments = self._dist_kpi_commitments(filters, date_to, group_by)
        if commitments is not None:
            result["open_commitments"] = {
                key: kpi_tools.amount(row[0]) for key, row in commitments.items()
            }
        bills = self._dist_kpi_bills(filters, date_from, date_to, group_by)
        if bills is not None:
            result["ppv"] = {
                key: kpi_tools.amount(row[0]) for key, row in bills.items()
            }
            result["invoice_exception_rate"] = {
                key: kpi_tools.ratio(row[1], row[2], 100.0)
                for key, row in bills.items()
            }
        return result

    def _dist_kpi_bills(self, filters, date_from, date_to, group_by):
        """Price variance, bills in exception and bills matched. Uncut, from
        the bill counts per day and status (a bill is on one day: counts add
        up); cut by a dimension, from the rollup that keeps each bill, counted
        once however many lines it has."""
        Bill = self.env["dist.kpi.bill.fact"]
        cut = group_by or any(filters.get(key) for key in self._dist_kpi_dim_keys())
        if cut:
            count, rollup = SQL("COUNT(DISTINCT move_id)"), None
        else:
            count, rollup = SQL("SUM(bill_count)"), "dist.kpi.bill.count.rollup"
        return Bill._dist_kpi_sums(
            filters,
            [
                SQL("SUM(ppv)"),
                SQL(
                    "%s FILTER (WHERE bill_match_state IN %s)",
                    count,
                    EXCEPTION_MATCH_STATES,
                ),
                SQL("%s FILTER (WHERE bill_match_state IS NOT NULL)", count),
            ],
            date_from,
            date_to,
            group_by,
            rollup=rollup,
        )

    def _dist_kpi_commitments(self, filters, date_to, group_by):
        """Open commitments in company currency at the closing rate of
        ``date_to`` (a balance): the rate of each pair of currencies found
        once (``OFFSET 0`` keeps the planner from computing it per row), then
        applied to the rollup's rows."""
        Commitment = self.env["dist.kpi.commitment.fact"]
        table = SQL.identifier(self.env[Commitment._dist_kpi_rollup]._table)
        company = SQL("d.company_id")
        source = SQL(
            """(SELECT c.*, x.rate FROM %(table)s c
                  JOIN (SELECT d.company_id, d.company_currency_id,
                               d.order_currency_id, %(to)s / %(from)s AS rate
                          FROM (SELECT DISTINCT company_id, company_currency_id,
                                       order_currency_id FROM %(table)s) d
                        OFFSET 0) x USING (company_id, company_currency_id, order_currency_id)
               ) converted""",
            table=table,
            to=self._dist_kpi_rate_sql(SQL("d.company_currency_id"), company, date_to),
            **{
                "from": self._dist_kpi_rate_sql(
                    SQL("d.order_currency_id"), company, date_to
                )
            },
        )
        return Commitment._dist_kpi_sums(
            filters, [SQL("SUM(open_amount * rate)")], group_by=group_by, source=source
        )

    # ------------------------------------------------------------------
    # finance
    # ------------------------------------------------------------------
    def _dist_kpi_finance(self, filters, date_from, date_to, group_by):
        """Working capital and exception ageing: company-level figures (not
        cut by dimension)."""
        if group_by or any(filters.get(key) for key in self._dist_kpi_dim_keys()):
            return {}
        companies = list(filters["company_ids"])
        balances = self.env["dist.kpi.balance.fact"]._dist_kpi_sums(
            filters, [SQL("SUM(receivable)"), SQL("-SUM(payable)")], date_to=date_to
        )
        stock = self.env["dist.kpi.stock.fact"]._dist_kpi_sums(
            filters, [SQL("SUM(value)")], date_to=date_to
        )
        commitments = self._dist_kpi_commitments(filters, date_to, None) or {}
        working = {}
        for company_id in companies:
            key = (company_id, None)
            receivable, payable = balances[key]
            stock_value = self._dist_kpi_get(stock, key)
            working[key] = kpi_tools.amount(
                stock_value + receivable - payable,
                breakdown=[
                    ("stock", stock_value),
                    ("receivables", receivable),
                    ("payables", -payable),
                    ("open_commitments", self._dist_kpi_get(commitments, key)),
                ],
            )
        ageing = self._dist_kpi_average_per_company(
            SQL(
                """SELECT company_id, SUM(%s::date - date_open::date), COUNT(*)
                     FROM dist_exception
                    WHERE company_id = ANY(%s) AND kind = 'match'
                      AND state IN %s AND date_open::date <= %s
                 GROUP BY company_id""",
                date_to,
                companies,
                OPEN_EXCEPTION_STATES,
                date_to,
            ),
            companies,
        )
        closes = self._dist_kpi_average_per_company(
            SQL(
                """SELECT company_id, SUM(days), COUNT(*)
                     FROM dist_kpi_close
                    WHERE company_id = ANY(%s) AND period_end BETWEEN %s AND %s
                 GROUP BY company_id""",
                companies,
                date_from,
                date_to,
            ),
            companies,
        )
        return {
            "working_capital": working,
            "invoice_exception_age": ageing,
            "close_cycle_days": closes,
        }

    def _dist_kpi_average_per_company(self, query, companies):
        """Ratio figures of ``query`` (rows: company, sum, count), one per company."""
        self.env.cr.execute(query)
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        return {
            (company_id, None): kpi_tools.ratio(*rows.get(company_id, (0, 0)))
            for company_id in companies
        }

    @staticmethod
    def _dist_kpi_dim_keys():
        return ("warehouse_ids", "family_ids", "segment_ids", "region_ids")
