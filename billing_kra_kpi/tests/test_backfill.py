from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBackfill(AccountTestInvoicingCommon):
    """History written before installation: the stamps and events are removed
    by SQL, as if the module had not been there, then recovered."""

    @classmethod
    def default_env_context(cls):
        # The backfill reads the chatter, so tracking must be on.
        return {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_data["company"]
        groups = "account.group_account_invoice"
        cls.clerk = new_test_user(
            cls.env, login="backfill_clerk", groups=groups, company_id=company.id
        )
        cls.fixer = new_test_user(
            cls.env, login="backfill_fixer", groups=groups, company_id=company.id
        )

        # Odoo writes the state tracking when the transaction is flushed, as
        # at the end of each request.
        cls.posted = cls._draft(cls.clerk)
        cls.env.cr.flush()
        cls.posted.with_user(cls.clerk).action_post()
        cls.reset = cls._draft(cls.clerk)
        cls.env.cr.flush()
        cls.reset.with_user(cls.clerk).action_post()
        cls.env.cr.flush()
        cls.reset.with_user(cls.fixer).button_draft()
        cls.env.cr.flush()
        cls.reset.with_user(cls.fixer).action_post()
        cls.untracked = cls._draft(cls.clerk)
        cls.env.cr.flush()
        # Posted without any message left: the creator is credited.
        cls.env.cr.execute(
            "UPDATE account_move SET state = 'posted', posted_before = TRUE WHERE id = %s",
            [cls.untracked.id],
        )
        cls.payment = (
            cls.env["account.payment.register"]
            .with_user(cls.fixer)
            .with_context(active_model="account.move", active_ids=cls.posted.ids)
            .create({"payment_date": "2026-03-15"})
            ._create_payments()
        )
        moves = cls.posted | cls.reset | cls.untracked
        cls.env.cr.execute("DELETE FROM billing_event WHERE move_id IN %s", [tuple(moves.ids)])
        cls.env.cr.execute(
            "UPDATE account_move SET billing_posted_by_id = NULL, billing_posted_at = NULL"
            " WHERE id IN %s",
            [tuple(moves.ids)],
        )
        cls.env.invalidate_all()
        cls.env["billing.event"]._backfill_history()

    @classmethod
    def _draft(cls, user):
        return (
            cls.env["account.move"]
            .with_user(user)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.partner_a.id,
                    "invoice_date": "2026-03-10",
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": cls.product_a.id, "price_unit": 100, "tax_ids": []}
                        )
                    ],
                }
            )
        )

    def _events(self, move, event_type):
        return (
            self.env["billing.event"]
            .sudo()
            .search([("move_id", "=", move.id), ("event_type", "=", event_type)])
        )

    def test_poster_from_posting_message(self):
        tracking = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "account.move"),
                    ("mail_message_id.res_id", "=", self.posted.id),
                    ("field_id.name", "=", "state"),
                    ("new_value_char", "=", "Posted"),
                ]
            )
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(self.posted.billing_posted_at, tracking.mail_message_id.date)
        self.assertEqual(self.posted.billing_posted_by_id, self.clerk)
        self.assertTrue(self.posted.billing_posted_at)
        self.assertEqual(self._events(self.posted, "posted").responsible_user_id, self.clerk)

    def test_first_poster_kept_after_reset(self):
        self.assertEqual(self.reset.billing_posted_by_id, self.clerk)

    def test_reset_from_state_tracking(self):
        reset = self._events(self.reset, "reset_to_draft")
        self.assertEqual(len(reset), 1)
        self.assertEqual(reset.user_id, self.fixer)
        self.assertEqual(reset.responsible_user_id, self.clerk)

    def test_creator_without_message(self):
        self.assertEqual(self.untracked.billing_posted_by_id, self.clerk)
        self.assertEqual(self.untracked.billing_posted_at, self.untracked.create_date)

    def test_reconciliation_recovered(self):
        reconciled = self._events(self.posted, "reconciled")
        self.assertEqual(len(reconciled), 1)
        self.assertEqual(reconciled.responsible_user_id, self.fixer)
        self.assertEqual(reconciled.payment_id, self.payment)

    def test_backfill_twice_adds_nothing(self):
        count = self.env["billing.event"].sudo().search_count([])
        self.env["billing.event"]._backfill_history()
        self.assertEqual(self.env["billing.event"].sudo().search_count([]), count)
