from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import BillingDerivedCommon


class TestManualValues(BillingDerivedCommon):
    def test_approved_values_count_and_team_takes_the_mean(self):
        self._enter("RATE", self.clerk_a, "2026-03-01", 80)
        self._enter("RATE", self.clerk_b, "2026-03-01", 95)

        rows = self._values("RATE")

        self.assertFigures(rows[self.clerk_a], 80, None, 80, "green")
        self.assertFigures(rows[self.clerk_b], 95, None, 95, "green")
        self.assertFigures(rows["team"], 175, 2, 87.5, "green")

    def test_entry_waiting_for_approval_does_not_count(self):
        entry = self._enter("RATE", self.clerk_a, "2026-03-01", 80, approve=False)

        self.assertEqual(self._values("RATE")[self.clerk_a].status, "na")

        entry.with_user(self.manager).action_approve()
        self.assertEqual(entry.approved_by_id, self.manager)
        self.assertAlmostEqual(self._values("RATE")[self.clerk_a].value, 80)

    def test_approval_recomputes_the_period(self):
        self.template.sudo().compute_kpi_values("2026-03-01", "2026-03-31")
        self._enter("RATE", self.clerk_a, "2026-03-01", 70)

        row = self.env["billing.kpi.value"].search(
            [("kpi_id", "=", self.kpi["RATE"].id), ("employee_id", "=", self.clerk_a.id)]
        )
        self.assertAlmostEqual(row.value, 70)
        self.assertEqual(row.status, "amber")

    def test_team_entry_replaces_the_aggregate(self):
        self._enter("RATE", self.clerk_a, "2026-03-01", 80)
        self._enter("RATE", False, "2026-03-01", 91)

        self.assertFigures(self._values("RATE")["team"], 91, None, 91)

    def test_team_sum_of_quantities(self):
        self._enter("cost", self.clerk_a, "2026-03-01", 100)
        self._enter("cost", self.clerk_b, "2026-03-01", 50)

        rows = self._values("cost")

        self.assertFigures(rows["team"], 150, None, 150, "input")
        self.assertFalse(rows["team"].score)

    def test_team_only_kpi(self):
        self._enter("DOWN", False, "2026-03-01", 3)

        rows = self._values("DOWN")

        self.assertFigures(rows["team"], 3, None, 3, "green")
        self.assertEqual(rows[self.clerk_a].status, "na")
        with self.assertRaisesRegex(ValidationError, "entered for the team as a whole"):
            self._enter("DOWN", self.clerk_a, "2026-03-01", 3)

    def test_rejected_and_reset_entries_do_not_count(self):
        entry = self._enter("RATE", self.clerk_a, "2026-03-01", 80)
        entry.with_user(self.manager).action_reset()

        self.assertEqual(entry.state, "to_approve")
        self.assertFalse(entry.approved_by_id)
        self.assertEqual(self._values("RATE")[self.clerk_a].status, "na")

        entry.with_user(self.manager).action_reject()
        self.assertEqual(self._values("RATE")[self.clerk_a].status, "na")
        # A rejected entry does not block a corrected one.
        self._enter("RATE", self.clerk_a, "2026-03-01", 82)
        self.assertAlmostEqual(self._values("RATE")[self.clerk_a].value, 82)

    def test_period_end_follows_from_the_start(self):
        entry = self._enter("RATE", self.clerk_a, "2026-02-01", 80, approve=False)

        self.assertEqual(str(entry.date_to), "2026-02-28")


class TestManualValueInput(BillingDerivedCommon):
    def _create(self, **values):
        vals = {
            "kpi_id": self.kpi["RATE"].id,
            "employee_id": self.clerk_a.id,
            "date_from": "2026-03-01",
            "value": 80,
        }
        vals.update(values)
        return self.env["billing.kpi.manual.value"].with_user(self.manager).create(vals)

    def assertRejected(self, message, **values):
        Entry = self.env["billing.kpi.manual.value"]
        before = Entry.search_count([])
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            self._create(**values)
        self.assertEqual(Entry.search_count([]), before)

    def test_text_instead_of_a_number(self):
        self.assertRejected(r"The value 'eighty' is not a number", value="eighty")
        self.assertRejected(r"The value True is not a number", value=True)

    def test_number_written_as_text(self):
        self.assertAlmostEqual(self._create(value=" 82.5 ").value, 82.5)

    def test_percentage_over_100(self):
        self.assertRejected(r"a percentage: enter a number between 0 and 100, not 120", value=120)

    def test_negative_quantity(self):
        self.assertRejected(
            r"The value of KPI cost Manual cost cannot be negative \(-5.0\)",
            kpi_id=self.kpi["cost"].id,
            value=-5,
        )

    def test_period_not_matching_the_periodicity(self):
        self.assertRejected(
            "is measured per month, so its period runs from 2026-03-01 to 2026-03-31, "
            "not from 2026-03-05 to 2026-03-31",
            date_from="2026-03-05",
            date_to="2026-03-31",
        )
        self.assertRejected(
            "not from 2026-03-01 to 2026-04-30", date_from="2026-03-01", date_to="2026-04-30"
        )

    def test_employee_outside_the_template(self):
        self.assertRejected(
            "Not Measured is not measured by template Derived Clerk",
            employee_id=self.outsider_employee.id,
        )

    def test_second_entry_for_the_same_period(self):
        self._create()
        self.assertRejected(
            "already has a value for Derived A in the period starting on 2026-03-01"
        )

    def test_computed_kpi(self):
        self.assertRejected("is not a manual KPI", kpi_id=self.kpi["CPI"].id)

    def test_kpi_computed_since_the_entry(self):
        """A bridge may turn a manual KPI into a computed one: its pending
        entries can be rejected, not approved."""
        entry = self._create()
        self.env.cr.execute(
            "UPDATE billing_kpi SET source_kind = 'live' WHERE id = %s", [self.kpi["RATE"].id]
        )
        self.kpi["RATE"].invalidate_recordset(["source_kind"])

        with self.assertRaisesRegex(UserError, "is no longer a manual KPI"):
            entry.action_approve()
        entry.action_reject()
        self.assertEqual(entry.state, "rejected")

    def test_reviewed_entry_cannot_change(self):
        entry = self._enter("RATE", self.clerk_a, "2026-03-01", 80)

        with self.assertRaisesRegex(UserError, "has been reviewed and can no longer be changed"):
            entry.with_user(self.manager).write({"value": 90})
        with self.assertRaisesRegex(UserError, "Approved entries count in KPI values"):
            entry.with_user(self.manager).unlink()
        self.assertAlmostEqual(entry.value, 80)

    def test_import_reports_bad_rows(self):
        Entry = self.env["billing.kpi.manual.value"].with_user(self.manager)
        fields = ["kpi_id/.id", "employee_id/.id", "date_from", "value"]
        kpi, employee = str(self.kpi["RATE"].id), str(self.clerk_a.id)

        result = Entry.load(fields, [[kpi, employee, "2026-03-01", "not a number"]])
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])

        result = Entry.load(fields, [[kpi, employee, "2026-03-01", "81"]])
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        self.assertAlmostEqual(Entry.browse(result["ids"]).value, 81)

        # The KPI by its code and the employee by name, as in a spreadsheet.
        by_name = ["kpi_id", "employee_id", "date_from", "value"]
        result = Entry.load(by_name, [["RATE", "Derived B", "2026-03-01", "77"]])
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        imported = Entry.browse(result["ids"])
        self.assertEqual((imported.kpi_id, imported.employee_id), (self.kpi["RATE"], self.clerk_b))


class TestManualValueAccess(BillingDerivedCommon):
    def _clerk_entry(self, employee, **values):
        vals = {
            "kpi_id": self.kpi["RATE"].id,
            "employee_id": employee.id if employee else False,
            "date_from": "2026-03-01",
            "value": 80,
        }
        vals.update(values)
        return self.env["billing.kpi.manual.value"].with_user(self.user_a).create(vals)

    def test_clerk_enters_own_value(self):
        entry = self._clerk_entry(self.clerk_a)

        self.assertEqual(entry.entered_by_id, self.user_a)
        self.assertEqual(entry.state, "to_approve")
        entry.write({"value": 85})
        self.assertAlmostEqual(entry.value, 85)

    def test_clerk_cannot_enter_for_a_colleague(self):
        with self.assertRaisesRegex(AccessError, "your own values only, not those of Derived B"):
            self._clerk_entry(self.clerk_b)

    def test_clerk_cannot_enter_a_team_value_unless_responsible(self):
        with self.assertRaises(AccessError):
            self._clerk_entry(False, kpi_id=self.kpi["DOWN"].id)
        self.kpi["DOWN"].responsible_id = self.user_a
        self.assertFalse(self._clerk_entry(False, kpi_id=self.kpi["DOWN"].id).employee_id)

    def test_clerk_cannot_approve(self):
        entry = self._clerk_entry(self.clerk_a)

        with self.assertRaisesRegex(AccessError, "Only KPI managers can review"):
            entry.action_approve()
        with self.assertRaisesRegex(
            AccessError, "Only the review buttons of a manual KPI entry set"
        ):
            entry.write({"state": "approved"})
        with self.assertRaisesRegex(
            AccessError, "Only the review buttons of a manual KPI entry set"
        ):
            self._clerk_entry(self.clerk_a, date_from="2026-04-01", state="approved")
        self.assertEqual(entry.state, "to_approve")

    def test_clerk_sees_only_own_entries(self):
        self._enter("RATE", self.clerk_b, "2026-03-01", 70)
        own = self._clerk_entry(self.clerk_a)

        visible = self.env["billing.kpi.manual.value"].with_user(self.user_a).search([])
        self.assertEqual(visible, own)


class TestManualValueReminders(BillingDerivedCommon):
    def _todos(self, code):
        return self.kpi[code].activity_ids

    @freeze_time("2026-04-02 07:00:00")
    def test_reminders_for_missing_values(self):
        self._enter("RATE", self.clerk_a, "2026-03-01", 80)
        Entry = self.env["billing.kpi.manual.value"]

        Entry._cron_remind_missing_entries()

        rate = self._todos("RATE")
        self.assertEqual(rate.user_id, self.user_b)
        self.assertEqual(rate.summary, "Enter RATE Manual RATE for 2026-03-01 to 2026-03-31")
        self.assertIn("Derived B", rate.note)
        down = self._todos("DOWN")
        self.assertEqual(down.user_id, self.manager)
        self.assertIn("the team", down.note)
        self.assertEqual(self._todos("cost").user_id, self.user_a | self.user_b)

        # A second run does not repeat the open reminders.
        Entry._cron_remind_missing_entries()
        self.assertEqual(len(self._todos("RATE")), 1)
        self.assertEqual(len(self._todos("DOWN")), 1)
