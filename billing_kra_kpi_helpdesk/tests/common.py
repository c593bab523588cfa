from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from ..models.billing_kpi import HELPDESK_METRICS

USER_GROUPS = "base.group_user,billing_kra_kpi.group_kpi_user,helpdesk_mgmt.group_helpdesk_user"


class HelpdeskMetricsCommon(TransactionCase):
    """Clerks A, B and C with users, D without one, all holding one job, a
    helpdesk team Test Billing of A, B and C, and a draft template measuring
    that job with one KPI per helpdesk metric.

    The company, the users and the employees are in UTC, and the employees
    work the company's standard calendar: Monday to Friday, 8:00 to 12:00 and
    13:00 to 17:00. 2 March 2026 is a Monday.
    """

    KPI_UNITS = {
        "ticket_resolution_hours": "hours",
        "ticket_response_hours": "hours",
        "ticket_rating": "score",
        "disputes_resolved": "count",
        "ticket_repeat": "percent",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("billing_kra_kpi.group_kpi_admin")
        cls.company = cls.env.company
        cls.company.partner_id.tz = "UTC"
        cls.calendar = cls.company.resource_calendar_id
        cls.job = cls.env["hr.job"].create({"name": "Helpdesk Metrics Clerk"})
        cls.user_a, cls.user_b, cls.user_c = (
            new_test_user(cls.env, login=login, groups=USER_GROUPS, tz="UTC")
            for login in ("helpdesk_a", "helpdesk_b", "helpdesk_c")
        )
        cls.clerk_a, cls.clerk_b, cls.clerk_c, cls.clerk_d = cls.env["hr.employee"].create(
            [
                cls._employee_vals("Helpdesk Clerk A", cls.user_a),
                cls._employee_vals("Helpdesk Clerk B", cls.user_b),
                cls._employee_vals("Helpdesk Clerk C", cls.user_c),
                cls._employee_vals("Helpdesk Clerk D", None),
            ]
        )

        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Test Billing",
                "user_ids": [Command.set((cls.user_a | cls.user_b | cls.user_c).ids)],
            }
        )
        cls.other_team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Test Support",
                "user_ids": [Command.set((cls.user_a | cls.user_b | cls.user_c).ids)],
            }
        )
        Category = cls.env["helpdesk.ticket.category"]
        cls.dispute = Category.create({"name": "Test dispute"})
        cls.question = Category.create({"name": "Test question"})
        cls.invoice_tag = cls.env["helpdesk.ticket.tag"].create({"name": "Test invoice"})
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")

        cls.template = cls.env["billing.kpi.template"].create(
            {
                "name": "Helpdesk Metrics Clerk",
                "job_ids": [Command.set(cls.job.ids)],
                "helpdesk_team_ids": [Command.set(cls.team.ids)],
                "helpdesk_tag_ids": [Command.set(cls.invoice_tag.ids)],
                "helpdesk_dispute_category_ids": [Command.set(cls.dispute.ids)],
                "kra_ids": [
                    Command.create(
                        {
                            "name": "Customer inquiries",
                            "weight": 100,
                            "kpi_ids": [
                                Command.create(cls._metric_kpi_vals(key, index))
                                for index, (key, _label) in enumerate(HELPDESK_METRICS)
                            ],
                        }
                    )
                ],
            }
        )
        cls.kpis = {kpi.metric: kpi for kpi in cls.template.kpi_ids}

    @classmethod
    def _employee_vals(cls, name, user):
        return {
            "name": name,
            "job_id": cls.job.id,
            "user_id": user.id if user else False,
            "company_id": cls.company.id,
            "resource_calendar_id": cls.calendar.id,
            "tz": "UTC",
        }

    @classmethod
    def _metric_kpi_vals(cls, key, index):
        return {
            "code": "H%s" % index,
            "name": key,
            "description": "Measures %s." % key,
            "source_kind": "live",
            "metric": key,
            "unit": cls.KPI_UNITS[key],
            "direction": "higher",
            "target": 50,
            "threshold_amber": 40,
            "threshold_red": 20,
            "weight": 20,
        }

    @classmethod
    def _ticket(cls, user, created, partner=None, category=None, team=None, **values):
        """Create a ticket assigned to ``user`` and date its creation back to
        ``created`` (UTC), which the ORM does not let set."""
        vals = {
            "name": "Ticket of %s" % created,
            "description": "<p>Question about an invoice.</p>",
            "team_id": (team or cls.team).id,
            "category_id": (category or cls.question).id,
            "partner_id": partner.id if partner else False,
            "user_id": user.id if user else False,
        }
        vals.update(values)
        with freeze_time(created):
            ticket = cls.env["helpdesk.ticket"].create(vals)
            cls._flush_tracking()
        cls.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s", (created, ticket.id)
        )
        ticket.invalidate_recordset(["create_date"])
        return ticket

    @classmethod
    def _post(cls, ticket, user, when, subtype="mail.mt_comment", message_type="comment"):
        """Post a message on ``ticket`` as ``user`` at ``when``."""
        with freeze_time(when):
            message = ticket.with_user(user).message_post(
                body="We are checking your invoice.",
                message_type=message_type,
                subtype_xmlid=subtype,
            )
            cls._flush_tracking()
        return message

    @classmethod
    def _write(cls, ticket, when, **values):
        """Change ``ticket`` at ``when``, with the chatter tracking written at
        that time."""
        with freeze_time(when):
            ticket.write(values)
            cls._flush_tracking()

    @classmethod
    def _rate(cls, ticket, rating):
        """Record the customer's rating of ``ticket`` as the portal does."""
        token = ticket._rating_get_access_token(ticket.partner_id)
        ticket.rating_apply(rating, token=token)

    @classmethod
    def _flush_tracking(cls):
        # Odoo writes the chatter tracking just before the commit, which
        # tests never reach.
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _compute(self, metric, date_from="2026-03-01", date_to="2026-03-31"):
        """Compute ``metric`` and return {employee or "team": value row}."""
        kpi = self.kpis[metric]
        self.template.sudo().compute_kpi_values(date_from, date_to)
        rows = (
            self.env["billing.kpi.value"]
            .sudo()
            .search([("kpi_id", "=", kpi.id), ("date_from", "=", date_from)])
        )
        return {row.employee_id or "team": row for row in rows}

    def _records(self, row, side="numerator"):
        """Return the tickets that the drill-down of ``row`` opens."""
        action = row._action_open_records(side)
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        return self.env["helpdesk.ticket"].search(action["domain"])

    def assertFigures(self, row, numerator, denominator, value):
        """Check a value row: numerator, denominator and value (None for n/a)."""
        self.assertAlmostEqual(row.numerator, numerator, places=4)
        self.assertAlmostEqual(row.denominator, denominator, places=4)
        if value is None:
            self.assertEqual(row.status, "na")
        else:
            self.assertNotEqual(row.status, "na")
            self.assertAlmostEqual(row.value, value, places=4)
