import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 40, bottom: 36, left: 56 };

/**
 * The history of an initiative's KPI: its team value per period as a line,
 * with the baseline and the target as horizontal lines and the start as a
 * vertical one. Reads the JSON of the "history" field; draws plain SVG.
 */
export class InitiativeChart extends Component {
    static template = "billing_kra_kpi.InitiativeChart";
    static props = { ...standardFieldProps };

    get history() {
        return this.props.record.data[this.props.name] || { points: [] };
    }

    get chart() {
        const { points, baseline, target, start, unit } = this.history;
        const values = points.map((point) => point[1]);
        for (const line of [baseline, target]) {
            if (line !== null && line !== undefined) {
                values.push(line);
            }
        }
        if (!points.length) {
            return { empty: true, width: WIDTH, height: HEIGHT };
        }
        let low = Math.min(...values);
        let high = Math.max(...values);
        const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
        low -= pad;
        high += pad;
        const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
        const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
        const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
        const x = (index) => MARGIN.left + (points.length > 1 ? index * step : plotWidth / 2);
        const y = (value) => MARGIN.top + ((high - value) / (high - low)) * plotHeight;
        const suffix = unit === "percent" ? "%" : "";
        const format = (value) => `${Math.round(value * 100) / 100}${suffix}`;
        const dots = points.map(([day, value], index) => ({
            key: day,
            x: x(index),
            y: y(value),
            label: day.slice(0, 7),
            title: `${day}: ${format(value)}`,
        }));
        const startIndex = start ? points.findIndex(([day]) => day >= start) : -1;
        const horizontal = (value, name, cls) =>
            value === null || value === undefined
                ? null
                : { y: y(value), label: `${name} ${format(value)}`, cls };
        return {
            empty: false,
            width: WIDTH,
            height: HEIGHT,
            left: MARGIN.left,
            right: WIDTH - MARGIN.right,
            bottom: HEIGHT - MARGIN.bottom,
            top: MARGIN.top,
            line: dots.map((dot) => `${dot.x},${dot.y}`).join(" "),
            dots,
            high: format(high - pad),
            low: format(low + pad),
            highY: y(high - pad),
            lowY: y(low + pad),
            baseline: horizontal(baseline, _t("Baseline"), "o_billing_chart_baseline"),
            target: horizontal(target, _t("Target"), "o_billing_chart_target"),
            startX: startIndex >= 0 ? x(startIndex) : null,
        };
    }
}

registry.category("fields").add("billing_initiative_chart", {
    component: InitiativeChart,
    supportedTypes: ["json"],
});
