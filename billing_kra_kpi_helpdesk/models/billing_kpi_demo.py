import logging
import random
import time
from collections import namedtuple
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

# How a demo clerk handles billing tickets: tickets a month, share of
# disputes, mean hours to the first reply, mean days to close, share first
# answered by an internal note only, share reopened, share of customers
# coming back, and the weights of the ratings 5, 3 and 1 (None: unrated).
Profile = namedtuple(
    "Profile",
    "tickets disputes reply_hours close_days note_first reopened repeats ratings",
)
PROFILES = {
    # Anna answers fast and closes fast, but her customers come back.
    "billing_kra_kpi.user_billing_clerk_anna": Profile(
        14, 0.35, 1.5, 1.5, 0.10, 0.15, 0.25, {5: 3, 3: 4, 1: 2, None: 3}
    ),
    # Ben is slow but thorough: few reopenings, happy customers.
    "billing_kra_kpi.user_billing_clerk_ben": Profile(
        8, 0.45, 9.0, 5.0, 0.05, 0.02, 0.05, {5: 7, 3: 1, 1: 0, None: 3}
    ),
    # Chloe is in between.
    "billing_kra_kpi.user_billing_clerk_chloe": Profile(
        11, 0.40, 4.0, 3.0, 0.08, 0.07, 0.12, {5: 4, 3: 3, 1: 1, None: 3}
    ),
}

# Customers writing from an address that matches no contact.
UNKNOWN_EMAILS = [
    "j.doe@example.org",
    "accounts@unknown-buyer.example",
    "p.ruiz@example.net",
    "billing@harbour-cafe.example",
    "m.okoye@example.com",
]


class BillingKpiDemo(models.AbstractModel):
    """A year of billing tickets of the demo clerks: created in one batch
    through the ORM with their replies, notes, stage and assignment history
    and ratings, then dated back by SQL, since Odoo sets the creation date
    itself."""

    _inherit = "billing.kpi.demo"

    @api.model
    def _generate_helpdesk(self, months=12, seed=2026):
        """Create ``months`` closed months of billing tickets plus the current
        month, then compute the helpdesk KPIs of the Billing Clerk template."""
        started = time.monotonic()
        self.env["billing.kpi"]._apply_helpdesk_catalogue()
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        today = fields.Date.context_today(self)
        first_month = today.replace(day=1) - relativedelta(months=months)
        plans = quiet._plan_tickets(random.Random(seed), first_month, fields.Datetime.now())
        tickets = quiet._create_tickets(plans)
        quiet._create_history(plans, tickets)
        quiet._date_back_tickets(plans, tickets)

        template = self.env.ref("billing_kra_kpi.billing_kpi_template_billing_clerk")
        template.compute_kpi_values(first_month, today)
        _logger.info(
            "Generated %s demo billing tickets from %s in %.1f s",
            len(tickets),
            first_month,
            time.monotonic() - started,
        )

    def _plan_tickets(self, rng, first_month, now):
        """Return the plan of every ticket: who, when, for whom and what
        happened to it, drawn from the clerks' profiles."""
        customers = self._demo_helpdesk_customers()
        clerks = {xmlid: self.env.ref(xmlid) for xmlid in PROFILES}
        plans = []
        month = first_month
        while month <= now.date():
            for xmlid, profile in PROFILES.items():
                days = sorted(rng.randrange(28) for _index in range(profile.tickets))
                for day in days:
                    created = datetime.combine(
                        month + timedelta(days=day), datetime.min.time()
                    ) + timedelta(hours=rng.uniform(7, 17))
                    if created >= now:
                        continue
                    customer = self._draw_customer(rng, profile, created, plans, customers)
                    plan = self._plan_ticket(rng, profile, created, now)
                    plan.update(
                        customer=customer,
                        user=clerks[xmlid],
                        other=clerks[rng.choice([x for x in PROFILES if x != xmlid])],
                    )
                    plans.append(plan)
            month += relativedelta(months=1)
        return plans

    def _demo_helpdesk_customers(self):
        """Return the demo customers: (contact, email) pairs, the contact
        empty for the addresses that match no contact."""
        partners = self.env["res.partner"].create(
            [
                {"name": "%s %s" % (first, second), "is_company": True}
                for first in (
                    "Alder",
                    "Birch",
                    "Cedar",
                    "Elm",
                    "Hazel",
                    "Juniper",
                    "Larch",
                    "Linden",
                    "Maple",
                    "Rowan",
                )
                for second in (
                    "Trading",
                    "Logistics",
                    "Foods",
                    "Retail",
                    "Works",
                    "Textiles",
                    "Media",
                    "Energy",
                    "Systems",
                    "Clinic",
                )
            ]
        )
        empty = self.env["res.partner"]
        return [(partner, False) for partner in partners] + [
            (empty, email) for email in UNKNOWN_EMAILS
        ]

    def _draw_customer(self, rng, profile, created, plans, customers):
        """Return a customer who wrote in the last 25 days for the clerk's
        share of repeat inquiries, else one who wrote no other ticket within
        31 days of ``created``, as far as planned."""
        window = timedelta(days=25)
        recent = [
            plan["customer"]
            for plan in plans[-60:]
            if created - window <= plan["created"] < created
        ]
        if recent and rng.random() < profile.repeats:
            return rng.choice(recent)
        busy = {
            plan["customer"]
            for plan in plans[-120:]
            if abs(plan["created"] - created) <= timedelta(days=31)
        }
        free = [customer for customer in customers if customer not in busy]
        return rng.choice(free or customers)

    def _plan_ticket(self, rng, profile, created, now):
        reply = created + timedelta(hours=rng.expovariate(1 / profile.reply_hours))
        closed = reply + timedelta(days=rng.expovariate(1 / profile.close_days))
        draw = rng.random()
        outcome = "done"
        if draw >= 0.95:
            outcome = "rejected"
        elif draw >= 0.9:
            outcome = "cancelled"
        plan = {
            "created": created,
            "dispute": rng.random() < profile.disputes,
            "note": created + timedelta(minutes=20) if rng.random() < profile.note_first else None,
            "reply": reply if reply < now else None,
            "reassigned": created + timedelta(hours=1) if rng.random() < 0.06 else None,
            "reopened": None,
            "closed": closed if closed < now else None,
            "outcome": outcome,
            "rating": None,
        }
        if plan["closed"] and rng.random() < profile.reopened:
            reopened = closed + timedelta(days=1)
            closed_again = reopened + timedelta(days=rng.uniform(1, 4))
            if reopened < now:
                plan["reopened"] = (closed, reopened)
                plan["closed"] = closed_again if closed_again < now else None
        if plan["closed"] and plan["outcome"] == "done":
            values = list(profile.ratings)
            plan["rating"] = rng.choices(values, weights=list(profile.ratings.values()))[0]
        return plan

    def _create_tickets(self, plans):
        team = self.env.ref("billing_kra_kpi_helpdesk.helpdesk_team_billing")
        dispute = self.env.ref("billing_kra_kpi_helpdesk.helpdesk_category_billing_dispute")
        inquiry = self.env.ref("billing_kra_kpi_helpdesk.helpdesk_category_billing_inquiry")
        stages = self._demo_stages()
        vals_list = []
        for index, plan in enumerate(plans):
            if plan["closed"]:
                stage = stages[plan["outcome"]]
            elif plan["reply"]:
                stage = stages["in_progress"]
            else:
                stage = stages["new"]
            vals_list.append(
                {
                    "name": "%s #%s"
                    % ("Disputed invoice" if plan["dispute"] else "Question", index),
                    "description": "<p>Billing request of the customer.</p>",
                    "team_id": team.id,
                    "category_id": (dispute if plan["dispute"] else inquiry).id,
                    "partner_id": plan["customer"][0].id,
                    "partner_email": plan["customer"][1] or plan["customer"][0].email,
                    "user_id": plan["user"].id,
                    "stage_id": stage.id,
                    # helpdesk_mgmt keeps the first closing date of a ticket
                    # reopened and still open.
                    "closed_date": plan["closed"] or (plan["reopened"] or [None])[0],
                }
            )
        return self.env["helpdesk.ticket"].create(vals_list)

    def _demo_stages(self):
        names = ("new", "in_progress", "done", "cancelled", "rejected")
        return {
            name: self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_%s" % name) for name in names
        }

    def _create_history(self, plans, tickets):
        """Create the notes, replies, tracked stage and assignment changes and
        ratings of the tickets, in one batch each."""
        stages = self._demo_stages()
        fields_by_name = {
            name: self.env["ir.model.fields"]._get("helpdesk.ticket", name)
            for name in ("user_id", "stage_id")
        }
        note = self.env.ref("mail.mt_note")
        comment = self.env.ref("mail.mt_comment")
        messages = []
        ratings = []
        for plan, ticket in zip(plans, tickets, strict=True):
            author = plan["user"].partner_id
            base = {"model": "helpdesk.ticket", "res_id": ticket.id, "author_id": author.id}
            if plan["note"]:
                body = "Checking the invoice with accounting."
                messages.append(
                    dict(
                        base,
                        body=body,
                        date=plan["note"],
                        subtype_id=note.id,
                        message_type="comment",
                        is_internal=True,
                    )
                )
            if plan["reply"]:
                body = "Thank you, we are looking into your invoice."
                messages.append(
                    dict(
                        base,
                        body=body,
                        date=plan["reply"],
                        subtype_id=comment.id,
                        message_type="comment",
                    )
                )
            if plan["reassigned"]:
                messages.append(
                    self._tracking_message(
                        base,
                        plan["reassigned"],
                        fields_by_name["user_id"],
                        plan["other"],
                        plan["user"],
                    )
                )
            if plan["reopened"]:
                closed, reopened = plan["reopened"]
                first = stages[plan["outcome"]]
                for when, old, new in (
                    (closed, stages["in_progress"], first),
                    (reopened, first, stages["in_progress"]),
                    (plan["closed"], stages["in_progress"], first),
                ):
                    if when:
                        messages.append(
                            self._tracking_message(base, when, fields_by_name["stage_id"], old, new)
                        )
            if plan["rating"]:
                ratings.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                        "res_id": ticket.id,
                        "partner_id": plan["customer"][0].id,
                        "rated_partner_id": author.id,
                        "rating": float(plan["rating"]),
                        "consumed": True,
                    }
                )
        self.env["mail.message"].create(messages)
        self.env["rating.rating"].create(ratings)

    @staticmethod
    def _tracking_message(base, when, field, old, new):
        return dict(
            base,
            date=when,
            body="",
            message_type="notification",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": field.id,
                        "old_value_integer": old.id,
                        "new_value_integer": new.id,
                        "old_value_char": old.display_name,
                        "new_value_char": new.display_name,
                    }
                )
            ],
        )

    def _date_back_tickets(self, plans, tickets):
        """Date the tickets and their ratings back to their plan, by SQL:
        the ORM always sets the creation date to now."""
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE helpdesk_ticket ticket
                  SET create_date = plan.created, assigned_date = plan.created,
                      last_stage_update = COALESCE(plan.closed, plan.created)
                 FROM UNNEST(%s::integer[], %s::timestamp[], %s::timestamp[])
                      AS plan(id, created, closed)
                WHERE ticket.id = plan.id""",
            (
                tickets.ids,
                [plan["created"] for plan in plans],
                [plan["closed"] for plan in plans],
            ),
        )
        self.env.cr.execute(
            """UPDATE rating_rating rating
                  SET create_date = ticket.closed_date + INTERVAL '1 day',
                      write_date = ticket.closed_date + INTERVAL '1 day'
                 FROM helpdesk_ticket ticket
                WHERE rating.res_model = 'helpdesk.ticket' AND rating.res_id = ticket.id
                  AND ticket.id = ANY(%s)""",
            (tickets.ids,),
        )
        self.env.invalidate_all()
