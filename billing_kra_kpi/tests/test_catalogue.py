from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import TransactionCase
from odoo.tools import file_path
from odoo.tools.safe_eval import safe_eval

CATALOGUE_KRAS = [
    ("Billing Processing", 15),
    ("Customer Inquiries", 10),
    ("Financial Reporting", 10),
    ("Payment Reconciliation", 15),
    ("System Maintenance", 5),
    ("Audit Compliance", 10),
    ("Cost Reduction", 10),
    ("Performance Metrics", 10),
    ("Continuous Improvement", 5),
    ("Training and Development", 10),
]
LIVE_METRICS = {
    "1.1": "invoices_per_day",
    "1.2": "errors_corrected",
    "1.3": "discrepancy_days",
    "1.4": "paid_on_time",
    "3.1": "amount_accuracy",
    "4.1": "payments_reconciled",
    "4.2": "unreconciled_investigated",
    "4.3": "reconciliation_accuracy",
    "4.4": "aged_outstanding",
    "5.3": "entry_accuracy",
    "6.3": "documentation",
    "10.3": "retention",
}
INPUTS = {
    "cost": ("manual", False),
    "invoices": ("live", "invoices_posted"),
    "cycle_days": ("live", "billing_cycle_days"),
    "error_rate": ("live", "error_rate"),
}
TRENDS = {
    "7.1": ("cost", False, "previous", "percent"),
    "7.3": ("1.1", False, "baseline", "percent"),
    "8.1": ("5.3", False, "previous", "points"),
    "8.2": ("cycle_days", False, "previous", "percent"),
    "8.3": ("1.4", False, "previous", "percent"),
    "9.2": ("2.2", False, "previous", "percent"),
    "9.3": ("error_rate", False, "previous", "percent"),
}
# The helpdesk bridge switches these KPIs to its ticket metrics when it is
# installed, and 1.3 to hours (5, 7 and 10 days become 120, 168 and 240 hours).
HELPDESK_METRICS = {
    "1.3": "ticket_resolution_hours",
    "2.1": "ticket_response_hours",
    "2.2": "ticket_rating",
    "2.3": "disputes_resolved",
    "2.4": "ticket_repeat",
}
INITIATIVES = {
    "7.2": ("cost_saving", "completed"),
    "9.1": ("process_improvement", "completed"),
    "9.4": ("suggestion", "proposed"),
}


class TestCatalogue(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        cls.by_code = {kpi.code: kpi for kpi in cls.template.kpi_ids}
        cls.kpis = cls.template.kpi_ids.filtered(lambda k: not k.is_input)
        cls.inputs = cls.template.kpi_ids.filtered("is_input")
        cls.helpdesk = bool(
            cls.env["ir.module.module"].search_count(
                [("name", "=", "billing_kra_kpi_helpdesk"), ("state", "=", "installed")]
            )
        )

    def test_template_active_for_every_company(self):
        self.assertEqual(self.template.name, "Billing Clerk")
        self.assertEqual(self.template.state, "active")
        self.assertFalse(self.template.company_id)

    def test_ten_kras_with_weights(self):
        kras = self.template.kra_ids
        self.assertEqual([(kra.name, kra.weight) for kra in kras], CATALOGUE_KRAS)
        self.assertEqual(self.template.kra_weight_total, 100)
        self.assertTrue(all(kra.description for kra in kras))

    def test_forty_kpis_with_codes(self):
        expected = ["%s.%s" % (kra, kpi) for kra in range(1, 11) for kpi in range(1, 5)]
        self.assertEqual(self.kpis.mapped("code"), expected)
        for kra in self.template.kra_ids:
            self.assertEqual(len(kra.kpi_ids.filtered(lambda k: not k.is_input)), 4, kra.name)
            self.assertEqual(kra.kpi_weight_total, 100, kra.name)

    def test_inputs_are_not_scored(self):
        self.assertEqual({kpi.code: (kpi.source_kind, kpi.metric) for kpi in self.inputs}, INPUTS)
        self.assertEqual(set(self.inputs.mapped("weight")), {0})
        self.assertTrue(all(kpi.is_smart for kpi in self.inputs))

    def test_every_kpi_smart_and_described(self):
        self.assertEqual(self.kpis.filtered(lambda k: not k.is_smart).mapped("code"), [])
        for kpi in self.kpis:
            self.assertGreater(len(kpi.description), 60, kpi.code)
            self.assertEqual(kpi.periodicity, "month", kpi.code)

    def test_source_kinds(self):
        counts = {}
        for kpi in self.kpis:
            counts[kpi.source_kind] = counts.get(kpi.source_kind, 0) + 1
        switched = 4 if self.helpdesk else 0
        self.assertEqual(
            counts,
            {
                "live": 12 + switched,
                "manual": 17 - switched,
                "trend": 7,
                "initiative": 3,
                "formula": 1,
            },
        )

    def test_live_metrics(self):
        live = {kpi.code: kpi.metric for kpi in self.kpis if kpi.source_kind == "live"}
        expected = dict(LIVE_METRICS, **HELPDESK_METRICS) if self.helpdesk else LIVE_METRICS
        self.assertEqual(live, expected)

    def test_trends(self):
        for code, (base_code, metric, base, unit) in TRENDS.items():
            kpi = self.by_code[code]
            self.assertEqual(kpi.source_kind, "trend", code)
            self.assertEqual(kpi.base_kpi_id.code or False, base_code, code)
            self.assertEqual(kpi.metric, metric, code)
            self.assertEqual(kpi.trend_base, base, code)
            self.assertEqual(kpi.trend_unit, unit, code)

    def test_baseline_is_year_before_install(self):
        """The shipped data sets 7.3's baseline to the calendar year before
        installation (the demo moves it to its own first months)."""
        path = file_path("billing_kra_kpi/data/billing_kpi_catalogue_data.xml")
        record = etree.parse(path).find(".//record[@id='billing_kpi_7_3']")
        evals = {field.get("name"): field.get("eval") for field in record.iter("field")}
        context = {"DateTime": datetime, "relativedelta": relativedelta}
        year = datetime.today().year - 1
        self.assertEqual(safe_eval(evals["baseline_date_from"], context), "%s-01-01" % year)
        self.assertEqual(safe_eval(evals["baseline_date_to"], context), "%s-12-31" % year)

    def test_initiatives_and_formula(self):
        for code, (kind, event) in INITIATIVES.items():
            kpi = self.by_code[code]
            self.assertEqual(
                (kpi.source_kind, kpi.initiative_kind, kpi.initiative_event),
                ("initiative", kind, event),
            )
        self.assertEqual(self.by_code["7.4"].formula, "cost / invoices")

    def test_targets_and_thresholds(self):
        rows = {
            "1.4": ("percent", "higher", 85, 75, 60),
            "1.3": ("days", "lower", 5, 7, 10),
            "4.4": ("percent", "lower", 10, 15, 25),
            "1.1": ("ratio", "higher", 30, 25, 15),
            "2.2": ("score", "higher", 4.5, 4, 3),
            "6.1": ("count", "lower", 0, 0, 2),
            "7.1": ("percent", "lower", -5, 0, 5),
            "7.4": ("amount", "lower", 5, 7, 10),
        }
        if self.helpdesk:
            rows["1.3"] = ("hours", "lower", 120, 168, 240)
        for code, expected in rows.items():
            kpi = self.by_code[code]
            self.assertEqual(
                (kpi.unit, kpi.direction, kpi.target, kpi.threshold_amber, kpi.threshold_red),
                expected,
                code,
            )

    def test_demo_clerks_are_members(self):
        clerks = self.template.member_ids.filtered(
            lambda e: e.job_id == self.env.ref("billing_kra_kpi.hr_job_billing_clerk")
        )
        self.assertEqual(
            sorted(clerks.mapped("name")), ["Anna Novak", "Ben Okafor", "Chloe Martin"]
        )

    def test_demo_values_of_every_kpi(self):
        """Every KPI has a value or n/a for the last closed month, for each demo
        clerk and the team, and the worked example met its target."""
        today = fields.Date.context_today(self.template)
        last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        values = self.env["billing.kpi.value"].search(
            [("template_id", "=", self.template.id), ("date_from", "=", last_month)]
        )
        clerks = {"Anna Novak", "Ben Okafor", "Chloe Martin", "Team"}
        for kpi in self.template.kpi_ids:
            subjects = {row.subject for row in values if row.kpi_id == kpi}
            self.assertEqual(subjects, clerks, kpi.code)
        by_kind = {row.kpi_id.source_kind for row in values if row.status != "na"}
        self.assertEqual(by_kind, {"live", "manual", "formula", "trend", "initiative"})

        example = self.env["billing.improvement.initiative"].search(
            [("name", "=", "Automated data validation of invoices")]
        )
        self.assertEqual(example.kpi_id.code, "error_rate")
        self.assertEqual(example.target_change, -20)
        self.assertEqual(example.verdict, "achieved")
