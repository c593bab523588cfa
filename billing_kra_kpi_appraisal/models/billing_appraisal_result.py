import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from ..lib import appraisal_period

_logger = logging.getLogger(__name__)

# Fields of a result that users may change: the evaluation period. Everything
# else is computed from the scorecards.
EDITABLE_FIELDS = {"date_from", "date_to"}


class BillingAppraisalResult(models.Model):
    """The KPI result of one appraisal. It lists the employee's scorecards
    of the evaluation period and averages their KRA scores and overall
    scores over the period, with the length of each scorecard's period in
    days as weight. The rating band is the band of that overall score.

    Until the appraisal is confirmed, the result follows the scorecards: each
    refresh of a scorecard refreshes the results whose period contains it.
    Confirming the appraisal takes a snapshot, after which the result keeps
    its figures whatever later computations do.
    """

    _name = "billing.appraisal.result"
    _description = "Appraisal KPI Result"
    _order = "date_to desc, id desc"

    appraisal_id = fields.Many2one(
        "hr.appraisal", required=True, readonly=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True, string="Employee"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    date_from = fields.Date(
        string="Period From",
        required=True,
        help="First day of the evaluation period. By default the day after the "
        "employee's previous appraisal, or one year before this appraisal.",
    )
    date_to = fields.Date(
        string="Period To",
        required=True,
        help="Last day of the evaluation period, by default the appraisal date.",
    )
    template_id = fields.Many2one(
        "billing.kpi.template",
        string="KPI Template",
        readonly=True,
        help="The template whose scorecards make up the result: the active template "
        "measuring the employee, or the template of their latest scorecard of the period.",
    )
    status = fields.Selection(
        [
            ("scored", "Scored"),
            ("no_template", "No KPI template"),
            ("no_scorecard", "No scorecard in the period"),
            ("no_score", "No scored scorecard in the period"),
        ],
        default="no_template",
        required=True,
        readonly=True,
    )
    status_message = fields.Char(compute="_compute_status_message")
    score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Overall scores of the scorecards, 0 to 100, averaged with the days of "
        "their periods as weights; scorecards without data are left out. Empty "
        "when no scorecard has data.",
    )
    has_score = fields.Boolean(readonly=True)
    scored_days = fields.Integer(
        readonly=True, help="Days of the period covered by scorecards with a score."
    )
    band_id = fields.Many2one("billing.rating.band", string="Rating", readonly=True)
    band_color = fields.Selection(related="band_id.color")
    kra_ids = fields.One2many(
        "billing.appraisal.result.kra", "result_id", string="KRA Scores", readonly=True
    )
    scorecard_line_ids = fields.One2many(
        "billing.appraisal.result.scorecard", "result_id", string="Scorecards", readonly=True
    )
    snapshot_at = fields.Datetime(
        string="Snapshot Taken",
        readonly=True,
        help="When the appraisal was confirmed. From then on, the result no longer "
        "follows the scorecards.",
    )
    snapshot_by_id = fields.Many2one("res.users", string="Snapshot Taken By", readonly=True)
    reopened_at = fields.Datetime(
        string="Reopened",
        readonly=True,
        help="When the appraisal was last reopened after its snapshot. The snapshot is kept.",
    )

    _sql_constraints = [
        (
            "appraisal_unique",
            "UNIQUE(appraisal_id)",
            "An appraisal has one KPI result.",
        ),
    ]

    @api.depends("appraisal_id")
    def _compute_display_name(self):
        for result in self:
            result.display_name = self.env._(
                "KPI result of %(appraisal)s", appraisal=result.appraisal_id.display_name
            )

    @api.depends("status", "employee_id", "template_id", "date_from", "date_to")
    def _compute_status_message(self):
        for result in self:
            result.status_message = result._get_status_message()

    def _get_status_message(self):
        employee = self.employee_id.name
        if self.status == "no_template":
            return self.env._(
                "%(employee)s is measured by no active KPI template and has no scorecard "
                "in the period, so this appraisal has no KPI result. Add their job position "
                "to a KPI template to measure them.",
                employee=employee,
            )
        if self.status == "no_scorecard":
            return self.env._(
                "%(employee)s has no scorecard of the template %(template)s that lies "
                "within the period from %(date_from)s to %(date_to)s, so this appraisal "
                "has no KPI result. Compute the template for the period, or change the "
                "period.",
                employee=employee,
                template=self.template_id.name,
                date_from=self.date_from,
                date_to=self.date_to,
            )
        if self.status == "no_score":
            return self.env._(
                "None of the scorecards of %(employee)s in this period has data: every "
                "KPI is n/a, so there is no overall score.",
                employee=employee,
            )
        return False

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for result in self:
            if result.date_from > result.date_to:
                raise ValidationError(
                    self.env._(
                        "The KPI evaluation period of %(appraisal)s ends on %(date_to)s, "
                        "before it starts on %(date_from)s. Enter an end date on or "
                        "after the start date.",
                        appraisal=result.appraisal_id.display_name,
                        date_from=result.date_from,
                        date_to=result.date_to,
                    )
                )

    def write(self, vals):
        if not self.env.su:
            self._check_user_write(vals)
        result = super().write(vals)
        if EDITABLE_FIELDS & set(vals):
            self.sudo()._refresh()
        return result

    def _check_user_write(self, vals):
        """Reject changes by users to anything but the period, and any
        change to a result after its snapshot."""
        computed = set(vals) - EDITABLE_FIELDS
        if computed:
            raise AccessError(
                self.env._(
                    "The fields %(fields)s of an appraisal's KPI result are computed from "
                    "the scorecards and cannot be changed. Only the period of the result can.",
                    fields=", ".join(sorted(computed)),
                )
            )
        for result in self.filtered("snapshot_at"):
            raise UserError(
                self.env._(
                    "The KPI result of %(appraisal)s was taken as a snapshot on %(date)s, "
                    "when the appraisal was confirmed, so its period can no longer change.",
                    appraisal=result.appraisal_id.display_name,
                    date=format_datetime(self.env, result.snapshot_at),
                )
            )

    # Creation and refresh

    @api.model
    def _create_for_appraisals(self, appraisals):
        """Create the results of ``appraisals`` that have none, with the default
        period, and compute them."""
        existing = self.search([("appraisal_id", "in", appraisals.ids)]).appraisal_id
        missing = appraisals - existing
        results = self.create(
            [
                dict(appraisal._get_kpi_default_period(), appraisal_id=appraisal.id)
                for appraisal in missing
            ]
        )
        results._refresh()
        return results

    def _reset_period(self):
        """Set the default period of the appraisal again and recompute the
        results. Results with a snapshot keep their period."""
        for result in self.filtered(lambda r: not r.snapshot_at):
            result.write(result.appraisal_id._get_kpi_default_period())

    @api.model
    def _refresh_for_scorecards(self, scorecards):
        """Recompute the results without snapshot whose period overlaps one
        of ``scorecards``."""
        cards = scorecards.filtered("employee_id")
        if cards:
            self._refresh_for_employees(
                cards.employee_id, min(cards.mapped("date_from")), max(cards.mapped("date_to"))
            )

    @api.model
    def _refresh_for_employees(self, employees, date_from, date_to):
        """Recompute the results without snapshot of ``employees`` whose
        period overlaps ``date_from`` to ``date_to``."""
        results = self.search(
            [
                ("snapshot_at", "=", False),
                ("employee_id", "in", employees.ids),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        )
        results._refresh()

    def _refresh(self):
        """Recompute the template, scorecards, KRA scores, overall score and
        band of these results from the scorecards. Results with a snapshot
        keep their figures."""
        results = self.filtered(lambda r: not r.snapshot_at)
        if not results:
            return
        templates = self.env["billing.kpi.template"].search([("state", "=", "active")])
        results.kra_ids.unlink()
        results.scorecard_line_ids.unlink()

        kra_lines = []
        card_lines = []
        for result in results:
            template, cards = result._find_scorecards(templates)
            result._write_figures(template, cards)
            kra_lines += result._get_kra_lines(template, cards)
            card_lines += result._get_scorecard_lines(cards)

        self.env["billing.appraisal.result.kra"].create(kra_lines)
        self.env["billing.appraisal.result.scorecard"].create(card_lines)
        results._store_missing_scores_as_null()

    def _write_figures(self, template, cards):
        """Write the template, status, overall score, scored days and band of
        this result computed from ``cards``."""
        overall = appraisal_period.aggregate(
            (card.score if card.has_score else None, card.date_from, card.date_to) for card in cards
        )
        scored_days = sum(
            appraisal_period.period_days(card.date_from, card.date_to)
            for card in cards.filtered("has_score")
        )
        self.write(
            {
                "template_id": template.id,
                "status": self._get_status(template, cards, overall),
                "score": overall or 0.0,
                "has_score": overall is not None,
                "scored_days": scored_days,
                "band_id": self.env["billing.rating.band"]._get_band(overall).id,
            }
        )

    def _find_scorecards(self, templates):
        """Return the template of the result and the employee's scorecards of
        that template lying within the period, oldest first.

        The template is the first of ``templates`` (the active ones) that
        measures the employee and has scorecards in the period. For an
        employee who changed roles, it is the template of their latest
        scorecard of the period. Without scorecards, it is the first template
        measuring the employee.
        """
        cards = self.env["billing.scorecard"].search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("date_from", ">=", self.date_from),
                ("date_to", "<=", self.date_to),
            ],
            order="date_from, id",
        )
        measuring = templates.filtered(lambda t: self.employee_id in t.member_ids)
        template = measuring.filtered(lambda t: t in cards.template_id)[:1]
        if not template:
            template = cards[-1:].template_id or measuring[:1]
        return template, cards.filtered(lambda c: c.template_id == template)

    @staticmethod
    def _get_status(template, cards, overall):
        if not template:
            return "no_template"
        if not cards:
            return "no_scorecard"
        if overall is None:
            return "no_score"
        return "scored"

    def _get_kra_lines(self, template, cards):
        """Return the values of the KRA lines: each KRA's scores on the
        scorecards, averaged with the days of their periods as weights."""
        scores_by_kra = {}
        for card in cards:
            for line in card.kra_score_ids:
                scores_by_kra.setdefault(line.kra_id, []).append(
                    (line.score if line.has_score else None, card.date_from, card.date_to)
                )
        lines = []
        for kra in template.kra_ids:
            scored_periods = scores_by_kra.get(kra, [])
            score = appraisal_period.aggregate(scored_periods)
            lines.append(
                {
                    "result_id": self.id,
                    "kra_id": kra.id,
                    "sequence": kra.sequence,
                    "weight": kra.weight,
                    "score": score or 0.0,
                    "has_score": score is not None,
                    "scored_days": sum(
                        appraisal_period.period_days(date_from, date_to)
                        for kra_score, date_from, date_to in scored_periods
                        if kra_score is not None
                    ),
                }
            )
        return lines

    def _get_scorecard_lines(self, cards):
        """Return the values of the scorecard lines of this result."""
        return [
            {
                "result_id": self.id,
                "scorecard_id": card.id,
                "date_from": card.date_from,
                "date_to": card.date_to,
                "score": card.score if card.has_score else 0.0,
                "has_score": card.has_score,
                "band_id": card.band_id.id,
            }
            for card in cards
        ]

    def _store_missing_scores_as_null(self):
        """Store the scores of results and lines without data as NULL, as the
        core does for scorecards, so that averages leave them out."""
        self.env.flush_all()
        for table in (
            "billing_appraisal_result",
            "billing_appraisal_result_kra",
            "billing_appraisal_result_scorecard",
        ):
            column = "id" if table == "billing_appraisal_result" else "result_id"
            self.env.cr.execute(
                "UPDATE %s SET score = NULL WHERE %s = ANY(%%s) AND NOT has_score"
                % (table, column),
                [self.ids],
            )
        self.invalidate_recordset(["score"])
        self.env["billing.appraisal.result.kra"].invalidate_model(["score"])
        self.env["billing.appraisal.result.scorecard"].invalidate_model(["score"])

    # Appraisal workflow

    def _take_snapshot(self):
        """Recompute the results one last time and freeze them."""
        results = self.filtered(lambda r: not r.snapshot_at)
        results._refresh()
        results.write({"snapshot_at": fields.Datetime.now(), "snapshot_by_id": self.env.uid})
        for result in results:
            result.appraisal_id.message_post(
                body=self.env._(
                    "KPI result taken as a snapshot: later KPI computations no longer change "
                    "what this appraisal shows."
                ),
            )

    def _note_reopening(self):
        """Record that the appraisals were reopened and their snapshots kept."""
        self.write({"reopened_at": fields.Datetime.now()})
        for result in self:
            result.appraisal_id.message_post(
                body=self.env._(
                    "Appraisal reopened: the KPI result snapshot of %(date)s is kept.",
                    date=format_datetime(self.env, result.snapshot_at),
                ),
            )

    def _lock_scorecards(self):
        """Lock the scorecards of the snapshots that are not locked yet.

        Locking a scorecard locks the KPI values of its whole period, for
        every member of the template, as locking from the scorecard does.
        """
        cards = self.scorecard_line_ids.scorecard_id.filtered(lambda c: c.state != "locked")
        if not cards:
            return
        cards.action_lock()
        _logger.info("Locked %s scorecards of the appraisals %s", len(cards), self.appraisal_id.ids)
        for result in self:
            locked = result.scorecard_line_ids.scorecard_id & cards
            if locked:
                result.appraisal_id.message_post(
                    body=self.env._(
                        "%(count)s KPI scorecards of this appraisal were locked.",
                        count=len(locked),
                    ),
                )
