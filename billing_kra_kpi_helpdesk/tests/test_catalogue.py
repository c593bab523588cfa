from odoo.tests import TransactionCase

from ..models.billing_kpi import CATALOGUE


class TestHelpdeskCatalogue(TransactionCase):
    """The shipped Billing Clerk KPIs 1.3 and 2.1 to 2.4, switched to the
    helpdesk metrics when this addon was installed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Kpi = cls.env["billing.kpi"]
        cls.kpi_1_3 = cls.env.ref("billing_kra_kpi.billing_kpi_1_3")
        cls.kpi_2_1 = cls.env.ref("billing_kra_kpi.billing_kpi_2_1")
        cls.kpi_2_2 = cls.env.ref("billing_kra_kpi.billing_kpi_2_2")
        cls.kpi_2_3 = cls.env.ref("billing_kra_kpi.billing_kpi_2_3")
        cls.kpi_2_4 = cls.env.ref("billing_kra_kpi.billing_kpi_2_4")

    def test_switched_on_installation(self):
        self.assertEqual(self.kpi_1_3.metric, "ticket_resolution_hours")
        self.assertEqual(self.kpi_1_3.unit, "hours")
        self.assertEqual(
            (self.kpi_1_3.target, self.kpi_1_3.threshold_amber, self.kpi_1_3.threshold_red),
            (120.0, 168.0, 240.0),
        )
        expected = {
            self.kpi_2_1: "ticket_response_hours",
            self.kpi_2_2: "ticket_rating",
            self.kpi_2_3: "disputes_resolved",
            self.kpi_2_4: "ticket_repeat",
        }
        for kpi, metric in expected.items():
            self.assertEqual(kpi.source_kind, "live", kpi.code)
            self.assertEqual(kpi.metric, metric, kpi.code)
            self.assertNotIn("Entered manually", kpi.description, kpi.code)

    def test_catalogue_still_active_and_smart(self):
        template = self.kpi_1_3.template_id
        self.assertEqual(template.state, "active")
        for kpi in self.kpi_1_3 | self.kpi_2_1 | self.kpi_2_2 | self.kpi_2_3 | self.kpi_2_4:
            self.assertTrue(kpi.is_smart, kpi.code)

    def test_restore_then_apply(self):
        self.Kpi._restore_shipped_catalogue()
        self.assertEqual(self.kpi_1_3.metric, "discrepancy_days")
        self.assertEqual(self.kpi_1_3.unit, "days")
        self.assertEqual(self.kpi_1_3.target, 5.0)
        self.assertEqual(self.kpi_2_1.source_kind, "manual")
        self.assertFalse(self.kpi_2_1.metric)
        shipped = CATALOGUE["billing_kra_kpi.billing_kpi_2_4"][0]
        self.assertEqual(self.kpi_2_4.description, shipped["description"])

        self.Kpi._apply_helpdesk_catalogue()
        self.assertEqual(self.kpi_1_3.metric, "ticket_resolution_hours")
        self.assertEqual(self.kpi_2_1.metric, "ticket_response_hours")

    def test_changed_kpi_kept(self):
        self.Kpi._restore_shipped_catalogue()
        self.kpi_2_1.target = 6.0
        self.Kpi._apply_helpdesk_catalogue()
        self.assertEqual(self.kpi_2_1.source_kind, "manual")
        self.assertEqual(self.kpi_2_1.target, 6.0)
        self.assertEqual(self.kpi_1_3.metric, "ticket_resolution_hours")

    def test_changed_kpi_kept_on_uninstallation(self):
        self.kpi_2_3.target = 25.0
        self.Kpi._restore_shipped_catalogue()
        self.assertEqual(self.kpi_2_3.metric, "disputes_resolved")
        self.assertEqual(self.kpi_2_2.source_kind, "manual")

    def test_done_stage_given_to_templates(self):
        template = self.kpi_1_3.template_id
        template.helpdesk_resolved_stage_ids = False
        self.Kpi._apply_helpdesk_catalogue()
        self.assertEqual(
            template.helpdesk_resolved_stage_ids,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
        )
