from odoo import Command
from odoo.tests import tagged

from .common import BillingMetricsCommon


@tagged("post_install", "-at_install")
class TestPaymentMetrics(BillingMetricsCommon):
    """March 2026. Invoices of clerk A:

    * invA 100, due 10 March, paid on 8 March: on time;
    * invB 200, due 15 March, paid 100 on 14 March and 100 on 20 March: late;
    * invC 300, due 20 March, matched in March with a payment of 25 February;
    * invG 100 EUR (50 USD at 2.0), due 12 March, paid 100 EUR on 12 March at
      4.0, which books an exchange difference;
    * invH 100, due 5 April, paid on 5 April.

    Invoices of clerk B:

    * invD 400 in two instalments due 10 March and 10 April, 200 paid on
      9 March, which settles the first;
    * invE 500, due 25 March, fully reversed on 26 March: left out;
    * invF 600, due 31 March, unpaid.

    A also registers a payment of 80 on 25 March that matches no invoice, and
    B a draft payment. On 3 April B undoes both reconciliations of invB.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        A, B = cls.user_a, cls.user_b
        cls.eur = cls.setup_other_currency("EUR", rates=[("2026-03-01", 2.0), ("2026-03-12", 4.0)])
        cls.instalments = cls.env["account.payment.term"].create(
            {
                "name": "Half in 9 days, half in 40 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 9}),
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 40}),
                ],
            }
        )

        def invoice(user, amount, due, **values):
            values.setdefault("invoice_date_due", due)
            values.setdefault("invoice_date", "2026-03-01")
            return cls._invoice(user, "2026-03-01 09:00:00", amount, **values)

        cls.invA = invoice(A, 100, "2026-03-10")
        cls.invB = invoice(A, 200, "2026-03-15")
        cls.invC = invoice(A, 300, "2026-03-20")
        cls.invG = invoice(A, 100, "2026-03-12", currency_id=cls.eur.id)
        cls.invH = invoice(A, 100, "2026-04-05")
        cls.invD = invoice(
            B, 400, None, invoice_payment_term_id=cls.instalments.id, invoice_date_due=False
        )
        cls.invE = invoice(B, 500, "2026-03-25")
        cls.invF = invoice(B, 600, "2026-03-31")

        cls.payA = cls._pay(A, cls.invA, "2026-03-08 10:00:00")
        cls.payB1 = cls._pay(A, cls.invB, "2026-03-14 10:00:00", amount=100)
        cls.payB2 = cls._pay(A, cls.invB, "2026-03-20 10:00:00", amount=100)
        cls.payG = cls._pay(A, cls.invG, "2026-03-12 10:00:00", amount=100, currency_id=cls.eur.id)
        cls.payH = cls._pay(A, cls.invH, "2026-04-05 10:00:00")
        cls.payD = cls._pay(B, cls.invD, "2026-03-09 10:00:00", amount=200)

        with cls._frozen("2026-02-25 10:00:00"):
            cls.payC = cls._customer_payment(A, 300, "2026-02-25")
        with cls._frozen("2026-03-02 10:00:00"):
            cls._receivable_lines(cls.payC.move_id | cls.invC).with_user(A).reconcile()
        with cls._frozen("2026-03-25 10:00:00"):
            cls.payLoose = cls._customer_payment(A, 80, "2026-03-25")
            cls.payDraft = cls._customer_payment(B, 90, "2026-03-25", post=False)
        with cls._frozen("2026-03-26 10:00:00"):
            cls.invE.with_user(B)._reverse_moves(
                [{"date": "2026-03-26", "invoice_date": "2026-03-26"}], cancel=True
            )

    @classmethod
    def _customer_payment(cls, user, amount, date, post=True):
        payment = (
            cls.env["account.payment"]
            .with_user(user)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": cls.partner_a.id,
                    "amount": amount,
                    "date": date,
                    "journal_id": cls.company_data["default_journal_bank"].id,
                }
            )
        )
        if post:
            payment.action_post()
        return payment

    @classmethod
    def _receivable_lines(cls, moves):
        return moves.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        )

    def _undo_invoice_b(self):
        with self._frozen("2026-04-03 10:00:00"):
            lines = self.invB.line_ids.filtered(
                lambda line: line.account_type == "asset_receivable"
            )
            lines.with_user(self.user_b).remove_move_reconcile()

    def test_fixture_states(self):
        self.assertEqual(self.invE.payment_state, "reversed")
        self.assertEqual(self.invC.payment_state, "paid")
        self.assertEqual(self.invG.payment_state, "paid")
        self.assertEqual(self.invD.payment_state, "partial")
        instalment_dates = sorted(
            str(line.date_maturity)
            for line in self.invD.line_ids
            if line.account_type == "asset_receivable"
        )
        self.assertEqual(instalment_dates, ["2026-03-10", "2026-04-10"])

    def test_paid_on_time(self):
        rows = self._compute("paid_on_time")
        self.assertFigures(rows[self.clerk_a], 3, 4, 75.0)
        self.assertFigures(rows[self.clerk_b], 1, 2, 50.0)
        self.assertFigures(rows[self.clerk_c], 0, 0, None)
        self.assertFigures(rows["team"], 4, 6, 400 / 6)

    def test_paid_on_time_april(self):
        rows = self._compute("paid_on_time", "2026-04-01", "2026-04-30")
        self.assertFigures(rows[self.clerk_a], 1, 1, 100.0)
        self.assertFigures(rows[self.clerk_b], 0, 1, 0.0)

    def test_paid_on_time_details(self):
        row = self._compute("paid_on_time")[self.clerk_a]
        action = row.action_open_numerator_records()
        lines = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(lines.move_id, self.invA | self.invC | self.invG)

    def test_payments_reconciled(self):
        rows = self._compute("payments_reconciled")
        # A: payA, payB1, payB2, payG reconciled, payLoose not; B: payD.
        self.assertFigures(rows[self.clerk_a], 4, 5, 80.0)
        self.assertFigures(rows[self.clerk_b], 1, 1, 100.0)
        self.assertFigures(rows["team"], 5, 6, 500 / 6)

    def test_reconciliation_accuracy_before_undo(self):
        rows = self._compute("reconciliation_accuracy")
        # A: invA, invB twice, invG (without its exchange difference), invC.
        # B: invD and the reversal of invE.
        self.assertFigures(rows[self.clerk_a], 5, 5, 100.0)
        self.assertFigures(rows[self.clerk_b], 2, 2, 100.0)
        self.assertFigures(rows["team"], 7, 7, 100.0)

    def test_reconciliation_accuracy_after_undo_in_april(self):
        self._undo_invoice_b()
        rows = self._compute("reconciliation_accuracy")
        self.assertFigures(rows[self.clerk_a], 3, 5, 60.0)
        self.assertFigures(rows[self.clerk_b], 2, 2, 100.0)
        self.assertFigures(rows["team"], 5, 7, 500 / 7)
        april = self._compute("reconciliation_accuracy", "2026-04-01", "2026-04-30")
        # payH on 5 April is the only reconciliation made in April.
        self.assertFigures(april[self.clerk_a], 1, 1, 100.0)
        self.assertFigures(april[self.clerk_b], 0, 0, None)


@tagged("post_install", "-at_install")
class TestInvestigatedPayments(BillingMetricsCommon):
    """Notes and activities on customer payments in March 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pay = TestPaymentMetrics._customer_payment.__func__
        with cls._frozen("2026-02-01 10:00:00"):
            cls.old_1 = pay(cls, cls.user_b, 100, "2026-02-10")
            cls.old_2 = pay(cls, cls.user_b, 200, "2026-02-01")
            cls.old_3 = pay(cls, cls.user_b, 300, "2026-02-01")
            cls.recent = pay(cls, cls.user_b, 400, "2026-03-10")
        invoice = cls._invoice(cls.user_b, "2026-02-01 09:00:00", 300)
        with cls._frozen("2026-03-01 10:00:00"):
            lines = (cls.old_3.move_id | invoice).line_ids.filtered(
                lambda line: line.account_type == "asset_receivable"
            )
            lines.reconcile()

        A, B = cls.user_a, cls.user_b
        cls._note(A, cls.old_1, "2026-03-25 10:00:00")
        cls._note(A, cls.old_1, "2026-03-27 10:00:00")
        cls._note(A, cls.recent, "2026-03-25 10:00:00")
        cls._note(A, cls.old_3, "2026-03-25 10:00:00")
        cls._note(A, cls.old_2, "2026-04-02 10:00:00")
        with cls._frozen("2026-03-20 10:00:00"):
            activity = cls.old_2.activity_schedule(
                "mail.mail_activity_data_todo", user_id=B.id, summary="Ask the customer"
            )
        with cls._frozen("2026-03-26 10:00:00"):
            activity.with_user(B).action_feedback("Customer paid twice")

    @classmethod
    def _note(cls, user, payment, when):
        with cls._frozen(when):
            payment.with_user(user).message_post(
                body="Looked into this payment",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def test_unreconciled_investigated(self):
        rows = self._compute("unreconciled_investigated")
        self.assertFigures(rows[self.clerk_a], 1, 0, 1.0)
        self.assertFigures(rows[self.clerk_b], 1, 0, 1.0)
        self.assertFigures(rows[self.clerk_c], 0, 0, 0.0)
        self.assertFigures(rows[self.clerk_d], 0, 0, None)
        self.assertFigures(rows["team"], 2, 0, 2.0)

    def test_unreconciled_investigated_details(self):
        row = self._compute("unreconciled_investigated")[self.clerk_a]
        action = row.action_open_numerator_records()
        self.assertEqual(self.env["account.payment"].search(action["domain"]), self.old_1)
