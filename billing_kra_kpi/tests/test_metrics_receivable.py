from odoo.tests import tagged

from .common import BillingMetricsCommon


@tagged("post_install", "-at_install")
class TestAgedReceivable(BillingMetricsCommon):
    """Receivable as of 31 March 2026.

    Clerk A:

    * invP 1000 due 15 January, paid only on 10 April;
    * invQ 500 due 20 March;
    * invR 200 due 10 February, 50 paid on 5 March and 150 on 5 April;
    * invU 400 due 20 February, paid on 15 March;
    * invT 700 dated 2 April.

    Clerk B: invS 300 due 30 March.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        A, B = cls.user_a, cls.user_b

        def invoice(user, amount, date, due):
            return cls._invoice(
                user, date + " 09:00:00", amount, invoice_date=date, invoice_date_due=due
            )

        cls.invP = invoice(A, 1000, "2026-01-10", "2026-01-15")
        cls.invQ = invoice(A, 500, "2026-03-01", "2026-03-20")
        cls.invR = invoice(A, 200, "2026-02-01", "2026-02-10")
        cls.invU = invoice(A, 400, "2026-02-01", "2026-02-20")
        cls.invT = invoice(A, 700, "2026-04-02", "2026-04-30")
        cls.invS = invoice(B, 300, "2026-03-01", "2026-03-30")
        cls._pay(A, cls.invR, "2026-03-05 10:00:00", amount=50)
        cls._pay(A, cls.invU, "2026-03-15 10:00:00")
        cls._pay(A, cls.invR, "2026-04-05 10:00:00", amount=150)
        cls._pay(A, cls.invP, "2026-04-10 10:00:00")

    def test_aged_outstanding_as_of_period_end(self):
        rows = self._compute("aged_outstanding")
        # Aged: invP 1000 and what remained of invR on 31 March, 150.
        self.assertFigures(rows[self.clerk_a], 1150, 1650, 1150 / 1650 * 100)
        self.assertFigures(rows[self.clerk_b], 0, 300, 0.0)
        self.assertFigures(rows[self.clerk_c], 0, 0, None)
        self.assertFigures(rows["team"], 1150, 1950, 1150 / 1950 * 100)

    def test_aged_outstanding_april(self):
        rows = self._compute("aged_outstanding", "2026-04-01", "2026-04-30")
        # On 30 April only invQ (41 days late), invT and invS remain open.
        self.assertFigures(rows[self.clerk_a], 500, 1200, 500 / 1200 * 100)
        self.assertFigures(rows[self.clerk_b], 300, 300, 100.0)

    def test_aged_outstanding_details(self):
        row = self._compute("aged_outstanding")[self.clerk_a]
        action = row.action_open_numerator_records()
        lines = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(lines.move_id, self.invP | self.invR)
