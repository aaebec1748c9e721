/** @odoo-module **/
/*
 * The procure-to-pay flow, one tour per role (each runs under its own login):
 * buyer raises a requisition -> manager approves it -> buyer makes the RFQ and
 * confirms it -> manager approves the order -> warehouse receives -> payables
 * clerk cannot pay the bill over tolerance (dist_procure_queue_tour.js) ->
 * controller releases -> paid.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const current = (label) => ({
    content: `Status is ${label}`,
    trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
    isCheck: true,
});

tours.add("dist_procure_requisition_tour", {
    test: true,
    steps: () => [
        {
            content: "New requisition",
            trigger: ".o_list_button_add",
        },
        {
            content: "Add a line",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
        },
        {
            content: "Pick the product",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row [name='product_id'] input",
            run: "text Bolt M8",
        },
        {
            content: "Choose it",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Bolt M8')",
        },
        {
            content: "Quantity",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row [name='product_qty'] input",
            run: "text 12",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
        },
        {
            content: "Submit for approval",
            trigger: ".o_statusbar_buttons button[name='action_dist_submit']",
        },
        current("To Approve"),
    ],
});

tours.add("dist_procure_requisition_approve_tour", {
    test: true,
    steps: () => [
        {
            content: "Approve the requisition",
            trigger: ".o_statusbar_buttons button[name='action_dist_approve']",
        },
        current("Approved"),
    ],
});

tours.add("dist_procure_rfq_tour", {
    test: true,
    steps: () => [
        {
            content: "Create the RFQs",
            trigger: ".o_statusbar_buttons button[name='action_create_rfqs']",
        },
        {
            content: "Open it",
            trigger: ".o_data_row td.o_data_cell:contains('Acme Supplies')",
        },
        {
            content: "Confirm the order",
            trigger: ".o_statusbar_buttons button[name='button_confirm']",
        },
        current("To Approve"),
    ],
});

tours.add("dist_procure_po_approve_tour", {
    test: true,
    steps: () => [
        {
            content: "Approve the order",
            trigger: ".o_statusbar_buttons button[name='button_approve']",
        },
        current("Purchase Order"),
    ],
});

tours.add("dist_procure_receipt_tour", {
    test: true,
    steps: () => [
        {
            content: "Validate the receipt",
            trigger: ".o_statusbar_buttons button[name='button_validate']",
        },
        current("Done"),
    ],
});

tours.add("dist_procure_release_tour", {
    test: true,
    steps: () => [
        {
            content: "Release the payment",
            trigger: ".o_statusbar_buttons button[name='action_dist_open_release']",
        },
        {
            content: "Give the reason",
            trigger: ".o_field_widget[name='reason'] textarea",
            run: "text Surcharge agreed with the vendor",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button[name='action_confirm']",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal-dialog))",
            isCheck: true,
        },
        {
            content: "The bill is no longer blocked",
            trigger: ".o_form_view:has(.o_statusbar_status):not(:has(.alert-danger))",
            isCheck: true,
        },
    ],
});

tours.add("dist_procure_payment_tour", {
    test: true,
    steps: () => [
        {
            content: "Register the payment",
            trigger: ".o_statusbar_buttons button[name='action_register_payment']",
        },
        {
            content: "Create the payment",
            trigger: ".modal-footer button:contains('Create Payment')",
        },
        {
            content: "The bill is paid",
            trigger: ".o_form_view .ribbon:contains('Payment'), .o_form_view .ribbon:contains('Paid')",
            isCheck: true,
        },
    ],
});
