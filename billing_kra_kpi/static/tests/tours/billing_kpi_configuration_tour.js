/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** Steps from the home screen to the open Configuration menu of the KPI app. */
function openConfigurationMenu() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the KPI app",
            trigger: ".o_app[data-menu-xmlid='billing_kra_kpi.menu_billing_kpi_root']",
            run: "click",
        },
        {
            content: "Open the Configuration menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='billing_kra_kpi.menu_billing_kpi_configuration']",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("billing_kpi_configuration_tour", {
    url: "/odoo",
    steps: () => [
        ...openConfigurationMenu(),
        {
            content: "Open the templates",
            trigger: ".dropdown-item[data-menu-xmlid='billing_kra_kpi.menu_billing_kpi_template']",
            run: "click",
        },
        {
            content: "Open the Billing Clerk template",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Billing Clerk')",
            run: "click",
        },
        {
            content: "The template shows its ten KRAs, weights summing to 100",
            trigger: ".o_form_view .o_field_widget[name='kra_ids'] .o_data_row:nth-child(10) td[name='name']:contains('Training and Development')",
        },
        {
            content: "Open the KPI list from the smart button",
            trigger: ".oe_stat_button[name='action_open_kpis']:contains('44')",
            run: "click",
        },
        {
            content: "Unfold the Billing Processing KRA",
            trigger: ".o_list_view .o_group_name:contains('Billing Processing')",
            run: "click",
        },
        {
            content: "Open KPI 1.4",
            trigger: ".o_list_view .o_data_row td[name='code']:contains('1.4')",
            run: "click",
        },
        {
            content: "The KPI form shows its live metric",
            trigger: ".o_form_view .o_field_widget[name='metric']:contains('paid on time')",
        },
        {
            content: "The KPI form shows the SMART check",
            trigger: ".o_form_view .o_field_widget[name='smart_time_bound'] input:checked",
        },
        {
            content: "The KPI form shows how it is measured",
            trigger: ".o_form_view .o_field_widget[name='description'] textarea",
            run() {
                const expected = "fully paid on or before their due date";
                if (!this.anchor.value.includes(expected)) {
                    throw new Error(`The description does not mention "${expected}"`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("billing_kpi_clerk_tour", {
    url: "/odoo",
    steps: () => [
        ...openConfigurationMenu(),
        {
            content: "Open the KPIs",
            trigger: ".dropdown-item[data-menu-xmlid='billing_kra_kpi.menu_billing_kpi']",
            run: "click",
        },
        {
            content: "A clerk cannot create KPIs",
            trigger: ".o_list_view:not(:has(.o_list_button_add))",
        },
        {
            content: "Unfold the Payment Reconciliation KRA",
            trigger: ".o_list_view .o_group_name:contains('Payment Reconciliation')",
            run: "click",
        },
        {
            content: "Open KPI 4.4",
            trigger: ".o_list_view .o_data_row td[name='code']:contains('4.4')",
            run: "click",
        },
        {
            content: "The KPI form is read-only for a clerk",
            trigger: ".o_form_view .o_form_readonly .o_field_widget[name='direction'] span:contains('Lower is better')",
        },
    ],
});

registry.category("web_tour.tours").add("billing_kpi_value_details_tour", {
    steps: () => [
        {
            content: "The value form shows the KPI and the clerk",
            trigger: ".o_form_view .o_field_widget[name='subject']:contains('Anna Novak')",
        },
        {
            content: "Open the records counted in the numerator",
            trigger: ".o_form_view button[name='action_open_numerator_records']",
            run: "click",
        },
        {
            content: "The invoices behind the value are listed",
            trigger: ".o_list_view .o_data_row td:contains('INV/')",
        },
        {
            content: "The breadcrumb names the numerator",
            trigger: ".o_breadcrumb:contains('Numerator')",
        },
    ],
});
