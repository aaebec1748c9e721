/** @odoo-module */

import { ActivityMenu } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";

/**
 * The "Approvals" entry of the activity menu counts approval requests, not
 * activities: open My Approvals (late ones only from the "Late" counter).
 */
patch(ActivityMenu.prototype, {
    openActivityGroup(group, filter = "all") {
        if (!group.dist_approvals) {
            return super.openActivityGroup(...arguments);
        }
        document.body.click(); // close the dropdown, as core does
        const context = { search_default_to_approve: 1 };
        if (filter === "overdue") {
            context.search_default_late = 1;
        }
        return this.action.doAction("dist_harmonize_base.dist_approval_request_action_my", {
            additionalContext: context,
            clearBreadcrumbs: true,
        });
    },
});
