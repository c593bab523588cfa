from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase


class TestAppraisalDemo(TransactionCase):
    def test_anna_appraisal_has_a_kpi_result(self):
        appraisal = self.env.ref("billing_kra_kpi_appraisal.hr_appraisal_anna")
        first_of_month = fields.Date.context_today(appraisal).replace(day=1)
        result = self.env["billing.appraisal.result"].search([("appraisal_id", "=", appraisal.id)])
        self.assertEqual(result.date_from, first_of_month - relativedelta(months=2))
        self.assertEqual(result.date_to, first_of_month - relativedelta(days=1))
        self.assertEqual(result.status, "scored")
        self.assertEqual(len(result.scorecard_line_ids), 2)
        self.assertTrue(result.band_id)
        self.assertEqual(
            appraisal.manager_ids, self.env.ref("billing_kra_kpi.employee_billing_manager")
        )
