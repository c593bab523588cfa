from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAppraisalUi(HttpCase):
    def test_appraisal_kpi_tour(self):
        appraisal = self.env.ref("billing_kra_kpi_appraisal.hr_appraisal_anna")
        self.start_tour("/odoo", "billing_appraisal_kpi_tour", login="admin")
        self.env.invalidate_all()
        self.assertEqual(appraisal.state, "2_pending")
        result = self.env["billing.appraisal.result"].search([("appraisal_id", "=", appraisal.id)])
        self.assertTrue(result.snapshot_at)
