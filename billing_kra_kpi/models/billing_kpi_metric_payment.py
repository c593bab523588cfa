from odoo import api, models
from odoo.tools import SQL

# A payment counts as old once it has stayed unreconciled this many days.
OLD_PAYMENT_DAYS = 30


class BillingKpiMetric(models.AbstractModel):
    """Live metrics over customer payments and receivable reconciliations."""

    _inherit = "billing.kpi.metric"

    @api.model
    def _facts_payments_reconciled(self, period):
        """Customer payments dated in the period and not draft, cancelled or
        rejected, credited to the user who registered them: the numerator
        counts those fully reconciled now. Unit: %."""
        return SQL(
            """SELECT payment.create_uid AS user_id, payment.id AS res_id,
                      CASE WHEN payment.is_reconciled THEN 1.0 ELSE 0.0 END AS numerator,
                      1.0 AS denominator
                 FROM account_payment payment
                WHERE payment.company_id = %(company)s
                  AND payment.partner_type = 'customer'
                  AND payment.payment_type = 'inbound'
                  AND payment.state IN ('in_process', 'paid')
                  AND payment.date BETWEEN %(date_from)s AND %(date_to)s""",
            company=period.company.id,
            date_from=period.date_from,
            date_to=period.date_to,
        )

    @api.model
    def _facts_unreconciled_investigated(self, period):
        """Customer payments on which a user logged a note or completed an
        activity in the period, while the payment had stayed unreconciled for
        more than 30 days: not reconciled now, or reconciled only after that
        message. Counted once per payment and user. Unit: count."""
        return SQL(
            """SELECT DISTINCT author.id AS user_id, payment.id AS res_id,
                      1.0 AS numerator, NULL::numeric AS denominator
                 FROM mail_message message
                 JOIN account_payment payment
                   ON message.model = 'account.payment' AND message.res_id = payment.id
                 JOIN res_users author ON author.partner_id = message.author_id
                WHERE payment.company_id = %(company)s
                  AND payment.partner_type = 'customer'
                  AND payment.payment_type = 'inbound'
                  AND payment.state IN ('in_process', 'paid')
                  AND message.date >= %(start)s AND message.date < %(stop)s
                  AND (message.message_type = 'comment' AND message.subtype_id = %(note)s
                       OR message.mail_activity_type_id IS NOT NULL)
                  AND payment.date <= message.date::date - %(days)s
                  AND (NOT payment.is_reconciled OR NOT EXISTS (
                          SELECT 1 FROM billing_event reconciled
                           WHERE reconciled.payment_id = payment.id
                             AND reconciled.event_type = 'reconciled'
                             AND reconciled.date <= message.date))""",
            company=period.company.id,
            start=period.start,
            stop=period.stop,
            note=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            days=OLD_PAYMENT_DAYS,
        )

    @api.model
    def _facts_reconciliation_accuracy(self, period):
        """Receivable reconciliations made in the period, credited to the user
        who made them: the numerator counts those not undone since. Unit: %."""
        return SQL(
            """SELECT event.responsible_user_id AS user_id, event.id AS res_id,
                      CASE WHEN EXISTS (
                          SELECT 1 FROM billing_event undone
                           WHERE undone.event_type = 'unreconciled'
                             AND undone.partial_reconcile_ref = event.partial_reconcile_ref
                      ) THEN 0.0 ELSE 1.0 END AS numerator,
                      1.0 AS denominator
                 FROM billing_event event
                WHERE event.company_id = %(company)s
                  AND event.event_type = 'reconciled'
                  AND event.date >= %(start)s AND event.date < %(stop)s""",
            company=period.company.id,
            start=period.start,
            stop=period.stop,
        )
