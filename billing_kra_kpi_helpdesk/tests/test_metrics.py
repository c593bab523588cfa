from freezegun import freeze_time

from odoo.tests import tagged

from .common import HelpdeskMetricsCommon


@tagged("post_install", "-at_install")
class TestHelpdeskMetrics(HelpdeskMetricsCommon):
    """March 2026 in UTC. Tickets of the team Test Billing unless stated.

    - t1: A, dispute of P1, created Mon 2 March 9:00, answered by A at 11:00,
      closed Done Wed 4 March 15:00, rated 5.
    - t2: A, dispute of P2, created Tue 3 March 10:00, answered at 16:00,
      closed Done Thu 5 March 10:00, reopened Fri 6 March 9:00, closed Done
      again Mon 9 March 12:00, rated 3.
    - t3: dispute of P3, created Mon 2 March 8:00 for A, reassigned to B at
      12:00, answered by B at 14:00, closed Done Tue 3 March 14:00 unrated,
      then reassigned to C on Wed 4 March 10:00.
    - t4: C, question of P8, created Tue 3 March 9:00, answered only by an
      internal note of C at 10:00.
    - t5: C, question from the unknown address " Unknown@Example.org ",
      created Wed 4 March 9:00, answered by C at 13:30.
    - t6: C, question from "unknown@example.org", created Thu 12 March 9:00.
    - t7: B, dispute of P1, created Fri 20 March 9:00, sent only a rating
      request and an automatic mail by B, closed Cancelled at 17:00.
    - t8: A, dispute of P3, created Mon 9 March 9:00, answered at 10:00,
      closed Done Tue 10 March 9:00, rated 1.
    - t9: A, ticket of the team Test Support about P9, answered: no billing.
    - t10: A, ticket of Test Support tagged Test invoice, so a billing
      ticket, of P2, created Mon 16 March 9:00, answered at 9:30.
    - t11: B, question of P4 created Fri 20 February; t12: B, question of
      P4 created Tue 10 March 9:00.
    - t13: B, question of P5 created Sun 25 January; t14: B, question of
      P5 created Thu 5 March 9:00, 39 days later.
    - t15: A, question with neither contact nor email, Wed 11 March.
    - t16: unassigned question of P6, Wed 11 March.
    - t17: A, dispute of P7, created Tue 31 March 9:00, closed Done Wed 1
      April 10:00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        A, B, C = cls.user_a, cls.user_b, cls.user_c
        P = cls.env["res.partner"].create(
            [{"name": "Helpdesk Customer %s" % index} for index in range(10)]
        )
        done, cancelled = cls.stage_done, cls.stage_cancelled
        dispute = cls.dispute

        cls.t1 = cls._ticket(A, "2026-03-02 09:00:00", P[1], dispute)
        cls._post(cls.t1, A, "2026-03-02 11:00:00")
        cls._write(cls.t1, "2026-03-04 15:00:00", stage_id=done.id)
        cls._rate(cls.t1, 5)

        cls.t2 = cls._ticket(A, "2026-03-03 10:00:00", P[2], dispute)
        cls._post(cls.t2, A, "2026-03-03 16:00:00")
        cls._write(cls.t2, "2026-03-05 10:00:00", stage_id=done.id)
        cls._write(cls.t2, "2026-03-06 09:00:00", stage_id=cls.stage_progress.id)
        cls._write(cls.t2, "2026-03-09 12:00:00", stage_id=done.id)
        cls._rate(cls.t2, 3)

        cls.t3 = cls._ticket(A, "2026-03-02 08:00:00", P[3], dispute)
        cls._write(cls.t3, "2026-03-02 12:00:00", user_id=B.id)
        cls._post(cls.t3, B, "2026-03-02 14:00:00")
        cls._write(cls.t3, "2026-03-03 14:00:00", stage_id=done.id)
        cls._write(cls.t3, "2026-03-04 10:00:00", user_id=C.id)

        cls.t4 = cls._ticket(C, "2026-03-03 09:00:00", P[8])
        cls._post(cls.t4, C, "2026-03-03 10:00:00", subtype="mail.mt_note")

        cls.t5 = cls._ticket(C, "2026-03-04 09:00:00", partner_email=" Unknown@Example.org ")
        cls._post(cls.t5, C, "2026-03-04 13:30:00")
        cls.t6 = cls._ticket(C, "2026-03-12 09:00:00", partner_email="unknown@example.org")

        cls.t7 = cls._ticket(B, "2026-03-20 09:00:00", P[1], dispute)
        template = cls.env.ref("helpdesk_mgmt_rating.rating_ticket_email_template")
        with freeze_time("2026-03-20 10:00:00"):
            cls.t7.with_user(B).rating_send_request(template, force_send=False)
        cls._post(cls.t7, B, "2026-03-20 11:00:00", message_type="auto_comment")
        cls._write(cls.t7, "2026-03-20 17:00:00", stage_id=cancelled.id)

        cls.t8 = cls._ticket(A, "2026-03-09 09:00:00", P[3], dispute)
        cls._post(cls.t8, A, "2026-03-09 10:00:00")
        cls._write(cls.t8, "2026-03-10 09:00:00", stage_id=done.id)
        cls._rate(cls.t8, 1)

        cls.t9 = cls._ticket(A, "2026-03-02 09:00:00", P[9], dispute, cls.other_team)
        cls._post(cls.t9, A, "2026-03-02 10:00:00")
        cls._write(cls.t9, "2026-03-03 09:00:00", stage_id=done.id)

        cls.t10 = cls._ticket(
            A, "2026-03-16 09:00:00", P[2], team=cls.other_team, tag_ids=cls.invoice_tag.ids
        )
        cls._post(cls.t10, A, "2026-03-16 09:30:00")

        cls.t11 = cls._ticket(B, "2026-02-20 09:00:00", P[4])
        cls.t12 = cls._ticket(B, "2026-03-10 09:00:00", P[4])
        cls.t13 = cls._ticket(B, "2026-01-25 09:00:00", P[5])
        cls.t14 = cls._ticket(B, "2026-03-05 09:00:00", P[5])
        cls.t15 = cls._ticket(A, "2026-03-11 09:00:00")
        cls.t16 = cls._ticket(None, "2026-03-11 10:00:00", P[6])

        cls.t17 = cls._ticket(A, "2026-03-31 09:00:00", P[7], dispute)
        cls._write(cls.t17, "2026-04-01 10:00:00", stage_id=done.id)

    def _use_working_hours(self):
        self.template.helpdesk_hours = "working"

    # 1.3: resolution time of disputes

    def test_resolution_hours(self):
        rows = self._compute("ticket_resolution_hours")
        # A: t1 54 h, t2 146 h from creation to its last closing, t8 24 h.
        self.assertFigures(rows[self.clerk_a], 224, 3, 224 / 3)
        # B: t3 30 h, credited to B who held it at closing; t7 8 h, cancelled.
        self.assertFigures(rows[self.clerk_b], 38, 2, 19)
        self.assertFigures(rows[self.clerk_c], 0, 0, None)
        self.assertFigures(rows[self.clerk_d], 0, 0, None)
        self.assertFigures(rows["team"], 262, 5, 52.4)

    def test_resolution_hours_working(self):
        self._use_working_hours()
        rows = self._compute("ticket_resolution_hours")
        # t1 Mon 9:00 to Wed 15:00: 7 + 8 + 6 h. t2 Tue 10:00 to Mon 12:00:
        # 6 + 8 + 8 + 8 + 4 h. t8 Mon 9:00 to Tue 9:00: 7 + 1 h.
        self.assertFigures(rows[self.clerk_a], 21 + 34 + 8, 3, 21)
        # t3 Mon 8:00 to Tue 14:00: 8 + 5 h. t7 Fri 9:00 to 17:00: 7 h.
        self.assertFigures(rows[self.clerk_b], 13 + 7, 2, 10)
        self.assertFigures(rows["team"], 83, 5, 16.6)

    def test_resolution_reopened_ticket_still_open(self):
        self._write(self.t1, "2026-03-30 09:00:00", stage_id=self.stage_progress.id)
        rows = self._compute("ticket_resolution_hours")
        # helpdesk_mgmt keeps the closing date of t1, which is open again.
        self.assertEqual(self.t1.closed_date.isoformat(), "2026-03-04T15:00:00")
        self.assertFigures(rows[self.clerk_a], 170, 2, 85)

    def test_resolution_drilldown(self):
        rows = self._compute("ticket_resolution_hours")
        self.assertEqual(self._records(rows[self.clerk_a]), self.t1 | self.t2 | self.t8)
        self.assertEqual(self._records(rows[self.clerk_b], "denominator"), self.t3 | self.t7)
        self.assertEqual(
            self._records(rows["team"]), self.t1 | self.t2 | self.t3 | self.t7 | self.t8
        )

    def test_resolution_april(self):
        rows = self._compute("ticket_resolution_hours", "2026-04-01", "2026-04-30")
        # t17: Tue 31 March 9:00 to Wed 1 April 10:00.
        self.assertFigures(rows[self.clerk_a], 25, 1, 25)

    # 2.1: response time

    def test_response_hours(self):
        rows = self._compute("ticket_response_hours")
        # A: t1 2 h, t2 6 h, t8 1 h, t10 0.5 h. The note on t4, the rating
        # request and the automatic mail on t7 are no replies.
        self.assertFigures(rows[self.clerk_a], 9.5, 4, 2.375)
        # B: t3 6 h, answered by B after the reassignment.
        self.assertFigures(rows[self.clerk_b], 6, 1, 6)
        # C: t5 from an unknown address, 4.5 h.
        self.assertFigures(rows[self.clerk_c], 4.5, 1, 4.5)
        self.assertFigures(rows["team"], 20, 6, 20 / 6)

    def test_response_hours_working(self):
        self._use_working_hours()
        rows = self._compute("ticket_response_hours")
        # t2 Tue 10:00 to 16:00 is 5 working hours (lunch 12:00-13:00);
        # t3 Mon 8:00 to 14:00 is 5; t5 Wed 9:00 to 13:30 is 3.5.
        self.assertFigures(rows[self.clerk_a], 2 + 5 + 1 + 0.5, 4, 8.5 / 4)
        self.assertFigures(rows[self.clerk_b], 5, 1, 5)
        self.assertFigures(rows[self.clerk_c], 3.5, 1, 3.5)
        self.assertFigures(rows["team"], 17, 6, 17 / 6)

    def test_response_drilldown(self):
        rows = self._compute("ticket_response_hours")
        self.assertEqual(
            self._records(rows["team"]), self.t1 | self.t2 | self.t3 | self.t5 | self.t8 | self.t10
        )
        self.assertEqual(self._records(rows[self.clerk_c]), self.t5)

    def test_response_after_note(self):
        self._post(self.t4, self.user_c, "2026-03-03 12:00:00")
        rows = self._compute("ticket_response_hours")
        # The reply to t4 counts from its creation at 9:00, not from the note.
        self.assertFigures(rows[self.clerk_c], 7.5, 2, 3.75)

    def test_response_of_customer_not_counted(self):
        customer_user = self.env["res.users"].create(
            {
                "name": "Portal Customer",
                "login": "helpdesk_portal_customer",
                "email": "portal.customer@example.com",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.t6.message_subscribe(customer_user.partner_id.ids)
        self._post(self.t6, customer_user, "2026-03-12 10:00:00")
        rows = self._compute("ticket_response_hours")
        self.assertFigures(rows[self.clerk_c], 4.5, 1, 4.5)

    # 2.2: customer rating

    def test_rating(self):
        rows = self._compute("ticket_rating")
        # A: t1 5, t2 3, t8 1. B's t3 and t7 are unrated.
        self.assertFigures(rows[self.clerk_a], 9, 3, 3)
        self.assertFigures(rows[self.clerk_b], 0, 0, None)
        self.assertFigures(rows[self.clerk_c], 0, 0, None)
        self.assertFigures(rows["team"], 9, 3, 3)

    def test_rating_latest_counts(self):
        self._rate(self.t8, 5)
        rows = self._compute("ticket_rating")
        self.assertFigures(rows[self.clerk_a], 13, 3, 13 / 3)

    def test_rating_request_not_answered(self):
        template = self.env.ref("helpdesk_mgmt_rating.rating_ticket_email_template")
        self.t3.rating_send_request(template, force_send=False)
        rows = self._compute("ticket_rating")
        self.assertFigures(rows[self.clerk_b], 0, 0, None)

    def test_rating_drilldown(self):
        rows = self._compute("ticket_rating")
        self.assertEqual(self._records(rows[self.clerk_a]), self.t1 | self.t2 | self.t8)

    # 2.3: disputes resolved satisfactorily

    def test_disputes_resolved(self):
        rows = self._compute("disputes_resolved")
        # t1 (A) and t3 (B, who held it at closing). t2 was reopened, t7
        # cancelled, t8 rated 1, t9 is no billing ticket.
        self.assertFigures(rows[self.clerk_a], 1, 0, 1)
        self.assertFigures(rows[self.clerk_b], 1, 0, 1)
        self.assertFigures(rows[self.clerk_c], 0, 0, 0)
        self.assertFigures(rows["team"], 2, 0, 2)
        self.assertEqual(self._records(rows["team"]), self.t1 | self.t3)

    def test_disputes_resolved_in_cancelled_stage(self):
        self.template.helpdesk_resolved_stage_ids |= self.stage_cancelled
        rows = self._compute("disputes_resolved")
        self.assertEqual(rows[self.clerk_b].value, 2)

    def test_disputes_resolved_by_tag(self):
        dispute_tag = self.env["helpdesk.ticket.tag"].create({"name": "Test disputed"})
        self.template.helpdesk_dispute_tag_ids = dispute_tag
        self.template.helpdesk_dispute_category_ids = False
        self.t9.write({"team_id": self.team.id, "tag_ids": dispute_tag.ids})
        rows = self._compute("disputes_resolved")
        self.assertEqual(self._records(rows["team"]), self.t9)

    def test_disputes_denominator_is_no_record_set(self):
        rows = self._compute("disputes_resolved")
        with self.assertRaisesRegex(Exception, "not a set of records"):
            rows["team"]._action_open_records("denominator")

    # 2.4: repeat inquiries

    def test_repeat(self):
        rows = self._compute("ticket_repeat")
        # A at the end of March: t1, t2, t8 (P3 after t3), t10 (P2 after t2), t17.
        self.assertFigures(rows[self.clerk_a], 2, 5, 40)
        # B: t7 (P1 after t1), t12 (P4 after t11 in February), t14.
        self.assertFigures(rows[self.clerk_b], 2, 3, 2 / 3 * 100)
        # C: t3 (reassigned to C), t4, t5, t6 (same address as t5).
        self.assertFigures(rows[self.clerk_c], 1, 4, 25)
        self.assertFigures(rows["team"], 5, 12, 5 / 12 * 100)

    def test_repeat_drilldown(self):
        rows = self._compute("ticket_repeat")
        self.assertEqual(self._records(rows[self.clerk_b]), self.t7 | self.t12)
        self.assertEqual(
            self._records(rows[self.clerk_b], "denominator"), self.t7 | self.t12 | self.t14
        )
        team = self._records(rows["team"], "denominator")
        # Neither t15 (no customer) nor t16 (unassigned) nor t9 (no billing).
        self.assertNotIn(self.t15, team)
        self.assertNotIn(self.t16, team)
        self.assertNotIn(self.t9, team)
        self.assertEqual(len(team), 12)

    def test_repeat_window(self):
        self.template.helpdesk_repeat_days = 45
        rows = self._compute("ticket_repeat")
        # t14 now repeats t13, 39 days before.
        self.assertFigures(rows[self.clerk_b], 3, 3, 100)
        self.assertFigures(rows["team"], 6, 12, 50)

    # Settings and attribution

    def test_no_billing_settings(self):
        self.template.write(
            {"helpdesk_team_ids": False, "helpdesk_tag_ids": False, "helpdesk_category_ids": False}
        )
        rows = self._compute("ticket_response_hours")
        self.assertFigures(rows["team"], 0, 0, None)

    def test_billing_by_category(self):
        self.template.write(
            {
                "helpdesk_team_ids": False,
                "helpdesk_tag_ids": False,
                "helpdesk_category_ids": self.dispute.ids,
            }
        )
        rows = self._compute("ticket_response_hours")
        # Disputes answered in March: t1, t2, t8 (A), t3 (B), t9 (A, other team).
        self.assertEqual(
            self._records(rows["team"]), self.t1 | self.t2 | self.t3 | self.t8 | self.t9
        )

    def test_archived_ticket_left_out(self):
        self.t8.active = False
        rows = self._compute("ticket_resolution_hours")
        self.assertFigures(rows[self.clerk_a], 200, 2, 100)

    def test_metric_needs_template(self):
        Metric = self.env["billing.kpi.metric"]
        period = Metric._make_period(
            self.t1.create_date.date(), self.t1.create_date.date(), self.company
        )
        with self.assertRaisesRegex(Exception, "need the KPI template"):
            Metric._compute_metric("ticket_rating", period, self.clerk_a)
