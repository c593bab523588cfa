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

registry.category("web_tour.tours").add("billing_kpi_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        ...openKpiMenu("billing_kra_kpi.menu_billing_kpi_dashboard"),
        {
            content: "The heat map has the team row first",
            trigger: ".o_billing_heatmap tbody tr:first-child[data-subject='Team']",
        },
        {
            content: "Open Anna's scorecard from the heat map",
            trigger: ".o_billing_heatmap tr[data-subject='Anna Novak'] td:first-child",
            run: "click",
        },
        {
            content: "The scorecard shows the KRAs with their scores",
            trigger: ".o_billing_scorecard .o_billing_scorecard_kra:contains('Billing Processing') .o_billing_kra_score",
        },
        {
            content: "Open the value of KPI 1.1",
            trigger: ".o_billing_scorecard tr.o_billing_scorecard_kpi[data-code='1.1']",
            run: "click",
        },
        {
            content: "Open the invoices counted",
            trigger: ".o_form_view button[name='action_open_numerator_records']",
            run: "click",
        },
        {
            content: "The invoices behind the value are listed",
            trigger: ".o_list_view .o_data_row td:contains('INV/')",
        },
    ],
});

registry.category("web_tour.tours").add("billing_kpi_analysis_tour", {
    url: "/odoo",
    steps: () => [
        ...openKpiMenu("billing_kra_kpi.menu_billing_kpi_value"),
        {
            content: "Switch to the pivot",
            trigger: ".o_control_panel .o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot shows the KPIs by month",
            trigger: ".o_pivot table .o_pivot_header_cell_closed:contains('1.1 Invoices processed per day')",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_control_panel .o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        ...openKpiMenu("billing_kra_kpi.menu_billing_scorecard"),
        {
            content: "Switch the scorecards to the pivot",
            trigger: ".o_control_panel .o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The scorecard pivot lists the clerks",
            trigger: ".o_pivot table .o_pivot_header_cell_closed:contains('Ben Okafor')",
        },
    ],
});
