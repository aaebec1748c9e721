/** @odoo-module **/
/*
 * The master-data steward: the item queue under Distribution > Master Data,
 * then the duplicate exception a look-alike raised, its readable reason and
 * the smart button that opens the item.
 */
import { registry } from "@web/core/registry";

const ITEM = "ORGANIC green tea 500G";
const REASON = "Similar item name";

registry.category("web_tour.tours").add("dist_steward_duplicate_tour", {
    test: true,
    steps: () => [
        {
            content: "The item queue lists the look-alike submitted by the buyer",
            trigger: `.o_data_row td.o_data_cell:contains('${ITEM}')`,
            isCheck: true,
        },
        {
            content: "Open the Exceptions menu of the Distribution app",
            trigger: ".o_menu_sections .dropdown-toggle:contains('Exceptions')",
        },
        {
            content: "Open the exception queue",
            trigger: ".dropdown-menu .dropdown-item:contains('Exception Queue')",
        },
        {
            content: "The duplicate shows its readable reason, not its code",
            trigger: `.o_list_view .o_data_row td[name='reason_id']:contains('${REASON}')`,
            isCheck: true,
        },
        {
            content: "Open the duplicate exception",
            trigger: `.o_data_row td[name='reason_id']:contains('${REASON}')`,
        },
        {
            content: "The form is the look-alike's exception",
            trigger: `.o_form_view .oe_title:contains('${ITEM}')`,
            isCheck: true,
        },
        {
            content: "The form names the reason in words",
            trigger: ".o_form_view .o_field_widget[name='reason_id']",
            run() {
                const field = this.$anchor[0];
                const shown = field.querySelector("input")?.value || field.textContent;
                if (!shown.includes(REASON)) {
                    throw new Error(`Reason shown as "${shown}", expected "${REASON}"`);
                }
            },
        },
        {
            content: "Open the item through the document smart button",
            trigger: "button.oe_stat_button[name='action_open_document']:contains('Product')",
        },
        {
            content: "The look-alike item is open",
            trigger: `.o_breadcrumb .active:contains('${ITEM}')`,
            isCheck: true,
        },
    ],
});
