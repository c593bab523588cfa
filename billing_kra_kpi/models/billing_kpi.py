import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, html2plaintext

from ..lib import formula as formula_lib
from .billing_kpi_template import DEFER_WEIGHT_CHECK, WEIGHT_PRECISION, _format_weight

# Formulas refer to KPIs by code, so a code is one token: letters, digits, "_", ".".
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_.]+$")

SOURCE_KINDS = [
    ("live", "Live"),
    ("formula", "Formula"),
    ("trend", "Trend"),
    ("initiative", "Initiative"),
    ("manual", "Manual"),
]
UNITS = [
    ("count", "Count"),
    ("percent", "Percent"),
    ("hours", "Hours"),
    ("days", "Days"),
    ("amount", "Amount"),
    ("ratio", "Ratio"),
    ("score", "Score"),
]
PERIODICITIES = [
    ("week", "Week"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]
# Live metrics computed from accounting and HR records. Bridge addons add their
# own with selection_add and a provider method of the same name.
LIVE_METRICS = [
    ("invoices_per_day", "Invoices posted per working day"),
    ("invoices_posted", "Invoices posted"),
    ("errors_corrected", "Share of wrong invoices whose correction is posted"),
    ("discrepancy_days", "Days from invoice posting to its credit note"),
    ("paid_on_time", "Share of invoices due in the period paid on time"),
    ("amount_accuracy", "Share of the posted amount never corrected"),
    ("payments_reconciled", "Share of customer payments reconciled"),
    ("unreconciled_investigated", "Old unreconciled payments investigated"),
    ("reconciliation_accuracy", "Share of reconciliations not undone"),
    ("aged_outstanding", "Share of the receivable more than 30 days overdue"),
    ("entry_accuracy", "Share of posted invoices never corrected"),
    ("documentation", "Share of posted documents with an attachment"),
    ("billing_cycle_days", "Days from order or invoice creation to posting"),
    ("error_rate", "Share of posted invoices later corrected"),
    ("retention", "Share of billing employees retained over the period"),
]
SMART_CRITERIA = ["specific", "measurable", "achievable", "relevant", "time_bound"]
SMART_DEPENDS = (
    "description",
    "kra_id.weight",
    "source_kind",
    "metric",
    "formula",
    "base_kpi_id",
    "initiative_kind",
    "unit",
    "direction",
    "target",
    "weight",
    "periodicity",
    "is_input",
)


class BillingKpi(models.Model):
    _name = "billing.kpi"
    _description = "Key Performance Indicator"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "template_id, kra_sequence, sequence, id"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short code, unique within the template, used in formulas (for example 1.4).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True,
        help="Exactly how the KPI is measured: what is counted, over which records "
        "and period, and why the target and thresholds are set where they are.",
    )
    kra_id = fields.Many2one(
        "billing.kra",
        string="KRA",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kra_sequence = fields.Integer(related="kra_id.sequence", store=True, string="KRA Sequence")
    template_id = fields.Many2one(related="kra_id.template_id", store=True, index=True)
    company_id = fields.Many2one(related="kra_id.company_id", store=True, index=True)

    source_kind = fields.Selection(
        SOURCE_KINDS,
        required=True,
        default="manual",
        help="Live: computed from posted records. Formula: computed from other KPIs "
        "of the same period. Trend: change of another KPI or metric. Initiative: "
        "counted from improvement initiatives. Manual: entered by a person.",
    )
    metric = fields.Selection(
        LIVE_METRICS,
        string="Live Metric",
        help="The computation of a live KPI, or the measure whose change a trend KPI follows.",
    )
    formula = fields.Char(
        help="Arithmetic on KPI codes and numbers, for example: cost / invoices.",
    )
    base_kpi_id = fields.Many2one(
        "billing.kpi",
        string="Base KPI",
        ondelete="restrict",
        help="The KPI whose change this trend KPI measures.",
    )
    trend_base = fields.Selection(
        [("previous", "Previous period"), ("baseline", "Baseline period")],
        default="previous",
        help="What the current value is compared with.",
    )
    trend_unit = fields.Selection(
        [("percent", "Percent change"), ("points", "Percentage points")],
        default="percent",
        help="Percent change: (current - base) / base x 100. Percentage points: "
        "current - base, for a base KPI that is itself a percentage.",
    )
    baseline_date_from = fields.Date(string="Baseline From")
    baseline_date_to = fields.Date(string="Baseline To")
    initiative_kind = fields.Selection(
        [
            ("process_improvement", "Process improvement"),
            ("cost_saving", "Cost saving"),
            ("suggestion", "Suggestion"),
        ],
        help="The kind of improvement initiatives an initiative KPI counts.",
    )
    initiative_event = fields.Selection(
        [("completed", "Completed in the period"), ("proposed", "Proposed in the period")],
        default="completed",
        help="Completed initiatives count for their owner, proposed ones for their proposer.",
    )
    manual_subject = fields.Selection(
        [("employee", "Each employee"), ("team", "The team")],
        string="Entered For",
        default="employee",
        help="Each employee: a value per member, the team value being their sum "
        "or mean unless it is entered too. The team: one value for the whole team; "
        "the members have none.",
    )
    team_aggregation = fields.Selection(
        [("sum", "Sum of the members"), ("average", "Mean of the members")],
        default="average",
        help="How the team value of a manual KPI entered per employee follows from "
        "the member values when no team value is entered: the sum for quantities "
        "(hours of training, costs), the mean for rates, durations and scores.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible",
        help="Enters the team value of this manual KPI and is reminded when a value "
        "is missing at the end of a period. Members are reminded of their own values.",
    )
    is_input = fields.Boolean(
        string="Input Only",
        help="Computed and shown, but not scored: it feeds formulas and trends of "
        "other KPIs. Its weight is 0.",
    )

    unit = fields.Selection(UNITS, required=True, default="count")
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    target = fields.Float(
        aggregator=None,
        digits=(16, 2),
        help="The value at which the KPI counts as fully achieved.",
    )
    threshold_amber = fields.Float(
        aggregator=None,
        string="Amber Threshold",
        digits=(16, 2),
        help="Past this value the status turns amber: below it when higher is better, "
        "above it when lower is better. It lies between the target and the red threshold.",
    )
    threshold_red = fields.Float(
        aggregator=None,
        string="Red Threshold",
        digits=(16, 2),
        help="Past this value the status turns red: below it when higher is better, "
        "above it when lower is better.",
    )
    weight = fields.Float(
        digits=(5, WEIGHT_PRECISION),
        help="Share of the KRA score, in %. The KPIs of a KRA sum to 100.",
    )
    periodicity = fields.Selection(
        PERIODICITIES,
        required=True,
        default="month",
        help="The period over which the KPI is measured and scored.",
    )

    is_smart = fields.Boolean(string="SMART", compute="_compute_smart", store=True)
    smart_specific = fields.Boolean(string="Specific", compute="_compute_smart", store=True)
    smart_measurable = fields.Boolean(string="Measurable", compute="_compute_smart", store=True)
    smart_achievable = fields.Boolean(string="Achievable", compute="_compute_smart", store=True)
    smart_relevant = fields.Boolean(string="Relevant", compute="_compute_smart", store=True)
    smart_time_bound = fields.Boolean(string="Time-bound", compute="_compute_smart", store=True)
    smart_issues = fields.Text(
        string="SMART Gaps",
        compute="_compute_smart_issues",
        help="Which SMART criteria the KPI lacks, and why.",
    )

    @api.depends(*SMART_DEPENDS)
    def _compute_smart(self):
        for kpi in self:
            gaps = kpi._get_smart_gaps()
            for criterion in SMART_CRITERIA:
                kpi["smart_" + criterion] = criterion not in gaps
            kpi.is_smart = not gaps

    @api.depends(*SMART_DEPENDS)
    def _compute_smart_issues(self):
        labels = {
            "specific": self.env._("Specific"),
            "measurable": self.env._("Measurable"),
            "achievable": self.env._("Achievable"),
            "relevant": self.env._("Relevant"),
            "time_bound": self.env._("Time-bound"),
        }
        for kpi in self:
            gaps = kpi._get_smart_gaps()
            kpi.smart_issues = "\n".join(
                "%s: %s" % (labels[criterion], gaps[criterion])
                for criterion in SMART_CRITERIA
                if criterion in gaps
            )

    def _get_smart_gaps(self):
        """Return the SMART criteria the KPI lacks, as {criterion: reason}."""
        self.ensure_one()
        gaps = {}
        if not (self.description and html2plaintext(self.description).strip()):
            gaps["specific"] = self.env._("no description of how it is measured")

        missing_computation = self._get_missing_computation()
        if missing_computation:
            gaps["measurable"] = missing_computation
        elif not self.unit:
            gaps["measurable"] = self.env._("no unit")

        if self.is_input:
            pass
        elif (
            self.direction == "higher" and float_compare(self.target, 0.0, precision_digits=2) <= 0
        ):
            gaps["achievable"] = self.env._(
                "no target: a higher-is-better KPI needs a target above 0"
            )

        if self.is_input:
            pass
        elif not self.kra_id:
            gaps["relevant"] = self.env._("no KRA")
        elif float_compare(self.weight, 0.0, precision_digits=WEIGHT_PRECISION) <= 0:
            gaps["relevant"] = self.env._("weight 0: it does not count in the KRA score")
        elif float_compare(self.kra_id.weight, 0.0, precision_digits=WEIGHT_PRECISION) <= 0:
            gaps["relevant"] = self.env._("its KRA has weight 0 in the template")

        if not self.periodicity:
            gaps["time_bound"] = self.env._("no period")
        return gaps

    def _get_missing_computation(self):
        """Return why the KPI has no computation for its source kind, or ""."""
        if self.source_kind == "live" and not self.metric:
            return self.env._("no computation: a live KPI needs a live metric")
        if self.source_kind == "formula" and not (self.formula or "").strip():
            return self.env._("no computation: a formula KPI needs a formula")
        if self.source_kind == "trend" and not (self.base_kpi_id or self.metric):
            return self.env._("no computation: a trend KPI needs a base KPI or a live metric")
        if self.source_kind == "initiative" and not self.initiative_kind:
            return self.env._("no computation: an initiative KPI needs an initiative kind")
        if not self.source_kind:
            return self.env._("no computation: choose a source kind")
        return ""

    @api.constrains("code")
    def _check_code(self):
        for kpi in self:
            if not CODE_PATTERN.match(kpi.code or ""):
                raise ValidationError(
                    self.env._(
                        "The code %(code)r of KPI %(kpi)s is invalid: use only letters, "
                        "digits, '_' and '.', without spaces (for example 1.4).",
                        code=kpi.code,
                        kpi=kpi.name,
                    )
                )
        # Archived KPIs keep their code, so that restoring one cannot clash.
        groups = self.with_context(active_test=False)._read_group(
            [("template_id", "in", self.template_id.ids), ("code", "in", self.mapped("code"))],
            ["template_id", "code"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        for template, code, _count in groups:
            raise ValidationError(
                self.env._(
                    "The code %(code)s is already used by another KPI of template "
                    "%(template)s. Give each KPI its own code.",
                    code=code,
                    template=template.name,
                )
            )

    @api.constrains("weight")
    def _check_weight_range(self):
        for kpi in self:
            if kpi.weight < 0 or kpi.weight > 100:
                raise ValidationError(
                    self.env._(
                        "The weight of KPI %(kpi)s is %(weight)s%%; a weight must be "
                        "between 0 and 100%%.",
                        kpi=kpi._get_label(),
                        weight=_format_weight(kpi.weight),
                    )
                )

    @api.constrains("target", "unit", "source_kind")
    def _check_target(self):
        for kpi in self:
            # A trend measures a change, which may rightly be negative (-20 %).
            if kpi.source_kind == "trend":
                continue
            if kpi.target < 0:
                raise ValidationError(
                    self.env._(
                        "The target of KPI %(kpi)s is %(target)s. Only trend KPIs, which "
                        "measure a change, may have a negative target.",
                        kpi=kpi._get_label(),
                        target=kpi.target,
                    )
                )
            if kpi.unit == "percent" and kpi.target > 100:
                raise ValidationError(
                    self.env._(
                        "The target of KPI %(kpi)s is %(target)s%%, above 100%%. Enter a "
                        "percentage between 0 and 100.",
                        kpi=kpi._get_label(),
                        target=kpi.target,
                    )
                )

    @api.constrains("direction", "target", "threshold_amber", "threshold_red")
    def _check_thresholds(self):
        for kpi in self:
            target, amber, red = kpi.target, kpi.threshold_amber, kpi.threshold_red
            if kpi.direction == "higher":
                if amber > target:
                    message = self.env._(
                        "KPI %(kpi)s is higher-is-better, so its amber threshold "
                        "(%(amber)s) must not be above its target (%(target)s)."
                    )
                elif red > amber:
                    message = self.env._(
                        "KPI %(kpi)s is higher-is-better, so its red threshold "
                        "(%(red)s) must not be above its amber threshold (%(amber)s)."
                    )
                else:
                    continue
            elif amber < target:
                message = self.env._(
                    "KPI %(kpi)s is lower-is-better, so its amber threshold "
                    "(%(amber)s) must not be below its target (%(target)s)."
                )
            elif red < amber:
                message = self.env._(
                    "KPI %(kpi)s is lower-is-better, so its red threshold "
                    "(%(red)s) must not be below its amber threshold (%(amber)s)."
                )
            else:
                continue
            raise ValidationError(
                message % {"kpi": kpi._get_label(), "target": target, "amber": amber, "red": red}
            )

    @api.constrains("base_kpi_id", "kra_id")
    def _check_base_kpi(self):
        for kpi in self.filtered("base_kpi_id"):
            if kpi.base_kpi_id == kpi:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s cannot be the base of its own trend.", kpi=kpi._get_label()
                    )
                )
            if kpi.base_kpi_id.template_id != kpi.template_id:
                raise ValidationError(
                    self.env._(
                        "The base KPI %(base)s of KPI %(kpi)s belongs to another template. "
                        "Choose a KPI of template %(template)s.",
                        base=kpi.base_kpi_id._get_label(),
                        kpi=kpi._get_label(),
                        template=kpi.template_id.name,
                    )
                )

    @api.constrains("is_input", "weight")
    def _check_input_weight(self):
        for kpi in self.filtered("is_input"):
            if float_compare(kpi.weight, 0.0, precision_digits=WEIGHT_PRECISION):
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s is an input and is not scored, so its weight must "
                        "be 0, not %(weight)s%%.",
                        kpi=kpi._get_label(),
                        weight=_format_weight(kpi.weight),
                    )
                )

    @api.constrains("source_kind", "formula", "periodicity")
    def _check_formula(self):
        for kpi in self.filtered(lambda k: k.source_kind == "formula" and k.formula):
            try:
                node = formula_lib.parse(kpi.formula)
            except formula_lib.FormulaError as error:
                raise ValidationError(kpi._get_formula_error_message(error)) from error
            siblings = kpi._get_siblings_by_code()
            for code in node.references():
                if code not in siblings:
                    raise ValidationError(
                        self.env._(
                            "The formula of KPI %(kpi)s refers to %(code)s, which is not "
                            "the code of a KPI of template %(template)s.",
                            kpi=kpi._get_label(),
                            code=code,
                            template=kpi.template_id.name,
                        )
                    )
                if siblings[code].periodicity != kpi.periodicity:
                    raise ValidationError(
                        self.env._(
                            "The formula of KPI %(kpi)s uses KPI %(input)s, which is measured "
                            "per %(other)s. Formula inputs must share the KPI's periodicity "
                            "(%(periodicity)s).",
                            kpi=kpi._get_label(),
                            input=siblings[code]._get_label(),
                            other=siblings[code].periodicity,
                            periodicity=kpi.periodicity,
                        )
                    )
        self._check_dependency_cycles()

    def _get_formula_users(self):
        """Return the formula KPIs of the same templates that use these KPIs."""
        formulas = self.search(
            [("template_id", "in", self.template_id.ids), ("source_kind", "=", "formula")]
        )
        codes = set(self.mapped("code"))
        users = self.browse()
        for kpi in formulas:
            try:
                references = formula_lib.parse(kpi.formula).references()
            except formula_lib.FormulaError:
                continue
            if codes & set(references):
                users |= kpi
        return users

    def _get_formula_error_message(self, error):
        position = error.position
        if error.reason == "empty":
            reason = self.env._("it is empty")
        elif error.reason == "incomplete":
            reason = self.env._("it ends after an operator")
        elif error.reason == "unclosed":
            reason = self.env._("a parenthesis is not closed")
        else:
            reason = self.env._("%(text)r is not allowed here", text=error.text)
        return self.env._(
            "The formula %(formula)r of KPI %(kpi)s is invalid at position %(position)s: "
            "%(reason)s. Use KPI codes, numbers, + - * / and parentheses; write a code "
            "that starts with a digit in brackets, for example [7.4].",
            formula=self.formula,
            kpi=self._get_label(),
            position=position,
            reason=reason,
        )

    def _get_siblings_by_code(self):
        """Return {code: KPI} of the active KPIs of the same template."""
        siblings = self.search([("template_id", "=", self.template_id.id)])
        return {kpi.code: kpi for kpi in siblings}

    def _get_dependencies(self, by_code):
        """Return the KPIs this KPI is computed from."""
        self.ensure_one()
        dependencies = self.browse()
        if self.source_kind == "formula" and self.formula:
            try:
                codes = formula_lib.parse(self.formula).references()
            except formula_lib.FormulaError:
                codes = []
            dependencies = self.browse([by_code[code].id for code in codes if code in by_code])
        if self.source_kind == "trend" and self.base_kpi_id:
            dependencies |= self.base_kpi_id
        return dependencies

    @api.constrains("base_kpi_id", "source_kind")
    def _check_dependency_cycles(self):
        for kpi in self:
            by_code = kpi._get_siblings_by_code()
            path = kpi._find_cycle(kpi, by_code, [])
            if path:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s cannot be computed: it depends on itself through "
                        "%(path)s. Remove one of these references.",
                        kpi=kpi._get_label(),
                        path=" -> ".join(path),
                    )
                )

    def _find_cycle(self, origin, by_code, path):
        """Return the codes of a dependency path from this KPI back to ``origin``."""
        for dependency in self._get_dependencies(by_code):
            if dependency == origin:
                return [*path, self.code, origin.code]
            if dependency.code in path or dependency == self:
                continue
            found = dependency._find_cycle(origin, by_code, [*path, self.code])
            if found:
                return found
        return []

    @api.constrains("source_kind", "trend_unit", "trend_base", "base_kpi_id", "periodicity")
    def _check_trend(self):
        for kpi in self.filtered(lambda k: k.source_kind == "trend"):
            base = kpi.base_kpi_id
            if kpi.trend_unit == "points" and base.unit != "percent":
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s measures a change in percentage points, which needs a "
                        "base KPI in percent. Choose one, or measure the change in percent.",
                        kpi=kpi._get_label(),
                    )
                )
            if kpi.trend_base == "previous" and base and base.periodicity != kpi.periodicity:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s compares its base KPI %(base)s with the previous period, "
                        "so both must have the same periodicity.",
                        kpi=kpi._get_label(),
                        base=base._get_label(),
                    )
                )
            if kpi.trend_base == "baseline" and not (
                kpi.baseline_date_from and kpi.baseline_date_to
            ):
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s compares with a baseline period: give its first and last day.",
                        kpi=kpi._get_label(),
                    )
                )

    @api.constrains("baseline_date_from", "baseline_date_to")
    def _check_baseline_dates(self):
        for kpi in self:
            if (
                kpi.baseline_date_from
                and kpi.baseline_date_to
                and kpi.baseline_date_to < kpi.baseline_date_from
            ):
                raise ValidationError(
                    self.env._(
                        "The baseline period of KPI %(kpi)s ends on %(end)s, before it "
                        "starts on %(start)s.",
                        kpi=kpi._get_label(),
                        end=kpi.baseline_date_to,
                        start=kpi.baseline_date_from,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for kpi in self:
            kpi.display_name = kpi._get_label()

    def _get_label(self):
        return "%s %s" % (self.code, self.name) if self.code else self.name or ""

    @api.model_create_multi
    def create(self, vals_list):
        kpis = super(BillingKpi, self.with_context(**{DEFER_WEIGHT_CHECK: True})).create(vals_list)
        kpis = kpis.with_env(self.env)
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            kpis.template_id._check_active_weights()
        return kpis

    def write(self, vals):
        templates = self.template_id
        # Renaming, archiving or moving a KPI to another periodicity may break
        # the formulas that use it: they are checked again after the write.
        formula_users = (
            self._get_formula_users()
            if {"code", "active", "periodicity"} & set(vals)
            else self.browse()
        )
        result = super(BillingKpi, self.with_context(**{DEFER_WEIGHT_CHECK: True})).write(vals)
        (formula_users - self)._check_formula()
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            (templates | self.template_id)._check_active_weights()
        return result

    def unlink(self):
        templates = self.template_id
        result = super().unlink()
        if not self.env.context.get(DEFER_WEIGHT_CHECK):
            templates.exists()._check_active_weights()
        return result

    def _remind_missing(self, missing, date_from, date_to, today):
        """Schedule a to-do on this KPI for each user of ``missing`` ({user:
        [employees, or None for the team]}) unless one is already open for the
        same period. Return the number scheduled."""
        self.ensure_one()
        summary = self.env._(
            "Enter %(kpi)s for %(date_from)s to %(date_to)s",
            kpi=self._get_label(),
            date_from=date_from,
            date_to=date_to,
        )
        open_for = set(self.activity_ids.filtered(lambda a: a.summary == summary).mapped("user_id"))
        team = self.env._("the team")
        scheduled = 0
        for user, subjects in missing.items():
            if user in open_for:
                continue
            names = ", ".join(subject.name if subject else team for subject in subjects)
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=summary,
                note=self.env._("Missing values: %(names)s.", names=names),
                user_id=user.id,
            )
            scheduled += 1
        return scheduled
