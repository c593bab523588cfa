import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

/**
 * The managers' dashboard: for a template and period, each clerk's overall
 * score and KRA scores as a heat map, the team row first, and the KPI values
 * in red. Rows and red values open the scorecard and the value.
 */
export class KpiDashboard extends Component {
    static template = "billing_kra_kpi.KpiDashboard";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null });
        onWillStart(() => this.load());
    }

    async load(templateId = false, dateFrom = false) {
        this.state.data = await this.orm.call("billing.scorecard", "get_dashboard_data", [], {
            template_id: templateId,
            date_from: dateFrom,
        });
    }

    onPeriodChange(ev) {
        this.load(this.state.data.template_id, ev.target.value);
    }

    onTemplateChange(ev) {
        this.load(parseInt(ev.target.value), false);
    }

    formatScore(score) {
        return score === null || score === undefined ? _t("n/a") : score.toFixed(0);
    }

    heatClass(score) {
        if (score === null || score === undefined) {
            return "o_billing_heat_na";
        }
        if (score >= 90) {
            return "o_billing_heat_high";
        }
        if (score >= 70) {
            return "o_billing_heat_mid";
        }
        if (score >= 50) {
            return "o_billing_heat_low";
        }
        return "o_billing_heat_bad";
    }

    periodLabel(day) {
        return luxon.DateTime.fromISO(day).toFormat("LLLL yyyy");
    }

    openScorecard(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "billing.scorecard",
            res_id: id,
            views: [[false, "form"]],
        });
    }

    openValue(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "billing.kpi.value",
            res_id: id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("billing_kpi_dashboard", KpiDashboard);
