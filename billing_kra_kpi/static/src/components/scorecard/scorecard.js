import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const SPARK_WIDTH = 80;
const SPARK_HEIGHT = 22;
const STATUS_CLASSES = {
    green: "text-bg-success",
    amber: "text-bg-warning",
    red: "text-bg-danger",
    na: "text-bg-light",
    input: "text-bg-secondary",
};

/**
 * The scorecard of one employee and period: the KRAs as sections with their
 * weight and score, each KPI with its value, target, achievement bar, status
 * and a sparkline of the last periods. Reads the JSON of the "card" field.
 */
export class Scorecard extends Component {
    static template = "billing_kra_kpi.Scorecard";
    static props = { ...standardFieldProps };

    setup() {
        this.action = useService("action");
    }

    get card() {
        return this.props.record.data[this.props.name] || { sections: [] };
    }

    formatScore(score) {
        return score === null || score === undefined ? _t("n/a") : score.toFixed(1);
    }

    statusClass(status) {
        return STATUS_CLASSES[status] || "text-bg-light";
    }

    barWidth(achievement) {
        return `${Math.min(Math.max(achievement || 0, 0), 100)}%`;
    }

    barClass(kpi) {
        return { green: "bg-success", amber: "bg-warning", red: "bg-danger" }[kpi.status] || "bg-secondary";
    }

    sparkline(history) {
        const values = history.map((point) => point[1]).filter((value) => value !== null);
        if (values.length < 2) {
            return null;
        }
        const low = Math.min(...values);
        const high = Math.max(...values);
        const span = high - low || 1;
        const step = SPARK_WIDTH / (history.length - 1);
        const points = [];
        history.forEach(([, value], index) => {
            if (value !== null) {
                const y = SPARK_HEIGHT - 2 - ((value - low) / span) * (SPARK_HEIGHT - 4);
                points.push(`${(index * step).toFixed(1)},${y.toFixed(1)}`);
            }
        });
        return { width: SPARK_WIDTH, height: SPARK_HEIGHT, points: points.join(" ") };
    }

    openValue(kpi) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "billing.kpi.value",
            res_id: kpi.value_id,
            views: [[false, "form"]],
        });
    }
}

registry.category("fields").add("billing_scorecard", {
    component: Scorecard,
    supportedTypes: ["json"],
});
