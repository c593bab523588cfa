from odoo import api, models
from odoo.addons.billing_kra_kpi.models.billing_kpi_metric import Metric
from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN, RATING_LIMIT_OK
from odoo.exceptions import UserError
from odoo.tools import SQL

# Context key naming the template whose KPI is being computed or opened,
# because its settings define which tickets are about billing. This addon's
# overrides of the engine and of the value's drill-down set it.
TEMPLATE_KEY = "billing_kpi_template_id"

# Highest rating of Odoo's rating scale, the smiley "Satisfied".
RATING_LIMIT_MAX = 5


class BillingKpiMetric(models.AbstractModel):
    """Live metrics over OCA helpdesk tickets about billing.

    A ticket counts for the user assigned to it when the measured event
    happened, read from the chatter tracking of *Assigned user*. That event is
    the closing for resolution times, ratings and resolved disputes, the first
    reply for response times, and the end of the period for repeat
    inquiries. A reassignment after that event does not move the ticket to
    another user. Without such tracking (tracking disabled, imports) the
    current assignee is credited. Unassigned tickets count for nobody, and
    archived tickets are left out.
    """

    _inherit = "billing.kpi.metric"

    @api.model
    def _get_metrics(self):
        metrics = super()._get_metrics()
        metrics.update(
            {
                "ticket_resolution_hours": Metric(
                    "helpdesk.ticket", "_facts_ticket_resolution_hours", "facts"
                ),
                "ticket_response_hours": Metric(
                    "helpdesk.ticket", "_facts_ticket_response_hours", "facts"
                ),
                "ticket_rating": Metric("helpdesk.ticket", "_facts_ticket_rating", "facts"),
                "disputes_resolved": Metric("helpdesk.ticket", "_facts_disputes_resolved", None),
                "ticket_repeat": Metric("helpdesk.ticket", "_facts_ticket_repeat", "facts"),
            }
        )
        return metrics

    # Facts

    @api.model
    def _facts_ticket_resolution_hours(self, period):
        """Billing disputes closed in the period: hours from the creation of
        the ticket to its closing. Value: average hours.

        A reopened ticket counts once, in the period of its last closing, from
        its creation to that closing. While it is open again it counts
        nowhere, although helpdesk_mgmt keeps its old closing date. Every
        closing stage counts, Cancelled and Rejected included. Hours are
        calendar or working hours as the template sets.
        """
        template = self._get_helpdesk_template()
        spans = SQL(
            """SELECT %(assignee)s AS user_id, ticket.id AS res_id,
                      ticket.create_date AS start_at, ticket.closed_date AS stop_at
                 FROM helpdesk_ticket ticket
                 JOIN helpdesk_ticket_stage stage ON stage.id = ticket.stage_id
                WHERE %(closed)s AND %(dispute)s""",
            assignee=self._sql_assignee_at(SQL("ticket.closed_date")),
            closed=self._sql_closed_in_period(period),
            dispute=self._sql_dispute_ticket(template),
        )
        return self._facts_of_spans(spans, period, template)

    @api.model
    def _facts_ticket_response_hours(self, period):
        """Billing tickets first answered in the period: hours from the
        creation of the ticket to the first message sent to the customer by
        staff. Value: average hours.

        A reply is a message or an email of an internal user (OdooBot
        excluded) that is not internal: internal notes, logged notes, stage
        notifications, rating requests and other automatic mails do not
        count. A ticket that is never answered never counts.
        """
        template = self._get_helpdesk_template()
        spans = SQL(
            """SELECT %(assignee)s AS user_id, ticket.id AS res_id,
                      ticket.create_date AS start_at, reply.date AS stop_at
                 FROM helpdesk_ticket ticket
                 JOIN LATERAL (%(first_reply)s) reply ON TRUE
                WHERE %(company)s AND %(billing)s
                  AND ticket.create_date < %(stop)s
                  AND reply.date >= %(start)s AND reply.date < %(stop)s""",
            assignee=self._sql_assignee_at(SQL("reply.date")),
            first_reply=self._sql_first_reply(),
            company=self._sql_ticket_of_company(period),
            billing=self._sql_billing_ticket(template),
            start=period.start,
            stop=period.stop,
        )
        return self._facts_of_spans(spans, period, template)

    @api.model
    def _facts_ticket_rating(self, period):
        """Billing tickets closed in the period and rated by the customer:
        the numerator sums their ratings, the denominator counts them. Value:
        mean rating from 1 to 5.

        Only consumed ratings (the customer answered) of 1 to 5 count, the
        latest one when a ticket was rated twice. Unrated tickets are left
        out, so a period without ratings is n/a, never 0.
        """
        template = self._get_helpdesk_template()
        return SQL(
            """SELECT %(assignee)s AS user_id, ticket.id AS res_id,
                      rating.rating AS numerator, 1.0 AS denominator
                 FROM helpdesk_ticket ticket
                 JOIN helpdesk_ticket_stage stage ON stage.id = ticket.stage_id
                 JOIN LATERAL (%(rating)s) rating ON TRUE
                WHERE %(closed)s AND %(billing)s""",
            assignee=self._sql_assignee_at(SQL("ticket.closed_date")),
            rating=self._sql_last_rating(),
            closed=self._sql_closed_in_period(period),
            billing=self._sql_billing_ticket(template),
        )

    @api.model
    def _facts_disputes_resolved(self, period):
        """Billing disputes closed in the period in one of the template's
        resolved stages (by default Done, so not Cancelled or Rejected),
        never reopened and not rated low (below 3 of 5). Value: count.

        A ticket moved from a closing stage back to an open one, as the
        tracking of its stage shows, was reopened. Reopening it after the
        period restates the period, because its first resolution did not
        hold.
        """
        template = self._get_helpdesk_template()
        stage_field = self.env["ir.model.fields"]._get("helpdesk.ticket", "stage_id").id
        return SQL(
            """SELECT %(assignee)s AS user_id, ticket.id AS res_id,
                      1.0 AS numerator, NULL::numeric AS denominator
                 FROM helpdesk_ticket ticket
                 JOIN helpdesk_ticket_stage stage ON stage.id = ticket.stage_id
                 LEFT JOIN LATERAL (%(rating)s) rating ON TRUE
                WHERE %(closed)s AND %(dispute)s
                  AND ticket.stage_id = ANY(%(resolved)s)
                  AND COALESCE(rating.rating, %(max)s) >= %(ok)s
                  AND NOT EXISTS (
                      SELECT 1
                        FROM mail_tracking_value value
                        JOIN mail_message message ON message.id = value.mail_message_id
                        JOIN helpdesk_ticket_stage old_stage
                          ON old_stage.id = value.old_value_integer
                        JOIN helpdesk_ticket_stage new_stage
                          ON new_stage.id = value.new_value_integer
                       WHERE message.model = 'helpdesk.ticket'
                         AND message.res_id = ticket.id
                         AND value.field_id = %(stage_field)s
                         AND old_stage.closed AND NOT new_stage.closed
                  )""",
            assignee=self._sql_assignee_at(SQL("ticket.closed_date")),
            rating=self._sql_last_rating(),
            closed=self._sql_closed_in_period(period),
            dispute=self._sql_dispute_ticket(template),
            resolved=template.helpdesk_resolved_stage_ids.ids,
            max=float(RATING_LIMIT_MAX),
            ok=float(RATING_LIMIT_OK),
            stage_field=stage_field,
        )

    @api.model
    def _facts_ticket_repeat(self, period):
        """Billing tickets created in the period whose customer is known: the
        numerator counts those whose customer opened another billing ticket
        in the repeat window before them (30 days by default). Unit: %.

        The customer is the commercial entity of the ticket's contact; for a
        ticket from an email address without a contact, that address (case
        and spaces ignored), which also matches tickets whose email field
        contains it. Tickets with neither a contact nor an email address cannot
        be matched and are left out of both sides. A ticket counts for the
        user assigned to it at the end of the period.
        """
        template = self._get_helpdesk_template()
        return SQL(
            """SELECT %(assignee)s AS user_id, ticket.id AS res_id,
                      CASE WHEN EXISTS (
                          SELECT 1 FROM helpdesk_ticket previous
                           WHERE previous.id <> ticket.id
                             AND previous.company_id = ticket.company_id
                             AND previous.active
                             AND %(previous_billing)s
                             AND previous.create_date < ticket.create_date
                             AND previous.create_date
                                 >= ticket.create_date - make_interval(days => %(days)s)
                             AND (previous.commercial_partner_id = ticket.commercial_partner_id
                                  OR %(previous_email)s = %(email)s)
                      ) THEN 1.0 ELSE 0.0 END AS numerator,
                      1.0 AS denominator
                 FROM helpdesk_ticket ticket
                WHERE %(company)s AND %(billing)s
                  AND ticket.create_date >= %(start)s AND ticket.create_date < %(stop)s
                  AND (ticket.commercial_partner_id IS NOT NULL OR %(email)s IS NOT NULL)""",
            assignee=self._sql_assignee_at(SQL("%s", period.stop)),
            previous_billing=self._sql_billing_ticket(template, "previous"),
            days=template.helpdesk_repeat_days,
            previous_email=self._sql_email("previous"),
            email=self._sql_email("ticket"),
            company=self._sql_ticket_of_company(period),
            billing=self._sql_billing_ticket(template),
            start=period.start,
            stop=period.stop,
        )

    # Building blocks

    @api.model
    def _get_helpdesk_template(self):
        """Return the template whose KPI is computed, with the rights to read
        its helpdesk settings."""
        template_id = self.env.context.get(TEMPLATE_KEY)
        if not template_id:
            raise UserError(
                self.env._(
                    "The helpdesk metrics need the KPI template that defines the billing "
                    "tickets. Compute them through a template (its Compute button or "
                    "compute_kpi_values)."
                )
            )
        return self.env["billing.kpi.template"].sudo().browse(template_id)

    @api.model
    def _facts_of_spans(self, spans, period, template):
        """Return facts of hours from the SQL ``spans`` (columns user_id,
        res_id, start_at, stop_at): calendar hours in SQL, or working hours
        of the assignee's calendar when the template counts those."""
        if template.helpdesk_hours == "working":
            return self._facts_in_working_hours(spans, period)
        return SQL(
            """SELECT spans.user_id, spans.res_id,
                      EXTRACT(EPOCH FROM spans.stop_at - spans.start_at) / 3600.0 AS numerator,
                      1.0 AS denominator
                 FROM (%s) AS spans""",
            spans,
        )

    @api.model
    def _sql_ticket_of_company(self, period, alias="ticket"):
        return SQL(
            "%s = %s AND %s",
            SQL.identifier(alias, "company_id"),
            period.company.id,
            SQL.identifier(alias, "active"),
        )

    @api.model
    def _sql_closed_in_period(self, period):
        """Return the SQL condition: ``ticket``, in ``stage``, is closed and
        was last closed in the period. helpdesk_mgmt keeps the closing date
        of a reopened ticket, hence the check of the current stage."""
        return SQL(
            """%s AND stage.closed
               AND ticket.closed_date >= %s AND ticket.closed_date < %s""",
            self._sql_ticket_of_company(period),
            period.start,
            period.stop,
        )

    @api.model
    def _sql_billing_ticket(self, template, alias="ticket"):
        """Return the SQL condition: the ticket ``alias`` belongs to one of
        the template's billing teams, has one of its billing categories, or
        carries one of its billing tags. Without any of these settings no
        ticket is about billing."""
        return SQL(
            "(%s = ANY(%s) OR %s = ANY(%s) OR %s)",
            SQL.identifier(alias, "team_id"),
            template.helpdesk_team_ids.ids,
            SQL.identifier(alias, "category_id"),
            template.helpdesk_category_ids.ids,
            self._sql_has_tag(template.helpdesk_tag_ids, alias),
        )

    @api.model
    def _sql_dispute_ticket(self, template):
        """Return the SQL condition: ``ticket`` is a billing ticket with one of
        the template's dispute categories or tags."""
        return SQL(
            "%s AND (ticket.category_id = ANY(%s) OR %s)",
            self._sql_billing_ticket(template),
            template.helpdesk_dispute_category_ids.ids,
            self._sql_has_tag(template.helpdesk_dispute_tag_ids, "ticket"),
        )

    @api.model
    def _sql_has_tag(self, tags, alias):
        field = self.env["helpdesk.ticket"]._fields["tag_ids"]
        return SQL(
            "EXISTS (SELECT 1 FROM %s tag_rel WHERE %s = %s AND %s = ANY(%s))",
            SQL.identifier(field.relation),
            SQL.identifier("tag_rel", field.column1),
            SQL.identifier(alias, "id"),
            SQL.identifier("tag_rel", field.column2),
            tags.ids,
        )

    @api.model
    def _sql_email(self, alias):
        """Return the SQL of the ticket's email address, lower case and
        trimmed, NULL when empty."""
        return SQL("NULLIF(LOWER(BTRIM(%s)), '')", SQL.identifier(alias, "partner_email"))

    @api.model
    def _sql_assignee_at(self, moment):
        """Return the SQL of the user assigned to ``ticket`` at ``moment`` (an
        SQL expression of a UTC datetime), NULL when it was unassigned.

        The last tracked change of the assigned user up to ``moment`` gives
        its new value; without one, the first later change gives its old
        value; without any tracked change, the current assignee counts.
        """
        field = self.env["ir.model.fields"]._get("helpdesk.ticket", "user_id").id
        changes = SQL(
            """FROM mail_tracking_value value
               JOIN mail_message message ON message.id = value.mail_message_id
              WHERE message.model = 'helpdesk.ticket' AND message.res_id = ticket.id
                AND value.field_id = %s""",
            field,
        )
        return SQL(
            """NULLIF(COALESCE(
                   (SELECT value.new_value_integer %(changes)s AND message.date <= %(moment)s
                     ORDER BY message.date DESC, value.id DESC LIMIT 1),
                   (SELECT value.old_value_integer %(changes)s AND message.date > %(moment)s
                     ORDER BY message.date, value.id LIMIT 1),
                   ticket.user_id
               ), 0)""",
            changes=changes,
            moment=moment,
        )

    @api.model
    def _sql_first_reply(self):
        """Return the SQL of the first reply to ``ticket``: its date."""
        return SQL(
            """SELECT message.date
                 FROM mail_message message
                 JOIN mail_message_subtype subtype ON subtype.id = message.subtype_id
                WHERE message.model = 'helpdesk.ticket' AND message.res_id = ticket.id
                  AND message.message_type IN ('comment', 'email')
                  AND message.is_internal IS NOT TRUE AND subtype.internal IS NOT TRUE
                  AND message.author_id <> %s
                  AND EXISTS (SELECT 1 FROM res_users author
                               WHERE author.partner_id = message.author_id AND NOT author.share)
             ORDER BY message.date, message.id
                LIMIT 1""",
            self.env.ref("base.partner_root").id,
        )

    @api.model
    def _sql_last_rating(self):
        """Return the SQL of the latest consumed rating of 1 to 5 of ``ticket``."""
        return SQL(
            """SELECT rating.rating
                 FROM rating_rating rating
                WHERE rating.res_model = 'helpdesk.ticket' AND rating.res_id = ticket.id
                  AND rating.consumed AND rating.rating BETWEEN %s AND %s
             ORDER BY rating.write_date DESC, rating.id DESC
                LIMIT 1""",
            float(RATING_LIMIT_MIN),
            float(RATING_LIMIT_MAX),
        )
