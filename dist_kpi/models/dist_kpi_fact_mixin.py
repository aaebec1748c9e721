from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL


def write_date_index(table):
    """The index a fact's incremental refresh reads ``table`` by."""
    return (f"dist_kpi_{table}_write_date_idx", table, ["write_date"], "")


def changed_order_lines(since, lines, orders, move_column):
    """SQL of the ids of the order lines (table ``lines``) written at or after
    ``since``, of an order (table ``orders``) written, or with a stock move
    (linked by ``move_column``) written."""
    return SQL(
        """SELECT id FROM %(lines)s WHERE write_date >= %(since)s
     UNION ALL SELECT l.id FROM %(orders)s o JOIN %(lines)s l ON l.order_id = o.id
                WHERE o.write_date >= %(since)s
     UNION ALL SELECT %(move_column)s FROM stock_move
                WHERE write_date >= %(since)s AND %(move_column)s IS NOT NULL""",
        lines=SQL.identifier(lines),
        orders=SQL.identifier(orders),
        move_column=SQL.identifier(move_column),
        since=since,
    )


def changed_move_lines(since, *moves):
    """SQL of the ids of the journal items of the entries written at or after
    ``since`` (an entry or any of its items), and of the entries ``moves``
    (SQL selecting entry ids) lists."""
    sources = [
        SQL("SELECT move_id FROM account_move_line WHERE write_date >= %s", since),
        SQL("SELECT id FROM account_move WHERE write_date >= %s", since),
        *moves,
    ]
    return SQL(
        "SELECT id FROM account_move_line WHERE move_id = ANY(ARRAY(%s))",
        SQL(" UNION ").join(sources),
    )


# Filter keys of the dashboard and the dimension column each one cuts.
DIMENSIONS = {
    "warehouse_ids": "warehouse_id",
    "family_ids": "family_id",
    "segment_ids": "segment_id",
    "region_ids": "region_id",
}


class DistKpiFactMixin(models.AbstractModel):
    """A KPI fact: a read-only SQL view over the core tables (``_auto = False``).

    A fact declares the SQL of its view (``_dist_kpi_query()``), the column
    the period filters on (``_dist_kpi_date_field``), the dimensions it is
    cut by (``_dist_kpi_dimensions``, keys of ``DIMENSIONS``) and the indexes
    of the core tables its queries need (``_dist_kpi_indexes``, created in
    ``init``). Its rollup (``_dist_kpi_rollup``, a ``dist.kpi.rollup.mixin``)
    holds its sums per company, day and dimension; ``_dist_kpi_changed(since)``
    selects the ids of its rows whose sources were written since then (the
    rollup's incremental refresh). The engine reads sums per company (and per
    dimension) with ``_dist_kpi_sums``: one ``GROUP BY`` statement over the
    rollup, never a loop over records; the view itself serves the drill-down
    and the analysis views. Every fact has a ``company_id`` (a record rule on
    the user's companies), a ``product_id`` and the dimension columns.
    """

    _name = "dist.kpi.fact.mixin"
    _description = "KPI Fact"

    _dist_kpi_date_field = "date"
    _dist_kpi_dimensions = ("warehouse_ids", "family_ids", "segment_ids", "region_ids")
    # (index name, table, [columns], where clause or "")
    _dist_kpi_indexes = ()
    _dist_kpi_rollup = None

    company_id = fields.Many2one("res.company", readonly=True)
    # The dimensions: a fact not cut by one selects NULL for it.
    product_id = fields.Many2one("product.product", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    family_id = fields.Many2one(
        "dist.product.family", string="Product Family", readonly=True
    )
    segment_id = fields.Many2one("dist.customer.segment", readonly=True)
    region_id = fields.Many2one("dist.region", readonly=True)

    def _dist_kpi_query(self):
        """The ``SELECT`` of the view (a string: identifiers only, no input)."""
        raise NotImplementedError

    def _dist_kpi_changed(self, since):
        """SQL selecting the ids of the rows whose sources were written at or
        after ``since`` (new rows included)."""
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        cr = self.env.cr
        for name, table, columns, where in self._dist_kpi_indexes:
            tools.create_index(cr, name, table, columns, where=where or "")
        tools.drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._dist_kpi_query()),
            )
        )

    @api.model
    def _dist_kpi_supports(self, filters, group_by=None):
        """Whether this fact can be cut by the dimensions ``filters`` set and
        by ``group_by`` (a key of ``DIMENSIONS``)."""
        keys = {key for key in DIMENSIONS if filters.get(key)}
        if group_by:
            keys.add(group_by)
        return keys <= set(self._dist_kpi_dimensions)

    @api.model
    def _dist_kpi_where(self, filters, date_from=None, date_to=None, extra=None):
        """The ``WHERE`` of ``filters`` (companies, dimensions) and of the
        period ``[date_from, date_to]`` (dates, both included)."""
        clauses = [SQL("company_id = ANY(%s)", list(filters["company_ids"]))]
        for key in self._dist_kpi_dimensions:
            ids = filters.get(key)
            if ids:
                clauses.append(
                    SQL("%s = ANY(%s)", SQL.identifier(DIMENSIONS[key]), list(ids))
                )
        date = SQL.identifier(self._dist_kpi_date_field)
        if date_from:
            clauses.append(SQL("%s >= %s", date, date_from))
        if date_to:
            clauses.append(SQL("%s < %s", date, date_to + timedelta(days=1)))
        if extra:
            clauses.append(extra)
        return SQL(" AND ").join(clauses)

    @api.model
    def _dist_kpi_sums(
        self,
        filters,
        sums,
        date_from=None,
        date_to=None,
        group_by=None,
        extra=None,
        rollup=None,
        source=None,
    ):
        """``{(company_id, dimension id or None): [sum, ...]}`` of the SQL
        expressions ``sums`` (over the rollup's columns) for ``filters`` and
        the period (every company of the filters when not grouped); None when
        the fact cannot be cut as asked (the figure does not apply). Reads the
        rollup (``rollup``, default the fact's ``_dist_kpi_rollup``) as last
        refreshed (``dist.kpi.engine._dist_kpi_refresh``), or ``source`` (an
        SQL relation with the rollup's columns and more)."""
        if not self._dist_kpi_supports(filters, group_by):
            return None
        key = SQL.identifier(DIMENSIONS[group_by]) if group_by else SQL("NULL::int")
        query = SQL(
            "SELECT company_id, %s, %s FROM %s WHERE %s GROUP BY 1, 2",
            key,
            SQL(", ").join(sums),
            source or SQL.identifier(self.env[rollup or self._dist_kpi_rollup]._table),
            self._dist_kpi_where(filters, date_from, date_to, extra),
        )
        self.env.cr.execute(query)
        result = {
            (row[0], row[1]): [value or 0.0 for value in row[2:]]
            for row in self.env.cr.fetchall()
        }
        if not group_by:
            # A company without rows has figures too: amounts of 0, ratios of
            # nothing (no value).
            for company_id in filters["company_ids"]:
                result.setdefault((company_id, None), [0.0] * len(sums))
        return result

    @api.model
    def _dist_kpi_domain(self, filters, date_from=None, date_to=None):
        """The domain of the rows behind a figure (drill-down)."""
        domain = [("company_id", "in", list(filters["company_ids"]))]
        for key in self._dist_kpi_dimensions:
            if filters.get(key):
                domain.append((DIMENSIONS[key], "in", list(filters[key])))
        date = self._dist_kpi_date_field
        if date_from:
            domain.append((date, ">=", fields.Date.to_string(date_from)))
        if date_to:
            domain.append(
                (date, "<", fields.Date.to_string(date_to + timedelta(days=1)))
            )
        return domain
