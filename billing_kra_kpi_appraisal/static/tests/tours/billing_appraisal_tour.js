import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("billing_appraisal_kpi_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Appraisals app",
            trigger: ".o_app[data-menu-xmlid='hr_appraisal_oca.menu_hr_appraisal_root']",
            run: "click",
        },
        {
            content: "Open Anna's appraisal",
            trigger: ".o_kanban_record:contains('Anna Novak')",
            run: "click",
        },
        {
            content: "Open the KPI scorecard of the appraisal",
            trigger: ".o_notebook_headers a[name='kpi_scorecard']",
            run: "click",
        },
        {
            content: "The KPI section shows the overall score",
            trigger: ".o_billing_appraisal_score .o_field_float",
            run() {
                const score = this.anchor.textContent.trim();
                if (!/^\d+\.\d$/.test(score)) {
                    throw new Error(`The overall score reads "${score}", not a number.`);
                }
            },
        },
        {
            content: "The KRA scores are listed",
            trigger: ".o_field_widget[name='kpi_kra_ids'] .o_data_row:contains('Billing Processing')",
        },
        {
            content: "The scorecards of the period are listed",
            trigger: ".o_field_widget[name='kpi_scorecard_line_ids'] .o_data_row",
        },
        {
            content: "Confirm the appraisal",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The KPI section says that it is a snapshot",
            trigger: ".o_billing_appraisal_snapshot:contains('Snapshot taken on')",
        },
    ],
});
