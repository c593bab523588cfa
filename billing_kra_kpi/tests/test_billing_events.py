from odoo import SUPERUSER_ID, Command, fields
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBillingEvents(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_data["company"]
        groups = "account.group_account_invoice,billing_kra_kpi.group_kpi_user"
        cls.clerk = new_test_user(
            cls.env, login="event_clerk", groups=groups, company_id=company.id
        )
        cls.other_clerk = new_test_user(
            cls.env, login="event_other_clerk", groups=groups, company_id=company.id
        )
        cls.Event = cls.env["billing.event"].sudo()

    def _invoice(self, user=None, move_type="out_invoice", amount=100.0, **values):
        vals = {
            "move_type": move_type,
            "partner_id": self.partner_a.id,
            "invoice_date": "2026-03-10",
            "invoice_line_ids": [
                Command.create(
                    {"product_id": self.product_a.id, "price_unit": amount, "tax_ids": []}
                )
            ],
        }
        vals.update(values)
        return self.env["account.move"].with_user(user or self.clerk).create(vals)

    def _events(self, move):
        return self.Event.search([("move_id", "=", move.id)], order="id")

    def test_post_stamps_first_poster(self):
        invoice = self._invoice()
        invoice.action_post()
        self.assertEqual(invoice.billing_posted_by_id, self.clerk)
        self.assertTrue(invoice.billing_posted_at)
        events = self._events(invoice)
        self.assertEqual(events.mapped("event_type"), ["posted"])
        self.assertEqual(events.user_id, self.clerk)
        self.assertEqual(events.responsible_user_id, self.clerk)
        self.assertEqual(events.company_id, invoice.company_id)
        self.assertEqual(events.move_name, invoice.name)

    def test_create_and_post_in_one_call(self):
        invoice = self._invoice(user=self.other_clerk)
        invoice.with_user(self.other_clerk).action_post()
        self.assertEqual(invoice.billing_posted_by_id, self.other_clerk)

    def test_auto_post_credits_creator(self):
        invoice = self._invoice(auto_post="at_date", date="2026-03-10")
        self.env["account.move"].with_user(SUPERUSER_ID)._autopost_draft_entries()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.billing_posted_by_id, self.clerk)
        event = self._events(invoice)
        self.assertEqual(event.user_id.id, SUPERUSER_ID)
        self.assertEqual(event.responsible_user_id, self.clerk)

    def test_reset_and_repost_keep_first_poster(self):
        invoice = self._invoice()
        invoice.action_post()
        first_posted_at = invoice.billing_posted_at
        invoice.with_user(self.other_clerk).button_draft()
        invoice.with_user(self.other_clerk).action_post()
        self.assertEqual(invoice.billing_posted_by_id, self.clerk)
        self.assertEqual(invoice.billing_posted_at, first_posted_at)
        events = self._events(invoice)
        self.assertEqual(events.mapped("event_type"), ["posted", "reset_to_draft", "posted"])
        self.assertEqual(events.mapped("user_id"), self.clerk | self.other_clerk)
        self.assertEqual(events.responsible_user_id, self.clerk)

    def test_cancel_after_posting_logged(self):
        invoice = self._invoice()
        invoice.action_post()
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(
            self._events(invoice).mapped("event_type"), ["posted", "reset_to_draft", "cancelled"]
        )

    def test_cancel_of_unposted_draft_not_logged(self):
        invoice = self._invoice()
        invoice.button_cancel()
        self.assertFalse(self._events(invoice))

    def test_reversal_credited_to_original_poster(self):
        invoice = self._invoice()
        invoice.action_post()
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.other_clerk)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "date": "2026-03-20"})
        )
        action = wizard.refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        credit_note.with_user(self.other_clerk).action_post()

        reversal = self._events(invoice).filtered(lambda e: e.event_type == "reversed")
        self.assertEqual(reversal.counterpart_move_id, credit_note)
        self.assertEqual(reversal.user_id, self.other_clerk)
        self.assertEqual(reversal.responsible_user_id, self.clerk)
        self.assertEqual(credit_note.billing_posted_by_id, self.other_clerk)

    def test_vendor_bill_not_logged(self):
        bill = self._invoice(move_type="in_invoice")
        bill.action_post()
        self.assertFalse(bill.billing_posted_by_id)
        self.assertFalse(self._events(bill))

    def test_reconciliation_and_undo_logged(self):
        invoice = self._invoice(amount=250.0)
        invoice.action_post()
        payment = (
            self.env["account.payment.register"]
            .with_user(self.clerk)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": "2026-03-15", "amount": 100.0})
            ._create_payments()
        )
        reconciled = self.Event.search(
            [("event_type", "=", "reconciled"), ("move_id", "=", invoice.id)]
        )
        self.assertEqual(len(reconciled), 1)
        self.assertEqual(reconciled.payment_id, payment)
        self.assertEqual(reconciled.amount, 100.0)
        self.assertEqual(reconciled.responsible_user_id, self.clerk)
        self.assertEqual(reconciled.counterpart_move_id, payment.move_id)

        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        receivable.with_user(self.other_clerk).remove_move_reconcile()
        undone = self.Event.search(
            [("event_type", "=", "unreconciled"), ("move_id", "=", invoice.id)]
        )
        self.assertEqual(undone.partial_reconcile_ref, reconciled.partial_reconcile_ref)
        self.assertEqual(undone.user_id, self.other_clerk)
        self.assertEqual(undone.responsible_user_id, self.clerk)
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_events_are_append_only(self):
        invoice = self._invoice()
        invoice.action_post()
        event = self._events(invoice)
        with self.assertRaises(UserError):
            event.write({"event_type": "cancelled"})
        with self.assertRaises(UserError):
            event.unlink()
        with self.assertRaises(UserError):
            self.Event.with_user(self.clerk).create(
                {
                    "event_type": "posted",
                    "company_id": invoice.company_id.id,
                    "date": fields.Datetime.now(),
                }
            )

    def test_clerk_reads_events_without_access_to_change(self):
        invoice = self._invoice()
        invoice.action_post()
        event = self._events(invoice).with_user(self.clerk)
        self.assertEqual(event.event_type, "posted")
        with self.assertRaises(AccessError):
            event.check_access("write")
