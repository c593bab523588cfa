import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** Steps from the home screen to the menu item ``xmlid`` of the KPI app. */
function openKpiMenu(xmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the KPI app",
            trigger: ".o_app[data-menu-xmlid='billing_kra_kpi.menu_billing_kpi_root']",
            run: "click",
        },
        {
            content: "Open the menu",
            trigger: `.o_main_navbar [data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("billing_kpi_initiative_tour", {
    url: "/odoo",
    steps: () => [
        ...openKpiMenu("billing_kra_kpi.menu_billing_improvement_initiative"),
        {
            content: "Open the worked example",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Automated data validation')",
            run: "click",
        },
        {
            content: "The initiative met its target",
            trigger: ".o_form_view .ribbon:contains('Achieved')",
        },
        {
            content: "The form draws the history of the error rate",
            trigger: ".o_billing_initiative_chart svg polyline.o_billing_chart_line",
        },
        {
            content: "with the baseline and the target",
            trigger: ".o_billing_initiative_chart text.o_billing_chart_target:contains('Target')",
        },
    ],
});

registry.category("web_tour.tours").add("billing_kpi_manual_entry_tour", {
    url: "/odoo",
    steps: () => [
        ...openKpiMenu("billing_kra_kpi.menu_billing_kpi_manual_value"),
        {
            content: "Enter a new value",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the KPI",
            trigger: ".o_form_view .o_field_widget[name='kpi_id'] input",
            run: "edit 5.4",
        },
        {
            content: "Pick training hours",
            trigger: ".o_field_widget[name='kpi_id'] .o-autocomplete--dropdown-item:contains('Training hours')",
            run: "click",
        },
        {
            content: "The clerk enters their own value",
            trigger: ".o_form_view .o_field_widget[name='employee_id'] input:value('Anna Novak')",
        },
        {
            content: "Enter the hours",
            trigger: ".o_form_view .o_field_widget[name='value'] input",
            run: "edit 2.5",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The value waits for a manager's approval",
            trigger: ".o_form_view .o_form_saved .o_statusbar_status button.o_arrow_button_current:contains('To Approve')",
        },
    ],
});
