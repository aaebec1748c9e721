from odoo import api, fields, models, tools
from odoo.tools import SQL

# Rows changed up to this long before the last refresh are read again: a
# transaction that started before the refresh may commit after it with
# earlier write dates. Reading a row again is harmless (its keys are rebuilt).
OVERLAP = "15 minutes"
STATE_TABLE = "dist_kpi_rollup_state"
DIMENSION_COLUMNS = ("warehouse_id", "family_id", "segment_id", "region_id")


class DistKpiRollupMixin(models.AbstractModel):
    """A KPI fact pre-aggregated: sums per company, day, dimensions (and the
    fact's own keys), a table the engine reads instead of the fact's view.

    A rollup declares its fact (``_dist_kpi_fact``, a ``dist.kpi.fact.mixin``
    view), the fact's columns it keeps as keys besides company, day and the
    dimensions (``_dist_kpi_keys``: a non-additive figure such as a count of
    distinct bills keeps the bill as a key) and its measures
    (``_dist_kpi_measures``: ``{column: aggregate over the fact's columns}``,
    additive, so a sum over any grouping of the rollup is the sum over the
    fact's rows: ratios are taken of those sums). A fact may have a second
    rollup without dimensions (``_dist_kpi_dimension_columns = ()``) for its
    uncut figures, where a distinct count is additive over days.

    ``_dist_kpi_refresh`` brings it up to date for some companies, in SQL
    only: a company never refreshed is rebuilt; otherwise the fact rows whose
    sources changed since the last refresh (the fact's ``_dist_kpi_changed``,
    by the sources' ``write_date``) give the (company, day) keys touched (their
    day before, kept in a row table ``<table>_row``, and after), and only the
    rollup rows of those keys are deleted and inserted again. The last refresh
    of each company is in ``dist_kpi_rollup_state``. Each refresh is one
    statement whose parts all read its snapshot (so the tables it rewrites
    carry no unique key a part could trip on).
    """

    _name = "dist.kpi.rollup.mixin"
    _description = "KPI Rollup"
    _log_access = False
    _order = "date desc, id desc"

    _dist_kpi_fact = None
    _dist_kpi_keys = ()
    _dist_kpi_measures = {}
    # The dimension columns kept (a rollup for uncut figures keeps none).
    _dist_kpi_dimension_columns = DIMENSION_COLUMNS

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    date = fields.Date(required=True, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    family_id = fields.Many2one(
        "dist.product.family", string="Product Family", readonly=True
    )
    segment_id = fields.Many2one("dist.customer.segment", readonly=True)
    region_id = fields.Many2one("dist.region", readonly=True)

    def init(self):
        if self._abstract:
            return
        cr = self.env.cr
        tools.create_index(
            cr, f"{self._table}_company_date_idx", self._table, ["company_id", "date"]
        )
        cr.execute(
            SQL(
                """CREATE TABLE IF NOT EXISTS %(rows)s (
                       company_id int NOT NULL,
                       id int NOT NULL,
                       date date NOT NULL);
                   CREATE INDEX IF NOT EXISTS %(index)s ON %(rows)s (company_id, date);
                   CREATE INDEX IF NOT EXISTS %(id_index)s ON %(rows)s (id);
                   CREATE TABLE IF NOT EXISTS %(state)s (
                       rollup varchar NOT NULL,
                       company_id int NOT NULL
                           REFERENCES res_company (id) ON DELETE CASCADE,
                       refreshed_at timestamp NOT NULL,
                       PRIMARY KEY (rollup, company_id));
                   DELETE FROM %(state)s WHERE rollup = %(name)s""",
                rows=SQL.identifier(self._dist_kpi_rows_table()),
                index=SQL.identifier(f"{self._table}_row_date_idx"),
                id_index=SQL.identifier(f"{self._table}_row_id_idx"),
                state=SQL.identifier(STATE_TABLE),
                name=self._name,
            )
        )

    def _dist_kpi_rows_table(self):
        return f"{self._table}_row"

    # ------------------------------------------------------------------
    # refresh
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_refresh(self, company_ids, since):
        """Bring the rollup up to date for ``company_ids``: rebuilt when
        ``since`` is None, else the keys touched by the rows changed since
        then. The caller has checked the companies."""
        if since is None:
            self.env.cr.execute(self._dist_kpi_rebuild_sql(company_ids))
        else:
            self.env.cr.execute(self._dist_kpi_update_sql(company_ids, since))

    def _dist_kpi_group_sql(self, source):
        """``(columns, SELECT ... GROUP BY)`` of the rollup over ``source``
        (an SQL relation with the fact's columns)."""
        keys = [
            "company_id",
            "date",
            *self._dist_kpi_dimension_columns,
            *self._dist_kpi_keys,
        ]
        selects = [SQL("f.company_id"), SQL("f.date::date")] + [
            SQL.identifier("f", key) for key in keys[2:]
        ]
        measures = [SQL(expression) for expression in self._dist_kpi_measures.values()]
        columns = SQL(", ").join(
            SQL.identifier(name) for name in (*keys, *self._dist_kpi_measures)
        )
        query = SQL(
            "SELECT %s FROM %s f GROUP BY %s",
            SQL(", ").join(selects + measures),
            source,
            SQL(", ").join(SQL(str(n)) for n in range(1, len(keys) + 1)),
        )
        return columns, query

    def _dist_kpi_statement_params(self, company_ids, source):
        """The tables, companies and grouped ``SELECT`` (over the relation
        named ``source``) a refresh statement is written with."""
        columns, grouped = self._dist_kpi_group_sql(SQL.identifier(source))
        return {
            "fact": SQL.identifier(self.env[self._dist_kpi_fact]._table),
            "table": SQL.identifier(self._table),
            "rows": SQL.identifier(self._dist_kpi_rows_table()),
            "companies": list(company_ids),
            "columns": columns,
            "grouped": grouped,
        }

    def _dist_kpi_rebuild_sql(self, company_ids):
        return SQL(
            """WITH fresh AS MATERIALIZED (
                    SELECT * FROM %(fact)s WHERE company_id = ANY(%(companies)s)),
               gone AS (DELETE FROM %(table)s WHERE company_id = ANY(%(companies)s)),
               gone_rows AS (DELETE FROM %(rows)s WHERE company_id = ANY(%(companies)s)),
               new_rows AS (INSERT INTO %(rows)s (company_id, id, date)
                            SELECT company_id, id, date::date FROM fresh)
               INSERT INTO %(table)s (%(columns)s) %(grouped)s""",
            **self._dist_kpi_statement_params(company_ids, "fresh"),
        )

    def _dist_kpi_update_sql(self, company_ids, since):
        """One statement: the fact rows changed since ``since`` (``changed``),
        the keys they had (``old``) and have (``new``), the row table brought
        up to date, the rollup rows of those keys replaced. Every part reads
        the statement's snapshot: the rows of a key are the unchanged ones the
        row table lists under it and the changed ones now under it. Ids are
        passed as arrays (``= ANY(ARRAY(...))``) so the core tables are read
        by their primary key, whatever the planner guesses of the counts, and
        the row table is read key by key (``LATERAL ... OFFSET 0``) by its
        (company, day) index."""
        return SQL(
            """WITH changed AS MATERIALIZED (
                    SELECT DISTINCT id FROM (%(changed)s) c(id)),
               fresh AS MATERIALIZED (
                    SELECT f.id, f.company_id, f.date::date AS date
                      FROM %(fact)s f
                     WHERE f.id = ANY(ARRAY(SELECT id FROM changed))
                       AND f.company_id = ANY(%(companies)s)),
               old AS (DELETE FROM %(rows)s r
                        WHERE r.id = ANY(ARRAY(SELECT id FROM changed))
                          AND r.company_id = ANY(%(companies)s)
                    RETURNING r.company_id, r.date),
               new AS (INSERT INTO %(rows)s (company_id, id, date)
                       SELECT company_id, id, date FROM fresh
                       RETURNING company_id, date),
               keys AS MATERIALIZED (
                    SELECT company_id, date FROM old
                     UNION SELECT company_id, date FROM new),
               gone AS (DELETE FROM %(table)s t USING keys k
                         WHERE t.company_id = k.company_id AND t.date = k.date),
               ids AS MATERIALIZED (
                    SELECT r.id FROM keys k
                CROSS JOIN LATERAL (
                           SELECT id FROM %(rows)s
                            WHERE company_id = k.company_id AND date = k.date
                           OFFSET 0) r
                     WHERE r.id NOT IN (SELECT id FROM changed)
                     UNION SELECT id FROM fresh),
               touched AS (
                    SELECT f.* FROM %(fact)s f
                      JOIN keys k ON k.company_id = f.company_id
                                 AND k.date = f.date::date
                     WHERE f.id = ANY(ARRAY(SELECT id FROM ids)))
               INSERT INTO %(table)s (%(columns)s) %(grouped)s""",
            changed=self.env[self._dist_kpi_fact]._dist_kpi_changed(since),
            **self._dist_kpi_statement_params(company_ids, "touched"),
        )

    # ------------------------------------------------------------------
    # every rollup
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_rollups(self):
        """The rollup models, one per fact."""
        return sorted(
            name
            for name in self.env.registry.descendants([self._name], "_inherit")
            if not self.env[name]._abstract
        )

    @api.model
    def _dist_kpi_refresh_all(self, company_ids, rebuild=False):
        """Bring every rollup up to date for ``company_ids`` (checked by the
        caller): rebuilt for a company never refreshed (or for all when
        ``rebuild``), else only the keys touched since its last refresh. A
        rollup and company another transaction is refreshing is left as that
        one leaves it (its time of refresh says so). A fixed number of
        set-based statements, whatever the volume."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT r.name, c.id, s.refreshed_at - %s::interval
                     FROM unnest(%s::varchar[]) r(name)
               CROSS JOIN unnest(%s::int[]) c(id)
                LEFT JOIN %s s ON s.rollup = r.name AND s.company_id = c.id
                    WHERE pg_try_advisory_xact_lock(hashtext(r.name), c.id)""",
                OVERLAP,
                self._dist_kpi_rollups(),
                list(company_ids),
                SQL.identifier(STATE_TABLE),
            )
        )
        rows = cr.fetchall()
        plan = {}
        for name, company_id, since in rows:
            plan.setdefault(name, {}).setdefault(None if rebuild else since, [])
            plan[name][None if rebuild else since].append(company_id)
        for name, by_since in plan.items():
            if None in by_since:
                self.env[name]._dist_kpi_refresh(by_since.pop(None), None)
            if by_since:
                companies = [cid for ids in by_since.values() for cid in ids]
                self.env[name]._dist_kpi_refresh(companies, min(by_since))
        if rows:
            cr.execute(
                SQL(
                    """INSERT INTO %s (rollup, company_id, refreshed_at)
                       SELECT name, company_id, now() AT TIME ZONE 'UTC'
                         FROM unnest(%s::varchar[], %s::int[]) t(name, company_id)
                  ON CONFLICT (rollup, company_id)
                    DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at""",
                    SQL.identifier(STATE_TABLE),
                    [row[0] for row in rows],
                    [row[1] for row in rows],
                )
            )

    @api.model
    def _dist_kpi_refreshed_at(self, company_ids):
        """When the figures of ``company_ids`` were last brought up to date
        (the oldest refresh of their rollups; None when one never was)."""
        rollups = self._dist_kpi_rollups()
        self.env.cr.execute(
            SQL(
                """SELECT CASE WHEN COUNT(*) = %s THEN MIN(refreshed_at) END
                     FROM %s WHERE rollup = ANY(%s) AND company_id = ANY(%s)""",
                len(rollups) * len(set(company_ids)),
                SQL.identifier(STATE_TABLE),
                rollups,
                list(company_ids),
            )
        )
        return self.env.cr.fetchone()[0]
