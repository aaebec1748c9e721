/** @odoo-module **/

import { registry } from "@web/core/registry";

// A master-data steward opens the items awaiting approval, picks the one a
// buyer submitted and approves it.
registry.category("web_tour.tours").add("dist_item_approval_tour", {
    test: true,
    url: "/web#action=dist_harmonize_base.product_template_action_dist_items",
    steps: () => [
        {
            content: "Open the item submitted by the buyer",
            trigger: ".o_data_row td.o_data_cell:contains('Tour Sparkling Water')",
        },
        {
            content: "The item awaits approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('To Approve')",
            isCheck: true,
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name='action_dist_approve']",
        },
        {
            content: "The item is now active",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Active')",
            isCheck: true,
        },
    ],
});
