from odoo.tools import convert_file

from .common import BillingKpiCommon

CATALOGUE_FILE = "data/billing_kpi_catalogue_data.xml"


class TestUpgrade(BillingKpiCommon):
    def _reload_catalogue(self):
        """Load the catalogue file as a module upgrade does."""
        convert_file(self.env, "billing_kra_kpi", CATALOGUE_FILE, {}, mode="update", noupdate=False)

    def test_upgrade_keeps_edited_target(self):
        kpi = self.env.ref("billing_kra_kpi.billing_kpi_1_4")
        kpi.write({"target": 92, "threshold_amber": 88, "name": "Invoices paid by the due date"})
        self._reload_catalogue()
        self.env.invalidate_all()
        self.assertEqual(kpi.target, 92)
        self.assertEqual(kpi.threshold_amber, 88)
        self.assertEqual(kpi.name, "Invoices paid by the due date")

    def test_upgrade_keeps_edited_weights(self):
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        kra_1 = self.env.ref("billing_kra_kpi.billing_kra_1")
        kra_2 = self.env.ref("billing_kra_kpi.billing_kra_2")
        template.write({"kra_ids": [(1, kra_1.id, {"weight": 20}), (1, kra_2.id, {"weight": 5})]})
        self._reload_catalogue()
        self.env.invalidate_all()
        self.assertEqual((kra_1.weight, kra_2.weight), (20, 5))
        self.assertEqual(template.state, "active")

    def test_upgrade_keeps_draft_state(self):
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        template.action_set_draft()
        self._reload_catalogue()
        self.env.invalidate_all()
        self.assertEqual(template.state, "draft")
