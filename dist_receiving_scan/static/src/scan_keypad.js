/** @odoo-module **/
/**
 * A touch keypad to type a quantity (large keys, no native keyboard).
 * ``onApply(quantity)`` gets a positive number; ``onClose()`` hides it.
 */
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

export class ScanKeypad extends Component {
    static template = "dist_receiving_scan.ScanKeypad";
    static props = {
        target: { type: String, optional: true },
        onApply: Function,
        onClose: Function,
    };

    setup() {
        this.state = useState({ value: "" });
        this.keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "⌫"];
    }

    get title() {
        return this.props.target
            ? _t("Quantity of %(product)s", { product: this.props.target })
            : _t("Quantity of the next scan");
    }

    get quantity() {
        const quantity = parseFloat(this.state.value);
        return Number.isFinite(quantity) && quantity > 0 ? quantity : null;
    }

    press(key) {
        if (key === "⌫") {
            this.state.value = this.state.value.slice(0, -1);
        } else if (key === ".") {
            if (!this.state.value.includes(".")) {
                this.state.value = (this.state.value || "0") + ".";
            }
        } else if (this.state.value.length < 9) {
            this.state.value = this.state.value === "0" ? key : this.state.value + key;
        }
    }

    apply() {
        if (this.quantity !== null) {
            this.props.onApply(this.quantity);
            this.state.value = "";
        }
    }
}
