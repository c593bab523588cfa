{
    "name": "Billing KRA/KPI: Helpdesk",
    "summary": "Compute the billing support KPIs from OCA helpdesk tickets",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "billing_kra_kpi contributors",
    "license": "AGPL-3",
    "depends": ["billing_kra_kpi", "helpdesk_mgmt", "helpdesk_mgmt_rating"],
    "data": [
        "views/billing_kpi_template_views.xml",
    ],
    "demo": [
        "demo/billing_kra_kpi_helpdesk_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    # Installed as soon as the KPI app and the helpdesk are. helpdesk_mgmt_rating
    # comes with it as a dependency.
    "auto_install": ["billing_kra_kpi", "helpdesk_mgmt"],
    "installable": True,
}
