import logging

from odoo import Command, api, fields, models
from odoo.tools import float_compare

_logger = logging.getLogger(__name__)

HELPDESK_METRICS = [
    ("ticket_resolution_hours", "Hours from opening to closing of billing disputes"),
    ("ticket_response_hours", "Hours from a billing ticket to the first staff reply"),
    ("ticket_rating", "Mean customer rating of billing tickets"),
    ("disputes_resolved", "Billing disputes resolved and never reopened"),
    ("ticket_repeat", "Share of repeat billing tickets"),
]

# The catalogue KPIs that the helpdesk measures: their values as the core
# ships them, and as this addon sets them. A KPI is switched only while it
# still has every shipped value, and given back on uninstallation only while
# it still has every value set here, so that a company's own changes stay.
CATALOGUE = {
    "billing_kra_kpi.billing_kpi_1_3": (
        {
            "source_kind": "live",
            "metric": "discrepancy_days",
            "unit": "days",
            "target": 5.0,
            "threshold_amber": 7.0,
            "threshold_red": 10.0,
            "description": "Average number of days from the posting of an invoice to the "
            "posting of its credit note, over the credit notes posted in the period that "
            "reverse an invoice of the clerk. With the helpdesk bridge installed, hours from "
            "opening to closing of billing-dispute tickets closed in the period. Target 5 "
            "days, amber above 7, red above 10.",
        },
        {
            "source_kind": "live",
            "metric": "ticket_resolution_hours",
            "unit": "hours",
            "target": 120.0,
            "threshold_amber": 168.0,
            "threshold_red": 240.0,
            "description": "Average hours from the opening to the closing of the "
            "billing-dispute tickets closed in the period, for the user assigned when the "
            "ticket was closed. A reopened ticket counts from its opening to its last "
            "closing. Calendar or working hours, as the template sets. Target 120 hours "
            "(5 days), amber above 168, red above 240.",
        },
    ),
    "billing_kra_kpi.billing_kpi_2_1": (
        {
            "source_kind": "manual",
            "metric": False,
            "unit": "hours",
            "target": 4.0,
            "threshold_amber": 8.0,
            "threshold_red": 24.0,
            "description": "Average hours from the creation of a customer's billing inquiry "
            "to the first message sent to the customer by staff. Entered manually; the "
            "helpdesk bridge computes it from tickets. Target 4 hours, amber above 8, red "
            "above 24.",
        },
        {
            "source_kind": "live",
            "metric": "ticket_response_hours",
            "description": "Average hours from the creation of a billing ticket to the "
            "first message sent to the customer by staff, over the tickets first answered "
            "in the period. Internal notes and automatic mails do not count. Target 4 "
            "hours, amber above 8, red above 24.",
        },
    ),
    "billing_kra_kpi.billing_kpi_2_2": (
        {
            "source_kind": "manual",
            "metric": False,
            "unit": "score",
            "target": 4.5,
            "threshold_amber": 4.0,
            "threshold_red": 3.0,
            "description": "Mean customer rating, from 1 to 5, of the billing inquiries "
            "closed in the period; unrated inquiries are ignored. Entered manually where no "
            "ratings are recorded; the helpdesk bridge computes it from ticket ratings. "
            "Target 4.5, amber below 4, red below 3.",
        },
        {
            "source_kind": "live",
            "metric": "ticket_rating",
            "description": "Mean customer rating, from 1 to 5, of the billing tickets "
            "closed in the period; unrated tickets are ignored, and a period without "
            "ratings has no value. Target 4.5, amber below 4, red below 3.",
        },
    ),
    "billing_kra_kpi.billing_kpi_2_3": (
        {
            "source_kind": "manual",
            "metric": False,
            "unit": "count",
            "target": 20.0,
            "threshold_amber": 15.0,
            "threshold_red": 10.0,
            "description": "Billing disputes closed in the period as resolved (not "
            "cancelled or rejected) and not reopened. Entered manually; the helpdesk bridge "
            "counts them from tickets. Target 20 a month, amber below 15, red below 10.",
        },
        {
            "source_kind": "live",
            "metric": "disputes_resolved",
            "description": "Billing-dispute tickets closed in the period in a resolved "
            "stage (not cancelled or rejected), never reopened and not rated below 3 of 5. "
            "Target 20 a month, amber below 15, red below 10.",
        },
    ),
    "billing_kra_kpi.billing_kpi_2_4": (
        {
            "source_kind": "manual",
            "metric": False,
            "unit": "percent",
            "target": 10.0,
            "threshold_amber": 15.0,
            "threshold_red": 25.0,
            "description": "Billing inquiries whose customer had another billing inquiry "
            "in the preceding 30 days, divided by all billing inquiries of the period. "
            "Entered manually; the helpdesk bridge computes it from tickets. Target 10%, "
            "amber above 15%, red above 25%.",
        },
        {
            "source_kind": "live",
            "metric": "ticket_repeat",
            "description": "Billing tickets created in the period whose customer opened "
            "another billing ticket in the template's repeat window before (30 days by "
            "default), divided by the billing tickets of the period whose customer is "
            "known. Target 10%, amber above 15%, red above 25%.",
        },
    ),
}


class BillingKpi(models.Model):
    _inherit = "billing.kpi"

    metric = fields.Selection(
        selection_add=HELPDESK_METRICS,
        ondelete={key: "set null" for key, _label in HELPDESK_METRICS},
    )

    @api.model
    def _apply_helpdesk_catalogue(self):
        """Switch the shipped catalogue KPIs 1.3 and 2.1 to 2.4 to the
        helpdesk metrics, leaving those a company changed as they are.

        Templates without resolved stages get the Done stage, as the field's
        default gives new templates."""
        for xmlid, (shipped, helpdesk) in CATALOGUE.items():
            self._replace_catalogue_values(xmlid, shipped, dict(shipped, **helpdesk))
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done", raise_if_not_found=False)
        templates = (
            self.env["billing.kpi.template"]
            .sudo()
            .with_context(active_test=False)
            .search([("helpdesk_resolved_stage_ids", "=", False)])
        )
        if done and templates:
            templates.write({"helpdesk_resolved_stage_ids": [Command.link(done.id)]})

    @api.model
    def _restore_shipped_catalogue(self):
        """Give the catalogue KPIs switched by this addon their shipped values
        back, leaving those a company changed since as they are."""
        for xmlid, (shipped, helpdesk) in CATALOGUE.items():
            self._replace_catalogue_values(xmlid, dict(shipped, **helpdesk), shipped)

    @api.model
    def _replace_catalogue_values(self, xmlid, expected, new):
        kpi = self.env.ref(xmlid, raise_if_not_found=False)
        if not kpi or all(_same(kpi[name], value) for name, value in new.items()):
            return
        changed = [name for name, value in expected.items() if not _same(kpi[name], value)]
        if changed:
            _logger.info(
                "KPI %s was changed (%s) and is left as it is; set its computation by hand",
                kpi.code,
                ", ".join(changed),
            )
            return
        kpi.sudo().write(new)
        _logger.info("KPI %s now uses the metric %s", kpi.code, new["metric"] or "none")


def _same(current, expected):
    if isinstance(expected, float):
        return not float_compare(current, expected, precision_digits=4)
    return (current or False) == expected
