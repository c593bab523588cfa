import logging

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Moves (or partial reconciliations) handled per statement.
BACKFILL_BATCH = 50000

# The state labels that Odoo writes into the tracking of account.move.state.
# NOTE: tracking stores the label in the language of the user who acted, so
# changes made by users of another language are not recovered.
POSTED_LABEL, DRAFT_LABEL, CANCELLED_LABEL = "Posted", "Draft", "Cancelled"

AUDIT_COLUMNS = SQL("create_uid, create_date, write_uid, write_date")
AUDIT_VALUES = SQL("1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'")


class BillingEvent(models.Model):
    """Recover the billing history that existed before the module was
    installed, with set-based SQL in batches of move ids."""

    _inherit = "billing.event"

    @api.model
    def _backfill_history(self):
        """Stamp the first poster of posted customer documents and log their
        postings, resets to draft, cancellations, reversals and receivable
        reconciliations, as far as the database still shows them."""
        # Flushing also writes pending chatter tracking, which the SQL reads.
        self.env.cr.flush()
        cr = self.env.cr
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move")
        max_move = cr.fetchone()[0]
        for low in range(0, max_move + 1, BACKFILL_BATCH):
            bounds = (low, low + BACKFILL_BATCH - 1)
            self._backfill_posters(bounds)
            self._backfill_postings(bounds)
            self._backfill_state_changes(bounds)
            self._backfill_reversals(bounds)
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_partial_reconcile")
        max_partial = cr.fetchone()[0]
        for low in range(0, max_partial + 1, BACKFILL_BATCH):
            self._backfill_reconciliations((low, low + BACKFILL_BATCH - 1))
        self.env.invalidate_all()
        _logger.info("Backfilled the billing history of %s moves", max_move)

    def _state_field_id(self):
        return self.env["ir.model.fields"]._get("account.move", "state").id

    def _backfill_posters(self, bounds):
        """Stamp the first poster: the author of the earliest posting message,
        with the "validated" subtype or a state tracked to Posted. When OdooBot
        posted or no message is left, the creator of the move is stamped."""
        validated = self.env["ir.model.data"]._xmlid_to_res_id("account.mt_invoice_validated")
        self.env.cr.execute(
            SQL(
                """
                WITH posting AS (
                    SELECT DISTINCT ON (message.res_id)
                           message.res_id AS move_id, author.id AS user_id, message.date
                      FROM mail_message message
                      LEFT JOIN res_users author ON author.partner_id = message.author_id
                     WHERE message.model = 'account.move'
                       AND message.res_id BETWEEN %(low)s AND %(high)s
                       AND (message.subtype_id = %(validated)s OR EXISTS (
                               SELECT 1 FROM mail_tracking_value tracking
                                WHERE tracking.mail_message_id = message.id
                                  AND tracking.field_id = %(state_field)s
                                  AND tracking.new_value_char = %(posted)s))
                  ORDER BY message.res_id, message.date, message.id
                )
                UPDATE account_move move
                   SET billing_posted_by_id = CASE
                           WHEN posting.user_id IS NULL OR posting.user_id = 1
                           THEN move.create_uid ELSE posting.user_id END,
                       billing_posted_at = COALESCE(
                           posting.date, GREATEST(move.create_date, move.date::timestamp))
                  FROM account_move source
                  LEFT JOIN posting ON posting.move_id = source.id
                 WHERE move.id = source.id
                   AND move.id BETWEEN %(low)s AND %(high)s
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND move.posted_before
                   AND move.billing_posted_by_id IS NULL
                """,
                low=bounds[0],
                high=bounds[1],
                validated=validated,
                state_field=self._state_field_id(),
                posted=POSTED_LABEL,
            )
        )

    def _backfill_postings(self, bounds):
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO billing_event (event_type, date, user_id, responsible_user_id,
                                           company_id, move_id, move_name, %(audit)s)
                SELECT 'posted', move.billing_posted_at, move.billing_posted_by_id,
                       move.billing_posted_by_id, move.company_id, move.id, move.name, %(values)s
                  FROM account_move move
                 WHERE move.id BETWEEN %(low)s AND %(high)s
                   AND move.billing_posted_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM billing_event event
                                    WHERE event.move_id = move.id AND event.event_type = 'posted')
                """,
                audit=AUDIT_COLUMNS,
                values=AUDIT_VALUES,
                low=bounds[0],
                high=bounds[1],
            )
        )

    def _backfill_state_changes(self, bounds):
        """Resets to draft (Posted to Draft) and cancellations of documents
        posted before, from the tracking of the move's state."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO billing_event (event_type, date, user_id, responsible_user_id,
                                           company_id, move_id, move_name, %(audit)s)
                SELECT CASE WHEN tracking.new_value_char = %(draft)s
                            THEN 'reset_to_draft' ELSE 'cancelled' END,
                       message.date, author.id, move.billing_posted_by_id, move.company_id,
                       move.id, move.name, %(values)s
                  FROM mail_tracking_value tracking
                  JOIN mail_message message ON message.id = tracking.mail_message_id
                  JOIN account_move move ON move.id = message.res_id
                  LEFT JOIN res_users author ON author.partner_id = message.author_id
                 WHERE message.model = 'account.move'
                   AND message.res_id BETWEEN %(low)s AND %(high)s
                   AND tracking.field_id = %(state_field)s
                   AND move.billing_posted_by_id IS NOT NULL
                   AND (tracking.old_value_char = %(posted)s AND tracking.new_value_char = %(draft)s
                        OR tracking.new_value_char = %(cancelled)s)
                   AND NOT EXISTS (SELECT 1 FROM billing_event event
                                    WHERE event.move_id = move.id
                                      AND event.event_type IN ('reset_to_draft', 'cancelled'))
                """,
                audit=AUDIT_COLUMNS,
                values=AUDIT_VALUES,
                low=bounds[0],
                high=bounds[1],
                state_field=self._state_field_id(),
                posted=POSTED_LABEL,
                draft=DRAFT_LABEL,
                cancelled=CANCELLED_LABEL,
            )
        )

    def _backfill_reversals(self, bounds):
        """Posted credit notes that reverse an invoice, dated at their posting."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO billing_event (event_type, date, user_id, responsible_user_id,
                                           company_id, move_id, move_name,
                                           counterpart_move_id, %(audit)s)
                SELECT 'reversed', credit_note.billing_posted_at,
                       credit_note.billing_posted_by_id, origin.billing_posted_by_id,
                       origin.company_id, origin.id, origin.name, credit_note.id, %(values)s
                  FROM account_move credit_note
                  JOIN account_move origin ON origin.id = credit_note.reversed_entry_id
                 WHERE credit_note.id BETWEEN %(low)s AND %(high)s
                   AND credit_note.move_type = 'out_refund'
                   AND credit_note.state = 'posted'
                   AND credit_note.billing_posted_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM billing_event event
                                    WHERE event.counterpart_move_id = credit_note.id
                                      AND event.event_type = 'reversed')
                """,
                audit=AUDIT_COLUMNS,
                values=AUDIT_VALUES,
                low=bounds[0],
                high=bounds[1],
            )
        )

    def _backfill_reconciliations(self, bounds):
        """Existing reconciliations of receivable lines, credited to the user
        who created them. Those undone before installation left no trace."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO billing_event (event_type, date, user_id, responsible_user_id,
                                           company_id, move_id, move_name, counterpart_move_id,
                                           payment_id, partial_reconcile_ref, amount, %(audit)s)
                SELECT 'reconciled', partial.create_date, partial.create_uid, partial.create_uid,
                       partial.company_id, debit.move_id, debit_move.name, credit.move_id,
                       COALESCE(credit_move.origin_payment_id, debit_move.origin_payment_id),
                       partial.id, partial.amount, %(values)s
                  FROM account_partial_reconcile partial
                  JOIN account_move_line debit ON debit.id = partial.debit_move_id
                  JOIN account_move_line credit ON credit.id = partial.credit_move_id
                  JOIN account_move debit_move ON debit_move.id = debit.move_id
                  JOIN account_move credit_move ON credit_move.id = credit.move_id
                  JOIN account_account account ON account.id = debit.account_id
                  JOIN res_company company ON company.id = partial.company_id
                 WHERE partial.id BETWEEN %(low)s AND %(high)s
                   AND account.account_type = 'asset_receivable'
                   AND company.currency_exchange_journal_id IS DISTINCT FROM debit_move.journal_id
                   AND company.currency_exchange_journal_id IS DISTINCT FROM credit_move.journal_id
                   AND NOT EXISTS (SELECT 1 FROM billing_event event
                                    WHERE event.partial_reconcile_ref = partial.id)
                """,
                audit=AUDIT_COLUMNS,
                values=AUDIT_VALUES,
                low=bounds[0],
                high=bounds[1],
            )
        )
