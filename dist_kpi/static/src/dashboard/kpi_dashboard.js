/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { KpiChart } from "./kpi_chart";
import { KpiMultiFilter } from "./kpi_multi_filter";
import { formatKpiValue, kpiDelta } from "./kpi_format";

function isoDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last twelve months to today, compared with the twelve before. */
export function defaultPeriods(today = new Date()) {
    const from = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
    const compareTo = new Date(from.getFullYear(), from.getMonth(), from.getDate() - 1);
    const compareFrom = new Date(from.getFullYear() - 1, from.getMonth(), from.getDate());
    return {
        date_from: isoDate(from),
        date_to: isoDate(today),
        compare_from: isoDate(compareFrom),
        compare_to: isoDate(compareTo),
    };
}

/**
 * The KPI dashboard (client action `dist_kpi.dashboard`).
 *
 * Reads everything from `dist.kpi.dashboard`: `get_filter_options()` once, then
 * `get_dashboard(filters)` on every change of a filter. Every figure (a card, a
 * breakdown row, a bar of a breakdown chart) opens the records behind it from the
 * `drill` the server returns (a window action on its model and domain); the server
 * decides what a user may see, the screen only shows it. "Export XLSX" posts the
 * same filters to `/dist_kpi/export`. The figures are as of the last refresh of
 * the pre-aggregated facts (shown); "Refresh" asks the server to refresh those of
 * the companies selected (`action_refresh`), then reloads.
 */
export class KpiDashboard extends Component {
    static template = "dist_kpi.KpiDashboard";
    static components = { KpiChart, KpiMultiFilter };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.ui = useService("ui");
        this.state = useState({
            options: null,
            filters: null,
            data: null,
            loading: false,
            compare: true,
        });
        onWillStart(async () => {
            const options = await this.orm.call("dist.kpi.dashboard", "get_filter_options", []);
            this.state.options = options;
            this.state.filters = {
                company_ids: options.companies.map((c) => c.id),
                warehouse_ids: [],
                family_ids: [],
                segment_ids: [],
                region_ids: [],
                group_view: false,
                ...defaultPeriods(),
            };
            await this.load();
        });
    }

    /** The filters as the API takes them (no comparison when it is off). */
    get apiFilters() {
        const filters = { ...this.state.filters };
        if (!this.state.compare) {
            delete filters.compare_from;
            delete filters.compare_to;
        }
        return filters;
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("dist.kpi.dashboard", "get_dashboard", [
                this.apiFilters,
            ]);
        } finally {
            this.state.loading = false;
        }
    }

    // ------------------------------------------------------------------
    // filters
    // ------------------------------------------------------------------
    get visibleWarehouses() {
        const companies = this.state.filters.company_ids;
        return this.state.options.warehouses.filter((w) => companies.includes(w.company_id));
    }

    isCompanySelected(companyId) {
        return this.state.filters.company_ids.includes(companyId);
    }

    async toggleCompany(companyId) {
        const ids = this.state.filters.company_ids;
        const next = ids.includes(companyId)
            ? ids.filter((id) => id !== companyId)
            : [...ids, companyId];
        if (!next.length) {
            return; // at least one company
        }
        this.state.filters.company_ids = next;
        const allowed = this.visibleWarehouses.map((w) => w.id);
        this.state.filters.warehouse_ids = this.state.filters.warehouse_ids.filter((id) =>
            allowed.includes(id)
        );
        await this.load();
    }

    async onFilter(key, ids) {
        this.state.filters[key] = ids;
        await this.load();
    }

    async onDate(key, ev) {
        if (ev.target.value) {
            this.state.filters[key] = ev.target.value;
            await this.load();
        }
    }

    async toggleCompare() {
        this.state.compare = !this.state.compare;
        await this.load();
    }

    async toggleGroupView() {
        this.state.filters.group_view = !this.state.filters.group_view;
        await this.load();
    }

    // ------------------------------------------------------------------
    // figures
    // ------------------------------------------------------------------
    format(value, unit) {
        return formatKpiValue(value, unit, this.state.data && this.state.data.currency);
    }

    /** A breakdown row: per-company amounts may carry their company's currency. */
    formatRow(row, kpi) {
        if (row.currency && kpi.unit === "amount") {
            return `${formatKpiValue(row.value, "count")} ${row.currency}`;
        }
        return this.format(row.value, kpi.unit);
    }

    changeOf(kpi) {
        return kpiDelta(kpi);
    }

    trendLabels(kpi) {
        return (kpi.trend || []).map((point) => point.period);
    }

    trendValues(kpi) {
        return (kpi.trend || []).map((point) => point.value);
    }

    breakdownChart(kpi) {
        return (kpi.breakdown || []).length > 1 && kpi.unit !== "percent";
    }

    /** Open the records behind a figure: a list (then form) on the drill's domain. */
    async drill(drill) {
        if (!drill || !drill.res_model) {
            return;
        }
        await this.action.doAction({
            type: "ir.actions.act_window",
            name: drill.name,
            res_model: drill.res_model,
            domain: drill.domain || [],
            views: drill.views || [
                [false, "list"],
                [false, "form"],
            ],
            context: drill.context || {},
            target: "current",
        });
    }

    drillBreakdown(kpi, index) {
        const row = (kpi.breakdown || [])[index];
        return this.drill(row && row.drill);
    }

    get asOf() {
        return formatDateTime(deserializeDateTime(this.state.data.as_of));
    }

    async refresh() {
        await this.orm.call("dist.kpi.dashboard", "action_refresh", [
            this.state.filters.company_ids,
        ]);
        await this.load();
    }

    async export() {
        this.ui.block();
        try {
            await download({
                url: "/dist_kpi/export",
                data: { filters: JSON.stringify(this.apiFilters) },
            });
        } finally {
            this.ui.unblock();
        }
    }

    get statusLabels() {
        return { ok: _t("On target"), warn: _t("Warning"), critical: _t("Critical") };
    }
}

registry.category("actions").add("dist_kpi.dashboard", KpiDashboard);
