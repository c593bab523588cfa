from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_configuration_tour(self):
        self.start_tour("/odoo", "billing_kpi_configuration_tour", login="admin")

    def test_clerk_tour(self):
        new_test_user(
            self.env,
            login="tour_clerk",
            groups="base.group_user,billing_kra_kpi.group_kpi_user",
        )
        self.start_tour("/odoo", "billing_kpi_clerk_tour", login="tour_clerk")
