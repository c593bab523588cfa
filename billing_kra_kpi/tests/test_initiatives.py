from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from .common import BillingDerivedCommon


class TestInitiativeKpis(BillingDerivedCommon):
    def _initiative(self, name, kind, proposer, proposed, **values):
        return self.env["billing.improvement.initiative"].create(
            {
                "name": name,
                "kind": kind,
                "proposer_id": proposer.id,
                "date_proposed": proposed,
                **values,
            }
        )

    def test_suggestions_proposed_in_the_month(self):
        self._initiative("One", "suggestion", self.clerk_a, "2026-03-01")
        self._initiative("Two", "suggestion", self.clerk_a, "2026-03-31", state="cancelled")
        self._initiative("Earlier", "suggestion", self.clerk_b, "2026-02-28")
        self._initiative("Other kind", "cost_saving", self.clerk_b, "2026-03-10")
        self._initiative("Outsider", "suggestion", self.outsider_employee, "2026-03-10")

        rows = self._values("IDEAS")

        # A cancelled suggestion was still proposed; outsiders are not the team.
        self.assertFigures(rows[self.clerk_a], 2, None, 2, "green")
        self.assertFigures(rows[self.clerk_b], 0, None, 0, "amber")
        self.assertFigures(rows["team"], 2, None, 2, "green")

    def test_improvements_completed_count_for_their_owner(self):
        self._initiative(
            "Done in March",
            "process_improvement",
            self.clerk_a,
            "2026-01-10",
            owner_id=self.clerk_b.id,
            state="done",
            date_done="2026-03-15",
        )
        self._initiative(
            "Still running",
            "process_improvement",
            self.clerk_a,
            "2026-01-10",
            owner_id=self.clerk_a.id,
            state="in_progress",
        )

        rows = self._values("DONE")

        self.assertFigures(rows[self.clerk_a], 0, None, 0)
        self.assertFigures(rows[self.clerk_b], 1, None, 1, "green")
        self.assertFigures(rows["team"], 1, None, 1)

    def test_inputs_list_the_initiatives(self):
        counted = self._initiative("One", "suggestion", self.clerk_a, "2026-03-01")
        self._initiative("Other month", "suggestion", self.clerk_a, "2026-04-01")
        row = self._values("IDEAS")[self.clerk_a]

        action = row.action_open_inputs()

        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), counted)


class TestWorkedExample(BillingDerivedCommon):
    """Automated data validation should cut the error rate by 20 % in two
    months; the team error rate is RATE here, entered for the team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for month, rate in (("01", 12), ("02", 8), ("03", 9), ("04", 7)):
            cls._enter("RATE", False, "2026-%s-01" % month, rate)
        cls.template.sudo().compute_kpi_values("2026-01-01", "2026-04-30")
        cls.initiative = cls.env["billing.improvement.initiative"].create(
            {
                "name": "Automated data validation",
                "kind": "process_improvement",
                "proposer_id": cls.clerk_a.id,
                "kpi_id": cls.kpi["RATE"].id,
                "date_start": "2026-03-01",
                "date_deadline": "2026-04-30",
                "baseline_date_from": "2026-01-01",
                "baseline_date_to": "2026-02-28",
                "target_change": -20,
                "state": "in_progress",
            }
        )

    def test_baseline_from_the_history(self):
        self.assertAlmostEqual(self.initiative.baseline_value, 10.0)
        self.assertAlmostEqual(self.initiative.target_value, 8.0)

    @freeze_time("2026-05-10")
    def test_achieved_at_the_deadline(self):
        self.initiative.invalidate_recordset()
        # Measured: the mean of March and April, 8, exactly the target.
        self.assertEqual(self.initiative.measured_periods, 2)
        self.assertAlmostEqual(self.initiative.measured_value, 8.0)
        self.assertAlmostEqual(self.initiative.measured_change, -20.0)
        self.assertEqual(self.initiative.verdict, "achieved")

    @freeze_time("2026-04-10")
    def test_not_yet_before_the_deadline(self):
        self.initiative.invalidate_recordset()
        # Only March is closed: 9 is 10 % below the baseline.
        self.assertEqual(self.initiative.measured_periods, 1)
        self.assertAlmostEqual(self.initiative.measured_change, -10.0)
        self.assertEqual(self.initiative.verdict, "not_yet")

    @freeze_time("2026-05-10")
    def test_missed_after_the_deadline(self):
        self.initiative.write({"target_change": -25})
        self.assertAlmostEqual(self.initiative.measured_change, -20.0)
        self.assertEqual(self.initiative.verdict, "missed")

    @freeze_time("2026-05-10")
    def test_baseline_corrected_by_hand(self):
        self.initiative.write({"baseline_value": 12})
        self.assertAlmostEqual(self.initiative.target_value, 9.6)
        # 8 against 12 is a third less.
        self.assertAlmostEqual(self.initiative.measured_change, -100 / 3)
        self.assertEqual(self.initiative.verdict, "achieved")

    def test_history_for_the_chart(self):
        history = self.initiative.history
        self.assertEqual(
            history["points"],
            [["2026-01-01", 12.0], ["2026-02-01", 8.0], ["2026-03-01", 9.0], ["2026-04-01", 7.0]],
        )
        self.assertEqual((history["baseline"], history["target"]), (10.0, 8.0))
        self.assertEqual(history["start"], "2026-03-01")

    def test_no_kpi_is_not_measurable(self):
        self.initiative.write({"kpi_id": False})
        self.assertEqual(self.initiative.verdict, "unmeasured")

    def test_default_baseline_is_six_months_before_the_start(self):
        other = self.env["billing.improvement.initiative"].create(
            {
                "name": "Later start",
                "proposer_id": self.clerk_b.id,
                "kpi_id": self.kpi["RATE"].id,
                "date_start": "2026-04-15",
            }
        )
        self.assertEqual(str(other.baseline_date_from), "2025-10-01")
        self.assertEqual(str(other.baseline_date_to), "2026-03-31")
        # January to March: (12 + 8 + 9) / 3.
        self.assertAlmostEqual(other.baseline_value, 29 / 3)

    def test_dates_in_order(self):
        with self.assertRaisesRegex(ValidationError, "deadline .* is before its start"):
            with self.env.cr.savepoint():
                self.initiative.write({"date_deadline": "2026-02-01"})
        with self.assertRaisesRegex(ValidationError, "must end before its start"):
            self.initiative.write({"baseline_date_to": "2026-03-15"})


class TestInitiativeAccess(BillingDerivedCommon):
    def test_clerk_proposes_and_manager_decides(self):
        Initiative = self.env["billing.improvement.initiative"]
        proposal = Initiative.with_user(self.user_a).create(
            {"name": "Shorter reminder letters", "kind": "suggestion"}
        )
        self.assertEqual(proposal.proposer_id, self.clerk_a)
        proposal.write({"name": "Shorter reminders"})

        with self.assertRaisesRegex(AccessError, "Only KPI managers start, complete or cancel"):
            proposal.action_done()
        with self.assertRaisesRegex(AccessError, "Only KPI managers"):
            Initiative.with_user(self.user_a).create(
                {"name": "Already done", "kind": "suggestion", "state": "done"}
            )
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_b).write({"name": "Not mine"})

        proposal.with_user(self.manager).action_start()
        proposal.with_user(self.manager).action_done()
        self.assertEqual(proposal.state, "done")
        self.assertTrue(proposal.date_done)
        # Colleagues read every initiative, but change only their own proposals.
        self.assertEqual(proposal.with_user(self.user_b).read(["state"])[0]["state"], "done")
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_a).write({"name": "After the decision"})
