/** @odoo-module **/

import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { CheckboxItem } from "@web/core/dropdown/checkbox_item";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";

/**
 * A filter of the KPI dashboard on any number of values of one dimension
 * (warehouses, families, segments, regions): a dropdown of checkboxes that
 * stays open while values are ticked. No value ticked is "All".
 * `onChange(ids)` gets the new selection.
 */
export class KpiMultiFilter extends Component {
    static template = "dist_kpi.KpiMultiFilter";
    static components = { CheckboxItem, Dropdown, DropdownItem };
    static props = {
        dimension: String,
        options: Array,
        selected: Array,
        onChange: Function,
    };

    get summary() {
        const selected = this.props.options.filter((option) =>
            this.props.selected.includes(option.id)
        );
        if (!selected.length) {
            return _t("All");
        }
        if (selected.length === 1) {
            return selected[0].name;
        }
        return _t("%s selected", selected.length);
    }

    isSelected(id) {
        return this.props.selected.includes(id);
    }

    toggle(id) {
        const selected = this.props.selected;
        this.props.onChange(
            selected.includes(id) ? selected.filter((other) => other !== id) : [...selected, id]
        );
    }

    clear() {
        this.props.onChange([]);
    }
}
