from odoo import api, models
from odoo.tools import SQL

# Events that show a posted invoice was wrong. The correction counts against
# the user who first posted the invoice, even when another user made it.
ERROR_EVENTS = ("reset_to_draft", "cancelled", "reversed")


class BillingKpiMetric(models.AbstractModel):
    """Live metrics over customer invoices and credit notes, attributed to the
    user who first posted them (account.move.billing_posted_by_id)."""

    _inherit = "billing.kpi.metric"

    @api.model
    def _sql_posted_in_period(self, period, move_types=("out_invoice",)):
        """Return the SQL condition on ``move`` for customer documents first
        posted in ``period``."""
        return SQL(
            """move.company_id = %(company)s
               AND move.move_type IN %(types)s
               AND move.billing_posted_at >= %(start)s
               AND move.billing_posted_at < %(stop)s""",
            company=period.company.id,
            types=tuple(move_types),
            start=period.start,
            stop=period.stop,
        )

    @api.model
    def _sql_ever_corrected(self):
        """Return the SQL condition: ``move`` was reset to draft, cancelled or
        reversed at any time after it was posted."""
        return SQL(
            """EXISTS (SELECT 1 FROM billing_event error
                        WHERE error.move_id = move.id AND error.event_type IN %s)""",
            ERROR_EVENTS,
        )

    @api.model
    def _facts_invoices_per_day(self, period):
        """Customer invoices first posted in the period (credit notes excluded).
        For invoices_per_day the engine divides their count by the employee's
        working days; invoices_posted is the count itself."""
        return SQL(
            """SELECT move.billing_posted_by_id AS user_id, move.id AS res_id,
                      1.0 AS numerator, NULL::numeric AS denominator
                 FROM account_move move
                WHERE %s""",
            self._sql_posted_in_period(period),
        )

    @api.model
    def _facts_entry_accuracy(self, period):
        """Customer invoices first posted in the period: the denominator counts
        them all, the numerator those never reset to draft, cancelled or
        reversed since. Unit: %."""
        return self._facts_corrections(period, count_corrected=False)

    @api.model
    def _facts_error_rate(self, period):
        """Customer invoices first posted in the period: the numerator counts
        those later reset to draft, cancelled or reversed. Unit: %."""
        return self._facts_corrections(period, count_corrected=True)

    @api.model
    def _facts_corrections(self, period, count_corrected):
        """Return the facts of the invoices first posted in the period, the
        numerator counting the corrected ones or the others."""
        counted, other = ("1.0", "0.0") if count_corrected else ("0.0", "1.0")
        return SQL(
            """SELECT move.billing_posted_by_id AS user_id, move.id AS res_id,
                      CASE WHEN %s THEN %s ELSE %s END AS numerator,
                      1.0 AS denominator
                 FROM account_move move
                WHERE %s""",
            self._sql_ever_corrected(),
            SQL(counted),
            SQL(other),
            self._sql_posted_in_period(period),
        )

    @api.model
    def _facts_amount_accuracy(self, period):
        """Amount of the customer invoices first posted in the period, in
        company currency: the denominator sums them all, the numerator those
        never corrected since. Unit: %."""
        return SQL(
            """SELECT move.billing_posted_by_id AS user_id, move.id AS res_id,
                      CASE WHEN %s THEN 0.0 ELSE move.amount_total_signed END AS numerator,
                      move.amount_total_signed AS denominator
                 FROM account_move move
                WHERE %s""",
            self._sql_ever_corrected(),
            self._sql_posted_in_period(period),
        )

    @api.model
    def _facts_errors_corrected(self, period):
        """Customer invoices found wrong in the period (reset to draft,
        cancelled or reversed then): the numerator counts those whose
        correction is posted by the period end, that is whose last event by
        then is not a reset to draft. Unit: %."""
        return SQL(
            """WITH found AS (
                   SELECT DISTINCT event.move_id
                     FROM billing_event event
                    WHERE event.company_id = %(company)s
                      AND event.event_type IN %(errors)s
                      AND event.date >= %(start)s AND event.date < %(stop)s
               ), last_event AS (
                   SELECT DISTINCT ON (event.move_id) event.move_id, event.event_type
                     FROM billing_event event
                     JOIN found ON found.move_id = event.move_id
                    WHERE event.date < %(stop)s
                 ORDER BY event.move_id, event.date DESC, event.id DESC
               )
               SELECT move.billing_posted_by_id AS user_id, move.id AS res_id,
                      CASE WHEN last_event.event_type = 'reset_to_draft'
                           THEN 0.0 ELSE 1.0 END AS numerator,
                      1.0 AS denominator
                 FROM last_event
                 JOIN account_move move ON move.id = last_event.move_id
                WHERE move.move_type = 'out_invoice'""",
            company=period.company.id,
            errors=ERROR_EVENTS,
            start=period.start,
            stop=period.stop,
        )

    @api.model
    def _facts_discrepancy_days(self, period):
        """Credit notes first posted in the period that reverse a customer
        invoice: days from the invoice's first posting to the credit note's,
        credited to the invoice's poster. Value: average days."""
        return SQL(
            """SELECT origin.billing_posted_by_id AS user_id, origin.id AS res_id,
                      EXTRACT(EPOCH FROM move.billing_posted_at - origin.billing_posted_at)
                          / 86400.0 AS numerator,
                      1.0 AS denominator
                 FROM account_move move
                 JOIN account_move origin ON origin.id = move.reversed_entry_id
                WHERE %s AND origin.billing_posted_at IS NOT NULL""",
            self._sql_posted_in_period(period, ("out_refund",)),
        )

    @api.model
    def _facts_documentation(self, period):
        """Customer invoices and credit notes first posted in the period: the
        numerator counts those with at least one attachment of their own (the
        PDF that Odoo generates for the document does not count). Unit: %."""
        return SQL(
            """SELECT move.billing_posted_by_id AS user_id, move.id AS res_id,
                      CASE WHEN EXISTS (
                          SELECT 1 FROM ir_attachment attachment
                           WHERE attachment.res_model = 'account.move'
                             AND attachment.res_id = move.id
                             AND attachment.res_field IS NULL
                      ) THEN 1.0 ELSE 0.0 END AS numerator,
                      1.0 AS denominator
                 FROM account_move move
                WHERE %s""",
            self._sql_posted_in_period(period, ("out_invoice", "out_refund")),
        )

    @api.model
    def _facts_billing_cycle_days(self, period):
        """Customer invoices first posted in the period: days from the
        creation of the invoice to its first posting. Value: average days."""
        # TODO: start from the sale order's confirmation when the sale module
        # is installed; this addon does not depend on it.
        return SQL(
            """SELECT move.billing_posted_by_id AS user_id, move.id AS res_id,
                      EXTRACT(EPOCH FROM move.billing_posted_at - move.create_date)
                          / 86400.0 AS numerator,
                      1.0 AS denominator
                 FROM account_move move
                WHERE %s""",
            self._sql_posted_in_period(period),
        )
