from odoo.exceptions import ValidationError

from .common import BillingDerivedCommon


class TestTrendKpis(BillingDerivedCommon):
    def test_change_in_points_against_the_previous_month(self):
        self._enter("RATE", self.clerk_a, "2026-02-01", 80)
        self._enter("RATE", self.clerk_a, "2026-03-01", 85.5)
        self._enter("RATE", self.clerk_b, "2026-02-01", 90)
        self._enter("RATE", self.clerk_b, "2026-03-01", 84)

        rows = self._values("PTS")

        # Numerator: this month's value; denominator: the base compared with.
        self.assertFigures(rows[self.clerk_a], 85.5, 80, 5.5, "green")
        self.assertFigures(rows[self.clerk_b], 84, 90, -6.0, "red")
        # Team means: (85.5 + 84) / 2 = 84.75 against (80 + 90) / 2 = 85.
        self.assertFigures(rows["team"], 84.75, 85, -0.25, "amber")

    def test_change_in_percent_against_the_previous_month(self):
        self._enter("cost", self.clerk_a, "2026-02-01", 200)
        self._enter("cost", self.clerk_a, "2026-03-01", 180)
        self._enter("cost", self.clerk_b, "2026-02-01", 100)
        self._enter("cost", self.clerk_b, "2026-03-01", 104)

        rows = self._values("PCT")

        # Lower is better: target -5 %, amber above 0 %, red above 5 %.
        self.assertFigures(rows[self.clerk_a], 180, 200, -10.0, "green")
        self.assertFigures(rows[self.clerk_b], 104, 100, 4.0, "amber")
        # Team sums: 284 against 300.
        self.assertFigures(rows["team"], 284, 300, -16 / 300 * 100, "green")

    def test_missing_or_zero_base_is_na(self):
        self._enter("cost", self.clerk_a, "2026-03-01", 180)
        self._enter("cost", self.clerk_b, "2026-02-01", 0)
        self._enter("cost", self.clerk_b, "2026-03-01", 50)

        rows = self._values("PCT")

        self.assertEqual(rows[self.clerk_a].status, "na")
        self.assertEqual(rows[self.clerk_b].status, "na")
        # The team base is B's 0 alone: n/a as well.
        self.assertEqual(rows["team"].status, "na")

    def test_change_against_a_baseline_period(self):
        self._enter("RATE", self.clerk_a, "2026-01-01", 70)
        self._enter("RATE", self.clerk_a, "2026-02-01", 80)
        self._enter("RATE", self.clerk_a, "2026-03-01", 90)
        self._enter("RATE", self.clerk_b, "2026-03-01", 90)

        rows = self._values("BASE")

        # Baseline: the mean of January and February, 75.
        self.assertFigures(rows[self.clerk_a], 90, 75, 20.0, "green")
        self.assertEqual(rows[self.clerk_b].status, "na")
        # The same baseline for every month compared.
        april = self._values("BASE", "2026-04-01", "2026-04-30")
        self.assertEqual(april[self.clerk_a].status, "na")

    def test_inputs_of_a_trend_value(self):
        self._enter("RATE", self.clerk_a, "2026-02-01", 80)
        self._enter("RATE", self.clerk_a, "2026-03-01", 85)
        self.template.sudo().compute_kpi_values("2026-02-01", "2026-02-28")
        row = self._values("PTS")[self.clerk_a]

        inputs = self.env["billing.kpi.value"].search(row.action_open_inputs()["domain"])

        self.assertEqual(inputs.mapped("value"), [85.0, 80.0])


class TestTrendValidation(BillingDerivedCommon):
    def test_points_need_a_percent_base(self):
        with self.assertRaisesRegex(ValidationError, "needs a base KPI in percent"):
            self.kpi["PCT"].write({"trend_unit": "points"})

    def test_previous_period_needs_the_same_periodicity(self):
        with self.assertRaisesRegex(ValidationError, "both must have the same periodicity"):
            self.kpi["PTS"].write({"periodicity": "quarter"})

    def test_baseline_needs_dates(self):
        with self.assertRaisesRegex(ValidationError, "give its first and last day"):
            self.kpi["PTS"].write({"trend_base": "baseline"})

    def test_baseline_ending_before_it_starts(self):
        with self.assertRaisesRegex(ValidationError, "ends on 2025-12-31, before it starts"):
            self.kpi["BASE"].write({"baseline_date_to": "2025-12-31"})

    def test_negative_target_allowed_for_trends_only(self):
        self.kpi["PCT"].write({"target": -10, "threshold_amber": -5})
        with self.assertRaisesRegex(ValidationError, "Only trend KPIs"):
            self.kpi["CPI"].write({"target": -1})
