import os
from collections import Counter
from datetime import date
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from ..lib import demo_plan
from ..lib import demo_profiles as profiles
from ..models import billing_kpi_demo

# March to May 2024 and June up to Tuesday the 4th, at 80% of the volume:
# the shortest plan found with every kind of action, notes on payments
# unmatched for 30 days included. Far from the installed demo data, whose
# months end today.
TODAY = date(2024, 6, 5)
MONTHS = 3
SCALE = 0.8
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


def _summary(env, run):
    """Return counts that two runs of the same plan must share."""
    moves = env["account.move"].browse(run.move_ids)
    events = env["billing.event"].search([("move_id", "in", moves.ids)])
    payments = env["account.payment"].union(*run.payments.values())
    return (
        Counter((move.move_type, move.state, move.payment_state) for move in moves),
        Counter(events.mapped("event_type")),
        Counter(payments.mapped("is_reconciled")),
        round(sum(moves.mapped("amount_total_signed")), 2),
    )


@tagged("post_install", "-at_install")
class TestDemoGenerator(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = demo_plan.build_plan(TODAY, MONTHS, SCALE)
        demo = cls.env["billing.kpi.demo"].with_context(**QUIET)
        with patch.object(type(demo), "_generate_month", autospec=True) as hook:
            cls.demo_run = demo._generate_billing(cls.plan)
        cls.hook_months = [call.args[2] for call in hook.call_args_list]
        cls.moves = cls.env["account.move"].browse(cls.demo_run.move_ids)
        cls.invoices = cls.moves.filtered(lambda move: move.move_type == "out_invoice")
        cls.kinds = Counter(action.kind for action in cls.plan.actions)

    def test_plan_has_every_kind_of_action(self):
        for kind in ("credit_note", "partial_credit_note", "mismatch", "review"):
            self.assertGreater(self.kinds[kind], 0, kind)

    def test_invoice_counts_per_clerk_and_month(self):
        posted = Counter(
            (move.billing_posted_by_id.login, move.billing_posted_at.date().replace(day=1))
            for move in self.invoices
        )
        # A whole credit note issues the invoice anew: one more posting.
        reissued = Counter(
            (action.clerk, action.when.date().replace(day=1))
            for action in self.plan.actions
            if action.kind == "credit_note"
        )
        for index, month in enumerate(self.plan.months()):
            for clerk in profiles.CLERKS:
                planned = demo_plan.invoice_count(clerk, month, index, MONTHS, TODAY, SCALE)
                self.assertEqual(
                    posted[clerk.key, month],
                    planned + reissued[clerk.key, month],
                    (clerk.key, month),
                )
        # Anna's 30 in March, a quarter end, at 80%: 30 x 1.2 x 0.8 = 28.8.
        march = date(2024, 3, 1)
        self.assertEqual(posted["anna", march] - reissued["anna", march], 29)

    def test_postings_at_planned_times(self):
        for invoice in self.plan.invoices:
            move = self.demo_run.moves[invoice.key]
            if invoice.reissue_day:
                self.assertEqual(move.invoice_date, invoice.reissue_day)
                continue
            self.assertEqual(move.billing_posted_at, invoice.posted_at, invoice)
            self.assertEqual(move.invoice_date, invoice.day)
            self.assertEqual(move.billing_posted_by_id.login, invoice.clerk)
            age = move.billing_posted_at - move.create_date
            self.assertAlmostEqual(age.total_seconds() / 3600, invoice.cycle_hours, places=3)

    def test_events_dated_in_working_hours(self):
        events = self.env["billing.event"].search([("move_id", "in", self.moves.ids)])
        self.assertTrue(events)
        for event in events:
            self.assertLess(event.date.date(), TODAY, event.event_type)
            self.assertGreaterEqual(event.date.hour, demo_plan.WORK_HOURS[0])
            self.assertLess(event.date.hour, demo_plan.WORK_HOURS[1])

    def test_due_dates_as_odoo_computes_them(self):
        for invoice in self.plan.invoices:
            move = self.demo_run.moves[invoice.key]
            customer = profiles.CUSTOMERS[invoice.customer]
            expected = [due for _share, due in demo_plan.due_dates(customer, move.invoice_date)]
            terms = move.line_ids.filtered(lambda line: line.display_type == "payment_term")
            self.assertEqual(sorted(terms.mapped("date_maturity")), expected, invoice)

    def test_two_currencies(self):
        company_currency = self.env.company.currency_id
        self.assertNotEqual(self.demo_run.currency, company_currency)
        counts = Counter(move.currency_id for move in self.invoices)
        self.assertGreater(counts[company_currency], 40)
        self.assertGreater(counts[self.demo_run.currency], 40)
        rate = self.demo_run.currency.with_context(date=date(2024, 3, 15)).rate
        self.assertGreater(rate, 0.85)
        self.assertLess(rate, 0.99)

    def test_resets_and_credit_notes(self):
        events = Counter(
            self.env["billing.event"]
            .search([("move_id", "in", self.moves.ids)])
            .mapped("event_type")
        )
        self.assertEqual(events["reset_to_draft"], self.kinds["reset"])
        reversals = self.kinds["credit_note"] + self.kinds["partial_credit_note"]
        self.assertEqual(events["reversed"], reversals)

        credit_notes = self.moves.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(len(credit_notes), reversals)
        origins = credit_notes.reversed_entry_id
        self.assertEqual(len(origins), reversals)
        # The whole ones settle their invoice; the partial ones leave a residual.
        fully = origins.filtered(lambda move: move.payment_state == "reversed")
        self.assertEqual(len(fully), self.kinds["credit_note"])

    def test_partial_and_late_payments(self):
        paid_twice = self.invoices.filtered(lambda move: len(move._get_reconciled_payments()) >= 2)
        first_part = {action.keys[0] for action in self.plan.actions if action.kind == "pay_part"}
        rest = {key for action in self.plan.actions if action.kind == "pay" for key in action.keys}
        # Most second payments of these months fall after the 4th of June. A
        # payment per instalment also pays some invoices twice.
        self.assertGreaterEqual(len(paid_twice), len(first_part & rest))
        self.assertGreater(len(paid_twice), 0)
        partial = self.invoices.filtered(lambda move: move.payment_state == "partial")
        self.assertGreater(len(partial), 10)

        late = on_time = 0
        terms = self.invoices.line_ids.filtered(lambda line: line.display_type == "payment_term")
        for line in terms:
            counterparts = line.matched_credit_ids.credit_move_id
            if line.reconciled and counterparts:
                paid = max(counterparts.mapped("date"))
                late += paid > line.date_maturity
                on_time += paid <= line.date_maturity
        self.assertGreater(late, 10)
        self.assertGreater(on_time, 10)

    def test_payments_without_reference(self):
        payments = self.env["account.payment"].union(*self.demo_run.payments.values())
        self.assertEqual(len(payments), self.kinds["receive"])
        self.assertLessEqual(set(payments.mapped("state")), {"in_process", "paid"})
        unmatched = payments.filtered(lambda payment: not payment.is_reconciled)
        self.assertTrue(unmatched)
        self.assertTrue(payments - unmatched)

        notes = self.env["mail.message"].search(
            [
                ("model", "=", "account.payment"),
                ("res_id", "in", payments.ids),
                ("subtype_id", "=", self.env.ref("mail.mt_note").id),
                ("message_type", "=", "comment"),
            ]
        )
        self.assertEqual(len(notes), self.kinds["review"])
        for note in notes:
            payment = payments.browse(note.res_id)
            self.assertGreater((note.date.date() - payment.date).days, 30)
            self.assertEqual(note.author_id, payment.create_uid.partner_id)

    def test_wrong_matches_undone(self):
        events = Counter(
            self.env["billing.event"]
            .search([("move_id", "in", self.moves.ids)])
            .mapped("event_type")
        )
        self.assertGreater(events["unreconciled"], 0)
        self.assertGreater(events["reconciled"], events["unreconciled"])

    def test_attachments(self):
        attached = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "in", self.moves.ids)]
        )
        documents = Counter(attachment.name.split("-")[0] for attachment in attached)
        planned = sum(invoice.attachment for invoice in self.plan.invoices)
        self.assertEqual(documents["purchase"], planned)

    def test_month_hook_once_per_month(self):
        self.assertEqual(self.hook_months, self.plan.months())

    def test_same_plan_same_records(self):
        # Only June 2024 up to Tuesday the 11th, twice.
        today = date(2024, 6, 12)
        demo = self.env["billing.kpi.demo"].with_context(**QUIET)
        first = _summary(self.env, demo._generate_billing(demo_plan.build_plan(today, 0)))
        second = _summary(self.env, demo._generate_billing(demo_plan.build_plan(today, 0)))
        self.assertEqual(first, second)
        self.assertGreater(sum(first[0].values()), 10)


class TestDemoSize(TransactionCase):
    def test_months_from_the_environment(self):
        variable = billing_kpi_demo.MONTHS_VARIABLE
        with patch.dict(os.environ, {variable: "3"}):
            self.assertEqual(billing_kpi_demo._read_variable(variable, 12), 3.0)
        with patch.dict(os.environ, {variable: " "}):
            self.assertEqual(billing_kpi_demo._read_variable(variable, 12), 12)
        for wrong in ("three", "-1"):
            with patch.dict(os.environ, {variable: wrong}), self.assertRaises(ValueError):
                billing_kpi_demo._read_variable(variable, 12)
