from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, create_unique_index, float_repr

from ..lib import periods
from .billing_kpi import PERIODICITIES

# Lists that show the records behind a value better than the model's default.
LIST_VIEWS = {
    "account.move": "account.view_out_invoice_tree",
    "account.move.line": "account.view_move_line_tree",
}
STATUSES = [
    ("green", "Green"),
    ("amber", "Amber"),
    ("red", "Red"),
    ("na", "n/a"),
    ("input", "Not scored"),
]


class BillingKpiValue(models.Model):
    """The value of one KPI for one employee, or for the team when the
    employee is empty, in one company and period.

    The engine writes these rows with one SQL upsert and stores NULL in
    ``value``, ``achievement`` and ``score`` when there is no data, so that
    database aggregates (pivot, graph) skip them. The ORM reads such a NULL
    as 0.0: check ``status == 'na'`` before reading a value.
    """

    _name = "billing.kpi.value"
    _description = "KPI Value"
    _order = "date_from desc, template_id, kra_sequence, kpi_sequence, is_team desc, employee_id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one(
        "billing.kpi", string="KPI", required=True, readonly=True, index=True, ondelete="cascade"
    )
    kpi_sequence = fields.Integer(related="kpi_id.sequence", store=True)
    kra_id = fields.Many2one("billing.kra", string="KRA", readonly=True, index=True)
    kra_sequence = fields.Integer(related="kra_id.sequence", store=True, string="KRA Sequence")
    template_id = fields.Many2one("billing.kpi.template", readonly=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", readonly=True, index=True, help="Empty on the team row."
    )
    is_team = fields.Boolean(string="Team", readonly=True)
    subject = fields.Char(compute="_compute_subject", help="The employee, or Team on the team row.")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    periodicity = fields.Selection(PERIODICITIES, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True, index=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    unit = fields.Selection(related="kpi_id.unit")
    source_kind = fields.Selection(related="kpi_id.source_kind")
    direction = fields.Selection(related="kpi_id.direction")

    value = fields.Float(readonly=True, digits=(16, 2), aggregator="avg")
    numerator = fields.Float(readonly=True, digits=(16, 2))
    denominator = fields.Float(readonly=True, digits=(16, 2))
    target = fields.Float(readonly=True, aggregator=None)
    threshold_amber = fields.Float(string="Amber Threshold", readonly=True, aggregator=None)
    threshold_red = fields.Float(string="Red Threshold", readonly=True, aggregator=None)
    achievement = fields.Float(readonly=True, aggregator="avg", help="In % of the target.")
    score = fields.Float(readonly=True, aggregator="avg", help="0 to 100.")
    status = fields.Selection(STATUSES, readonly=True, index=True)
    value_display = fields.Char(string="Value Shown", compute="_compute_value_display")
    computed_at = fields.Datetime(readonly=True)
    ratio_scale = fields.Float(
        readonly=True,
        aggregator=None,
        help="Set on rates (value = numerator / denominator x scale), so that the "
        "value of a group is the ratio of its sums rather than a mean of rates.",
    )
    scorecard_id = fields.Many2one(
        "billing.scorecard", readonly=True, index=True, ondelete="set null"
    )

    locked = fields.Boolean(
        readonly=True,
        help="A recomputation no longer changes a locked value; it records a "
        "restatement for a manager to accept instead.",
    )
    restatement_pending = fields.Boolean(readonly=True, index=True)
    restated_value = fields.Float(readonly=True, digits=(16, 2))
    restated_numerator = fields.Float(readonly=True, digits=(16, 2))
    restated_denominator = fields.Float(readonly=True, digits=(16, 2))
    restated_status = fields.Selection(STATUSES, readonly=True)
    restated_at = fields.Datetime(readonly=True)

    def init(self):
        # One row per KPI, company, employee (or team) and period. The engine's
        # upsert names this index in its ON CONFLICT clause.
        create_unique_index(
            self.env.cr,
            "billing_kpi_value_period_unique",
            self._table,
            ["kpi_id", "company_id", "(COALESCE(employee_id, 0))", "date_from", "date_to"],
        )

    def _read_group_select(self, aggregate_spec, query):
        # Pivot and graph average values: a rate is re-aggregated from its
        # numerators and denominators, other values (counts, trends) averaged.
        if aggregate_spec != "value:avg":
            return super()._read_group_select(aggregate_spec, query)
        # The parent checks that the user may read the field.
        super()._read_group_select(aggregate_spec, query)

        def column(name):
            return SQL.identifier(query.table, name)

        return SQL(
            """COALESCE(
                SUM(%(num)s) FILTER (WHERE %(scale)s IS NOT NULL)
                / NULLIF(SUM(%(den)s) FILTER (WHERE %(scale)s IS NOT NULL), 0)
                * MAX(%(scale)s),
                AVG(%(value)s))""",
            num=column("numerator"),
            den=column("denominator"),
            scale=column("ratio_scale"),
            value=column("value"),
        )

    @api.depends("value", "status", "unit")
    def _compute_value_display(self):
        for row in self:
            if row.status == "na" or not row.status:
                row.value_display = self.env._("n/a")
                continue
            text = float_repr(row.value, 2)
            row.value_display = text + ("%" if row.unit == "percent" else "")

    @api.depends("employee_id")
    def _compute_subject(self):
        team = self.env._("Team")
        for row in self:
            row.subject = row.employee_id.name or team

    @api.depends("kpi_id", "employee_id", "date_from")
    def _compute_display_name(self):
        team = self.env._("Team")
        for row in self:
            row.display_name = "%s, %s, %s" % (
                row.kpi_id.display_name,
                row.employee_id.name or team,
                row.date_from,
            )

    def write(self, vals):
        # The figures come from the engine only; users may lock and unlock.
        computed = set(vals) - {"locked"}
        if computed and not self.env.su:
            raise UserError(
                self.env._(
                    "KPI values are computed from the records and cannot be edited "
                    "(fields: %(fields)s). Recompute them, or lock their period.",
                    fields=", ".join(sorted(computed)),
                )
            )
        return super().write(vals)

    def action_lock(self):
        """Lock the periods of these values: every value of the same template,
        company and period, so that team and member rows stay consistent.
        Later recomputations record restatements instead of changing them."""
        self._check_group("billing_kra_kpi.group_kpi_manager")
        # The whole period, also the rows of employees the manager does not see.
        self.sudo()._get_period_rows().write({"locked": True})
        return True

    def action_unlock(self):
        """Unlock the periods of these values."""
        self._check_group("billing_kra_kpi.group_kpi_admin")
        self.sudo()._get_period_rows().write({"locked": False})
        return True

    def action_accept_restatement(self):
        """Replace the locked values by their pending restatements, rescored."""
        self._check_group("billing_kra_kpi.group_kpi_manager")
        for row in self.filtered("restatement_pending"):
            row._accept_restatement()
        return True

    def _check_group(self, group):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "You are not allowed to do this with KPI values; it requires the "
                    "group %(group)s.",
                    group=self.env.ref(group).full_name,
                )
            )

    def _get_period_rows(self):
        """Return every value sharing a template, company and period with these."""
        domain = [("id", "in", self.ids)]
        for row in self:
            domain = [
                "|",
                "&",
                "&",
                "&",
                ("template_id", "=", row.template_id.id),
                ("company_id", "=", row.company_id.id),
                ("date_from", "=", row.date_from),
                ("date_to", "=", row.date_to),
                *domain,
            ]
        return self.search(domain)

    def _accept_restatement(self):
        engine = self.env["billing.kpi.engine"]
        value = None if self.restated_status == "na" else self.restated_value
        scored = engine._score(self.kpi_id, value)
        self.env.cr.execute(
            """UPDATE billing_kpi_value
                  SET value = %s, numerator = %s, denominator = %s, achievement = %s,
                      score = %s, status = %s, restatement_pending = FALSE,
                      restated_value = NULL, restated_numerator = NULL,
                      restated_denominator = NULL, restated_status = NULL,
                      restated_at = NULL, write_uid = %s, write_date = NOW() AT TIME ZONE 'UTC'
                WHERE id = %s""",
            (
                value,
                self.restated_numerator,
                self.restated_denominator,
                scored["achievement"],
                scored["score"],
                scored["status"],
                self.env.uid,
                self.id,
            ),
        )
        self.invalidate_recordset()

    def action_open_numerator_records(self):
        return self._action_open_records("numerator")

    def action_open_denominator_records(self):
        return self._action_open_records("denominator")

    def _action_open_records(self, side):
        """Open the records counted in the numerator or the denominator."""
        self.ensure_one()
        kpi = self.kpi_id
        if kpi.source_kind != "live" or not kpi.metric:
            raise UserError(
                self.env._(
                    "KPI %(kpi)s is not computed from records, so it has none to show.",
                    kpi=kpi.display_name,
                )
            )

        Metric = self.env["billing.kpi.metric"]
        metric = Metric._get_metrics()[kpi.metric]
        period = Metric._make_period(self.date_from, self.date_to, self.company_id)
        if side == "denominator" and metric.denominator != "facts":
            raise UserError(
                self.env._(
                    "The denominator of KPI %(kpi)s is not a set of records: it is the "
                    "employee's working days or, for a count, nothing.",
                    kpi=kpi.display_name,
                )
            )
        # Members are read with the template's rights: a clerk may not read
        # the job positions, but may see the records behind their own value.
        employees = self.env["billing.kpi.engine"]._get_period_members(
            self.template_id.sudo(), self.company_id, self.date_from
        )
        subjects = self.employee_id or employees
        record_ids = Metric._metric_record_ids(
            kpi.metric, period, employees, subjects.user_id.ids, side
        )

        labels = {"numerator": self.env._("Numerator"), "denominator": self.env._("Denominator")}
        list_view = (
            self.env.ref(LIST_VIEWS[metric.model], False) if metric.model in LIST_VIEWS else False
        )
        return {
            "type": "ir.actions.act_window",
            "name": "%s: %s" % (kpi.display_name, labels[side]),
            "res_model": metric.model,
            "view_mode": "list,form",
            "views": [(list_view.id if list_view else False, "list"), (False, "form")],
            "domain": [("id", "in", record_ids)],
            "context": {"create": False},
        }

    def action_open_inputs(self):
        """Open what a value of a manual, formula, trend or initiative KPI
        comes from: the approved entries, the values of the KPIs used, or
        the initiatives counted."""
        self.ensure_one()
        kpi = self.kpi_id
        if kpi.source_kind == "live":
            return self._action_open_records("numerator")
        if kpi.source_kind == "manual":
            model, domain = "billing.kpi.manual.value", self._get_manual_entry_domain()
        elif kpi.source_kind == "initiative":
            model, domain = "billing.improvement.initiative", self._get_initiative_domain()
        else:
            model, domain = "billing.kpi.value", self._get_input_value_domain()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("%(kpi)s: Inputs", kpi=kpi.display_name),
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
        }

    def _get_manual_entry_domain(self):
        domain = [
            ("kpi_id", "=", self.kpi_id.id),
            ("company_id", "=", self.company_id.id),
            ("date_from", "=", self.date_from),
            ("state", "=", "approved"),
        ]
        if self.employee_id:
            domain.append(("employee_id", "=", self.employee_id.id))
        return domain

    def _get_initiative_domain(self):
        kpi = self.kpi_id
        if kpi.initiative_event == "proposed":
            date_field, credited = "date_proposed", "proposer_id"
            domain = []
        else:
            date_field, credited = "date_done", "owner_id"
            domain = [("state", "=", "done")]
        domain += [
            ("kind", "=", kpi.initiative_kind),
            ("company_id", "=", self.company_id.id),
            (date_field, ">=", self.date_from),
            (date_field, "<=", self.date_to),
        ]
        if self.employee_id:
            domain.append((credited, "=", self.employee_id.id))
        else:
            members = self.env["billing.kpi.engine"]._get_period_members(
                self.template_id.sudo(), self.company_id, self.date_from
            )
            domain.append((credited, "in", members.ids))
        return domain

    def _get_input_value_domain(self):
        """Return the domain of the values of the same subject that a formula
        or a trend uses: the inputs of the period, and for a trend the base of
        the compared period."""
        kpi = self.kpi_id
        inputs = kpi._get_dependencies(kpi._get_siblings_by_code())
        date_froms = [self.date_from]
        if kpi.source_kind == "trend" and kpi.trend_base == "previous":
            date_froms.append(periods.previous_period(self.date_from, kpi.periodicity)[0])
        elif kpi.source_kind == "trend":
            return [
                ("kpi_id", "in", inputs.ids),
                ("company_id", "=", self.company_id.id),
                ("employee_id", "=", self.employee_id.id),
                "|",
                ("date_from", "=", self.date_from),
                "&",
                ("date_from", ">=", kpi.baseline_date_from),
                ("date_to", "<=", kpi.baseline_date_to),
            ]
        return [
            ("kpi_id", "in", inputs.ids),
            ("company_id", "=", self.company_id.id),
            ("employee_id", "=", self.employee_id.id),
            ("date_from", "in", date_froms),
        ]
