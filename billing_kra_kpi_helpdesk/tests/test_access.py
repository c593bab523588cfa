from odoo.exceptions import AccessError

from .common import HelpdeskMetricsCommon


class TestHelpdeskAccess(HelpdeskMetricsCommon):
    """Clerks A and B, each with a dispute answered in March."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create({"name": "Access Customer"})
        cls.ticket_a = cls._ticket(cls.user_a, "2026-03-02 09:00:00", customer, cls.dispute)
        cls._post(cls.ticket_a, cls.user_a, "2026-03-02 10:00:00")
        cls.ticket_b = cls._ticket(cls.user_b, "2026-03-02 09:00:00", customer, cls.dispute)
        cls._post(cls.ticket_b, cls.user_b, "2026-03-02 12:00:00")
        cls.template.sudo().compute_kpi_values("2026-03-01", "2026-03-31")

    def test_clerk_sees_own_values_only(self):
        values = (
            self.env["billing.kpi.value"]
            .with_user(self.user_a)
            .search([("template_id", "=", self.template.id)])
        )
        self.assertEqual(len(values), 5)
        self.assertEqual(values.employee_id, self.clerk_a)
        response = values.filtered(lambda v: v.kpi_id.metric == "ticket_response_hours")
        self.assertEqual(response.value, 1.0)

    def test_clerk_opens_own_tickets(self):
        value = (
            self.env["billing.kpi.value"]
            .with_user(self.user_a)
            .search(
                [
                    ("template_id", "=", self.template.id),
                    ("kpi_id.metric", "=", "ticket_response_hours"),
                ]
            )
        )
        action = value.action_open_numerator_records()
        tickets = self.env["helpdesk.ticket"].with_user(self.user_a).search(action["domain"])
        self.assertEqual(tickets.ids, self.ticket_a.ids)

    def test_clerk_cannot_read_other_values(self):
        other = self.env["billing.kpi.value"].search(
            [("template_id", "=", self.template.id), ("employee_id", "=", self.clerk_b.id)],
            limit=1,
        )
        with self.assertRaises(AccessError):
            other.with_user(self.user_a).read(["value"])

    def test_clerk_cannot_read_settings(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.user_a).read(["helpdesk_team_ids"])
        with self.assertRaises(AccessError):
            self.template.with_user(self.user_a).write({"helpdesk_repeat_days": 10})

    def test_clerk_cannot_compute(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.user_a).compute_kpi_values("2026-03-01", "2026-03-31")
