from odoo.exceptions import AccessError, UserError

from .common import APRIL, FEBRUARY, MARCH, AppraisalKpiCommon


class TestSnapshot(AppraisalKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.previous = cls._appraisal("2026-01-31")
        cls.appraisal = cls._appraisal("2026-04-30")
        cls.result = cls._result(cls.appraisal)

    def _messages(self):
        return self.appraisal.message_ids.mapped("preview")

    def test_confirm_takes_snapshot(self):
        self.appraisal.with_user(self.manager_user).action_confirm()
        self.assertEqual(self.appraisal.state, "2_pending")
        self.assertTrue(self.result.snapshot_at)
        self.assertEqual(self.result.snapshot_by_id, self.manager_user)
        self.assertTrue(any("taken as a snapshot" in text for text in self._messages()))

    def test_snapshot_ignores_recomputation(self):
        self.appraisal.with_user(self.manager_user).action_confirm()
        self._reenter("Q", APRIL, 80)

        # The scorecard changed, the snapshot did not.
        self.assertAlmostEqual(self.card[APRIL].score, 100.0)
        self.assertAlmostEqual(self.result.score, 4730 / 61)
        self.assertAlmostEqual(self.result.kra_ids[0].score, 5350 / 61)
        self.assertEqual(self.result.scorecard_line_ids[2].score, 75.0)

    def test_snapshot_period_frozen(self):
        self.appraisal.with_user(self.manager_user).action_confirm()
        with self.assertRaisesRegex(UserError, "its period can no longer change"):
            self.appraisal.with_user(self.manager_user).write({"kpi_date_from": "2026-03-01"})

    def test_employee_confirms_own_appraisal(self):
        self.appraisal.with_user(self.clerk_user).action_confirm()
        self.assertEqual(self.result.snapshot_by_id, self.clerk_user)

    def test_done_locks_scorecards(self):
        self.appraisal.with_user(self.manager_user).action_confirm()
        self.appraisal.with_user(self.manager_user).action_done()

        cards = self.card[FEBRUARY] | self.card[MARCH] | self.card[APRIL]
        self.assertEqual(set(cards.mapped("state")), {"locked"})
        self.assertTrue(all(cards.value_ids.mapped("locked")))
        self.assertEqual(self.result.scorecard_line_ids.mapped("scorecard_state"), ["locked"] * 3)
        self.assertTrue(any("3 KPI scorecards" in text for text in self._messages()))

    def test_done_from_new_snapshots_first(self):
        self.appraisal.with_user(self.hr_officer).write({"state": "3_done"})
        self.assertTrue(self.result.snapshot_at)
        self.assertEqual(self.card[MARCH].state, "locked")

    def test_done_by_unrelated_user_rejected(self):
        # hr_appraisal_oca lets every internal user outside its groups write
        # appraisals; locking scorecards is not theirs to do.
        self.appraisal.with_user(self.manager_user).action_confirm()
        with self.assertRaisesRegex(AccessError, "only HR officers and the employee's managers"):
            self.appraisal.with_user(self.outsider).write({"state": "3_done"})
        self.assertEqual(self.card[MARCH].state, "draft")

    def test_reopen_keeps_snapshot(self):
        manager_appraisal = self.appraisal.with_user(self.manager_user)
        manager_appraisal.action_confirm()
        snapshot_time = self.result.snapshot_at
        manager_appraisal.action_done()
        manager_appraisal.action_back()

        self.assertEqual(self.appraisal.state, "1_new")
        self.assertEqual(self.result.snapshot_at, snapshot_time)
        self.assertTrue(self.result.reopened_at)
        self.assertEqual(manager_appraisal.kpi_reopened_at, self.result.reopened_at)
        self.assertTrue(any("the KPI result snapshot of" in text for text in self._messages()))

        # Confirming again keeps the same snapshot.
        self._reenter("Q", APRIL, 80)
        manager_appraisal.action_confirm()
        self.assertEqual(self.result.snapshot_at, snapshot_time)
        self.assertAlmostEqual(self.result.score, 4730 / 61)

    def test_employee_change_rejected_after_snapshot(self):
        self.appraisal.action_confirm()
        self.appraisal.action_back()
        other = self.env["hr.employee"].create({"name": "Other Clerk"})
        with self.assertRaisesRegex(UserError, "holds a KPI result snapshot of Clerk A"):
            self.appraisal.write({"employee_id": other.id})

    def test_computed_figures_not_writable(self):
        with self.assertRaisesRegex(AccessError, "score"):
            self.result.with_user(self.manager_user).write({"score": 100})

    def test_period_editable_by_manager_only(self):
        self.assertTrue(self.appraisal.with_user(self.manager_user).kpi_period_editable)
        self.assertTrue(self.appraisal.with_user(self.hr_officer).kpi_period_editable)
        self.assertFalse(self.appraisal.with_user(self.clerk_user).kpi_period_editable)
        with self.assertRaises(AccessError):
            self.result.with_user(self.clerk_user).write({"date_from": "2026-03-01"})

        self.appraisal.with_user(self.manager_user).write({"kpi_date_from": "2026-03-01"})
        self.assertEqual(len(self.result.scorecard_line_ids), 2)


class TestScorecardLinks(AppraisalKpiCommon):
    def test_scorecard_shows_its_appraisal(self):
        live = self._appraisal("2026-04-30")
        self.assertEqual(self.card[MARCH].appraisal_id, live)
        self.assertEqual(str(self.card[MARCH].appraisal_date), "2026-04-30")
        action = self.card[MARCH].action_open_appraisal()
        self.assertEqual(action["res_id"], live.id)

        # A snapshot wins over a later appraisal still following the scorecards.
        live.action_confirm()
        later = self._appraisal("2026-05-31")
        self.assertEqual(self._result(later).date_from.isoformat(), "2026-05-01")
        self._result(later).write({"date_from": "2026-01-01"})
        self.assertEqual(self.card[MARCH].appraisal_id, live)

    def test_employee_scorecard_button(self):
        clerk = self.clerk.with_user(self.manager_user)
        self.assertEqual(clerk.billing_scorecard_count, 3)
        action = clerk.action_open_billing_scorecards()
        cards = self.env["billing.scorecard"].search(action["domain"])
        self.assertEqual(len(cards), 3)
        self.assertEqual(cards.employee_id, self.clerk)
