/** @odoo-module **/

import { registry } from "@web/core/registry";

// A buyer manager opens "My Approvals", opens the waiver a controller asked
// for and rejects it with a reason through the decision wizard.
registry.category("web_tour.tours").add("dist_approval_reject_tour", {
    test: true,
    url: "/web#action=dist_harmonize_base.dist_approval_request_action_my",
    steps: () => [
        {
            content: "Open the request waiting for me",
            trigger: ".o_data_row td.o_data_cell:contains('Tour Supplier')",
        },
        {
            content: "It is mine to decide",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('To Approve')",
            isCheck: true,
        },
        {
            content: "Reject it",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Reject')",
        },
        {
            content: "Give the reason",
            trigger: "div[name='comment'] textarea",
            run: "text Price was never agreed",
        },
        {
            content: "Confirm the rejection",
            trigger: "button[name='action_confirm']",
        },
        {
            content: "The request is rejected",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Rejected')",
            isCheck: true,
        },
    ],
});
