from odoo.exceptions import ValidationError

from .common import BillingKpiCommon


class TestKpiValidation(BillingKpiCommon):
    def _create_kpi(self, **overrides):
        vals = self._kpi_vals("N1", "New KPI", 0)
        vals["kra_id"] = self.kra_invoicing.id
        vals.update(overrides)
        return self.Kpi.create(vals)

    def _assert_rejected(self, message, **overrides):
        count = self.Kpi.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._create_kpi(**overrides)
        self.assertEqual(caught.exception.args[0], message)
        self.assertEqual(self.Kpi.search_count([]), count)

    def test_duplicate_code_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "The code T1 is already used by another KPI of template Test Clerk. "
            "Give each KPI its own code.",
            code="T1",
        )

    def test_duplicate_code_of_archived_kpi_rejected(self):
        self.template.action_set_draft()
        self.kpi_t2.active = False
        with self.assertRaises(ValidationError):
            self._create_kpi(code="T2")

    def test_same_code_in_other_template_allowed(self):
        other = self.Template.create(
            {"name": "Other", "kra_ids": [(0, 0, {"name": "Area", "weight": 100})]}
        )
        kpi = self._create_kpi(code="T1", kra_id=other.kra_ids.id)
        self.assertEqual(kpi.template_id, other)

    def test_code_with_space_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "The code '1 4' of KPI New KPI is invalid: use only letters, digits, '_' and "
            "'.', without spaces (for example 1.4).",
            code="1 4",
        )

    def test_negative_target_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "The target of KPI N1 New KPI is -3.0. Only trend KPIs, which measure a "
            "change, may have a negative target.",
            unit="count",
            target=-3,
            threshold_amber=-4,
            threshold_red=-5,
        )

    def test_percent_target_over_100_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "The target of KPI N1 New KPI is 120.0%, above 100%. Enter a percentage "
            "between 0 and 100.",
            target=120,
        )

    def test_trend_target_may_be_negative(self):
        self.template.action_set_draft()
        kpi = self._create_kpi(
            source_kind="trend",
            base_kpi_id=self.kpi_t1.id,
            direction="lower",
            target=-20,
            threshold_amber=0,
            threshold_red=5,
        )
        self.assertEqual(kpi.target, -20)

    def test_higher_amber_above_target_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "KPI N1 New KPI is higher-is-better, so its amber threshold (95.0) must not "
            "be above its target (90.0).",
            threshold_amber=95,
        )

    def test_higher_red_above_amber_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "KPI N1 New KPI is higher-is-better, so its red threshold (85.0) must not be "
            "above its amber threshold (80.0).",
            threshold_red=85,
        )

    def test_lower_amber_below_target_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "KPI N1 New KPI is lower-is-better, so its amber threshold (5.0) must not be "
            "below its target (10.0).",
            direction="lower",
            target=10,
            threshold_amber=5,
            threshold_red=20,
        )

    def test_lower_red_below_amber_rejected(self):
        self.template.action_set_draft()
        self._assert_rejected(
            "KPI N1 New KPI is lower-is-better, so its red threshold (12.0) must not be "
            "below its amber threshold (15.0).",
            direction="lower",
            target=10,
            threshold_amber=15,
            threshold_red=12,
        )

    def test_equal_thresholds_allowed(self):
        self.template.action_set_draft()
        kpi = self._create_kpi(target=90, threshold_amber=90, threshold_red=90)
        self.assertEqual((kpi.target, kpi.threshold_amber, kpi.threshold_red), (90, 90, 90))

    def test_direction_switch_checks_thresholds(self):
        with self.assertRaises(ValidationError):
            self.kpi_t1.direction = "lower"
        self.env.invalidate_all()
        self.assertEqual(self.kpi_t1.direction, "higher")

    def test_trend_on_itself_rejected(self):
        with self.assertRaises(ValidationError) as caught:
            self.kpi_t1.write({"source_kind": "trend", "base_kpi_id": self.kpi_t1.id})
        self.assertEqual(
            caught.exception.args[0], "KPI T1 Invoices on time cannot be the base of its own trend."
        )

    def test_trend_on_other_template_rejected(self):
        catalogue_kpi = self.env.ref("billing_kra_kpi.billing_kpi_1_4")
        with self.assertRaises(ValidationError) as caught:
            self.kpi_t1.write({"source_kind": "trend", "base_kpi_id": catalogue_kpi.id})
        self.assertEqual(
            caught.exception.args[0],
            "The base KPI 1.4 Percentage of invoices paid on time of KPI T1 Invoices on "
            "time belongs to another template. Choose a KPI of template Test Clerk.",
        )

    def test_baseline_ending_before_start_rejected(self):
        with self.assertRaises(ValidationError) as caught:
            self.kpi_t1.write(
                {"baseline_date_from": "2026-06-01", "baseline_date_to": "2026-05-31"}
            )
        self.assertEqual(
            caught.exception.args[0],
            "The baseline period of KPI T1 Invoices on time ends on 2026-05-31, before it "
            "starts on 2026-06-01.",
        )
