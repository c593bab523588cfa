import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from ..lib import periods

_logger = logging.getLogger(__name__)

# Context key set while a write on a template or KRA is still changing its
# children: the weight totals are checked once the whole write is done, so that
# moving weight from one KRA to another in one save does not fail halfway.
DEFER_WEIGHT_CHECK = "billing_kpi_defer_weight_check"
WEIGHT_PRECISION = 2


class BillingKpiTemplate(models.Model):
    _name = "billing.kpi.template"
    _description = "KPI Role Template"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Html(translate=True)
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        help="Only active templates are computed. A template can be activated "
        "when its weights sum to 100 and every KPI is SMART.",
    )
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to use the template in every company.",
    )
    job_ids = fields.Many2many(
        "hr.job",
        string="Job Positions",
        groups="billing_kra_kpi.group_kpi_manager",
        help="Every employee holding one of these job positions is a member.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Explicit Members",
        groups="billing_kra_kpi.group_kpi_manager",
        help="Employees measured by this template in addition to those holding its job positions.",
    )
    member_ids = fields.Many2many(
        "hr.employee",
        string="Members",
        groups="billing_kra_kpi.group_kpi_manager",
        compute="_compute_member_ids",
        help="The explicit members and the employees holding the job positions.",
    )
    member_count = fields.Integer(
        compute="_compute_member_ids", groups="billing_kra_kpi.group_kpi_manager"
    )
    kra_ids = fields.One2many("billing.kra", "template_id", string="KRAs")
    kpi_ids = fields.One2many("billing.kpi", "template_id", string="KPIs")
    kra_count = fields.Integer(compute="_compute_counts", string="KRA Count")
    kpi_count = fields.Integer(compute="_compute_counts", string="KPI Count")
    scorecard_periodicity = fields.Selection(
        [("week", "Week"), ("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        default="month",
        required=True,
        help="Each member gets a scorecard per period of this periodicity, holding the "
        "values of the KPIs measured over the same period.",
    )
    kpi_computed_until = fields.Date(
        string="Computed Until",
        readonly=True,
        copy=False,
        help="Last day computed by the scheduled action; it catches up from there.",
    )
    kra_weight_total = fields.Float(
        compute="_compute_kra_weight_total",
        string="Total KRA Weight",
        digits=(5, WEIGHT_PRECISION),
        help="Sum of the weights of the KRAs, in %. It must be 100.",
    )

    @api.depends("job_ids", "employee_ids", "company_id")
    def _compute_member_ids(self):
        # One search for the job holders of all templates, split in Python.
        holders = self.env["hr.employee"].search([("job_id", "in", self.job_ids.ids)])
        holders_by_job = holders.grouped("job_id")
        for template in self:
            members = template.employee_ids
            for job in template.job_ids:
                members |= holders_by_job.get(job, self.env["hr.employee"])
            if template.company_id:
                members = members.filtered(
                    lambda e, company=template.company_id: e.company_id == company
                )
            template.member_ids = members
            template.member_count = len(members)

    @api.depends("kra_ids", "kpi_ids")
    def _compute_counts(self):
        for template in self:
            template.kra_count = len(template.kra_ids)
            template.kpi_count = len(template.kpi_ids)

    @api.depends("kra_ids.weight")
    def _compute_kra_weight_total(self):
        for template in self:
            template.kra_weight_total = sum(template.kra_ids.mapped("weight"))

    @api.model_create_multi
    def create(self, vals_list):
        templates = super(
            BillingKpiTemplate, self.with_context(**{DEFER_WEIGHT_CHECK: True})
        ).create(vals_list)
        templates = templates.with_env(self.env)
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            templates._check_active_weights()
        return templates

    def write(self, vals):
        result = super(BillingKpiTemplate, self.with_context(**{DEFER_WEIGHT_CHECK: True})).write(
            vals
        )
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            self._check_active_weights()
        return result

    def _check_active_weights(self):
        """Check the weight totals of the active templates among ``self``."""
        for template in self.filtered(lambda t: t.state == "active" and t.active):
            template._check_weights()

    def _check_weights(self):
        """Raise a ValidationError naming the first KRA or template whose weights
        do not sum to 100 %."""
        self.ensure_one()
        kras = self.kra_ids
        if not kras:
            raise ValidationError(
                self.env._(
                    "Template %(template)s has no KRA. Add KRAs whose weights sum to 100%%.",
                    template=self.name,
                )
            )
        total = sum(kras.mapped("weight"))
        if float_compare(total, 100.0, precision_digits=WEIGHT_PRECISION):
            raise ValidationError(
                self.env._(
                    "The KRA weights of template %(template)s sum to %(total)s%%, not 100%%. "
                    "Adjust the weights of its KRAs.",
                    template=self.name,
                    total=_format_weight(total),
                )
            )
        for kra in kras:
            kra_total = sum(kra.kpi_ids.mapped("weight"))
            if not kra.kpi_ids or float_compare(
                kra_total, 100.0, precision_digits=WEIGHT_PRECISION
            ):
                raise ValidationError(
                    self.env._(
                        "The KPI weights of KRA %(kra)s in template %(template)s sum to "
                        "%(total)s%%, not 100%%. Adjust the weights of its KPIs.",
                        kra=kra.name,
                        template=self.name,
                        total=_format_weight(kra_total),
                    )
                )

    def action_activate(self):
        """Activate the templates after checking their weights and that every KPI
        is SMART."""
        for template in self:
            template._check_weights()
            not_smart = template.kpi_ids.filtered(lambda k: not k.is_smart)
            if not_smart:
                lines = "\n".join(
                    "%s %s: %s" % (kpi.code, kpi.name, kpi.smart_issues) for kpi in not_smart
                )
                raise UserError(
                    self.env._(
                        "Template %(template)s cannot be activated because these KPIs are "
                        "not SMART:\n%(kpis)s",
                        template=template.name,
                        kpis=lines,
                    )
                )
        self.write({"state": "active"})
        return True

    def action_set_draft(self):
        self.write({"state": "draft"})
        return True

    def compute_kpi_values(self, date_from, date_to):
        """Compute the live KPI values of these templates for every period of
        each KPI's periodicity that overlaps [date_from, date_to], for all
        members and the team row, per company. Dates may be strings
        (YYYY-MM-DD), as over XML-RPC. Return the ids of the values written."""
        if not self.env.su and not self.env.user.has_group("billing_kra_kpi.group_kpi_manager"):
            raise AccessError(self.env._("Only KPI managers can compute KPI values."))
        try:
            date_from = fields.Date.to_date(date_from)
            date_to = fields.Date.to_date(date_to)
        except ValueError as error:
            raise UserError(
                self.env._("Invalid date: %(error)s. Write dates as YYYY-MM-DD.", error=error)
            ) from error
        if not date_from or not date_to:
            raise UserError(self.env._("Give both the first and the last day to compute."))
        if date_to < date_from:
            raise UserError(
                self.env._(
                    "The period to compute ends on %(end)s, before it starts on %(start)s.",
                    end=date_to,
                    start=date_from,
                )
            )
        return (
            self.env["billing.kpi.engine"]
            .sudo()
            ._compute_templates(self.sudo(), date_from, date_to)
        )

    @api.model
    def _cron_compute_kpi_values(self):
        """Compute the current and the previous period of every active template,
        from the last day computed when earlier runs were missed. A failing
        template is logged and skipped; a failing KPI likewise."""
        today = fields.Date.context_today(self)
        for template in self.search([("state", "=", "active")]):
            date_from = template._get_cron_start(today)
            try:
                with self.env.cr.savepoint():
                    self.env["billing.kpi.engine"]._compute_templates(
                        template, date_from, today, isolate=True
                    )
                    template.kpi_computed_until = today
            except Exception:
                _logger.warning("Skipped KPI template %s", template.name, exc_info=True)

    def _get_cron_start(self, today):
        """Return the first day of the earliest previous period among the
        template's KPIs, or the day after the last computed day if earlier."""
        starts = [
            periods.previous_period(periods.period_start(today, periodicity), periodicity)[0]
            for periodicity in set(self.kpi_ids.mapped("periodicity")) or {"month"}
        ]
        start = min(starts)
        if self.kpi_computed_until and self.kpi_computed_until + timedelta(days=1) < start:
            start = self.kpi_computed_until + timedelta(days=1)
        return start

    def action_open_compute_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Compute KPI Values"),
            "res_model": "billing.kpi.compute.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_template_ids": self.ids},
        }

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "billing_kra_kpi.billing_kpi_value_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        return action

    def action_open_kpis(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("billing_kra_kpi.billing_kpi_action")
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"default_template_id": self.id, "search_default_group_kra": 1}
        return action


def _format_weight(weight):
    """Return a weight for messages: 95 or 92.5, without trailing zeros."""
    return ("%.2f" % weight).rstrip("0").rstrip(".")
