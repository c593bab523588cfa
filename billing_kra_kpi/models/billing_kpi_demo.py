import logging
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

# From the second month of work on, automated data validation (the
# improvement initiative of the demo) makes resets and reversals this much
# rarer.
VALIDATION_EFFECT = 0.4

# Work profiles of the demo clerks: invoices a month, share reset to draft,
# share reversed by a credit note, share paid late, share left unpaid, share
# with a supporting document attached. Anna is fast but careless, Ben slow and
# careful, Chloe in between.
PROFILES = {
    "billing_kra_kpi.user_billing_clerk_anna": (24, 0.12, 0.06, 0.25, 0.10, 0.55),
    "billing_kra_kpi.user_billing_clerk_ben": (12, 0.02, 0.00, 0.10, 0.05, 0.95),
    "billing_kra_kpi.user_billing_clerk_chloe": (18, 0.06, 0.03, 0.15, 0.10, 0.80),
}


class BillingKpiDemo(models.AbstractModel):
    """Billing work of the demo clerks, made through Odoo's own flows (post,
    reset to draft, reverse, register payments) and then dated back over the
    last months, so that the KPI app has values to show."""

    _name = "billing.kpi.demo"
    _description = "KPI Demo Data Generator"

    @api.model
    def _generate(self, months=2, seed=2026):
        """Create ``months`` closed months of work plus the current month, then
        compute the KPI values of the Billing Clerk template."""
        # Chatter tracking would double the time and no KPI reads it.
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        quiet._generate_work(months, random.Random(seed))

    @api.model
    def _generate_work(self, months, rng):
        today = fields.Date.context_today(self)
        first_month = today.replace(day=1) - relativedelta(months=months)
        customers = self._demo_customers()
        product = self.env["product.product"].create(
            {"name": "Billing service", "type": "service", "list_price": 100.0}
        )
        month = first_month
        while month <= today:
            for xmlid, profile in PROFILES.items():
                user = self.env.ref(xmlid)
                work = _with_validation(profile) if month > first_month else profile
                self._month_of_work(rng, user, work, month, today, customers, product)
            month += relativedelta(months=1)

        # The demo clerks were hired a year before the first month of work.
        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_employee SET create_date = %s WHERE id IN %s",
            (first_month - relativedelta(years=1), tuple(template.member_ids.ids) or (0,)),
        )
        self.env.invalidate_all()
        self._generate_manual_values(rng, first_month, today)
        template.compute_kpi_values(first_month, today)
        # The initiatives take their baseline from the values just computed,
        # and the initiative KPIs count them.
        self._generate_initiatives(first_month, today)
        template.compute_kpi_values(first_month, today)
        template.kpi_computed_until = today
        _logger.info("Generated the demo billing work from %s to %s", first_month, today)

    def _demo_customers(self):
        partners = self.env["res.partner"].search(
            [("is_company", "=", True), ("id", "!=", self.env.company.partner_id.id)], limit=8
        )
        return partners or self.env["res.partner"].create({"name": "Demo Customer"})

    def _month_of_work(self, rng, user, profile, month, today, customers, product):
        count, reset_share, reverse_share, late_share, unpaid_share, attach_share = profile
        month_end = month + relativedelta(months=1, days=-1)
        last_day = min(month_end, today)
        # The current month gets the share of its work done so far.
        count = max(1, round(count * ((last_day - month).days + 1) / month_end.day))
        Move = self.env["account.move"].with_user(user)
        for _index in range(count):
            day = month + timedelta(days=rng.randrange((last_day - month).days + 1))
            posted_at = datetime.combine(day, time(8)) + timedelta(minutes=rng.randrange(600))
            invoice = Move.create(
                {
                    "move_type": "out_invoice",
                    "partner_id": rng.choice(customers).id,
                    "invoice_date": day,
                    "invoice_payment_term_id": False,
                    "invoice_date_due": day + timedelta(days=rng.choice((15, 30))),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": rng.randint(1, 5),
                                "price_unit": rng.choice((80.0, 120.0, 250.0, 400.0)),
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
            invoice.action_post()
            self._date_back(invoice, posted_at)
            if rng.random() < attach_share:
                self.env["ir.attachment"].create(
                    {
                        "name": "purchase-order-%s.txt" % invoice.id,
                        "res_model": "account.move",
                        "res_id": invoice.id,
                        "raw": b"Purchase order signed by the customer",
                    }
                )
            draw = rng.random()
            if draw < reset_share:
                invoice.button_draft()
                invoice.action_post()
                self._date_back(invoice, posted_at + timedelta(hours=3), "reset_to_draft")
                self._date_back_last_posting(invoice, posted_at + timedelta(hours=4))
            elif draw < reset_share + reverse_share:
                self._reverse(invoice, posted_at + timedelta(days=rng.randint(1, 6)))
                continue
            self._pay(rng, user, invoice, today, late_share, unpaid_share)

    def _reverse(self, invoice, when):
        credit_note = invoice._reverse_moves(
            [{"date": invoice.date, "invoice_date": invoice.invoice_date}], cancel=True
        )
        self._date_back(credit_note, when)
        self._date_back(invoice, when, "reversed")
        self._date_back(invoice, when, "reconciled")

    def _pay(self, rng, user, invoice, today, late_share, unpaid_share):
        draw = rng.random()
        if draw < unpaid_share:
            return
        due = invoice.invoice_date_due
        if draw < unpaid_share + late_share:
            pay_day = due + timedelta(days=rng.randint(3, 25))
        else:
            pay_day = due - timedelta(days=rng.randint(0, 10))
        pay_day = max(min(pay_day, today), invoice.invoice_date)
        wizard = (
            self.env["account.payment.register"]
            .with_user(user)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": pay_day})
        )
        wizard._create_payments()
        self.env.cr.execute(
            """UPDATE billing_event SET date = %s
                WHERE move_id = %s AND event_type = 'reconciled'""",
            (datetime.combine(pay_day, time(15)), invoice.id),
        )

    def _date_back_last_posting(self, move, when):
        self.env.cr.execute(
            """UPDATE billing_event SET date = %s
                WHERE id = (SELECT MAX(id) FROM billing_event
                             WHERE move_id = %s AND event_type = 'posted')""",
            (when, move.id),
        )

    def _date_back(self, move, when, event_type="posted"):
        """Date the posting stamp and the events of ``event_type`` of ``move``
        back to ``when``, as if the clerk had worked then."""
        self.env.flush_all()
        if event_type == "posted":
            self.env.cr.execute(
                "UPDATE account_move SET billing_posted_at = %s, create_date = %s WHERE id = %s",
                (when, when - timedelta(hours=6), move.id),
            )
        self.env.cr.execute(
            "UPDATE billing_event SET date = %s WHERE move_id = %s AND event_type = %s",
            (when, move.id, event_type),
        )
        self.env.invalidate_all()


def _with_validation(profile):
    """Return ``profile`` with its reset and reversal shares reduced."""
    count, reset_share, reverse_share, *rest = profile
    return (count, reset_share * VALIDATION_EFFECT, reverse_share * VALIDATION_EFFECT, *rest)
