from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import kpi as kpi_tools
from .dist_kpi import KPI_GROUPS
from .dist_kpi_fact_mixin import DIMENSIONS

GROUP_VIEW = "dist_kpi.group_kpi_group_view"
# The records each dimension filter names.
DIMENSION_MODELS = {
    "warehouse_ids": "stock.warehouse",
    "family_ids": "dist.product.family",
    "segment_ids": "dist.customer.segment",
    "region_ids": "dist.region",
}
# The fact a KPI's drill-down opens, and the period it filters on.
DRILL = {
    "stock_value": ("dist.kpi.stock.fact", "to"),
    "stock_turns": ("dist.kpi.margin.fact", "period"),
    "days_inventory": ("dist.kpi.stock.fact", "to"),
    "aged_stock": ("dist.kpi.stock.fact", "to"),
    "otif": ("dist.kpi.delivery.fact", "period"),
    "supplier_on_time": ("dist.kpi.receipt.fact", "period"),
    "supplier_lead_adherence": ("dist.kpi.receipt.fact", "period"),
    "open_commitments": ("dist.kpi.commitment.fact", None),
    "gross_margin": ("dist.kpi.margin.fact", "period"),
    "gross_margin_pct": ("dist.kpi.margin.fact", "period"),
    "ic_sales": ("dist.kpi.margin.fact", "period"),
    "working_capital": ("dist.kpi.stock.fact", "to"),
    "ppv": ("dist.kpi.bill.fact", "period"),
    "invoice_exception_rate": ("dist.kpi.bill.fact", "period"),
    "close_cycle_days": ("dist.kpi.close", "period_end"),
    "invoice_exception_age": ("dist.exception", "match"),
}


class DistKpiDashboard(models.AbstractModel):
    """The API the KPI dashboard calls (``get_filter_options``,
    ``get_dashboard``); the XLSX export calls ``get_dashboard`` too.

    Every figure is restricted to the companies asked, which must be among
    the user's allowed companies (a forged id is refused with an
    ``AccessError``). Without the group view, amounts are in each company's
    currency: companies of one currency add up, companies of several
    currencies give per-company figures in the breakdown only. The group view
    (group ``dist_kpi.group_kpi_group_view``) converts every company's
    amounts into the reporting currency (the current company's) at the rate
    policy of each KPI: closing rate at the end of the period for balances,
    average of the daily rates of the period for flows.
    """

    _name = "dist.kpi.dashboard"
    _description = "KPI Dashboard"

    # ------------------------------------------------------------------
    # public API
    # ------------------------------------------------------------------
    @api.model
    def get_filter_options(self):
        """The choices of the dashboard's filters, for the current user."""
        self._dist_kpi_check_reader()
        companies = self.env.user.company_ids
        # sudo: a KPI reader may hold no Inventory right; warehouses, families,
        # segments and regions are listed (names only) for the user's companies.
        warehouses = (
            self.env["stock.warehouse"]
            .sudo()
            .search([("company_id", "in", companies.ids)], order="company_id, name")
        )
        reporting = self.env.company.currency_id
        return {
            "companies": [
                {
                    "id": company.id,
                    "name": company.name,
                    "currency": {
                        "id": company.currency_id.id,
                        "name": company.currency_id.name,
                    },
                }
                for company in companies
            ],
            "warehouses": [
                {"id": wh.id, "name": wh.name, "company_id": wh.company_id.id}
                for wh in warehouses
            ],
            "families": self._dist_kpi_options("dist.product.family", companies),
            "segments": self._dist_kpi_options("dist.customer.segment", companies),
            "regions": self._dist_kpi_options("dist.region", companies),
            "group_view_allowed": self.env.user.has_group(GROUP_VIEW),
            "reporting_currency": {"id": reporting.id, "name": reporting.name},
        }

    @api.model
    def get_dashboard(self, filters=None):
        """Every KPI for ``filters`` (see the module's DEVELOP notes)."""
        self._dist_kpi_check_reader()
        filters = self._dist_kpi_normalize(filters or {})
        self.env["dist.kpi.engine"]._dist_kpi_refresh(filters["company_ids"])
        figures = self._dist_kpi_figures(
            filters, filters["date_from"], filters["date_to"]
        )
        compare = None
        if filters.get("compare_from") and filters.get("compare_to"):
            compare = self._dist_kpi_figures(
                filters, filters["compare_from"], filters["compare_to"]
            )
        kpis = self.env["dist.kpi"].search([("active", "=", True)])
        group_rank = [code for code, _name in KPI_GROUPS]
        kpis = kpis.sorted(lambda k: (group_rank.index(k.group), k.sequence, k.id))
        thresholds = self._dist_kpi_thresholds(kpis, filters)
        trends = self.env["dist.kpi.snapshot"]._dist_kpi_trends(kpis, filters)
        groups = []
        group_names = dict(kpis._fields["group"]._description_selection(self.env))
        for kpi in kpis:
            if kpi.code == "ic_sales" and kpi.code not in figures["per_company"]:
                continue
            if not groups or groups[-1]["code"] != kpi.group:
                groups.append(
                    {"code": kpi.group, "name": group_names[kpi.group], "kpis": []}
                )
            groups[-1]["kpis"].append(
                self._dist_kpi_card(kpi, filters, figures, compare, thresholds, trends)
            )
        return {
            "filters": self._dist_kpi_filters_out(filters),
            "currency": self._dist_kpi_currency_out(figures["currency"]),
            "groups": groups,
            "as_of": self._dist_kpi_as_of(filters["company_ids"]),
        }

    @api.model
    def action_refresh(self, company_ids=None):
        """Refresh the pre-aggregated figures of ``company_ids`` (among the
        user's allowed companies, else an ``AccessError``; default: the
        current ones) now; returns when they are as of (UTC)."""
        self._dist_kpi_check_reader()
        filters = self._dist_kpi_normalize({"company_ids": company_ids or []})
        self.env["dist.kpi.engine"]._dist_kpi_refresh(filters["company_ids"])
        return self._dist_kpi_as_of(filters["company_ids"])

    @api.model
    def _dist_kpi_as_of(self, company_ids):
        refreshed = self.env["dist.kpi.rollup.mixin"]._dist_kpi_refreshed_at(
            company_ids
        )
        return fields.Datetime.to_string(refreshed) if refreshed else False

    # ------------------------------------------------------------------
    # filters and access
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_check_reader(self):
        if not self.env.user.has_group("dist_kpi.group_kpi_user"):
            raise AccessError(_("Only KPI users may read the KPI dashboard."))

    @api.model
    def _dist_kpi_options(self, model, companies):
        # sudo: shared dimensions, names only, of the user's companies.
        records = (
            self.env[model]
            .sudo()
            .search(
                ["|", ("company_id", "=", False), ("company_id", "in", companies.ids)]
            )
        )
        return [{"id": record.id, "name": record.display_name} for record in records]

    @api.model
    def _dist_kpi_normalize(self, filters):
        """Check and complete the filters: companies among the user's
        allowed ones, ids as ints, dates (default: this month to today)."""
        allowed = set(self.env.user.company_ids.ids)
        company_ids = [int(cid) for cid in filters.get("company_ids") or []]
        forged = set(company_ids) - allowed
        if forged:
            raise AccessError(
                _(
                    "KPI dashboard: you may not read the figures of companies "
                    "%(companies)s.",
                    companies=", ".join(str(cid) for cid in sorted(forged)),
                )
            )
        company_ids = company_ids or self.env.companies.ids
        group_view = bool(filters.get("group_view"))
        if group_view and not self.env.user.has_group(GROUP_VIEW):
            raise AccessError(
                _("The group view of the KPIs needs the KPI group view role.")
            )
        today = fields.Date.context_today(self)
        normalized = {
            "company_ids": company_ids,
            "group_view": group_view,
            "date_from": self._dist_kpi_date(
                filters, "date_from", today.replace(day=1)
            ),
            "date_to": self._dist_kpi_date(filters, "date_to", today),
            "compare_from": self._dist_kpi_date(filters, "compare_from", None),
            "compare_to": self._dist_kpi_date(filters, "compare_to", None),
        }
        for key in DIMENSIONS:
            normalized[key] = [int(rid) for rid in filters.get(key) or []]
        self._dist_kpi_check_dimension_ids(normalized)
        if normalized["date_from"] > normalized["date_to"]:
            raise UserError(
                _(
                    "KPI dashboard: the period starts (%(start)s) after it ends "
                    "(%(end)s).",
                    start=normalized["date_from"],
                    end=normalized["date_to"],
                )
            )
        return normalized

    @api.model
    def _dist_kpi_check_dimension_ids(self, filters):
        """Refuse dimension ids the user is not offered (another company's
        warehouse, say): their names would come back in the answer."""
        companies = self.env.user.company_ids.ids
        for key, model in DIMENSION_MODELS.items():
            ids = set(filters[key])
            if not ids:
                continue
            # sudo: the same records the filter options list, by id (archived
            # ones too: a snapshot or an export may name them).
            visible = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("id", "in", list(ids)),
                        "|",
                        ("company_id", "=", False),
                        ("company_id", "in", companies),
                    ]
                )
            )
            unknown = ids - set(visible.ids)
            if unknown:
                raise AccessError(
                    _(
                        "KPI dashboard: the filter %(filter)s names records you "
                        "may not read: %(ids)s.",
                        filter=key,
                        ids=", ".join(str(rid) for rid in sorted(unknown)),
                    )
                )

    @staticmethod
    def _dist_kpi_date(filters, key, default):
        value = filters.get(key)
        if not value:
            return default
        try:
            return fields.Date.to_date(value)
        except ValueError as error:
            raise UserError(
                _(
                    "KPI dashboard: the filter %(filter)s is not a date "
                    "(YYYY-MM-DD): %(value)s",
                    filter=key,
                    value=value,
                )
            ) from error

    @api.model
    def _dist_kpi_filters_out(self, filters):
        out = dict(filters)
        for key in ("date_from", "date_to", "compare_from", "compare_to"):
            out[key] = fields.Date.to_string(filters[key]) if filters[key] else False
        companies = self.env["res.company"].browse(filters["company_ids"])
        out["companies"] = [{"id": c.id, "name": c.name} for c in companies]
        names = {
            "warehouse_ids": "warehouses",
            "family_ids": "families",
            "segment_ids": "segments",
            "region_ids": "regions",
        }
        for key, model in DIMENSION_MODELS.items():
            name = names[key]
            # sudo: names of the records the user filtered on (checked in
            # _dist_kpi_check_dimension_ids).
            records = self.env[model].sudo().browse(filters[key]).exists()
            out[name] = [{"id": r.id, "name": r.display_name} for r in records]
        return out

    @staticmethod
    def _dist_kpi_currency_out(currency):
        if not currency:
            return False
        return {
            "id": currency.id,
            "name": currency.name,
            "symbol": currency.symbol,
            "position": currency.position,
        }

    # ------------------------------------------------------------------
    # figures
    # ------------------------------------------------------------------
    @api.model
    def _dist_kpi_figures(self, filters, date_from, date_to):
        """``{"total": {code: Figure or None}, "per_company": {code:
        {company_id: Figure}}, "by_family": {code: {family id: Figure or
        None}}, "currency": res.currency or empty}`` for the period."""
        Engine = self.env["dist.kpi.engine"]
        raw = Engine._dist_kpi_compute(filters, date_from, date_to, refresh=False)
        by_family = Engine._dist_kpi_margin(filters, date_from, date_to, "family_ids")
        companies = self.env["res.company"].browse(filters["company_ids"])
        group_view = filters["group_view"]
        currency = (
            self.env.company.currency_id
            if group_view
            else (companies.currency_id if len(companies.currency_id) == 1 else None)
        )
        rates = {}
        if group_view:
            rates = self.env["dist.kpi.snapshot"]._dist_kpi_rates(
                companies, currency, date_from, date_to
            )
        policies = {
            kpi.code: kpi.rate_policy
            for kpi in self.env["dist.kpi"].search([("active", "=", True)])
        }

        def total(code, by_key):
            figures = list(by_key.values())
            if group_view:
                policy = policies.get(code, "closing")
                figures = [
                    figure.converted(rates[key[0]][policy])
                    for key, figure in by_key.items()
                ]
            elif figures and figures[0].monetary and not currency:
                return None
            return kpi_tools.combine(figures)

        families = {}
        for code, by_key in by_family.items():
            split = {}
            for key, figure in by_key.items():
                split.setdefault(key[1], {})[key] = figure
            families[code] = {
                family_id: total(code, parts) for family_id, parts in split.items()
            }
        return {
            "per_company": {
                code: {key[0]: figure for key, figure in by_key.items()}
                for code, by_key in raw.items()
            },
            "total": {code: total(code, by_key) for code, by_key in raw.items()},
            "by_family": families,
            "currency": currency or self.env["res.currency"],
        }

    @api.model
    def _dist_kpi_thresholds(self, kpis, filters):
        """``{(kpi id, company id): threshold}`` of the companies asked."""
        # sudo: the companies were checked against the user's allowed ones,
        # which may be more than those active in the company switcher.
        thresholds = (
            self.env["dist.kpi.threshold"]
            .sudo()
            .search(
                [
                    ("kpi_id", "in", kpis.ids),
                    ("company_id", "in", filters["company_ids"]),
                ]
            )
        )
        return {(t.kpi_id.id, t.company_id.id): t for t in thresholds}

    @api.model
    def _dist_kpi_card(self, kpi, filters, figures, compare, thresholds, trends):
        total = figures["total"].get(kpi.code)
        by_company = figures["per_company"].get(kpi.code, {})
        statuses = []
        breakdown = []
        companies = self.env["res.company"].browse(filters["company_ids"])
        for company in companies:
            figure = by_company.get(company.id)
            threshold = thresholds.get((kpi.id, company.id))
            if figure is not None and threshold:
                statuses.append(threshold._dist_kpi_status(figure.value))
            if len(companies) > 1:
                breakdown.append(
                    {
                        "label": company.name,
                        "value": figure.value if figure else None,
                        "currency": company.currency_id.name
                        if kpi.unit == "amount"
                        else False,
                        "drill": self._dist_kpi_drill(
                            kpi, dict(filters, company_ids=company.ids)
                        ),
                    }
                )
        if total is not None:
            breakdown += [
                {
                    "label": label,
                    "value": value,
                    "drill": self._dist_kpi_drill(kpi, filters),
                }
                for label, value in total.breakdown
            ]
        breakdown += self._dist_kpi_family_parts(kpi, filters, figures)
        compare_total = compare["total"].get(kpi.code) if compare else None
        return {
            "code": kpi.code,
            "name": kpi.name,
            "unit": kpi.unit,
            "direction": kpi.direction,
            "formula": kpi.formula,
            "value": total.value if total else None,
            "compare_value": compare_total.value if compare_total else None,
            "numerator": total.numerator if total else None,
            "denominator": total.denominator if total else None,
            "status": kpi_tools.worst(statuses),
            "trend": trends.get(kpi.id, []),
            "breakdown": breakdown,
            "drill": self._dist_kpi_drill(kpi, filters),
        }

    @api.model
    def _dist_kpi_family_parts(self, kpi, filters, figures):
        """Breakdown entries of ``kpi`` by product family (margin)."""
        parts = figures["by_family"].get(kpi.code) or {}
        # sudo: names of the shared families the figures are cut by.
        families = (
            self.env["dist.product.family"]
            .sudo()
            .browse([family_id for family_id in parts if family_id])
        )
        names = {family.id: family.display_name for family in families}
        entries = []
        for family_id, figure in sorted(
            parts.items(), key=lambda item: names.get(item[0]) or ""
        ):
            drill = self._dist_kpi_drill(
                kpi, dict(filters, family_ids=[family_id] if family_id else [])
            )
            if not family_id:
                drill["domain"].append(("family_id", "=", False))
            entries.append(
                {
                    "label": names.get(family_id) or _("No Family"),
                    "value": figure.value if figure else None,
                    "drill": drill,
                }
            )
        return entries

    @api.model
    def _dist_kpi_drill(self, kpi, filters):
        """The list of the records behind ``kpi`` for ``filters``."""
        model, period = DRILL.get(kpi.code, (None, None))
        if not model:
            return False
        companies = [("company_id", "in", list(filters["company_ids"]))]
        if period == "period_end":
            domain = companies + [
                ("period_end", ">=", fields.Date.to_string(filters["date_from"])),
                ("period_end", "<=", fields.Date.to_string(filters["date_to"])),
            ]
        elif period == "match":
            domain = companies + [
                ("kind", "=", "match"),
                ("state", "in", ["open", "waiver_pending"]),
            ]
        else:
            date_from = filters["date_from"] if period == "period" else None
            date_to = filters["date_to"] if period else None
            domain = self.env[model]._dist_kpi_domain(filters, date_from, date_to)
        return {
            "name": kpi.name,
            "res_model": model,
            "domain": domain,
            "views": [[False, "list"], [False, "form"]],
        }
