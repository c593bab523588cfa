import logging
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BillingMetricsCommon

ENGINE_LOGGER = "odoo.addons.billing_kra_kpi.models.billing_kpi_engine"


@tagged("post_install", "-at_install")
class TestEngine(BillingMetricsCommon):
    """In March 2026 clerk A first posts inv1 and inv2 and resets inv2;
    clerk B posts inv3."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv1 = cls._invoice(cls.user_a, "2026-03-03 10:00:00", 100)
        cls.inv2 = cls._invoice(cls.user_a, "2026-03-04 10:00:00", 200)
        cls.inv3 = cls._invoice(cls.user_b, "2026-03-05 10:00:00", 300)
        cls._at("2026-03-06 10:00:00", "button_draft", cls.inv2)
        cls.Value = cls.env["billing.kpi.value"]

    def _months(self, kpi):
        rows = self.Value.search([("kpi_id", "=", kpi.id)])
        return sorted({str(day) for day in rows.mapped("date_from")})

    def _rows(self, kpi, date_from="2026-03-01"):
        rows = self.Value.search([("kpi_id", "=", kpi.id), ("date_from", "=", date_from)])
        return {row.employee_id or "team": row for row in rows}

    def test_compute_returns_one_row_per_member_and_team(self):
        ids = self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        live_kpis = len(self.kpis)
        # Clerks A, B, C and D plus the team row, for each live KPI.
        self.assertEqual(len(ids), live_kpis * 5)
        self.assertEqual(len(set(ids)), len(ids))

    def test_recompute_replaces_in_place(self):
        first = self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        self._at("2026-03-07 10:00:00", "action_post", self.inv2)
        second = self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        self.assertEqual(sorted(first), sorted(second))
        row = self._rows(self.kpis["entry_accuracy"])[self.clerk_a]
        # inv2 was reset, so it stays corrected after posting it again.
        self.assertFigures(row, 1, 2, 50.0)
        errors = self._rows(self.kpis["errors_corrected"])[self.clerk_a]
        self.assertFigures(errors, 1, 1, 100.0)

    def test_periods_of_the_range(self):
        self.template.compute_kpi_values("2026-02-15", "2026-04-02")
        months = self.Value.search([("kpi_id", "=", self.kpis["entry_accuracy"].id)]).mapped(
            "date_from"
        )
        self.assertEqual(
            sorted({str(day) for day in months}), ["2026-02-01", "2026-03-01", "2026-04-01"]
        )

    def test_quarterly_kpi(self):
        kpi = self.kpis["entry_accuracy"]
        kpi.periodicity = "quarter"
        self.template.compute_kpi_values("2026-03-10", "2026-03-20")
        row = self._rows(kpi, "2026-01-01")[self.clerk_a]
        self.assertEqual(str(row.date_to), "2026-03-31")
        self.assertEqual(row.periodicity, "quarter")
        self.assertFigures(row, 1, 2, 50.0)

    def test_scores_stored_with_values(self):
        kpi = self.kpis["entry_accuracy"]
        kpi.write({"target": 80, "threshold_amber": 60, "threshold_red": 40})
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        rows = self._rows(kpi)
        row_a, row_b, row_c = rows[self.clerk_a], rows[self.clerk_b], rows[self.clerk_c]
        self.assertEqual((row_a.target, row_a.threshold_amber, row_a.threshold_red), (80, 60, 40))
        self.assertAlmostEqual(row_a.achievement, 62.5)
        self.assertAlmostEqual(row_a.score, 62.5)
        self.assertEqual(row_a.status, "amber")
        self.assertAlmostEqual(row_b.achievement, 125.0)
        self.assertAlmostEqual(row_b.score, 100.0)
        self.assertEqual(row_b.status, "green")
        self.assertEqual(row_c.status, "na")
        self.assertEqual(row_c.value_display, "n/a")
        self.assertEqual(row_a.value_display, "50.00%")

    def test_na_stored_as_null(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(self.kpis["entry_accuracy"])[self.clerk_c]
        self.env.cr.execute(
            "SELECT value, achievement, score FROM billing_kpi_value WHERE id = %s", [row.id]
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None, None))

    def test_empty_month_is_na(self):
        self.template.compute_kpi_values("2026-01-01", "2026-01-31")
        rows = self._rows(self.kpis["entry_accuracy"], "2026-01-01")
        self.assertEqual({row.status for row in rows.values()}, {"na"})

    def test_locked_value_records_restatement(self):
        kpi = self.kpis["entry_accuracy"]
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(kpi)[self.clerk_b]
        self.assertFigures(row, 1, 1, 100.0)
        row.action_lock()

        self._at("2026-04-02 10:00:00", "button_draft", self.inv3)
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        self.assertFigures(row, 1, 1, 100.0, status="green")
        self.assertTrue(row.restatement_pending)
        self.assertEqual(row.restated_value, 0.0)
        self.assertEqual(row.restated_numerator, 0.0)
        self.assertEqual(row.restated_status, "red")

        row.action_accept_restatement()
        self.assertFigures(row, 0, 1, 0.0, status="red")
        self.assertFalse(row.restatement_pending)
        self.assertTrue(row.locked)

    def test_locked_value_unchanged_without_difference(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(self.kpis["entry_accuracy"])[self.clerk_b]
        row.action_lock()
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        self.assertFalse(row.restatement_pending)

    def test_lock_covers_the_whole_period(self):
        self.template.compute_kpi_values("2026-03-01", "2026-04-30")
        self._rows(self.kpis["entry_accuracy"])[self.clerk_b].action_lock()
        march = self.Value.search([("date_from", "=", "2026-03-01")])
        april = self.Value.search([("date_from", "=", "2026-04-01")])
        self.assertTrue(all(march.mapped("locked")))
        self.assertFalse(any(april.mapped("locked")))

        self._at("2026-04-02 10:00:00", "button_draft", self.inv3)
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        team = self._rows(self.kpis["entry_accuracy"])["team"]
        # The team row keeps its figures too, and records its own restatement.
        self.assertFigures(team, 2, 3, 200 / 3)
        self.assertTrue(team.restatement_pending)
        self.assertEqual(team.restated_numerator, 1.0)

    def test_value_rights(self):
        manager = new_test_user(
            self.env,
            login="engine_manager",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager",
        )
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(self.kpis["entry_accuracy"])[self.clerk_a]
        with self.assertRaises(AccessError):
            row.with_user(self.user_a).action_lock()
        row.with_user(manager).action_lock()
        self.assertTrue(row.locked)
        with self.assertRaises(AccessError):
            row.with_user(self.user_a).action_accept_restatement()
        with self.assertRaises(AccessError):
            row.with_user(manager).action_unlock()
        row.action_unlock()
        self.assertFalse(row.locked)

    def test_figures_cannot_be_edited(self):
        manager = new_test_user(
            self.env,
            login="engine_editor",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager",
        )
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(self.kpis["entry_accuracy"])[self.clerk_a]
        with self.assertRaises(UserError) as caught:
            row.with_user(manager).write({"value": 99, "numerator": 1})
        self.assertEqual(
            caught.exception.args[0],
            "KPI values are computed from the records and cannot be edited (fields: "
            "numerator, value). Recompute them, or lock their period.",
        )
        self.assertFigures(row, 1, 2, 50.0)

    def test_clerk_opens_records_of_own_value(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(self.kpis["entry_accuracy"])[self.clerk_a].with_user(self.user_a)
        action = row.action_open_denominator_records()
        self.assertEqual(self.env["account.move"].search(action["domain"]), self.inv1 | self.inv2)

    def test_working_days_have_no_records(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self._rows(self.kpis["invoices_per_day"])[self.clerk_a]
        self.assertEqual(
            self.env["account.move"].search(row.action_open_numerator_records()["domain"]),
            self.inv1 | self.inv2,
        )
        with self.assertRaises(UserError):
            row.action_open_denominator_records()

    def test_invalid_date_rejected(self):
        with self.assertRaises(UserError) as caught:
            self.template.compute_kpi_values("2026-13-01", "2026-12-31")
        self.assertIn("Write dates as YYYY-MM-DD.", caught.exception.args[0])

    def test_employee_archived_after_period_keeps_values(self):
        self.clerk_b.write({"departure_date": "2026-04-15", "active": False})
        self.template.compute_kpi_values("2026-03-01", "2026-04-30")
        kpi = self.kpis["entry_accuracy"]
        self.assertFigures(self._rows(kpi)[self.clerk_b], 1, 1, 100.0)
        self.assertIn(self.clerk_b, self._rows(kpi, "2026-04-01"))

    def test_employee_gone_before_period_has_no_values(self):
        self.clerk_b.write({"departure_date": "2026-02-15", "active": False})
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        rows = self._rows(self.kpis["entry_accuracy"])
        self.assertNotIn(self.clerk_b, rows)
        # The team row counts members only: B's invoice is not in it.
        self.assertFigures(rows["team"], 1, 2, 50.0)

    def test_retention(self):
        self.env.cr.execute(
            "UPDATE hr_employee SET create_date = '2025-01-01' WHERE id IN %s",
            [tuple((self.clerk_a | self.clerk_b | self.clerk_c | self.clerk_d).ids)],
        )
        self.clerk_c.write({"departure_date": "2026-03-15", "active": False})
        self.env.invalidate_all()
        self.template.compute_kpi_values("2026-03-01", "2026-04-30")
        kpi = self.kpis["retention"]
        march = self._rows(kpi)
        self.assertFigures(march["team"], 3, 4, 75.0)
        self.assertEqual(march[self.clerk_a].status, "na")
        april = self._rows(kpi, "2026-04-01")
        self.assertFigures(april["team"], 3, 3, 100.0)

    def test_reversed_range_rejected(self):
        with self.assertRaises(UserError) as caught:
            self.template.compute_kpi_values("2026-03-31", "2026-03-01")
        self.assertEqual(
            caught.exception.args[0],
            "The period to compute ends on 2026-03-01, before it starts on 2026-03-31.",
        )

    def test_clerk_cannot_compute(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.user_a).compute_kpi_values("2026-03-01", "2026-03-31")

    def test_clerk_reads_own_values_only(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        visible = self.Value.with_user(self.user_a).search([])
        self.assertTrue(visible)
        self.assertEqual(visible.employee_id, self.clerk_a)

    def test_wizard_computes_and_opens_values(self):
        wizard = self.env["billing.kpi.compute.wizard"].create(
            {
                "template_ids": [Command.set(self.template.ids)],
                "date_from": "2026-03-01",
                "date_to": "2026-03-31",
            }
        )
        action = wizard.action_compute()
        self.assertEqual(action["res_model"], "billing.kpi.value")
        self.assertEqual(self.Value.search_count(action["domain"]), len(self.kpis) * 5)
        wizard.date_to = "2026-02-01"
        with self.assertRaises(UserError):
            wizard.action_compute()

    def test_failing_kpi_skipped_by_cron(self):
        self.template.action_activate()
        Metric = type(self.env["billing.kpi.metric"])

        def broken(self, period):
            raise ValueError("broken metric")

        with (
            patch.object(Metric, "_facts_entry_accuracy", broken, create=False),
            self.assertLogs(
                "odoo.addons.billing_kra_kpi.models.billing_kpi_engine", logging.WARNING
            ) as logs,
            self._frozen("2026-03-20 12:00:00"),
        ):
            self.env["billing.kpi.template"]._cron_compute_kpi_values()
        self.assertIn("Skipped KPI", logs.output[0])
        self.assertFalse(self._rows(self.kpis["entry_accuracy"]))
        self.assertFigures(self._rows(self.kpis["error_rate"])[self.clerk_a], 1, 2, 50.0)
        # The previous month is computed too.
        self.assertTrue(self._rows(self.kpis["error_rate"], "2026-02-01"))
        self.assertEqual(str(self.template.kpi_computed_until), "2026-03-20")

    def test_cron_catches_up_missed_periods(self):
        self.template.action_activate()
        self.template.kpi_computed_until = "2025-12-31"
        with self._frozen("2026-03-20 12:00:00"):
            self.env["billing.kpi.template"]._cron_compute_kpi_values()
        months = self.Value.search([("kpi_id", "=", self.kpis["error_rate"].id)]).mapped(
            "date_from"
        )
        self.assertEqual(
            sorted({str(day) for day in months}), ["2026-01-01", "2026-02-01", "2026-03-01"]
        )


@tagged("post_install", "-at_install")
class TestEngineCompanies(BillingMetricsCommon):
    """A second company in EUR with its own clerk E; the template is shared."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR")
        cls.company_2_data = cls.setup_other_company(name="Billing EU", currency_id=cls.eur.id)
        cls.company_2 = cls.company_2_data["company"]
        cls.user_e = new_test_user(
            cls.env,
            login="metrics_e",
            groups="account.group_account_invoice,billing_kra_kpi.group_kpi_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        cls.clerk_e = cls.env["hr.employee"].create(
            {
                "name": "Clerk E",
                "job_id": cls.job.id,
                "user_id": cls.user_e.id,
                "company_id": cls.company_2.id,
            }
        )
        cls._invoice(cls.user_a, "2026-03-03 10:00:00", 100)
        cls._invoice(
            cls.user_e,
            "2026-03-03 10:00:00",
            700,
            journal_id=cls.company_2_data["default_journal_sale"].id,
        )

    def test_values_per_company_never_summed(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        rows = self.env["billing.kpi.value"].search(
            [("kpi_id", "=", self.kpis["amount_accuracy"].id), ("is_team", "=", True)]
        )
        by_company = {row.company_id: row for row in rows}
        self.assertEqual(set(by_company), {self.company, self.company_2})
        self.assertFigures(by_company[self.company], 100, 100, 100.0)
        self.assertFigures(by_company[self.company_2], 700, 700, 100.0)
        self.assertEqual(self.company_2.currency_id, self.eur)

    def test_employee_rows_in_their_company(self):
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        row = self.env["billing.kpi.value"].search(
            [
                ("kpi_id", "=", self.kpis["invoices_per_day"].id),
                ("employee_id", "=", self.clerk_e.id),
            ]
        )
        self.assertEqual(row.company_id, self.company_2)
        self.assertEqual(row.numerator, 1)

    def test_template_of_one_company(self):
        self.template.company_id = self.company_2
        self.template.compute_kpi_values("2026-03-01", "2026-03-31")
        rows = self.env["billing.kpi.value"].search([("template_id", "=", self.template.id)])
        self.assertEqual(rows.company_id, self.company_2)
        self.assertEqual(rows.employee_id, self.clerk_e)


@tagged("post_install", "-at_install")
class TestComputeJob(BillingMetricsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.user_a, "2026-01-10 10:00:00", 100)
        cls._invoice(cls.user_a, "2026-03-10 10:00:00", 100)

    def _wizard(self, date_from, date_to):
        return self.env["billing.kpi.compute.wizard"].create(
            {
                "template_ids": [Command.set(self.template.ids)],
                "date_from": date_from,
                "date_to": date_to,
            }
        )

    def test_short_range_computed_at_once(self):
        action = self._wizard("2026-02-01", "2026-03-31").action_compute()
        self.assertEqual(action["res_model"], "billing.kpi.value")

    def test_long_range_queued_with_progress(self):
        action = self._wizard("2026-01-01", "2026-04-15").action_compute()
        self.assertEqual(action["res_model"], "billing.kpi.compute.job")
        job = self.env["billing.kpi.compute.job"].browse(action["res_id"])
        self.assertEqual((job.state, job.months_total, job.progress), ("queued", 4, 0.0))

        self.env["billing.kpi.compute.job"]._cron_run_jobs()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.months_done, 4)
        self.assertEqual(job.progress, 100.0)
        self.assertEqual(job.value_count, len(self.kpis) * 5 * 4)
        values = self.env["billing.kpi.value"].search(job.action_open_values()["domain"])
        months = sorted({str(day) for day in values.mapped("date_from")})
        self.assertEqual(months, ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"])

    def test_failed_job_records_error(self):
        job = self.env["billing.kpi.compute.job"].create(
            {
                "template_ids": [Command.set(self.template.ids)],
                "date_from": "2026-01-01",
                "date_to": "2026-03-31",
            }
        )
        Template = type(self.env["billing.kpi.template"])

        def broken(self, date_from, date_to):
            raise ValueError("database went away")

        with (
            patch.object(Template, "compute_kpi_values", broken),
            self.assertLogs(
                "odoo.addons.billing_kra_kpi.models.billing_kpi_compute_job", "WARNING"
            ),
        ):
            self.env["billing.kpi.compute.job"]._cron_run_jobs()
        self.assertEqual(job.state, "failed")
        self.assertEqual(job.error, "database went away")

    def test_clerk_cannot_queue(self):
        wizard = self._wizard("2026-01-01", "2026-06-30")
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_a).action_compute()


@tagged("post_install", "-at_install")
class TestCorrections(BillingMetricsCommon):
    """Clerk A posts inv1 (100) on 3 March; clerk B posts inv2 (300) on
    5 March."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv1 = cls._invoice(cls.user_a, "2026-03-03 10:00:00", 100)
        cls.inv2 = cls._invoice(cls.user_b, "2026-03-05 10:00:00", 300)

    def test_partial_credit_note(self):
        with self._frozen("2026-03-13 10:00:00"):
            wizard = (
                self.env["account.move.reversal"]
                .with_user(self.user_b)
                .with_context(active_model="account.move", active_ids=self.inv1.ids)
                .create({"journal_id": self.inv1.journal_id.id, "date": "2026-03-13"})
            )
            credit_note = self.env["account.move"].browse(wizard.refund_moves()["res_id"])
            credit_note.invoice_line_ids.price_unit = 30
            credit_note.with_user(self.user_b).action_post()
        self.assertEqual(credit_note.amount_total, 30)
        self.assertEqual(credit_note.reversed_entry_id, self.inv1)

        accuracy = self._compute("entry_accuracy")
        self.assertFigures(accuracy[self.clerk_a], 0, 1, 0.0)
        self.assertFigures(accuracy[self.clerk_b], 1, 1, 100.0)
        amount = self._compute("amount_accuracy")
        self.assertFigures(amount[self.clerk_a], 0, 100, 0.0)
        days = self._compute("discrepancy_days")
        # Counted for A, who posted the invoice, though B made the credit note.
        self.assertFigures(days[self.clerk_a], 10, 1, 10.0)
        self.assertFigures(days[self.clerk_b], 0, 0, None)

    def test_cancelled_invoice(self):
        self._at("2026-03-20 10:00:00", "button_draft", self.inv2.with_user(self.user_b))
        self._at("2026-03-20 10:05:00", "button_cancel", self.inv2.with_user(self.user_b))
        self.assertEqual(self.inv2.state, "cancel")
        per_day = self._compute("invoices_per_day")
        # The cancelled invoice was still posted once in March.
        self.assertEqual(per_day[self.clerk_b].numerator, 1)
        accuracy = self._compute("entry_accuracy")
        self.assertFigures(accuracy[self.clerk_b], 0, 1, 0.0)
        corrected = self._compute("errors_corrected")
        # The cancellation is the last event: the error is dealt with.
        self.assertFigures(corrected[self.clerk_b], 1, 1, 100.0)
