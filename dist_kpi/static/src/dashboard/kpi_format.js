/** @odoo-module **/

import { formatFloat } from "@web/views/fields/formatters";

/**
 * The text of a KPI figure in its unit (the contract's `unit`): amounts in the
 * dashboard's currency (symbol before or after, as the currency says), ratios to two
 * decimals, days to one, percentages as given (0-100), counts as integers.
 */
export function formatKpiValue(value, unit, currency) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return "–";
    }
    switch (unit) {
        case "amount": {
            const text = formatFloat(value, { digits: [false, 0] });
            if (!currency || !currency.symbol) {
                return text;
            }
            return currency.position === "before"
                ? `${currency.symbol} ${text}`
                : `${text} ${currency.symbol}`;
        }
        case "ratio":
            return formatFloat(value, { digits: [false, 2] });
        case "days":
            return `${formatFloat(value, { digits: [false, 1] })} d`;
        case "percent":
            return `${formatFloat(value, { digits: [false, 1] })} %`;
        case "count":
            return formatFloat(value, { digits: [false, 0] });
        default:
            return formatFloat(value, { digits: [false, 2] });
    }
}

/**
 * The change from the comparison period: `{text, good}`; `good` is true when the
 * change goes the KPI's way (`direction` "up": higher is better).
 */
export function kpiDelta(kpi) {
    const { value, compare_value: compare } = kpi;
    if (value === null || value === undefined || compare === null || compare === undefined) {
        return null;
    }
    const diff = value - compare;
    const pct = compare ? (diff / Math.abs(compare)) * 100 : null;
    const sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
    const text =
        pct === null
            ? `${sign}${formatFloat(Math.abs(diff), { digits: [false, 2] })}`
            : `${sign}${formatFloat(Math.abs(pct), { digits: [false, 1] })} %`;
    const good = diff === 0 ? null : (diff > 0) === (kpi.direction !== "down");
    return { text, good };
}
