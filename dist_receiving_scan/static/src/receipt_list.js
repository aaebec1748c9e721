/** @odoo-module **/
/**
 * The receipts ready to receive in the user's receiving warehouses, with the
 * field that opens one: what is typed filters the list, Enter (or a scan) asks
 * the server to open what it names (``onScan``).
 */
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

import { formatDate, onEnter } from "./scan_display";

export class ReceiptList extends Component {
    static template = "dist_receiving_scan.ReceiptList";
    static props = {
        receipts: Array,
        warehouses: Array,
        feedback: { type: [Object, { value: null }], optional: true },
        cameraSupported: Boolean,
        queuedCount: Function,
        onScan: Function,
        onRefresh: Function,
        onCamera: Function,
    };

    setup() {
        this.state = useState({ search: "" });
        Object.assign(this, { formatDate, onEnter });
    }

    get receipts() {
        const search = this.state.search.trim().toLowerCase();
        if (!search) {
            return this.props.receipts;
        }
        return this.props.receipts.filter((receipt) =>
            [receipt.name, receipt.origin, receipt.vendor_ref, receipt.partner]
                .filter(Boolean)
                .some((value) => value.toLowerCase().includes(search))
        );
    }

    get warehousesLabel() {
        return _t("Warehouses: %(warehouses)s", { warehouses: this.props.warehouses.join(", ") });
    }

    waitingLabel(count) {
        return _t("%(count)s scans waiting", { count });
    }

    open() {
        const value = this.state.search.trim();
        if (value) {
            this.props.onScan(value);
        }
    }
}
