/** @odoo-module **/

import { Component, onWillStart, onWillUnmount, useEffect, useRef } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { getColor } from "@web/core/colors/colors";

/**
 * One Chart.js chart (Odoo's own bundle, loaded as the graph view loads it).
 *
 * Props: `type` ("line" for a trend, "bar" for a breakdown), `labels`, `values`,
 * `label` (the series name), `onPointClick(index)` (optional: drill-down).
 */
export class KpiChart extends Component {
    static template = "dist_kpi.KpiChart";
    static props = {
        type: String,
        labels: Array,
        values: Array,
        label: { type: String, optional: true },
        compact: { type: Boolean, optional: true },
        onPointClick: { type: Function, optional: true },
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.chart = null;
        onWillStart(() => loadBundle("web.chartjs_lib"));
        useEffect(
            () => {
                this.renderChart();
                return () => this.destroy();
            },
            () => [this.props.labels.join("|"), this.props.values.join("|"), this.props.type]
        );
        onWillUnmount(() => this.destroy());
    }

    destroy() {
        if (this.chart) {
            this.chart.destroy();
            this.chart = null;
        }
    }

    renderChart() {
        const compact = this.props.compact;
        const color = getColor(compact ? 1 : 2);
        this.chart = new Chart(this.canvasRef.el, {
            type: this.props.type,
            data: {
                labels: this.props.labels,
                datasets: [
                    {
                        label: this.props.label || "",
                        data: this.props.values,
                        backgroundColor: this.props.type === "bar" ? color : "transparent",
                        borderColor: color,
                        borderWidth: compact ? 1.5 : 2,
                        pointRadius: compact ? 0 : 3,
                        tension: 0.3,
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                plugins: { legend: { display: false }, tooltip: { enabled: !compact } },
                scales: compact
                    ? { x: { display: false }, y: { display: false } }
                    : { y: { beginAtZero: true } },
                onClick: (_event, elements) => {
                    if (elements.length && this.props.onPointClick) {
                        this.props.onPointClick(elements[0].index);
                    }
                },
            },
        });
    }
}
