/** @odoo-module **/
/*
 * The intercompany chain as each company's users meet it (TestIntercompanyTour):
 * A's purchase order, approved, becomes B's sale order; B's delivery is A's
 * receipt (with the same lots: checked by the test); B's invoice is A's bill, matched; the month's
 * reconciliation balances.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const check = (content, trigger) => ({ content, trigger, isCheck: true });
const status = (label) =>
    `.o_statusbar_status button.o_arrow_button_current:contains('${label}')`;
const smartButton = ".o_form_view .oe_stat_button[name='action_dist_open_ic_transaction']";

tours.add("dist_ic_buyer_confirm_tour", {
    test: true,
    steps: () => [
        check("The transfer price is on the line", ".o_field_widget[name='order_line'] td:contains('100.00')"),
        {
            content: "Confirm the order to the sister company",
            trigger: ".o_statusbar_buttons button[name='button_confirm']",
        },
        check("It waits for the approval matrix first", status("To Approve")),
    ],
});

tours.add("dist_ic_manager_approve_tour", {
    test: true,
    steps: () => [
        {
            content: "Approve the order",
            trigger: ".o_statusbar_buttons button[name='button_approve']",
        },
        check("The order is confirmed", status("Purchase Order")),
        check("and belongs to an intercompany chain", smartButton),
    ],
});

tours.add("dist_ic_sale_tour", {
    test: true,
    steps: () => [
        check("The mirrored sale order is confirmed", status("Sales Order")),
        check("It says where it came from", ".o-mail-Message:contains('Mirrored from')"),
        check("with its chain", smartButton),
    ],
});

tours.add("dist_ic_delivery_tour", {
    test: true,
    steps: () => [
        check("The delivery is ready", status("Ready")),
        {
            content: "Validate the delivery",
            trigger: ".o_statusbar_buttons button[name='button_validate']",
        },
        check("The delivery is done", status("Done")),
    ],
});

tours.add("dist_ic_receipt_tour", {
    test: true,
    steps: () => [
        check("The receipt in A was validated with the delivery", status("Done")),
        check(
            "with the quantities B delivered",
            ".o_field_widget[name='move_ids_without_package'] .o_data_row:has(td:contains('Valve (lot)')):has(td:contains('10.00'))"
        ),
    ],
});

tours.add("dist_ic_invoice_tour", {
    test: true,
    steps: () => [
        {
            content: "Invoice what was delivered",
            trigger: ".o_statusbar_buttons button#create_invoice",
        },
        {
            content: "Create the draft invoice",
            trigger: ".modal-footer button[name='create_invoices']",
        },
        {
            content: "Post the invoice",
            trigger: ".o_statusbar_buttons button[name='action_post']",
        },
        check("The invoice is posted", status("Posted")),
    ],
});

tours.add("dist_ic_bill_tour", {
    test: true,
    steps: () => [
        check("The mirrored bill is posted", status("Posted")),
        check("and matched against the order and the receipt", ".o_field_widget[name='dist_match_state']:contains('Matched')"),
        check("It says where it came from", ".o-mail-Message:contains('Mirrored from')"),
    ],
});

tours.add("dist_ic_reconciliation_tour", {
    test: true,
    steps: () => [
        {
            content: "Compute the month's reconciliation",
            trigger: ".o_statusbar_buttons button[name='action_compute']",
        },
        check("The pair balances", ".o_form_view .ribbon:contains('Balanced')"),
        check("with the invoice and its bill on one line", ".o_field_widget[name='line_ids'] .o_data_row"),
    ],
});
