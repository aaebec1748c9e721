/** @odoo-module **/
/*
 * The KPI dashboard as a reader of two companies meets it (TestKpiDashboardTour):
 * both companies in two currencies give per-company stock values; Dist A alone,
 * then its Fasteners, then Fasteners and Hand Tools, then Fasteners again give the
 * hand-computed figures, as of their last refresh, and again once refreshed; the
 * export runs; the stock value opens the valuation rows behind it.
 */
import { registry } from "@web/core/registry";

const check = (content, trigger) => ({ content, trigger, isCheck: true });
const STOCK = ".o_dist_kpi_card[data-kpi='stock_value']";
const FAMILY = ".o_dist_kpi_family .o_dist_kpi_filter_option";

registry.category("web_tour.tours").add("dist_kpi_dashboard_tour", {
    test: true,
    steps: () => [
        check("The dashboard shows its groups", ".o_dist_kpi_group_stock .o_dist_kpi_group_name"),
        check("and a card per KPI, service and finance too", ".o_dist_kpi_group_finance .o_dist_kpi_card"),
        check(
            "Two currencies: the stock value is given per company",
            `${STOCK} .o_dist_kpi_breakdown_row:contains('Dist B'):contains('21 EUR')`
        ),
        check("Dist A's part in USD", `${STOCK} .o_dist_kpi_breakdown_row:contains('Dist A'):contains('130 USD')`),
        {
            content: "Keep Dist A only",
            trigger: ".o_dist_kpi_company:contains('Dist B')",
        },
        check("Dist A's stock value", `.o_dist_kpi_loaded ${STOCK} .o_dist_kpi_value:contains('$ 130')`),
        {
            content: "Open the family filter",
            trigger: ".o_dist_kpi_family .o_dist_kpi_filter_toggle",
        },
        {
            content: "Tick the Fasteners family",
            trigger: `${FAMILY}:contains('Fasteners')`,
        },
        check("Fasteners only: 10 x 5", `.o_dist_kpi_loaded ${STOCK} .o_dist_kpi_value:contains('$ 50')`),
        {
            content: "Tick Hand Tools too: the menu stays open",
            trigger: `${FAMILY}:contains('Hand Tools')`,
        },
        check("Two families: 10 x 5 + 4 x 20", `.o_dist_kpi_loaded ${STOCK} .o_dist_kpi_value:contains('$ 130')`),
        check("the filter says how many", ".o_dist_kpi_family .o_dist_kpi_filter_summary:contains('2 selected')"),
        {
            content: "Untick Hand Tools",
            trigger: `${FAMILY}.selected:contains('Hand Tools')`,
        },
        check("Fasteners again", `.o_dist_kpi_loaded ${STOCK} .o_dist_kpi_value:contains('$ 50')`),
        check("named on the filter", ".o_dist_kpi_family .o_dist_kpi_filter_summary:contains('Fasteners')"),
        check("The figures say as of when", ".o_dist_kpi_as_of:contains('Figures as of')"),
        {
            content: "Refresh the figures now",
            trigger: ".o_dist_kpi_refresh",
        },
        check(
            "Refreshed: the same figure, no error",
            `body:not(:has(.o_error_dialog)) .o_dist_kpi_loaded ${STOCK} .o_dist_kpi_value:contains('$ 50')`
        ),
        {
            content: "Export the dashboard as filtered",
            trigger: ".o_dist_kpi_export",
        },
        check("The export ran without an error", "body:not(:has(.o_error_dialog)) .o_dist_kpi_loaded"),
        {
            content: "Drill down from the stock value",
            trigger: `${STOCK} .o_dist_kpi_value`,
        },
        check("The records behind it open in a list", ".o_breadcrumb:contains('Stock Value')"),
        check("one valuation row: the screws of Dist A", ".o_list_view .o_data_row:first:contains('Screw M6')"),
        check("and no other", ".o_list_view tbody:not(:has(.o_data_row:eq(1)))"),
    ],
});
