from odoo.exceptions import ValidationError

from ..hooks import post_init_hook
from .common import APRIL, FEBRUARY, MARCH, AppraisalKpiCommon


class TestResultAggregation(AppraisalKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.previous = cls._appraisal("2026-01-31")
        cls.appraisal = cls._appraisal("2026-04-30")
        cls.result = cls._result(cls.appraisal)

    def test_default_period_from_previous_appraisal(self):
        self.assertEqual(str(self.result.date_from), "2026-02-01")
        self.assertEqual(str(self.result.date_to), "2026-04-30")

    def test_overall_score_weighted_by_days(self):
        # March 80 over 31 days, April 75 over 30; February has no score.
        self.assertEqual(self.result.status, "scored")
        self.assertFalse(self.result.status_message)
        self.assertTrue(self.result.has_score)
        self.assertAlmostEqual(self.result.score, 4730 / 61)
        self.assertEqual(self.result.scored_days, 61)
        self.assertEqual(
            self.result.band_id, self.env.ref("billing_kra_kpi.billing_rating_band_meets")
        )
        self.assertEqual(self.result.template_id, self.template)

    def test_kra_scores_weighted_by_days(self):
        quality, speed = self.result.kra_ids
        self.assertEqual(quality.kra_id, self.kra_quality)
        self.assertEqual(quality.weight, 60)
        # Quality: 100 in March (31 days), 75 in April (30 days).
        self.assertAlmostEqual(quality.score, 5350 / 61)
        self.assertEqual(quality.scored_days, 61)
        # Speed: 50 in March only; April and February are n/a.
        self.assertEqual(speed.kra_id, self.kra_speed)
        self.assertAlmostEqual(speed.score, 50.0)
        self.assertEqual(speed.scored_days, 31)

    def test_scorecards_of_the_period(self):
        lines = self.result.scorecard_line_ids
        self.assertEqual(
            lines.scorecard_id, self.card[FEBRUARY] | self.card[MARCH] | self.card[APRIL]
        )
        self.assertEqual(lines.mapped("days"), [28, 31, 30])
        self.assertEqual(lines.mapped("has_score"), [False, True, True])
        self.assertEqual(lines[1].score, 80.0)
        self.assertEqual(lines[2].score, 75.0)
        self.assertEqual(lines.mapped("scorecard_state"), ["draft", "draft", "draft"])

    def test_scores_without_data_stored_as_null(self):
        self.env.cr.execute(
            "SELECT score FROM billing_appraisal_result_scorecard WHERE result_id = %s "
            "ORDER BY date_from",
            [self.result.id],
        )
        self.assertEqual([row[0] for row in self.env.cr.fetchall()], [None, 80.0, 75.0])

    def test_scorecard_partly_outside_left_out(self):
        self.result.with_user(self.manager_user).write({"date_to": "2026-04-15"})
        # April reaches past the period: only February (no score) and March remain.
        self.assertEqual(len(self.result.scorecard_line_ids), 2)
        self.assertAlmostEqual(self.result.score, 80.0)
        self.assertAlmostEqual(self.result.kra_ids[0].score, 100.0)

    def test_live_result_follows_recomputation(self):
        self._reenter("Q", APRIL, 80)
        # April now scores (100 x 60) / 60 = 100: (80 x 31 + 100 x 30) / 61.
        self.assertAlmostEqual(self.result.score, 5480 / 61)
        self.assertAlmostEqual(self.result.kra_ids[0].score, 6100 / 61)

    def test_appraisal_date_change_resets_period(self):
        self.result.write({"date_from": "2026-03-01"})
        self.appraisal.write({"date_close": "2026-03-31"})
        self.assertEqual(str(self.result.date_from), "2026-02-01")
        self.assertEqual(str(self.result.date_to), "2026-03-31")
        self.assertAlmostEqual(self.result.score, 80.0)

    def test_period_ending_before_start_rejected(self):
        with self.assertRaisesRegex(ValidationError, "ends on 2026-01-31, before it starts"):
            self.result.with_user(self.manager_user).write({"date_to": "2026-01-31"})


class TestResultWithoutScores(AppraisalKpiCommon):
    def test_first_appraisal_covers_a_year(self):
        result = self._result(self._appraisal("2026-04-30"))
        self.assertEqual(str(result.date_from), "2025-05-01")
        self.assertAlmostEqual(result.score, 4730 / 61)

    def test_no_template(self):
        employee = self.env["hr.employee"].create({"name": "Not Measured"})
        result = self._result(self._appraisal("2026-04-30", employee))
        self.assertEqual(result.status, "no_template")
        self.assertFalse(result.has_score)
        self.assertFalse(result.band_id)
        self.assertFalse(result.kra_ids)
        self.assertIn("Not Measured is measured by no active KPI template", result.status_message)

    def test_no_scorecard_in_period(self):
        result = self._result(self._appraisal("2025-06-30"))
        self.assertEqual(result.status, "no_scorecard")
        self.assertEqual(result.template_id, self.template)
        self.assertFalse(result.scorecard_line_ids)
        self.assertIn(
            "Clerk A has no scorecard of the template Appraised Clerk that lies within the "
            "period from 2024-07-01 to 2025-06-30",
            result.status_message,
        )

    def test_no_score_in_period(self):
        previous = self._appraisal("2026-01-31")
        result = self._result(self._appraisal("2026-02-28"))
        self.assertTrue(previous)
        self.assertEqual(result.status, "no_score")
        self.assertEqual(len(result.scorecard_line_ids), 1)
        self.assertFalse(result.has_score)
        # The KRA lines are there, without score.
        self.assertEqual(result.kra_ids.mapped("has_score"), [False, False])
        self.assertIn("every KPI is n/a", result.status_message)

    def test_install_gives_existing_appraisals_a_result(self):
        appraisal = self._appraisal("2026-04-30")
        self._result(appraisal).unlink()

        post_init_hook(self.env)
        result = self._result(appraisal)
        self.assertEqual(str(result.date_from), "2025-05-01")
        self.assertAlmostEqual(result.score, 4730 / 61)
        # Appraisals that have a result keep it.
        self.assertEqual(
            len(self._result(self.env.ref("billing_kra_kpi_appraisal.hr_appraisal_anna"))), 1
        )
