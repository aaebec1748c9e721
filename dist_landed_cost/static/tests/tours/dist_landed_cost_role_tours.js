/** @odoo-module **/
/*
 * Landed costs as the director and the warehouse user meet them: the
 * estimated vs actual analysis opened by URL, the estimate on a receipt.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("dist_landed_cost_director_report_tour", {
    test: true,
    steps: () => [
        {
            content: "The analysis opens (no access error) on its pivot",
            trigger: ".o_pivot_view .o_pivot:not(.o_view_sample_data)",
            isCheck: true,
        },
        {
            content: "Billed estimates and actuals are separate measures",
            trigger: ".o_pivot th:contains('Estimated (Billed)') ~ th:contains('Actual')",
            isCheck: true,
        },
        {
            content: "Estimates waiting for their bill stand apart",
            trigger: ".o_pivot th:contains('Not Billed Yet')",
            isCheck: true,
        },
        {
            content: "The billed actual of the vendor is there",
            trigger: ".o_pivot .o_pivot_cell_value:contains('366.00')",
            isCheck: true,
        },
        {
            content: "No access error was raised",
            trigger: "body:not(:has(.o_error_dialog))",
            isCheck: true,
        },
    ],
});

tours.add("dist_landed_cost_director_graph_tour", {
    test: true,
    steps: () => [
        {
            content: "The graph of estimated vs actual is drawn",
            trigger: ".o_graph_view .o_graph_renderer canvas",
            isCheck: true,
        },
        {
            content: "... on the Amount measure (estimated and actual side by side)",
            trigger: ".o_graph_view:not(:has(.o_view_nocontent))",
            isCheck: true,
        },
        {
            content: "No access error was raised",
            trigger: "body:not(:has(.o_error_dialog))",
            isCheck: true,
        },
    ],
});

tours.add("dist_landed_cost_warehouse_receipt_tour", {
    test: true,
    steps: () => [
        {
            content: "The receipt screen of the PO",
            trigger: ".o_form_view .o_breadcrumb:contains('IN/')",
            isCheck: true,
        },
        {
            content: "Validate the receipt",
            trigger: ".o_form_view .o_statusbar_buttons button[name='button_validate']",
        },
        {
            content: "Received",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
            isCheck: true,
        },
        {
            content: "The landed-cost estimate accrued at receipt is on screen",
            trigger: ".o_dist_landed_cost_estimate:contains('Estimated landed cost'):contains('360.00')",
            isCheck: true,
        },
    ],
});
