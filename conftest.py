"""Suite-wide pytest hooks for the addons of this repository."""

import pytest

from odoo.tools import config

# odoo.tests logs an error with a stack trace when it is first imported outside
# Odoo's test mode, and pytest-odoo imports it before it turns that mode on.
config["test_enable"] = True
import odoo.tests  # noqa: E402, F401

config["test_enable"] = False


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    # A skipped test fails the run: a skipped browser test usually means that
    # Chromium or websocket-client is missing, not that all is well.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_line(
            "%d skipped test(s) fail this run: install what they need (see README)." % len(skipped),
            red=True,
        )
