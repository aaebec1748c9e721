from odoo import api, fields, models
from odoo.tools import SQL, float_repr, float_round

#: stored fields that ``_dist_create_batch`` computes itself, as their computes would
DIST_PRECOMPUTED = ("name", "final_cost", "dist_cost_product_id", "dist_kind")


class StockValuationAdjustmentLines(models.Model):
    _inherit = "stock.valuation.adjustment.lines"

    # computed before the INSERT: one batch create of the split, no UPDATE per line
    name = fields.Char(compute="_compute_name", store=True, precompute=True)
    final_cost = fields.Monetary(
        compute="_compute_final_cost", store=True, precompute=True
    )

    dist_actual_amount = fields.Monetary(
        string="Actual Share",
        readonly=True,
        help="Share of the actual bill allocated to this move (true-ups only).",
    )
    dist_cost_product_id = fields.Many2one(
        related="cost_line_id.product_id",
        store=True,
        precompute=True,
        string="Cost Type",
    )
    dist_kind = fields.Selection(
        related="cost_id.dist_kind", store=True, precompute=True
    )

    # ------------------------------------------------------------------
    # batch create / delete of a split: queries independent of its size
    # ------------------------------------------------------------------
    @api.model
    def _dist_create_batch(self, vals_list):
        """Create lines like ``create(vals_list)``, in one INSERT statement.

        ``create`` inserts 100 rows per query and refreshes the landed cost's
        one2many per 1,000 lines: a split of 5,000 receipt lines by 3 cost
        types would cost 150 INSERTs and 15 SELECTs. Here the rows go in one
        ``INSERT ... SELECT FROM unnest(...)``, values converted as the ORM
        converts them (float digits, currency rounding); the stored computed
        fields of ``DIST_PRECOMPUTED`` are computed as their computes would.
        The new lines are put in cache and the ORM is told of them (inverse
        one2many, fields depending on them, create access rules).

        ``vals_list`` holds the same keys in every dict, and ``cost_id``,
        ``cost_line_id`` and ``product_id``. Falls back to ``create`` when
        another module added a stored field or a constraint to this model, so
        that its default, compute or check still runs.
        """
        if not vals_list:
            return self.browse()
        fnames = sorted({*vals_list[0], *DIST_PRECOMPUTED})
        if not self._dist_can_insert(fnames):
            return self.create(vals_list)
        self.check_access_rights("create")
        columns = self._dist_column_values(vals_list, fnames)
        now = self.env.cr.now()
        names = SQL(", ").join(SQL.identifier(fname) for fname in columns)
        self.env.cr.execute(
            SQL(
                "INSERT INTO %(table)s (%(names)s, create_uid, create_date, "
                "write_uid, write_date) "
                "SELECT %(names)s, %(uid)s, %(now)s, %(uid)s, %(now)s "
                "FROM unnest(%(arrays)s) WITH ORDINALITY AS src(%(names)s, seq) "
                "ORDER BY seq RETURNING id",
                table=SQL.identifier(self._table),
                names=names,
                uid=self.env.uid,
                now=now,
                arrays=SQL(", ").join(
                    SQL("%s::%s[]", values, SQL(self._fields[fname].column_type[1]))
                    for fname, values in columns.items()
                ),
            )
        )
        # ids follow the ORDER BY of the insert, hence the order of vals_list
        records = self.browse(sorted(row[0] for row in self.env.cr.fetchall()))
        for fname, values in columns.items():
            field = self._fields[fname]
            if field.type in ("float", "monetary"):
                values = [float(value) for value in values]
            self.env.cache.update(records, field, values)
        self._dist_invalidate_inverses(fnames)
        precomputed = [self._fields[fname] for fname in DIST_PRECOMPUTED]
        with self.env.protecting(precomputed, records):
            records.modified(fnames, create=True)
        records.check_access_rule("create")
        return records

    @api.model
    def _dist_unlink_for(self, costs):
        """Delete the lines of ``costs`` in at most two queries.

        The lines belong to their landed cost (``ondelete="cascade"``; no
        attachment, external id or property points at them), so the
        per-1,000-rows clean-up of ``unlink`` has nothing to do. Falls back
        to ``unlink`` when another module added an ``ondelete`` hook.
        """
        lines = self.search([("cost_id", "in", costs.ids)])
        if not lines:
            return
        if self._ondelete_methods:
            lines.unlink()
            return
        self.check_access_rights("unlink")
        lines.check_access_rule("unlink")
        self.env.flush_all()
        with self.env.protecting(self._fields.values(), lines):
            lines.modified(self._fields, before=True)
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE id = ANY(%s)",
                SQL.identifier(self._table),
                lines.ids,
            )
        )
        self.invalidate_model(flush=False)
        self._dist_invalidate_inverses(["cost_id", "cost_line_id", "move_id"])

    def _dist_can_insert(self, fnames):
        """Whether ``fnames`` (with the log columns) are all the stored fields."""
        stored = {
            fname
            for fname, field in self._fields.items()
            if field.store and field.column_type
        }
        known = {"id", *models.LOG_ACCESS_COLUMNS, *fnames}
        return not (stored - known) and not self._constraint_methods

    def _dist_column_values(self, vals_list, fnames):
        """Column values per field name, in the order of ``vals_list``.

        Numbers are the decimal text the ORM writes (``convert_to_column``:
        rounded to the field's digits or the currency), not the binary
        expansion of a float.
        """
        cost_lines = self.env["stock.landed.cost.lines"].browse(
            {vals["cost_line_id"] for vals in vals_list}
        )
        costs = self.env["stock.landed.cost"].browse(
            {vals["cost_id"] for vals in vals_list}
        )
        kind = {cost.id: cost.dist_kind for cost in costs}
        # (rounding, decimals) of the company currency: Monetary.convert_to_column
        money = {
            cost.id: (
                cost.company_id.currency_id.rounding,
                cost.company_id.currency_id.decimal_places,
            )
            for cost in costs
        }
        cost_product = {line.id: line.product_id.id for line in cost_lines}
        precomputed = {
            "name": lambda: self._dist_names(vals_list, cost_lines),
            # from the rounded values, as the compute reads them from the cache
            "final_cost": lambda: [
                float(former) + float(added)
                for former, added in zip(
                    columns["former_cost"],
                    columns["additional_landed_cost"],
                    strict=True,
                )
            ],
            "dist_cost_product_id": lambda: [
                cost_product[vals["cost_line_id"]] for vals in vals_list
            ],
            "dist_kind": lambda: [kind[vals["cost_id"]] for vals in vals_list],
        }
        columns = {}
        # plain columns first: final_cost is computed from two of them
        for fname in sorted(fnames, key=lambda fname: fname in precomputed):
            field = self._fields[fname]
            if fname in precomputed:
                values = precomputed[fname]()
            else:
                values = [vals[fname] for vals in vals_list]
            if field.type == "monetary":
                roundings = [money[vals["cost_id"]] for vals in vals_list]
                values = [
                    float_repr(
                        float_round(value, precision_rounding=rounding), decimals
                    )
                    for (rounding, decimals), value in zip(
                        roundings, values, strict=True
                    )
                ]
            elif field.type == "float":
                digits = field.get_digits(self.env)
                values = [
                    float_repr(
                        float_round(value or 0.0, precision_digits=digits[1]),
                        digits[1],
                    )
                    if digits
                    else repr(float(value or 0.0))
                    for value in values
                ]
            else:
                values = [None if value is False else value for value in values]
            columns[fname] = values
        return columns

    def _dist_names(self, vals_list, cost_lines):
        """``name`` as core ``_compute_name`` makes it: cost line - product code."""
        products = self.env["product.product"].browse(
            {vals["product_id"] for vals in vals_list}
        )
        products.fetch(["default_code", "product_tmpl_id"])
        products.product_tmpl_id.fetch(["name"])
        if self.env.context.get("partner_id"):
            # the vendor's product code, read per product by core's compute
            code = {product.id: product.code or product.name for product in products}
        else:
            code = {
                product.id: product.default_code or product.name for product in products
            }
        prefix = {line.id: "%s - " % line.name for line in cost_lines}
        return [
            prefix[vals["cost_line_id"]] + (code[vals["product_id"]] or "")
            for vals in vals_list
        ]

    def _dist_invalidate_inverses(self, fnames):
        """Drop from cache the one2many fields that list lines of this model."""
        for fname in fnames:
            for inverse in self.pool.field_inverses[self._fields[fname]]:
                self.env[inverse.model_name].invalidate_model(
                    [inverse.name], flush=False
                )

    # ------------------------------------------------------------------
    # posting
    # ------------------------------------------------------------------
    def _create_accounting_entries(self, move, qty_out):
        """Book as delivered exactly what the valuation layer did not keep.

        Core rounds the on-hand share (valuation layer) and the delivered share
        (journal items) separately, so both can round a half cent the same way
        and stock valuation drifts from the stock account by a cent. For our
        landed costs the delivered share is the complement of the rounded
        on-hand share, passed to core as the equivalent quantity.
        """
        if self.cost_id.dist_kind and qty_out and self.quantity:
            amount = self.additional_landed_cost
            currency = self.cost_id.currency_id
            on_hand = currency.round((self.quantity - qty_out) / self.quantity * amount)
            if not currency.is_zero(amount):
                qty_out = float_round(
                    (amount - on_hand) / amount * self.quantity, precision_digits=9
                )
        return super()._create_accounting_entries(move, qty_out)
