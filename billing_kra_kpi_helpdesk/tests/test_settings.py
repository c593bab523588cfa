from odoo.exceptions import ValidationError

from .common import HelpdeskMetricsCommon


class TestHelpdeskSettings(HelpdeskMetricsCommon):
    def test_defaults(self):
        template = self.env["billing.kpi.template"].create({"name": "New Role"})
        self.assertEqual(template.helpdesk_repeat_days, 30)
        self.assertEqual(template.helpdesk_hours, "calendar")
        self.assertEqual(template.helpdesk_resolved_stage_ids, self.stage_done)

    def test_negative_repeat_window(self):
        with self.assertRaisesRegex(ValidationError, "repeat window .* is -5 days") as caught:
            self.template.helpdesk_repeat_days = -5
        self.assertIn("Helpdesk Metrics Clerk", str(caught.exception))
        self.assertIn("at least 1 day", str(caught.exception))

    def test_zero_repeat_window(self):
        with self.assertRaisesRegex(ValidationError, "is 0 days"):
            self.template.helpdesk_repeat_days = 0

    def test_one_day_repeat_window(self):
        self.template.helpdesk_repeat_days = 1
        self.assertEqual(self.template.helpdesk_repeat_days, 1)

    def test_open_stage_not_resolved(self):
        with self.assertRaisesRegex(ValidationError, "In Progress") as caught:
            self.template.helpdesk_resolved_stage_ids |= self.stage_progress
        self.assertIn("do not close a ticket", str(caught.exception))
