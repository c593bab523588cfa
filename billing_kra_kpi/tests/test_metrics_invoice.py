from odoo.tests import tagged

from .common import BillingMetricsCommon


@tagged("post_install", "-at_install")
class TestInvoiceMetrics(BillingMetricsCommon):
    """March 2026, company time zone Europe/Brussels.

    Clerk A first posts inv1 (100), inv2 (200) and inv3 (300). A posts inv6
    (10) at 00:30 on 1 March Brussels time, and the credit note cn0 (50, no
    origin). Clerk B posts inv4 (400). B resets inv2 on 10 March and posts
    it again on 11 March. A reverses inv3 on 12 March with the credit note
    cn3. B resets inv4 on 20 March and posts it again only on 2 April. A
    posts inv5 at 00:30 on 1 April Brussels time (31 March 23:30 UTC).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        A, B = cls.user_a, cls.user_b
        cls.inv1 = cls._invoice(A, "2026-03-03 10:00:00", 100)
        cls.inv2 = cls._invoice(A, "2026-03-04 10:00:00", 200)
        cls.inv3 = cls._invoice(A, "2026-03-05 10:00:00", 300)
        cls.inv6 = cls._invoice(A, "2026-02-28 23:30:00", 10, invoice_date="2026-03-01")
        cls.cn0 = cls._invoice(A, "2026-03-05 11:00:00", 50, move_type="out_refund")
        cls.inv4 = cls._invoice(B, "2026-03-06 10:00:00", 400)
        cls.inv5 = cls._invoice(A, "2026-03-31 23:30:00", 1000, invoice_date="2026-04-01")

        cls._at("2026-03-10 10:00:00", "button_draft", cls.inv2.with_user(B))
        cls._at("2026-03-11 10:00:00", "action_post", cls.inv2.with_user(B))
        with cls._frozen("2026-03-12 10:00:00"):
            wizard = (
                cls.env["account.move.reversal"]
                .with_user(A)
                .with_context(active_model="account.move", active_ids=cls.inv3.ids)
                .create({"journal_id": cls.inv3.journal_id.id, "date": "2026-03-12"})
            )
            cls.cn3 = cls.env["account.move"].browse(wizard.refund_moves()["res_id"])
            cls.cn3.with_user(A).action_post()
        cls._at("2026-03-20 10:00:00", "button_draft", cls.inv4.with_user(B))
        cls._at("2026-04-02 10:00:00", "action_post", cls.inv4.with_user(B))

    def test_invoices_per_day(self):
        rows = self._compute("invoices_per_day")
        # March 2026 has 22 working days Monday to Friday.
        self.assertFigures(rows[self.clerk_a], 4, 22, 4 / 22)
        self.assertFigures(rows[self.clerk_b], 1, 22, 1 / 22)
        self.assertFigures(rows[self.clerk_c], 0, 22, 0.0, status="red")
        self.assertFigures(rows[self.clerk_d], 0, 0, None)
        self.assertFigures(rows["team"], 5, 66, 5 / 66)

    def test_invoices_per_day_april_gets_midnight_invoice(self):
        rows = self._compute("invoices_per_day", "2026-04-01", "2026-04-30")
        self.assertEqual(rows[self.clerk_a].numerator, 1)
        self.assertEqual(rows[self.clerk_b].numerator, 0)

    def test_entry_accuracy(self):
        rows = self._compute("entry_accuracy")
        self.assertFigures(rows[self.clerk_a], 2, 4, 50.0)
        self.assertFigures(rows[self.clerk_b], 0, 1, 0.0, status="red")
        self.assertFigures(rows[self.clerk_c], 0, 0, None)
        self.assertFigures(rows[self.clerk_d], 0, 0, None)
        self.assertFigures(rows["team"], 2, 5, 40.0)

    def test_amount_accuracy(self):
        rows = self._compute("amount_accuracy")
        self.assertFigures(rows[self.clerk_a], 110, 610, 110 / 610 * 100)
        self.assertFigures(rows[self.clerk_b], 0, 400, 0.0)
        self.assertFigures(rows["team"], 110, 1010, 110 / 1010 * 100)

    def test_error_rate(self):
        rows = self._compute("error_rate")
        self.assertFigures(rows[self.clerk_a], 2, 4, 50.0)
        self.assertFigures(rows[self.clerk_b], 1, 1, 100.0)
        self.assertFigures(rows["team"], 3, 5, 60.0)

    def test_errors_corrected(self):
        rows = self._compute("errors_corrected")
        # inv2 posted again and inv3 reversed in March; inv4 still in draft
        # at the end of March, whatever happens in April.
        self.assertFigures(rows[self.clerk_a], 2, 2, 100.0)
        self.assertFigures(rows[self.clerk_b], 0, 1, 0.0)
        self.assertFigures(rows[self.clerk_c], 0, 0, None)
        self.assertFigures(rows["team"], 2, 3, 200 / 3)

    def test_errors_corrected_april_empty(self):
        rows = self._compute("errors_corrected", "2026-04-01", "2026-04-30")
        self.assertFigures(rows["team"], 0, 0, None)

    def test_discrepancy_days(self):
        rows = self._compute("discrepancy_days")
        self.assertFigures(rows[self.clerk_a], 7, 1, 7.0)
        self.assertFigures(rows[self.clerk_b], 0, 0, None)
        self.assertFigures(rows["team"], 7, 1, 7.0)

    def test_documentation(self):
        Attachment = self.env["ir.attachment"]
        for move in (self.inv1, self.cn0):
            Attachment.create(
                {"name": "order.pdf", "res_model": "account.move", "res_id": move.id, "raw": b"x"}
            )
        # The PDF that Odoo stores in a field of the invoice does not count.
        Attachment.create(
            {
                "name": "INV.pdf",
                "res_model": "account.move",
                "res_id": self.inv4.id,
                "res_field": "invoice_pdf_report_file",
                "raw": b"x",
            }
        )
        rows = self._compute("documentation")
        # A: inv1, inv2, inv3, inv6, cn0 and cn3.
        self.assertFigures(rows[self.clerk_a], 2, 6, 100 / 3)
        self.assertFigures(rows[self.clerk_b], 0, 1, 0.0)
        self.assertFigures(rows["team"], 2, 7, 200 / 7)

    def test_billing_cycle_days(self):
        hours_before_posting = {
            self.inv1: 48,
            self.inv2: 6,
            self.inv3: 42,
            self.inv6: 0,
            self.inv4: 72,
        }
        for move, hours in hours_before_posting.items():
            self.env.cr.execute(
                "UPDATE account_move"
                "   SET create_date = billing_posted_at - make_interval(hours => %s)"
                " WHERE id = %s",
                (hours, move.id),
            )
        rows = self._compute("billing_cycle_days")
        self.assertFigures(rows[self.clerk_a], 4, 4, 1.0)
        self.assertFigures(rows[self.clerk_b], 3, 1, 3.0)
        self.assertFigures(rows["team"], 7, 5, 1.4)

    def test_details_list_the_records(self):
        row = self._compute("entry_accuracy")[self.clerk_a]
        numerator = row.action_open_numerator_records()
        denominator = row.action_open_denominator_records()
        self.assertEqual(numerator["res_model"], "account.move")
        self.assertEqual(
            self.env["account.move"].search(numerator["domain"]), self.inv1 | self.inv6
        )
        self.assertEqual(
            self.env["account.move"].search(denominator["domain"]),
            self.inv1 | self.inv2 | self.inv3 | self.inv6,
        )

    def test_team_details_list_all_members(self):
        row = self._compute("entry_accuracy")["team"]
        denominator = row.action_open_denominator_records()
        self.assertEqual(
            self.env["account.move"].search(denominator["domain"]),
            self.inv1 | self.inv2 | self.inv3 | self.inv6 | self.inv4,
        )
