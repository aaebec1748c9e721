/** @odoo-module **/
/*
 * What the controller and the payables clerk meet on the screens of a bill
 * blocked by its three-way match: the exception queue links to the bill and
 * offers only what can succeed; the bill says why it cannot be paid.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const REASON = "Three-way match out of tolerance";

tours.add("dist_procure_controller_queue_tour", {
    test: true,
    steps: () => [
        {
            content: "The queue shows the readable reason, not its code",
            trigger: `.o_list_view .o_data_row td[name='reason_id']:contains('${REASON}')`,
            isCheck: true,
        },
        {
            content: "The technical code is no longer shown as the reason",
            trigger: ".o_list_view:not(:has(td[name='reason_id']:contains('three_way_match')))",
            isCheck: true,
        },
        {
            content: "Each row can open its document",
            trigger: ".o_data_row:has(td[name='reason_id']:contains('Three-way match')) button[name='action_open_document']",
            isCheck: true,
        },
        {
            content: "Open the bill's match exception",
            trigger: `.o_data_row td[name='reason_id']:contains('${REASON}')`,
        },
        {
            content: "The form links to the bill: smart button",
            trigger: "button.oe_stat_button[name='action_open_document']:contains('Vendor Bill')",
            isCheck: true,
        },
        {
            content: "... and a clickable Document field",
            trigger: ".o_field_widget[name='document_ref'] a, .o_field_widget[name='document_ref'] .o_form_uri",
            isCheck: true,
        },
        {
            content: "Resolve and Waive are not offered on a bill's match exception",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name='action_resolve'])):not(:has(button[name='action_request_waiver']))",
            isCheck: true,
        },
        {
            content: "Release Payment is the primary action",
            trigger: ".o_statusbar_buttons button.btn-primary[name='action_dist_open_release']",
            isCheck: true,
        },
        {
            content: "Open the bill through the smart button",
            trigger: "button.oe_stat_button[name='action_open_document']",
        },
        {
            content: "The bill says why it cannot be paid",
            trigger: ".o_form_view .alert-danger:contains('Payment blocked'):contains('Exception')",
            isCheck: true,
        },
        {
            content: "Release Payment is the controller's primary action on the bill",
            trigger: ".o_statusbar_buttons button.btn-primary[name='action_dist_open_release']",
            isCheck: true,
        },
        {
            content: "Register Payment is not offered on the blocked bill",
            trigger: ".o_statusbar_buttons:not(:has(button[name='action_register_payment']))",
            isCheck: true,
        },
        {
            content: "The match tab shows the tolerance key's figures",
            trigger: ".o_notebook_headers a:contains('Three-Way Match')",
        },
        {
            content: "Tolerance column with the key's percentages",
            trigger: ".o_field_widget[name='dist_match_line_ids'] td[name='dist_tolerance_summary']:contains('price 5 %')",
            isCheck: true,
        },
        {
            content: "Back to the exception",
            trigger: ".o_breadcrumb ol.breadcrumb li.breadcrumb-item:last-child a",
        },
        {
            content: "The exception is shown again",
            trigger: ".o_form_view .alert-info:contains('closes with its bill')",
            isCheck: true,
        },
        {
            content: "Release Payment from the exception",
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
            content: "The exception is closed by the release",
            trigger: "body:not(:has(.modal-dialog)) .o_statusbar_status button.o_arrow_button_current:contains('Resolved')",
            isCheck: true,
        },
    ],
});

tours.add("dist_procure_controller_lists_tour", {
    test: true,
    steps: () => [
        {
            content: "Match Exceptions: the tolerance figures are a column",
            trigger: ".o_list_view th[data-name='dist_tolerance_summary']",
            isCheck: true,
        },
        {
            content: "... and the secondary figures are optional, hidden by default",
            trigger: ".o_list_view:not(:has(th[data-name='dist_po_price'])):not(:has(th[data-name='dist_ordered_qty']))",
            isCheck: true,
        },
        {
            content: "A row opens its bill",
            trigger: ".o_list_view .o_data_row td[name='dist_match_state']:contains('Exception')",
        },
        {
            content: "The bill is open",
            trigger: ".o_form_view .alert-danger:contains('Payment blocked')",
            isCheck: true,
        },
    ],
});

tours.add("dist_procure_controller_releases_tour", {
    test: true,
    steps: () => [
        {
            content: "Payment Releases: who asked, who released and when",
            trigger: ".o_list_view th[data-name='requester_id'] ~ th[data-name='released_by_id'] ~ th[data-name='released_date']",
            isCheck: true,
        },
        {
            content: "The release shows the controller who asked as its requester",
            trigger: ".o_data_row td[name='requester_id']:contains('dist_controller')",
            isCheck: true,
        },
    ],
});

tours.add("dist_procure_clerk_blocked_bill_tour", {
    test: true,
    steps: () => [
        {
            content: "The blocked bill shows the banner with its reason",
            trigger: ".o_form_view .alert-danger:contains('Payment blocked'):contains('Exception'):contains('Register Payment is unavailable')",
            isCheck: true,
        },
        {
            content: "No Register Payment to fill in and see refused",
            trigger: ".o_statusbar_buttons:not(:has(button[name='action_register_payment']))",
            isCheck: true,
        },
        {
            content: "The clerk may ask for a release (not the primary action)",
            trigger: ".o_statusbar_buttons button[name='action_dist_open_release']:not(.btn-primary):contains('Request Release')",
            isCheck: true,
        },
        {
            content: "Bill lines: the match status badge, the label keeps its room",
            trigger: ".o_field_widget[name='invoice_line_ids'] th[data-name='dist_match_state']",
            isCheck: true,
        },
        {
            content: "... the other match and shipment columns are optional, hidden",
            trigger: ".o_field_widget[name='invoice_line_ids']:not(:has(th[data-name='dist_po_price'])):not(:has(th[data-name='dist_shipment_id']))",
            isCheck: true,
        },
    ],
});
