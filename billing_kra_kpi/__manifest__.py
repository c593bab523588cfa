{
    "name": "Billing KRA/KPI",
    "summary": "Key Responsibility Areas and KPIs for billing clerks, "
    "measured from accounting records",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "billing_kra_kpi contributors",
    "license": "AGPL-3",
    "depends": ["account", "hr", "mail", "report_xlsx"],
    "data": [
        "security/billing_kra_kpi_security.xml",
        "security/ir.model.access.csv",
        "data/billing_rating_band_data.xml",
        "data/billing_kpi_catalogue_data.xml",
        "data/ir_cron_data.xml",
        "views/billing_kpi_value_views.xml",
        "views/billing_kpi_manual_value_views.xml",
        "views/billing_scorecard_views.xml",
        "views/billing_improvement_initiative_views.xml",
        "views/billing_kpi_compute_job_views.xml",
        "wizards/billing_kpi_compute_wizard_views.xml",
        "wizards/billing_kpi_export_wizard_views.xml",
        "report/billing_kpi_xlsx_report.xml",
        "views/billing_kpi_template_views.xml",
        "views/billing_kra_views.xml",
        "views/billing_kpi_views.xml",
        "views/billing_kra_kpi_menus.xml",
    ],
    "demo": [
        "demo/billing_kra_kpi_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "billing_kra_kpi/static/src/components/**/*",
        ],
        "web.assets_tests": [
            "billing_kra_kpi/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "application": True,
    "installable": True,
}
