/** @odoo-module **/
/* Receive a shipment, see the estimate, post the freight bill, see the variance. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dist_landed_cost_tour", {
    test: true,
    steps: () => [
        {
            content: "Open the receipt of the shipment",
            trigger: ".o_form_view button[name='action_view_receipts']",
        },
        {
            content: "Validate the receipt",
            trigger: ".o_form_view .o_statusbar_buttons button[name='button_validate']",
        },
        {
            content: "The estimated landed cost is shown on the receipt",
            trigger: ".o_dist_landed_cost_estimate:contains('360.00')",
            isCheck: true,
        },
        {
            content: "Back to the shipment",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a",
        },
        {
            content: "The shipment shows the estimate",
            trigger: ".o_form_view div[name='estimated_amount']:contains('360.00')",
            isCheck: true,
        },
        {
            content: "An open shipment has no variance yet, not a zero one",
            trigger: ".o_form_view div[name='variance_amount']:contains('not billed yet')",
            isCheck: true,
        },
        {
            content: "Open the freight bill",
            trigger: ".o_form_view button[name='action_view_bills']",
        },
        {
            content: "Post the freight bill",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_post']",
        },
        {
            content: "The bill is posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Posted')",
            isCheck: true,
        },
        {
            content: "Back to the shipment",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a",
        },
        {
            content: "The shipment shows the freight variance",
            trigger: ".o_form_view div[name='variance_amount']:contains('30.00')",
            isCheck: true,
        },
        {
            content: "Open the estimated vs actual analysis of the shipment",
            trigger: ".o_form_view button[name='action_view_report']",
        },
        {
            content: "The pivot shows the actual freight",
            trigger: ".o_pivot .o_pivot_cell_value:contains('90.00')",
            isCheck: true,
        },
    ],
});
