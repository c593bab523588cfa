{
    "name": "Billing KRA/KPI: Appraisals",
    "summary": "Show the KPI scorecards of the evaluation period in OCA appraisals",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Appraisals",
    "author": "billing_kra_kpi contributors",
    "license": "AGPL-3",
    "depends": ["billing_kra_kpi", "hr_appraisal_oca"],
    "data": [
        "security/billing_kra_kpi_appraisal_security.xml",
        "security/ir.model.access.csv",
        "views/hr_appraisal_views.xml",
        "views/hr_employee_views.xml",
        "views/billing_scorecard_views.xml",
    ],
    "demo": [
        "demo/billing_kra_kpi_appraisal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "billing_kra_kpi_appraisal/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    # Installed as soon as the KPI app and the OCA appraisals are.
    "auto_install": ["billing_kra_kpi", "hr_appraisal_oca"],
    "installable": True,
}
