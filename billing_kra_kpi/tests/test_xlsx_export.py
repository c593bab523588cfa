import io
from datetime import datetime
from unittest.mock import patch

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from ..lib.number_formats import currency_format
from .test_scorecards import MARCH, BillingScorecardCommon

REPORT = "billing_kra_kpi.billing_kpi_xlsx_report"
SHEETS = ["Summary", "Everything", "Trends", "Definitions", "Data"]


class BillingXlsxCommon(BillingScorecardCommon):
    """The March 2026 scorecards of clerks A and B (see BillingScorecardCommon)
    exported to Excel and read back with openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Export Company B"})
        cls.admin = new_test_user(
            cls.env,
            login="xlsx_admin",
            groups="base.group_user,billing_kra_kpi.group_kpi_admin",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_b).ids)],
        )
        currency = cls.company.currency_id
        cls.amount_format = currency_format(
            currency.symbol, currency.position, currency.decimal_places
        )

    def _wizard(self, user, **values):
        return (
            self.env["billing.kpi.export.wizard"]
            .with_user(user)
            .create(
                {
                    "date_from": MARCH[0],
                    "date_to": MARCH[1],
                    "template_ids": [Command.set(self.template.ids)],
                    **values,
                }
            )
        )

    def _export(self, user=None, companies=None, **values):
        """Export as ``user`` (the administrator by default) in the active
        ``companies``; return the workbook read back by openpyxl."""
        user = user or self.admin
        wizard = self._wizard(user, **values)
        if companies is not None:
            wizard = wizard.with_context(allowed_company_ids=companies.ids)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(**wizard.env.context)
            ._render_xlsx(REPORT, wizard.ids, data={})
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    @staticmethod
    def _rows(sheet, key_columns):
        """Return {tuple of the key columns' values: row of cells}."""
        header = [cell.value for cell in sheet[1]]
        index = [header.index(column) for column in key_columns]
        return {
            tuple(row[i].value for i in index): row
            for row in sheet.iter_rows(min_row=2)
            if row[0].value is not None or row[index[0]].value is not None
        }


class TestXlsxWorkbook(BillingXlsxCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.book = cls._export_once()

    @classmethod
    def _export_once(cls):
        wizard = (
            cls.env["billing.kpi.export.wizard"]
            .with_user(cls.admin)
            .create(
                {
                    "date_from": MARCH[0],
                    "date_to": MARCH[1],
                    "template_ids": [Command.set(cls.template.ids)],
                }
            )
        )
        content, _kind = (
            cls.env["ir.actions.report"]
            .with_user(cls.admin)
            ._render_xlsx(REPORT, wizard.ids, data={})
        )
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_sheet_names(self):
        self.assertEqual(self.book.sheetnames, SHEETS)

    def test_summary_rows_and_scores(self):
        sheet = self.book["Summary"]
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:3], ["Template", "Company", "Employee"])
        self.assertEqual(header[8:], ["Everything", "Score", "Rating"])
        subjects = [row[2].value for row in sheet.iter_rows(min_row=2)]
        self.assertEqual(subjects, ["Team", "Derived A", "Derived B"])

        clerk_a = sheet[3]
        self.assertAlmostEqual(clerk_a[9].value, 5500 / 65)
        self.assertEqual(clerk_a[9].number_format, "0.0")
        self.assertAlmostEqual(clerk_a[8].value, 5500 / 65)
        self.assertEqual(clerk_a[10].value, "Meets")
        self.assertEqual(sheet[4][10].value, "Below")
        self.assertAlmostEqual(sheet[2][9].value, 5375 / 70)
        # One period, scored; B has one KPI in red.
        self.assertEqual([clerk_a[5].value, clerk_a[6].value], [1, 1])
        self.assertEqual(sheet[4][7].value, 1)

    def test_summary_dates_are_date_cells(self):
        cell = self.book["Summary"]["D3"]
        self.assertEqual(cell.value, datetime(2026, 3, 1))
        self.assertTrue(cell.is_date)
        self.assertEqual(cell.number_format, "yyyy-mm-dd")

    def test_summary_freeze_and_filter(self):
        sheet = self.book["Summary"]
        self.assertEqual(sheet.freeze_panes, "D2")
        self.assertEqual(sheet.auto_filter.ref, "A1:K4")

    def test_summary_conditional_formats_by_band(self):
        sheet = self.book["Summary"]
        ranges = {str(rule_range.sqref) for rule_range in sheet.conditional_formatting}
        self.assertEqual(ranges, {"I2:J4"})
        rules = [rule for rule_range in sheet.conditional_formatting for rule in rule_range.rules]
        bands = self.env["billing.rating.band"].search([])
        self.assertEqual([float(rule.formula[0]) for rule in rules], bands.mapped("min_score"))
        self.assertTrue(all(rule.operator == "greaterThanOrEqual" for rule in rules))
        self.assertTrue(all(rule.dxf.fill is not None for rule in rules))

    def test_kra_sheet_percent_value(self):
        rows = self._rows(self.book["Everything"], ["Employee", "Code"])
        rate = rows[("Derived A", "RATE")]
        self.assertAlmostEqual(rate[7].value, 0.9)
        self.assertEqual(rate[7].number_format, "0.00%")
        self.assertAlmostEqual(rate[8].value, 0.9)
        self.assertAlmostEqual(rate[9].value, 1.0)
        self.assertEqual(rate[9].number_format, "0.0%")
        self.assertEqual(rate[11].value, "Green")
        self.assertEqual(rate[6].value, "Percent")
        self.assertEqual(rate[0].value, datetime(2026, 3, 1))
        self.assertEqual(rate[1].value, datetime(2026, 3, 31))

    def test_kra_sheet_amount_in_currency(self):
        rows = self._rows(self.book["Everything"], ["Employee", "Code"])
        cpi = rows[("Derived B", "CPI")]
        self.assertEqual(cpi[7].value, 10)
        self.assertEqual(cpi[7].number_format, self.amount_format)
        self.assertIn('"%s"' % self.company.currency_id.symbol, cpi[7].number_format)
        # Lower is better: 10 reaches the red threshold but is not past it.
        self.assertEqual(cpi[11].value, "Amber")
        self.assertEqual(rows[("Derived B", "RATE")][11].value, "Red")

    def test_na_is_empty_cell_with_note(self):
        rows = self._rows(self.book["Everything"], ["Employee", "Code"])
        trend = rows[("Derived A", "PTS")]
        self.assertIsNone(trend[7].value)
        self.assertIn("n/a", trend[7].comment.text)
        self.assertEqual(trend[11].value, "n/a")
        self.assertIsNone(trend[9].value)

    def test_kra_sheet_status_formats(self):
        sheet = self.book["Everything"]
        rules = [rule for rule_range in sheet.conditional_formatting for rule in rule_range.rules]
        self.assertEqual(
            [rule.formula[0] for rule in rules], ['"Green"', '"Amber"', '"Red"', '"n/a"']
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        # Members and team: 10 KPIs for A and B, 10 for the team, one header.
        self.assertEqual(sheet.auto_filter.ref, "A1:L31")

    def test_trends_chart(self):
        sheet = self.book["Trends"]
        self.assertEqual(len(sheet._charts), 10)
        self.assertEqual(sheet["A1"].value, "KPI values over the periods")
        self.assertEqual(sheet["A3"].value, "cost Manual cost (Amount)")
        self.assertEqual(
            [cell.value for cell in sheet[4][:4]], ["Period", "Team", "Derived A", "Derived B"]
        )
        self.assertEqual(sheet["A5"].value, datetime(2026, 3, 1))
        self.assertEqual(sheet["A5"].number_format, "mmm yyyy")
        self.assertEqual(sheet["C5"].value, 100)
        chart = sheet._charts[0]
        self.assertEqual(len(chart.series), 3)

    def test_definitions(self):
        rows = self._rows(self.book["Definitions"], ["Code"])
        rate = rows[("RATE",)]
        self.assertEqual(rate[1].value, "Everything")
        self.assertEqual(rate[5].value, "Entered by hand: RATE.")
        self.assertEqual(rate[8].value, "Higher is better")
        self.assertAlmostEqual(rate[9].value, 0.9)
        self.assertEqual(rate[9].number_format, "0.00%")
        self.assertAlmostEqual(rate[12].value, 0.25)
        self.assertEqual(rate[14].value, "Yes")
        self.assertEqual(rows[("cost",)][14].value, "No")
        cpi = rows[("CPI",)]
        self.assertEqual(cpi[9].value, 5)
        self.assertEqual(cpi[9].number_format, self.amount_format)
        self.assertEqual(len(rows), len(self.template.kpi_ids))

    def test_data_numerator_and_denominator(self):
        rows = self._rows(self.book["Data"], ["Employee", "Code"])
        cpi = rows[("Derived A", "CPI")]
        self.assertEqual([cpi[11].value, cpi[12].value], [100, 20])
        self.assertEqual(cpi[14].value, 5)
        self.assertEqual(cpi[14].number_format, self.amount_format)
        value = self.env["billing.kpi.value"].browse(cpi[0].value)
        self.assertEqual(value.kpi_id, self.kpi["CPI"])
        self.assertEqual(value.employee_id, self.clerk_a)
        self.assertEqual(len(rows), 30)
        self.assertTrue(self.book["Data"]["W2"].is_date)
        # A custom row height makes xlsxwriter place notes in quadratic time.
        self.assertIsNone(self.book["Data"].row_dimensions[1].height)


class TestXlsxAccess(BillingXlsxCommon):
    def test_clerk_gets_own_rows(self):
        book = self._export(self.user_a)
        subjects = {row[6].value for row in book["Data"].iter_rows(min_row=2)}
        self.assertEqual(subjects, {"Derived A"})
        summary = [row[2].value for row in book["Summary"].iter_rows(min_row=2)]
        self.assertEqual(summary, ["Derived A"])

    def test_manager_gets_team(self):
        book = self._export(self.manager)
        summary = [row[2].value for row in book["Summary"].iter_rows(min_row=2)]
        self.assertEqual(summary, ["Team", "Derived A", "Derived B"])

    def test_employee_and_team_choice(self):
        book = self._export(employee_ids=[Command.set(self.clerk_b.ids)], include_team=False)
        subjects = {row[6].value for row in book["Data"].iter_rows(min_row=2)}
        self.assertEqual(subjects, {"Derived B"})

    def test_active_companies_honoured(self):
        rate = self.kpi["RATE"]
        self.env["billing.kpi.value"].create(
            {
                "kpi_id": rate.id,
                "kra_id": rate.kra_id.id,
                "template_id": self.template.id,
                "employee_id": self.clerk_a.id,
                "company_id": self.company_b.id,
                "periodicity": "month",
                "date_from": MARCH[0],
                "date_to": MARCH[1],
                "value": 70,
                "status": "amber",
            }
        )

        def companies_exported(companies):
            book = self._export(companies=companies)
            return {row[5].value for row in book["Data"].iter_rows(min_row=2)}

        self.assertEqual(companies_exported(self.company), {self.company.name})
        self.assertEqual(companies_exported(self.company_b), {self.company_b.name})
        self.assertEqual(
            companies_exported(self.company | self.company_b),
            {self.company.name, self.company_b.name},
        )


class TestXlsxWizard(BillingXlsxCommon):
    def test_row_limit_rejected(self):
        wizard = self._wizard(self.admin)
        # 30 values and the header need 31 rows.
        with patch.object(type(wizard), "EXCEL_MAX_ROWS", 30):
            with self.assertRaisesRegex(UserError, "31 rows on its Data sheet, more than the 30"):
                wizard.action_export()
        with patch.object(type(wizard), "EXCEL_MAX_ROWS", 31):
            action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["context"]["active_ids"], wizard.ids)

    def test_reversed_range_rejected(self):
        wizard = self._wizard(self.admin, date_from=MARCH[1], date_to=MARCH[0])
        with self.assertRaisesRegex(UserError, "swap the two dates"):
            wizard.action_export()

    def test_defaults_from_selected_scorecards(self):
        cards = self.card[self.clerk_a] | self.card["team"]
        wizard = (
            self.env["billing.kpi.export.wizard"]
            .with_user(self.manager)
            .with_context(active_model="billing.scorecard", active_ids=cards.ids)
            .create({})
        )
        self.assertEqual(str(wizard.date_from), MARCH[0])
        self.assertEqual(str(wizard.date_to), MARCH[1])
        self.assertEqual(wizard.template_ids, self.template)
        self.assertEqual(wizard.employee_ids, self.clerk_a)
        self.assertTrue(wizard.include_team)

    def test_kra_sheet_names_unique(self):
        draft = self.env["billing.kpi.template"].create(
            {
                "name": "Long Names",
                "kra_ids": [
                    Command.create({"name": "Accounts receivable reconciliation accuracy"}),
                    Command.create({"name": "Accounts receivable reconciliation speed"}),
                    Command.create({"name": "Data"}),
                ],
            }
        )
        book = self._export(template_ids=[Command.set(draft.ids)])
        self.assertEqual(
            book.sheetnames,
            [
                "Summary",
                "Accounts receivable reconciliat",
                "Accounts receivable reconci (2)",
                "Data (2)",
                "Trends",
                "Definitions",
                "Data",
            ],
        )
        self.assertTrue(all(len(name) <= 31 for name in book.sheetnames))
