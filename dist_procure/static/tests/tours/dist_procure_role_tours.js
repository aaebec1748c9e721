/** @odoo-module **/
/*
 * The warehouse user receiving a PO receipt beyond its tolerance, and the
 * controller reading the tolerance keys from Invoicing's configuration.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const MOVES = ".o_field_widget[name='move_ids_without_package']";
const setQuantity = (qty) => [
    {
        content: `Receive ${qty}`,
        trigger: `${MOVES} .o_data_row:first td[name='quantity']`,
    },
    {
        content: `Type ${qty}`,
        trigger: `${MOVES} .o_data_row:first [name='quantity'] input`,
        run: `text ${qty}`,
    },
];

tours.add("dist_procure_warehouse_over_receipt_tour", {
    test: true,
    steps: () => [
        {
            content: "The receipt screen of the PO",
            trigger: ".o_form_view .o_breadcrumb:contains('IN/')",
            isCheck: true,
        },
        ...setQuantity(130),
        {
            content: "Validate",
            trigger: ".o_statusbar_buttons button[name='button_validate']",
        },
        {
            content: "The refusal names the over-receipt tolerance",
            trigger: ".modal-body:contains('beyond the ordered'):contains('over-receipt tolerance')",
            isCheck: true,
        },
        {
            content: "Close the message",
            trigger: ".modal-footer .btn-primary",
        },
        ...setQuantity(100),
        {
            content: "Validate what was ordered",
            trigger: ".o_statusbar_buttons button[name='button_validate']",
        },
        {
            content: "Received",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
            isCheck: true,
        },
    ],
});

tours.add("dist_procure_controller_tolerance_keys_tour", {
    test: true,
    steps: () => [
        {
            content: "Open Invoicing's configuration",
            trigger: ".o_menu_sections .dropdown-toggle:contains('Configuration')",
        },
        {
            content: "Open the tolerance keys",
            trigger: ".dropdown-menu .dropdown-item:contains('Tolerance Keys')",
        },
        {
            content: "A zero bill cap reads no limit, not $ 0.00",
            trigger: ".o_list_view .o_data_row td[name='bill_total_display']:contains('no limit')",
            isCheck: true,
        },
        {
            content: "The controller reads the keys but cannot create one",
            trigger: ".o_control_panel:not(:has(.o_list_button_add))",
            isCheck: true,
        },
        {
            content: "Open the key",
            trigger: ".o_data_row td[name='name']:contains('Company tolerance')",
        },
        {
            content: "The form says no limit beside the zero cap",
            trigger: ".o_form_view div[name='bill_total']:contains('no limit')",
            isCheck: true,
        },
        {
            content: "The chatter shows who changed the price % from 5 to 7.5",
            trigger: ".o-mail-Message-tracking:contains('5.00'):contains('7.50'):contains('Price %')",
            isCheck: true,
        },
    ],
});
