/** @odoo-module **/
/*
 * `dist_no_limit`: a number field whose 0 means "no limit" (a cap, an upper
 * bound) or "never" (a delay). It reads "No limit", or the field's
 * placeholder, instead of $0.00 in lists and forms; the input stays a plain
 * number input, empty with that placeholder when the value is 0 (clearing it
 * sets 0 again). Monetary, float and integer fields:
 *
 *   <field name="amount_max" widget="dist_no_limit"/>
 *   <field name="reminder_days" widget="dist_no_limit" placeholder="Never"/>
 */
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { Component, xml } from "@odoo/owl";
import { FloatField, floatField } from "@web/views/fields/float/float_field";
import { IntegerField, integerField } from "@web/views/fields/integer/integer_field";
import { MonetaryField, monetaryField } from "@web/views/fields/monetary/monetary_field";

function zeroReadsAsLabel(Base) {
    return class extends Base {
        static props = { ...Base.props, zeroLabel: { type: String, optional: true } };

        get formattedValue() {
            if (!this.value) {
                return this.props.readonly ? this.props.zeroLabel : "";
            }
            return super.formattedValue;
        }
    };
}

const FIELDS = {
    monetary: [zeroReadsAsLabel(MonetaryField), monetaryField],
    float: [zeroReadsAsLabel(FloatField), floatField],
    integer: [zeroReadsAsLabel(IntegerField), integerField],
};

export class NoLimitField extends Component {
    static template = xml`<t t-component="component" t-props="componentProps"/>`;
    static props = ["*"];

    get type() {
        return this.props.record.fields[this.props.name].type;
    }

    get component() {
        return FIELDS[this.type][0];
    }

    get componentProps() {
        const { propsByType, zeroLabel, ...standard } = this.props;
        return { ...standard, ...propsByType[this.type], zeroLabel, placeholder: zeroLabel };
    }
}

export const noLimitField = {
    component: NoLimitField,
    displayName: _t("Zero Means No Limit"),
    supportedTypes: Object.keys(FIELDS),
    isEmpty: () => false,
    extractProps: (fieldInfo, dynamicInfo) => {
        const propsByType = {};
        for (const [type, [, field]] of Object.entries(FIELDS)) {
            propsByType[type] = field.extractProps(fieldInfo, dynamicInfo);
        }
        return { propsByType, zeroLabel: fieldInfo.attrs.placeholder || _t("No limit") };
    },
};

registry.category("fields").add("dist_no_limit", noLimitField);
