"""Inputs of the demo data generator: the customers of the demo billing team
and the work profile of each clerk, kept apart from the planning so that they
can be read and tuned in one place.

Shares are fractions of a clerk's invoices of one month. Times are hours or
days as named. Every profile is plausible on its own; together they make the
KPI values differ between clerks in ways a billing manager would recognise.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ClerkProfile:
    """Work profile of one demo clerk."""

    key: str
    # Customer invoices posted in a month of average load, before seasonality.
    invoices_per_month: int
    # Change of that volume over the demo span: the first month has
    # (1 - growth / 2) times the volume, the current month (1 + growth / 2).
    volume_growth: float
    # Hours from creating a draft invoice to posting it (minimum, maximum).
    cycle_hours: tuple
    # Shares of the invoices reset to draft and posted again, and reversed by
    # a credit note. Under load (quarter-end months) both grow by LOAD_ERRORS.
    reset_share: float
    reversal_share: float
    # Days a reset invoice waits in draft before it is posted again.
    repost_days: tuple
    # Days from posting to the credit note, when the error is found.
    discovery_days: tuple
    # Share of the invoices and credit notes posted with a supporting document.
    attachment_share: float
    # Share of the invoices whose customer disputes them and pays late.
    dispute_share: float
    # Days to match a customer payment that came without a reference.
    match_days: tuple
    # Share of such payments never matched, and of the matches made first to
    # the wrong invoice (undone and made again some days later).
    unmatched_share: float
    mismatch_share: float
    # Share of the month-end reviews in which the clerk investigates each old
    # unmatched payment (a note in its chatter).
    review_share: float
    # Indexes into CUSTOMERS of the clerk's portfolio.
    customers: tuple


@dataclass(frozen=True)
class CustomerProfile:
    """A demo customer: its name, whether it is billed in the foreign
    currency, its payment terms and how it pays."""

    name: str
    city: str
    # The country: its XML id in Odoo's base module, without "base.".
    country: str
    foreign_currency: bool
    # Payment terms: the XML id of Odoo's record in the account module.
    payment_term: str
    # Relative weights of how an invoice is settled: on time, late, in two
    # payments, by a payment without reference, or not at all.
    settlement: dict


CLERKS = (
    # Anna is fast but error-prone: short drafts, many resets and credit
    # notes, few supporting documents, disputed invoices and slow matching.
    ClerkProfile(
        key="anna",
        invoices_per_month=30,
        volume_growth=0.0,
        cycle_hours=(0.5, 4),
        reset_share=0.12,
        reversal_share=0.06,
        repost_days=(0, 6),
        discovery_days=(6, 20),
        attachment_share=0.55,
        dispute_share=0.15,
        match_days=(8, 45),
        unmatched_share=0.15,
        mismatch_share=0.25,
        review_share=0.25,
        customers=(0, 1, 2, 3, 4),
    ),
    # Ben is careful but slow: drafts wait for checks, almost no errors,
    # every invoice documented, payments matched quickly and old ones chased.
    ClerkProfile(
        key="ben",
        invoices_per_month=14,
        volume_growth=0.0,
        cycle_hours=(24, 96),
        reset_share=0.02,
        reversal_share=0.01,
        repost_days=(0, 0),
        discovery_days=(1, 3),
        attachment_share=0.95,
        dispute_share=0.02,
        match_days=(1, 4),
        unmatched_share=0.0,
        mismatch_share=0.0,
        review_share=1.0,
        customers=(5, 6, 7),
    ),
    # Chloe is in between and gains speed over the year as she learns the
    # customers, keeping a moderate error rate.
    ClerkProfile(
        key="chloe",
        invoices_per_month=20,
        volume_growth=0.5,
        cycle_hours=(6, 30),
        reset_share=0.06,
        reversal_share=0.03,
        repost_days=(0, 2),
        discovery_days=(3, 10),
        attachment_share=0.8,
        dispute_share=0.06,
        match_days=(3, 12),
        unmatched_share=0.05,
        mismatch_share=0.08,
        review_share=0.7,
        customers=(8, 9, 10, 11),
    ),
)

_PROMPT = {"on_time": 80, "late": 10, "two_payments": 3, "unreferenced": 5, "unpaid": 2}
_SLOW = {"on_time": 35, "late": 45, "two_payments": 8, "unreferenced": 7, "unpaid": 5}
_INSTALMENTS = {"on_time": 25, "late": 10, "two_payments": 60, "unreferenced": 3, "unpaid": 2}
_NO_REFERENCE = {"on_time": 30, "late": 15, "two_payments": 5, "unreferenced": 45, "unpaid": 5}

CUSTOMERS = (
    CustomerProfile(
        "Harbour Logistics Ltd", "Bristol", "uk", False, "account_payment_term_30days", _PROMPT
    ),
    CustomerProfile(
        "Nordlicht Maschinenbau GmbH", "Stuttgart", "de", True, "account_payment_term_30days", _SLOW
    ),
    CustomerProfile(
        "Riverside Dental Group", "Leeds", "uk", False, "account_payment_term_15days", _NO_REFERENCE
    ),
    CustomerProfile(
        "Atelier Lumière SARL",
        "Lyon",
        "fr",
        True,
        "account_payment_term_advance_60days",
        _INSTALMENTS,
    ),
    CustomerProfile(
        "Greenfield Farms Co-op", "Norwich", "uk", False, "account_payment_term_45days", _SLOW
    ),
    CustomerProfile(
        "Summit Engineering Partners", "Denver", "us", False, "account_payment_term_30days", _PROMPT
    ),
    CustomerProfile(
        "Van Dijk Bouw BV", "Utrecht", "nl", True, "account_payment_term_21days", _PROMPT
    ),
    CustomerProfile(
        "Blue Ridge Hotels", "Asheville", "us", False, "account_payment_term_15days", _NO_REFERENCE
    ),
    CustomerProfile(
        "Costa Verde Imports", "Porto", "pt", True, "account_payment_term_30days", _SLOW
    ),
    CustomerProfile(
        "Maple Street Clinics",
        "Toronto",
        "ca",
        False,
        "account_payment_term_advance_60days",
        _INSTALMENTS,
    ),
    CustomerProfile(
        "Kowalski Print House", "Krakow", "pl", True, "account_payment_term_15days", _PROMPT
    ),
    CustomerProfile(
        "Pinecrest Property Management",
        "Portland",
        "us",
        False,
        "account_payment_term_30days",
        _NO_REFERENCE,
    ),
)

# Instalments of the payment terms used, as in Odoo's records: (share of the
# amount, days after the invoice date) each.
PAYMENT_TERMS = {
    "account_payment_term_15days": ((1.0, 15),),
    "account_payment_term_21days": ((1.0, 21),),
    "account_payment_term_30days": ((1.0, 30),),
    "account_payment_term_45days": ((1.0, 45),),
    "account_payment_term_advance_60days": ((0.3, 0), (0.7, 60)),
}

# Services invoiced: (name, unit price in either currency, quantities offered).
PRODUCTS = (
    ("Consulting hours", 95.0, (2, 4, 8, 12, 16, 24)),
    ("Monthly support plan", 450.0, (1,)),
    ("Implementation package", 2400.0, (1,)),
    ("Training day", 800.0, (1, 2)),
    ("Data migration", 1250.0, (1,)),
)

# Volume factor of a calendar month: quarter ends are busy, August is quiet.
MONTH_LOAD = {3: 1.2, 6: 1.2, 8: 0.75, 9: 1.2, 12: 1.25}
# Error shares grow by this factor in busy months (load above 1).
LOAD_ERRORS = 1.3
# Posting days in the last week of a month weigh this much more than others:
# clerks bill the month's work at its end.
MONTH_END_WEIGHT = 3
# Working days at the end of a month that count as its last week.
MONTH_END_DAYS = 5

# Automated data validation of invoices, the improvement initiative of the
# demo, makes resets and credit notes this much rarer from its start.
VALIDATION_EFFECT = 0.4

# Customer payments: days before the due date for an on-time payment, after
# it for a late one, and between the two payments of an invoice paid twice.
EARLY_DAYS = (0, 10)
LATE_DAYS = (5, 50)
SECOND_PAYMENT_DAYS = (15, 45)
# Share of the first of two payments, when the payment terms do not split
# the invoice into instalments.
FIRST_PAYMENT_SHARE = (0.4, 0.5, 0.6)
# Share of a partial credit note (a discount granted after a complaint),
# of the invoice amount.
PARTIAL_CREDIT_SHARE = (0.1, 0.2, 0.3)
# Share of the credit notes that are partial; the others reverse the whole
# invoice, which is issued again corrected.
PARTIAL_CREDIT_NOTES = 0.3
# An unmatched payment counts as old after this many days (KPI 4.2).
OLD_PAYMENT_DAYS = 30
