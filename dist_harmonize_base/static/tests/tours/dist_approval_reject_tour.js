/** @odoo-module **/

import { registry } from "@web/core/registry";

// A buyer manager sees the waiver a controller asked for counted under
// "Approvals" in the activity menu, opens it from there (My Approvals) and
// rejects it with a reason through the decision wizard.
registry.category("web_tour.tours").add("dist_approval_reject_tour", {
    test: true,
    url: "/web",
    steps: () => [
        {
            content: "The activity menu counts one request",
            trigger: ".o-mail-ActivityMenu-counter:contains('1')",
        },
        {
            content: "Open the approvals waiting for me",
            trigger: ".o-mail-ActivityGroup:contains('Approvals')",
        },
        {
            content: "My Approvals is open",
            trigger: ".o_breadcrumb:contains('My Approvals')",
            isCheck: true,
        },
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
