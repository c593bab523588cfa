from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

# Receivables more than this many days past due count as aged.
AGED_AFTER_DAYS = 30


class BillingKpiMetric(models.AbstractModel):
    """Live metrics over the receivable lines of customer invoices, credited
    to the user who first posted the invoice."""

    _inherit = "billing.kpi.metric"

    @api.model
    def _facts_paid_on_time(self, period):
        """Receivable lines (instalments) of posted customer invoices falling
        due in the period, fully reversed invoices excluded: the numerator
        counts those fully paid on or before their due date. The paid date is
        the latest date of the entries reconciled with the line, exchange
        difference entries excluded. Unit: %."""
        return SQL(
            """SELECT move.billing_posted_by_id AS user_id, line.id AS res_id,
                      CASE WHEN line.reconciled AND (
                          SELECT MAX(counterpart.date)
                            FROM account_partial_reconcile partial
                            JOIN account_move_line counterpart
                              ON counterpart.id = partial.credit_move_id
                           WHERE partial.debit_move_id = line.id
                             AND counterpart.journal_id
                                 IS DISTINCT FROM company.currency_exchange_journal_id
                      ) <= line.date_maturity THEN 1.0 ELSE 0.0 END AS numerator,
                      1.0 AS denominator
                 FROM account_move_line line
                 JOIN account_move move ON move.id = line.move_id
                 JOIN account_account account ON account.id = line.account_id
                 JOIN res_company company ON company.id = line.company_id
                WHERE line.company_id = %(company)s
                  AND move.move_type = 'out_invoice'
                  AND move.state = 'posted'
                  AND move.payment_state != 'reversed'
                  AND account.account_type = 'asset_receivable'
                  AND line.date_maturity BETWEEN %(date_from)s AND %(date_to)s""",
            company=period.company.id,
            date_from=period.date_from,
            date_to=period.date_to,
        )

    @api.model
    def _facts_aged_outstanding(self, period):
        """Open receivable of posted customer invoices as of the period end:
        the denominator sums each line's residual on that day, the numerator
        the residual of lines more than 30 days past due then. Reconciliations
        dated after the period end are added back, so that later payments do
        not change the figure. Company currency. Unit: %."""
        # Only lines still open on that day matter: those not fully reconciled
        # now, and those settled by a reconciliation dated after it.
        return SQL(
            """WITH candidate AS (
                   SELECT line.id
                     FROM account_move_line line
                    WHERE line.company_id = %(company)s
                      AND NOT line.reconciled
                      AND line.date <= %(date_to)s
                   UNION
                   SELECT partial.debit_move_id
                     FROM account_partial_reconcile partial
                    WHERE partial.company_id = %(company)s AND partial.max_date > %(date_to)s
               ), open_lines AS (
                   SELECT move.billing_posted_by_id AS user_id, line.id AS line_id,
                          line.date_maturity, line.balance
                     FROM candidate
                     JOIN account_move_line line ON line.id = candidate.id
                     JOIN account_move move ON move.id = line.move_id
                     JOIN account_account account ON account.id = line.account_id
                    WHERE line.company_id = %(company)s
                      AND move.move_type = 'out_invoice'
                      AND move.state = 'posted'
                      AND account.account_type = 'asset_receivable'
                      AND line.date <= %(date_to)s
               ), settled AS (
                   SELECT partial.debit_move_id AS line_id, SUM(partial.amount) AS amount
                     FROM account_partial_reconcile partial
                     JOIN open_lines ON open_lines.line_id = partial.debit_move_id
                    WHERE partial.max_date <= %(date_to)s
                 GROUP BY partial.debit_move_id
               ), as_of AS (
                   SELECT open_lines.user_id, open_lines.line_id, open_lines.date_maturity,
                          open_lines.balance - COALESCE(settled.amount, 0.0) AS residual
                     FROM open_lines
                     LEFT JOIN settled ON settled.line_id = open_lines.line_id
               )
               SELECT user_id, line_id AS res_id,
                      CASE WHEN date_maturity < %(aged_before)s THEN residual ELSE 0.0 END
                          AS numerator,
                      residual AS denominator
                 FROM as_of
                WHERE residual > 0""",
            company=period.company.id,
            date_to=period.date_to,
            aged_before=period.date_to - timedelta(days=AGED_AFTER_DAYS),
        )
