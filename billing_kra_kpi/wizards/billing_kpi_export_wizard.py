from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# Models whose selected records preset the wizard (the action on their lists).
SOURCE_MODELS = ("billing.scorecard", "billing.kpi.value")


class BillingKpiExportWizard(models.TransientModel):
    """The choices of an Excel export of KPI values and scorecards: a range
    of dates, and optionally templates, employees and KRAs. The workbook is
    the report ``billing_kra_kpi.billing_kpi_xlsx_report``; it reads with the
    rights of the user, so a clerk exports their own rows only."""

    _name = "billing.kpi.export.wizard"
    _description = "Export KPIs to Excel"

    # The number of rows of an Excel worksheet, header included.
    EXCEL_MAX_ROWS = 1048576

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_date_from(),
        help="Every period that overlaps the range is exported whole.",
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    template_ids = fields.Many2many(
        "billing.kpi.template", string="Templates", help="Empty: every template you can read."
    )
    employee_ids = fields.Many2many(
        "hr.employee", string="Employees", help="Empty: every employee whose values you can read."
    )
    kra_ids = fields.Many2many(
        "billing.kra",
        string="KRAs",
        domain="[('template_id', 'in', template_ids)] if template_ids else []",
        help="Empty: every KRA of the templates.",
    )
    include_team = fields.Boolean(
        string="Team Rows", default=True, help="Export the team's values and scorecards too."
    )

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=2)

    @api.model
    def default_get(self, fields_list):
        """Preset the range, templates and employees from the scorecards or
        values selected in a list."""
        defaults = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        active_ids = self.env.context.get("active_ids")
        if model not in SOURCE_MODELS or not active_ids:
            return defaults

        records = self.env[model].browse(active_ids).exists()
        if not records:
            return defaults
        defaults.update(
            {
                "date_from": min(records.mapped("date_from")),
                "date_to": max(records.mapped("date_to")),
                "template_ids": [fields.Command.set(records.template_id.ids)],
                "employee_ids": [fields.Command.set(records.employee_id.ids)],
                "include_team": any(records.mapped("is_team")),
            }
        )
        return defaults

    def action_export(self):
        """Check the choices and download the workbook."""
        self.ensure_one()
        self._check_range()
        self._check_row_limit()
        report = self.env.ref("billing_kra_kpi.billing_kpi_xlsx_report")
        # config=False: no document layout wizard, which is for PDF reports.
        return report.report_action(self, config=False)

    def _check_range(self):
        if self.date_to < self.date_from:
            raise UserError(
                self.env._(
                    "The export range ends on %(end)s, before it starts on %(start)s; "
                    "swap the two dates.",
                    end=self.date_to,
                    start=self.date_from,
                )
            )

    def _check_row_limit(self):
        """Raise when the Data sheet, one row per value and a header, would
        not fit in an Excel worksheet. Every other sheet has fewer rows."""
        rows = self.env["billing.kpi.value"].search_count(self._get_value_domain()) + 1
        if rows > self.EXCEL_MAX_ROWS:
            raise UserError(
                self.env._(
                    "The export would write %(rows)s rows on its Data sheet, more than "
                    "the %(limit)s rows an Excel worksheet holds. Shorten the range or "
                    "choose fewer templates, employees or KRAs.",
                    rows=rows,
                    limit=self.EXCEL_MAX_ROWS,
                )
            )

    # The records exported

    def _get_templates(self):
        """Return the templates exported: the chosen ones, else those of the
        values the user may read in the range."""
        if self.template_ids:
            return self.template_ids
        groups = self.env["billing.kpi.value"]._read_group(
            [*self._get_range_domain(), *self._get_subject_domain()], ["template_id"]
        )
        return self.env["billing.kpi.template"].union(*(template for (template,) in groups))

    def _get_kras(self):
        """Return the KRAs exported, in the order of their templates."""
        kras = self.kra_ids or self._get_templates().kra_ids
        return kras.sorted(lambda kra: (kra.template_id.name or "", kra.sequence, kra.id))

    def _get_subject_domain(self):
        """Return the domain on ``employee_id`` of the chosen employees and,
        when wanted, the team rows (empty employee)."""
        if self.employee_ids:
            domain = [("employee_id", "in", self.employee_ids.ids)]
        else:
            domain = [("employee_id", "!=", False)]
        if self.include_team:
            domain = ["|", ("employee_id", "=", False), *domain]
        return domain

    def _get_range_domain(self):
        return [("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from)]

    def _get_value_domain(self):
        """Return the domain of the exported ``billing.kpi.value`` rows."""
        return [
            ("template_id", "in", self._get_templates().ids),
            ("kra_id", "in", self._get_kras().ids),
            *self._get_range_domain(),
            *self._get_subject_domain(),
        ]

    def _get_scorecard_domain(self):
        """Return the domain of the scorecards summarised."""
        return [
            ("template_id", "in", self._get_templates().ids),
            *self._get_range_domain(),
            *self._get_subject_domain(),
        ]
