import logging
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import periods
from .billing_kpi_evaluator import present_on

_logger = logging.getLogger(__name__)

# Units whose manual values cannot be negative.
NON_NEGATIVE_UNITS = ("count", "hours", "days", "amount", "percent", "score", "ratio")
# Fields a person fills in; the others change only through the buttons.
ENTRY_FIELDS = {"kpi_id", "employee_id", "company_id", "date_from", "date_to", "value", "note"}
REVIEW_FIELDS = {"state", "approved_by_id", "approved_at", "entered_by_id", "entered_at"}
REVIEW_CONTEXT = "billing_kpi_review"
# A number as a person types it: no exponent, no "nan" or "inf".
NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")


class BillingKpiManualValue(models.Model):
    """A value of a manual KPI for one employee, or for the team when the
    employee is empty, and one period. It counts in KPI values only once a
    KPI manager has approved it."""

    _name = "billing.kpi.manual.value"
    _description = "Manual KPI Entry"
    _order = "date_from desc, kpi_id, employee_id, id"

    kpi_id = fields.Many2one(
        "billing.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("source_kind", "=", "manual")],
    )
    template_id = fields.Many2one(related="kpi_id.template_id", store=True, index=True)
    unit = fields.Selection(related="kpi_id.unit")
    periodicity = fields.Selection(related="kpi_id.periodicity")
    employee_id = fields.Many2one(
        "hr.employee",
        index=True,
        default=lambda self: self.env.user.employee_id,
        help="Leave empty to enter the value of the whole team.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: _previous_month_start(fields.Date.context_today(self)),
        help="The first day of the period. Values are entered once the period is over, "
        "so the previous month is proposed.",
    )
    date_to = fields.Date(
        string="To",
        required=True,
        compute="_compute_date_to",
        store=True,
        readonly=False,
        precompute=True,
        help="The last day of the period; it follows from the first day and the "
        "periodicity of the KPI.",
    )
    value = fields.Float(required=True, digits=(16, 2), aggregator=None)
    note = fields.Text(help="Where the value comes from: a report, a survey, an audit.")
    entered_by_id = fields.Many2one(
        "res.users", string="Entered By", readonly=True, default=lambda self: self.env.user
    )
    entered_at = fields.Datetime(readonly=True, default=fields.Datetime.now)
    state = fields.Selection(
        [("to_approve", "To Approve"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="to_approve",
        required=True,
        readonly=True,
        index=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True, copy=False)
    approved_at = fields.Datetime(string="Reviewed At", readonly=True, copy=False)

    @api.depends("kpi_id.periodicity", "date_from")
    def _compute_date_to(self):
        for entry in self:
            if entry.kpi_id and entry.date_from:
                entry.date_to = periods.period_bounds(entry.date_from, entry.kpi_id.periodicity)[1]

    @api.onchange("kpi_id", "date_from")
    def _onchange_snap_period(self):
        # A day inside the period is enough on the form: start the period on its first day.
        if self.kpi_id and self.date_from:
            self.date_from = periods.period_start(self.date_from, self.kpi_id.periodicity)

    @api.depends("kpi_id", "employee_id", "date_from")
    def _compute_display_name(self):
        team = self.env._("Team")
        for entry in self:
            entry.display_name = "%s, %s, %s" % (
                entry.kpi_id.display_name or "",
                entry.employee_id.name or team,
                entry.date_from or "",
            )

    @api.constrains("kpi_id", "date_from", "date_to")
    def _check_period(self):
        for entry in self:
            if entry.kpi_id.source_kind != "manual":
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s is not a manual KPI: its values are computed, not entered.",
                        kpi=entry.kpi_id.display_name,
                    )
                )
            start, end = periods.period_bounds(entry.date_from, entry.kpi_id.periodicity)
            if (entry.date_from, entry.date_to) != (start, end):
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s is measured per %(periodicity)s, so its period runs "
                        "from %(start)s to %(end)s, not from %(date_from)s to %(date_to)s.",
                        kpi=entry.kpi_id.display_name,
                        periodicity=dict(
                            entry.kpi_id._fields["periodicity"]._description_selection(self.env)
                        )[entry.kpi_id.periodicity].lower(),
                        start=start,
                        end=end,
                        date_from=entry.date_from,
                        date_to=entry.date_to,
                    )
                )

    @api.constrains("kpi_id", "value")
    def _check_value(self):
        for entry in self:
            unit = entry.kpi_id.unit
            if unit == "percent" and not 0 <= entry.value <= 100:
                raise ValidationError(
                    self.env._(
                        "The value of KPI %(kpi)s is a percentage: enter a number between "
                        "0 and 100, not %(value)s.",
                        kpi=entry.kpi_id.display_name,
                        value=entry.value,
                    )
                )
            if unit in NON_NEGATIVE_UNITS and entry.value < 0:
                raise ValidationError(
                    self.env._(
                        "The value of KPI %(kpi)s cannot be negative (%(value)s).",
                        kpi=entry.kpi_id.display_name,
                        value=entry.value,
                    )
                )

    @api.constrains("kpi_id", "employee_id", "company_id")
    def _check_subject(self):
        engine = self.env["billing.kpi.engine"].sudo()
        # One member search per template, also for a large import.
        members_by_template = {
            template: engine._get_all_members(template.sudo())
            for template in self.kpi_id.template_id
        }
        for entry in self:
            kpi = entry.kpi_id
            if kpi.company_id and kpi.company_id != entry.company_id:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s belongs to company %(company)s; enter its values there.",
                        kpi=kpi.display_name,
                        company=kpi.company_id.name,
                    )
                )
            if not entry.employee_id:
                continue
            if kpi.manual_subject == "team":
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s is entered for the team as a whole: leave the employee empty.",
                        kpi=kpi.display_name,
                    )
                )
            if entry.employee_id not in members_by_template[kpi.template_id]:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not measured by template %(template)s, so they "
                        "have no value for KPI %(kpi)s.",
                        employee=entry.employee_id.name,
                        template=kpi.template_id.name,
                        kpi=kpi.display_name,
                    )
                )
            if entry.employee_id.company_id != entry.company_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s works for company %(company)s: enter their value there.",
                        employee=entry.employee_id.name,
                        company=entry.employee_id.company_id.name,
                    )
                )

    @api.constrains("kpi_id", "employee_id", "company_id", "date_from", "state")
    def _check_unique(self):
        groups = self._read_group(
            [
                ("kpi_id", "in", self.kpi_id.ids),
                ("date_from", "in", self.mapped("date_from")),
                ("state", "!=", "rejected"),
            ],
            ["kpi_id", "company_id", "employee_id", "date_from:day"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        for kpi, _company, employee, date_from, _count in groups:
            raise ValidationError(
                self.env._(
                    "KPI %(kpi)s already has a value for %(subject)s in the period starting "
                    "on %(date)s. Correct that entry instead of adding another.",
                    kpi=kpi.display_name,
                    subject=employee.name or self.env._("the team"),
                    date=date_from,
                )
            )

    @api.model
    def _check_value_type(self, vals):
        """Reject a value that is not a number, as an import or RPC may send."""
        value = vals.get("value")
        if isinstance(value, str) and NUMBER.fullmatch(value.strip()):
            vals["value"] = float(value.strip())
            return
        if value is None or isinstance(value, int | float) and not isinstance(value, bool):
            return
        raise ValidationError(
            self.env._("The value %(value)r is not a number. Enter a number.", value=value)
        )

    def _check_review_fields(self, vals):
        """Reject setting the review fields directly, which only the buttons do."""
        forbidden = set(vals) & REVIEW_FIELDS
        if forbidden and not self.env.context.get(REVIEW_CONTEXT) and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the review buttons of a manual KPI entry set %(fields)s; use "
                    "Approve, Reject or Back to Approval.",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_value_type(vals)
            self._check_review_fields(vals)
            self._check_colleague(vals)
        return super().create(vals_list)

    @api.model
    def _check_colleague(self, vals):
        """Say plainly why a clerk cannot enter a colleague's value; the
        record rules enforce it in any case."""
        if self.env.su or self.env.user.has_group("billing_kra_kpi.group_kpi_manager"):
            return
        employee = self.env["hr.employee"].sudo().browse(vals.get("employee_id") or [])
        if employee and employee.user_id != self.env.user:
            raise AccessError(
                self.env._(
                    "You can enter your own values only, not those of %(employee)s. Ask "
                    "a KPI manager to enter them.",
                    employee=employee.name,
                )
            )

    def write(self, vals):
        self._check_value_type(vals)
        self._check_review_fields(vals)
        if set(vals) & ENTRY_FIELDS:
            reviewed = self.filtered(lambda e: e.state != "to_approve")
            if reviewed and not self.env.context.get(REVIEW_CONTEXT):
                raise UserError(
                    self.env._(
                        "The entry %(entry)s has been reviewed and can no longer be "
                        "changed. A KPI manager can send it back to approval first.",
                        entry=reviewed[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda e: e.state == "approved") and not self.env.su:
            raise UserError(
                self.env._(
                    "Approved entries count in KPI values and cannot be deleted. A KPI "
                    "manager can send them back to approval first."
                )
            )

    def action_approve(self):
        """Approve the entries, so that they count, and recompute their periods."""
        self._review("approved")
        return True

    def action_reject(self):
        self._review("rejected")
        return True

    def action_reset(self):
        """Send reviewed entries back to approval; they stop counting."""
        self._review("to_approve")
        return True

    def _review(self, state):
        if not self.env.su and not self.env.user.has_group("billing_kra_kpi.group_kpi_manager"):
            raise AccessError(self.env._("Only KPI managers can review manual KPI entries."))
        computed = self.filtered(lambda e: e.kpi_id.source_kind != "manual")
        if computed and state == "approved":
            raise UserError(
                self.env._(
                    "KPI %(kpi)s is no longer a manual KPI: its values are computed, so "
                    "entry %(entry)s cannot be approved. Reject it instead.",
                    kpi=computed[0].kpi_id.display_name,
                    entry=computed[0].display_name,
                )
            )
        reviewer = self.env.user if state != "to_approve" else self.env["res.users"]
        self.with_context(**{REVIEW_CONTEXT: True}).write(
            {
                "state": state,
                "approved_by_id": reviewer.id,
                "approved_at": fields.Datetime.now() if reviewer else False,
            }
        )
        self._recompute_values()

    def _recompute_values(self):
        """Recompute the KPI values of the templates and periods of these entries."""
        engine = self.env["billing.kpi.engine"].sudo()
        for (template, date_from, date_to), _entries in self.grouped(
            lambda e: (e.template_id, e.date_from, e.date_to)
        ).items():
            if template.state == "active":
                engine._compute_templates(template.sudo(), date_from, date_to)

    @api.model
    def _cron_remind_missing_entries(self):
        """Schedule a to-do on each manual KPI for the person who must enter a value
        that is missing for the last closed period: each member for their own
        value, the KPI's responsible for the team value. A to-do already
        scheduled for the same KPI, person and period is not repeated."""
        today = fields.Date.context_today(self)
        engine = self.env["billing.kpi.engine"]
        scheduled = 0
        for template in self.env["billing.kpi.template"].search([("state", "=", "active")]):
            members = engine._get_all_members(template)
            for kpi in template.kpi_ids.filtered(lambda k: k.source_kind == "manual"):
                start = periods.period_start(today, kpi.periodicity)
                date_from, date_to = periods.previous_period(start, kpi.periodicity)
                for company in template.company_id or members.company_id:
                    employees = present_on(
                        members.filtered(lambda e, company=company: e.company_id == company),
                        date_from,
                    )
                    missing = self._get_missing_subjects(kpi, company, employees, date_from)
                    scheduled += kpi._remind_missing(missing, date_from, date_to, today)
        _logger.info("Scheduled %s reminders of missing manual KPI values", scheduled)

    @api.model
    def _get_missing_subjects(self, kpi, company, employees, date_from):
        """Return {user to remind: [employees, or None for the team]} of the
        values of ``kpi`` not entered for the period starting on ``date_from``."""
        entered = self.search(
            [
                ("kpi_id", "=", kpi.id),
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
                ("state", "!=", "rejected"),
            ]
        ).employee_id
        missing = {}
        if kpi.manual_subject == "team":
            team_entered = self.search_count(
                [
                    ("kpi_id", "=", kpi.id),
                    ("company_id", "=", company.id),
                    ("date_from", "=", date_from),
                    ("employee_id", "=", False),
                    ("state", "!=", "rejected"),
                ]
            )
            if not team_entered and kpi.responsible_id:
                missing[kpi.responsible_id] = [None]
            return missing
        for employee in employees - entered:
            user = employee.user_id or kpi.responsible_id
            if user:
                missing.setdefault(user, []).append(employee)
        return missing


def _previous_month_start(today):
    return periods.previous_period(periods.period_start(today, "month"), "month")[0]
