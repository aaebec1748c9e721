/** @odoo-module **/
/*
 * The approval screens as a buyer and a buyer manager meet them
 * (TestApprovalScreensTour): who an order waits for and at which level, My
 * Approvals' columns without meaningless totals, an approval rule's
 * "No limit" and the history of its thresholds.
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const check = (content, trigger) => ({ content, trigger, isCheck: true });
const LEVEL_1 = "Level 1 of 2 — Manager";
const LEVEL_2 = "Level 2 of 2 — Director";

tours.add("dist_procure_buyer_submit_tour", {
    test: true,
    steps: () => [
        {
            content: "Confirm the order: it needs approval",
            trigger: ".o_statusbar_buttons button[name='button_confirm']",
        },
        check(
            "The order waits for approval",
            ".o_statusbar_status button.o_arrow_button_current:contains('To Approve')"
        ),
        check(
            "The form names the level",
            `.o_form_view .o_field_widget[name='dist_approval_level']:contains('${LEVEL_1}')`
        ),
        check(
            "and who may approve it now",
            ".o_form_view .o_field_widget[name='dist_waiting_for']:contains('Bea Manager')"
        ),
        check(
            "but not the buyer, who asked",
            ".o_form_view .o_field_widget[name='dist_waiting_for']:not(:contains('Bob Buyer'))"
        ),
    ],
});

tours.add("dist_procure_buyer_orders_to_approve_tour", {
    test: true,
    steps: () => [
        check("Orders to Approve is open", ".o_breadcrumb:contains('Orders to Approve')"),
        check("It has a Level column", ".o_list_view th[data-name='dist_approval_level']:contains('Approval Level')"),
        check("and a Waiting for column", ".o_list_view th[data-name='dist_waiting_for']:contains('Waiting for')"),
        check(
            "The order's row says which level and whom it waits for",
            `.o_data_row:has(td[name='dist_approval_level']:contains('${LEVEL_1}')):has(td[name='dist_waiting_for']:contains('Bea Manager'))`
        ),
    ],
});

tours.add("dist_procure_manager_my_approvals_tour", {
    test: true,
    steps: () => [
        check("My Approvals is open", ".o_breadcrumb:contains('My Approvals')"),
        ...[
            ["document_name", "Document"],
            ["res_model_id", "Document Type"],
            ["level_label", "Level"],
            ["waiting_for", "Waiting for"],
            ["requester_id", "Requested by"],
            ["pending_since", "Requested on"],
            ["amount", "Amount"],
        ].map(([name, label]) =>
            check(`Column ${label}`, `.o_list_view th[data-name='${name}']:contains('${label}')`)
        ),
        check("No column is called Name", ".o_list_view thead:not(:contains('Name'))"),
        check(
            "The row reads as the manager says it",
            `.o_data_row:has(td[name='level_label']:contains('${LEVEL_1}')):has(td[name='requester_id']:contains('Bob Buyer')):has(td[name='amount']:contains('$'))`
        ),
        check("No total under the list", ".o_list_view:not(:has(tfoot td.o_list_number span:not(:empty)))"),
        {
            content: "Group by document type",
            trigger: ".o_searchview_dropdown_toggler",
        },
        {
            content: "Document Type",
            trigger: ".o_group_by_menu .o_menu_item:contains('Document Type')",
        },
        check("Grouped", ".o_group_header"),
        check(
            "A group adds no amounts together",
            ".o_list_view:not(:has(.o_group_header td.o_list_number span:not(:empty)))"
        ),
        {
            content: "Open the group",
            trigger: ".o_group_header:contains('Purchase Order')",
        },
        {
            content: "Approve the first level",
            trigger: `.o_data_row:has(td[name='level_label']:contains('${LEVEL_1}')) button[name='action_approve']`,
        },
        check(
            "Nothing else waits for me",
            ".o_list_view:not(:has(.o_data_row td[name='level_label']:contains('Level 1')))"
        ),
        {
            content: "Show every request, not only mine",
            trigger: ".o_searchview_facet:contains('To Approve by Me') .o_facet_remove",
        },
        {
            content: "Ungroup",
            trigger: ".o_searchview_facet:contains('Document Type') .o_facet_remove",
        },
        check(
            "The next level is named, with whom it waits for",
            `.o_data_row:has(td[name='level_label']:contains('${LEVEL_2}')):has(td[name='waiting_for']:contains('Dora Director'))`
        ),
    ],
});

tours.add("dist_procure_manager_rule_tour", {
    test: true,
    steps: () => [
        check("Approval Rules, grouped by document model", ".o_group_header:contains('Purchase Order')"),
        check(
            "A group sums no thresholds",
            ".o_list_view:not(:has(.o_group_header td.o_list_number span:not(:empty)))"
        ),
        {
            content: "Open the group",
            trigger: ".o_group_header:contains('Purchase Order')",
        },
        check(
            "An open upper bound reads No limit",
            ".o_data_row td[name='amount_max']:contains('No limit')"
        ),
        {
            content: "Open the rule",
            trigger: ".o_data_row td[name='name']:contains('Orders')",
        },
        check("The form says No limit too", ".o_field_widget[name='amount_max']:contains('No limit')"),
        check("and never $0.00", ".o_field_widget[name='amount_max']:not(:contains('0.00'))"),
        check("The rule has a chatter", ".o-mail-Chatter"),
    ],
});

tours.add("dist_procure_admin_rule_threshold_tour", {
    test: true,
    steps: () => [
        check("The upper bound is empty, its placeholder says No limit", ".o_field_widget[name='amount_max'] input[placeholder='No limit']"),
        {
            content: "Set an upper bound",
            trigger: ".o_field_widget[name='amount_max'] input",
            run: "text 50000",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
        },
        check("Saved", ".o_form_saved"),
        check(
            "The chatter says who changed the threshold, from what to what",
            ".o-mail-Message:has(.o-mail-Message-author:contains('Ada Admin')):has(.o-mail-Message-trackingField:contains('Amount Limit')):has(.o-mail-Message-trackingOld:contains('No limit')):has(.o-mail-Message-trackingNew:contains('50,000.00'))"
        ),
    ],
});
