def post_init_hook(env):
    """Switch the shipped billing support KPIs of the catalogue to the
    helpdesk metrics."""
    env["billing.kpi"]._apply_helpdesk_catalogue()


def uninstall_hook(env):
    """Give the catalogue KPIs switched on installation their shipped
    computation back, before the helpdesk metrics disappear."""
    env["billing.kpi"]._restore_shipped_catalogue()
