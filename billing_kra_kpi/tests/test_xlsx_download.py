import io

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestXlsxDownload(HttpCase):
    def test_clerk_downloads_own_rows(self):
        anna = self.env.ref("billing_kra_kpi.employee_billing_clerk_anna")
        last_month = fields.Date.today().replace(day=1) - relativedelta(months=1)
        wizard = (
            self.env["billing.kpi.export.wizard"]
            .with_user(anna.user_id)
            .create({"date_from": last_month, "date_to": last_month + relativedelta(day=31)})
        )

        self.authenticate("anna", "anna")
        response = self.url_open("/report/xlsx/billing_kra_kpi.billing_kpi_xlsx/%s" % wizard.id)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_TYPE)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        data = list(book["Data"].iter_rows(min_row=2, values_only=True))
        self.assertTrue(data, "the demo data gives Anna values last month")
        self.assertEqual({row[6] for row in data}, {anna.name})
        summary = list(book["Summary"].iter_rows(min_row=2, values_only=True))
        self.assertEqual([row[2] for row in summary], [anna.name])
