def post_init_hook(env):
    """Recover the billing history recorded before the installation."""
    env["billing.event"]._backfill_history()
