from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, create_unique_index

from ..lib import periods, scoring

# Past periods drawn in each KPI's sparkline on the scorecard.
SPARKLINE_PERIODS = 6


class BillingScorecard(models.Model):
    """The scorecard of one employee, or of the team when the employee is
    empty, for one template, company and period: its KPI values, a score per
    KRA, an overall score from 0 to 100 and a rating band.

    The engine creates and refreshes scorecards whenever it writes values. A
    manager confirms them after review and locks them, which locks their
    values: later recomputations then show up as pending restatements.
    """

    _name = "billing.scorecard"
    _description = "KPI Scorecard"
    _inherit = ["mail.thread"]
    _order = "date_from desc, template_id, is_team desc, employee_id"

    template_id = fields.Many2one(
        "billing.kpi.template", required=True, readonly=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        "hr.employee", readonly=True, index=True, help="Empty on the team's scorecard."
    )
    is_team = fields.Boolean(string="Team", readonly=True)
    subject = fields.Char(compute="_compute_subject", string="Employee or Team")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    periodicity = fields.Selection(related="template_id.scorecard_periodicity")
    date_from = fields.Date(string="From", required=True, readonly=True, index=True)
    date_to = fields.Date(string="To", required=True, readonly=True)

    value_ids = fields.One2many("billing.kpi.value", "scorecard_id", string="KPI Values")
    kra_score_ids = fields.One2many("billing.scorecard.kra", "scorecard_id", string="KRA Scores")
    score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Weighted mean of the KRA scores, 0 to 100; KRAs without data are left out.",
    )
    has_score = fields.Boolean(readonly=True)
    band_id = fields.Many2one("billing.rating.band", string="Rating", readonly=True)
    band_color = fields.Selection(related="band_id.color")
    red_count = fields.Integer(string="KPIs in Red", readonly=True)
    na_count = fields.Integer(string="KPIs without Data", readonly=True)
    restatement_pending = fields.Boolean(
        readonly=True,
        help="A locked value of the scorecard was computed anew with another result.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("locked", "Locked")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        help="Draft: refreshed by every computation. Confirmed: a manager reviewed it. "
        "Locked: its values no longer change; later restatements are flagged.",
    )
    comment = fields.Text(
        string="Employee's Comment",
        tracking=True,
        help="The employee may comment on their scorecard until it is confirmed.",
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_at = fields.Datetime(readonly=True)
    card = fields.Json(compute="_compute_card", help="The data of the scorecard widget.")

    def init(self):
        create_unique_index(
            self.env.cr,
            "billing_scorecard_period_unique",
            self._table,
            ["template_id", "company_id", "(COALESCE(employee_id, 0))", "date_from", "date_to"],
        )

    @api.depends("employee_id")
    def _compute_subject(self):
        team = self.env._("Team")
        for card in self:
            card.subject = card.employee_id.name or team

    @api.depends("template_id", "employee_id", "date_from")
    def _compute_display_name(self):
        team = self.env._("Team")
        for card in self:
            card.display_name = "%s, %s, %s" % (
                card.template_id.name,
                card.employee_id.name or team,
                card.date_from,
            )

    def write(self, vals):
        if "comment" in vals and not self.env.su:
            self._check_comment_allowed()
        return super().write(vals)

    def _check_comment_allowed(self):
        for card in self:
            if card.state != "draft":
                raise UserError(
                    self.env._(
                        "The scorecard %(card)s is %(state)s: comments are closed once a "
                        "manager has confirmed it.",
                        card=card.display_name,
                        state=dict(card._fields["state"]._description_selection(self.env))[
                            card.state
                        ].lower(),
                    )
                )
            is_manager = self.env.user.has_group("billing_kra_kpi.group_kpi_manager")
            if card.employee_id.user_id != self.env.user and not is_manager:
                raise AccessError(
                    self.env._("Only the employee can comment on their own scorecard.")
                )

    # Review

    def action_confirm(self):
        """Confirm reviewed draft scorecards."""
        self._check_manager()
        self.filtered(lambda c: c.state == "draft").sudo().write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_at": fields.Datetime.now(),
            }
        )
        return True

    def action_lock(self):
        """Lock the scorecards and their values: the values of the whole
        period (template, company and period) are locked, so every scorecard
        of those periods is locked with them."""
        self._check_manager()
        self.value_ids.action_lock()
        periods_locked = self._get_period_cards()
        periods_locked.sudo().write({"state": "locked"})
        return True

    def action_reset_to_draft(self):
        """Unlock locked scorecards and their period's values (administrators),
        or send confirmed ones back to draft (managers)."""
        locked = self.filtered(lambda c: c.state == "locked")
        if locked:
            locked.value_ids.action_unlock()
            locked._get_period_cards().sudo().write({"state": "confirmed"})
        self._check_manager()
        self.filtered(lambda c: c.state == "confirmed").sudo().write(
            {"state": "draft", "confirmed_by_id": False, "confirmed_at": False}
        )
        self.sudo()._refresh_scores()
        return True

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("billing_kra_kpi.group_kpi_manager"):
            raise AccessError(self.env._("Only KPI managers can confirm or lock scorecards."))

    def _get_period_cards(self):
        """Return every scorecard sharing a template, company and period with these."""
        keys = {(c.template_id.id, c.company_id.id, c.date_from, c.date_to) for c in self}
        cards = self.sudo().search(
            [
                ("template_id", "in", list({key[0] for key in keys})),
                ("date_from", "in", list({key[2] for key in keys})),
            ]
        )
        return cards.filtered(
            lambda c: (c.template_id.id, c.company_id.id, c.date_from, c.date_to) in keys
        )

    # Refresh by the engine

    @api.model
    def _refresh_for_values(self, value_ids):
        """Create the missing scorecards of the values ``value_ids``, link the
        values to them and recompute their scores. Values whose periodicity is
        not the template's scorecard periodicity belong to no scorecard."""
        if not value_ids:
            return self.browse()
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT DISTINCT v.template_id, v.company_id, v.employee_id, v.date_from, v.date_to
              FROM billing_kpi_value v
              JOIN billing_kpi_template t ON t.id = v.template_id
             WHERE v.id = ANY(%s) AND v.periodicity = t.scorecard_periodicity
            """,
            [list(value_ids)],
        )
        keys = self.env.cr.fetchall()
        if not keys:
            return self.browse()
        cards = self._get_or_create(keys)

        # Link every value of each scorecard's subject and period, in one statement.
        self.env.cr.execute(
            """
            UPDATE billing_kpi_value v
               SET scorecard_id = c.id
              FROM billing_scorecard c
             WHERE c.id = ANY(%s)
               AND v.template_id = c.template_id
               AND v.company_id = c.company_id
               AND COALESCE(v.employee_id, 0) = COALESCE(c.employee_id, 0)
               AND v.date_from = c.date_from
               AND v.date_to = c.date_to
               AND v.scorecard_id IS DISTINCT FROM c.id
            """,
            [cards.ids],
        )
        self.env["billing.kpi.value"].invalidate_model(["scorecard_id"])
        cards.invalidate_recordset(["value_ids"])
        cards._refresh_scores()
        return cards

    @api.model
    def _get_or_create(self, keys):
        """Return the scorecards of ``keys`` (template id, company id, employee
        id or None, date_from, date_to), created where missing."""
        existing = self.search(
            [
                ("template_id", "in", list({key[0] for key in keys})),
                ("date_from", "in", list({key[3] for key in keys})),
            ]
        )
        by_key = {
            (c.template_id.id, c.company_id.id, c.employee_id.id or None, c.date_from, c.date_to): c
            for c in existing
        }
        missing = [key for key in keys if key not in by_key]
        quiet = self.with_context(mail_create_nolog=True, tracking_disable=True)
        created = quiet.create(
            [
                {
                    "template_id": template_id,
                    "company_id": company_id,
                    "employee_id": employee_id,
                    "is_team": not employee_id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
                for template_id, company_id, employee_id, date_from, date_to in missing
            ]
        )
        return self.browse([by_key[key].id for key in keys if key in by_key]) | created.with_env(
            self.env
        )

    def _refresh_scores(self):
        """Recompute the KRA scores, overall score, band and counts of these
        scorecards from their values: one query reads the values, the scoring
        module computes, and a few statements write. Locked scorecards keep
        their scores but flag pending restatements."""
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.id, c.template_id, c.state, c.employee_id, c.date_from, c.company_id
              FROM billing_scorecard c
             WHERE c.id = ANY(%s)
            """,
            [self.ids],
        )
        cards = cr.fetchall()
        cr.execute(
            """
            SELECT v.scorecard_id, k.kra_id, k.weight, k.is_input, v.status, v.score,
                   v.restatement_pending
              FROM billing_kpi_value v
              JOIN billing_kpi k ON k.id = v.kpi_id
             WHERE v.scorecard_id = ANY(%s)
            """,
            [self.ids],
        )
        figures = {card[0]: _CardFigures() for card in cards}
        for card_id, kra_id, weight, is_input, status, score, restated in cr.fetchall():
            figures[card_id].add(kra_id, weight, is_input, status, score, restated)

        kras = self._get_template_kras({card[1] for card in cards})
        bands = self.env["billing.rating.band"].search([("active", "=", True)])
        card_rows, line_rows, unlocked = [], [], []
        for card_id, template_id, state, employee_id, date_from, company_id in cards:
            card = figures[card_id]
            if state == "locked":
                card_rows.append((card_id, None, None, None, *card.counts(), True))
                continue
            unlocked.append(card_id)
            kra_scores = [
                (kra_id, sequence, weight, card.kra_score(kra_id))
                for kra_id, sequence, weight in kras[template_id]
            ]
            overall = scoring.weighted_score(
                (score, weight) for _k, _s, weight, score in kra_scores
            )
            band = self.env["billing.rating.band"]._get_band(overall, bands)
            card_rows.append(
                (card_id, overall, overall is not None, band.id or None, *card.counts(), False)
            )
            line_rows += [
                (card_id, kra_id, sequence, weight, score, score is not None, employee_id)
                + (date_from, company_id)
                for kra_id, sequence, weight, score in kra_scores
            ]
        self._write_card_rows(card_rows)
        self._write_kra_lines(unlocked, line_rows)
        self.invalidate_recordset()
        self.env["billing.scorecard.kra"].invalidate_model()

    @api.model
    def _get_template_kras(self, template_ids):
        """Return {template id: [(KRA id, sequence, weight)]} in KRA order."""
        kras = self.env["billing.kra"].search([("template_id", "in", list(template_ids))])
        result = {template_id: [] for template_id in template_ids}
        for kra in kras:
            result[kra.template_id.id].append((kra.id, kra.sequence, kra.weight))
        return result

    @api.model
    def _write_card_rows(self, rows):
        """Write (id, score, has score, band, red, n/a, restated, locked) rows;
        the score and band of a locked scorecard stay as they are."""
        if not rows:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE billing_scorecard AS c
                   SET score = CASE WHEN r.locked THEN c.score ELSE r.score END,
                       has_score = CASE WHEN r.locked THEN c.has_score ELSE r.has_score END,
                       band_id = CASE WHEN r.locked THEN c.band_id ELSE r.band_id END,
                       red_count = r.red_count,
                       na_count = r.na_count,
                       restatement_pending = r.restated,
                       write_uid = %s,
                       write_date = NOW() AT TIME ZONE 'UTC'
                  FROM (VALUES %s) AS r(id, score, has_score, band_id, red_count, na_count,
                                       restated, locked)
                 WHERE c.id = r.id
                """,
                self.env.uid,
                SQL(", ").join(
                    SQL(
                        "(%s, %s::float, %s::boolean, %s::integer, %s::integer, %s::integer, "
                        "%s::boolean, %s::boolean)",
                        *row,
                    )
                    for row in rows
                ),
            )
        )

    @api.model
    def _write_kra_lines(self, card_ids, rows):
        """Replace the KRA score lines of the scorecards ``card_ids``."""
        cr = self.env.cr
        cr.execute("DELETE FROM billing_scorecard_kra WHERE scorecard_id = ANY(%s)", [card_ids])
        if not rows:
            return
        cr.execute(
            SQL(
                """
                INSERT INTO billing_scorecard_kra (scorecard_id, kra_id, sequence, weight, score,
                       has_score, employee_id, date_from, company_id, create_uid, create_date,
                       write_uid, write_date)
                SELECT r.*, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC'
                  FROM (VALUES %s) AS r
                """,
                self.env.uid,
                self.env.uid,
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s::float, %s::float, %s::boolean, %s::integer, "
                        "%s::date, %s)",
                        *row,
                    )
                    for row in rows
                ),
            )
        )

    # The scorecard widget

    @api.depends("value_ids", "kra_score_ids")
    def _compute_card(self):
        for card in self:
            card.card = card._get_card_data()

    def _get_card_data(self):
        """Return the KRAs of the scorecard with their score and KPIs, each KPI
        with its value, target, achievement, status and recent history."""
        self.ensure_one()
        history = self._get_history()
        kra_scores = {line.kra_id: line for line in self.kra_score_ids}
        values_by_kra = self.value_ids.sorted(lambda v: (v.kpi_sequence, v.kpi_id.id)).grouped(
            "kra_id"
        )
        sections = []
        for kra in self.template_id.kra_ids:
            line = kra_scores.get(kra)
            sections.append(
                {
                    "id": kra.id,
                    "name": kra.name,
                    "weight": kra.weight,
                    "score": line.score if line and line.has_score else None,
                    "kpis": [
                        self._get_kpi_data(value, history.get(value.kpi_id.id, []))
                        for value in values_by_kra.get(kra, [])
                    ],
                }
            )
        return {
            "score": self.score if self.has_score else None,
            "band": self.band_id.name or "",
            "band_color": self.band_id.color or "",
            "sections": sections,
        }

    def _get_kpi_data(self, value, history):
        kpi = value.kpi_id
        scored = value.status not in ("na", "input")
        return {
            "value_id": value.id,
            "code": kpi.code,
            "name": kpi.name,
            "unit": kpi.unit,
            "is_input": kpi.is_input,
            "value": value.value_display,
            "target": value.target,
            "weight": kpi.weight,
            "achievement": value.achievement if scored else None,
            "score": value.score if scored else None,
            "status": value.status,
            "history": history,
        }

    def _get_history(self):
        """Return {KPI id: [value or None, ...]} of the subject over the last
        periods up to this one, oldest first, read in one query."""
        start = self.date_from
        for _index in range(SPARKLINE_PERIODS - 1):
            start = periods.previous_period(start, self.periodicity or "month")[0]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT kpi_id, date_from, value
                  FROM billing_kpi_value
                 WHERE template_id = %s AND company_id = %s
                   AND COALESCE(employee_id, 0) = %s
                   AND date_from >= %s AND date_to <= %s AND periodicity = %s
              ORDER BY kpi_id, date_from
                """,
                self.template_id.id,
                self.company_id.id,
                self.employee_id.id or 0,
                start,
                self.date_to,
                self.periodicity or "month",
            )
        )
        history = {}
        for kpi_id, date_from, value in self.env.cr.fetchall():
            history.setdefault(kpi_id, []).append([date_from.isoformat(), value])
        return history

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "billing_kra_kpi.billing_kpi_value_action"
        )
        action["domain"] = [("scorecard_id", "=", self.id)]
        action["context"] = {}
        return action

    # The managers' dashboard

    @api.model
    def get_dashboard_data(self, template_id=False, date_from=False):
        """Return the dashboard of a template and period as JSON: the periods
        with scorecards, the KRAs, one row per scorecard the user may read
        (the team first) with KRA scores, overall score and band, and the
        KPI values in red. Defaults: the first template and latest period."""
        # The templates and periods come from one grouped query; only the
        # scorecards of the chosen period are read.
        groups = self._read_group(
            [("template_id", "!=", False)], ["template_id", "date_from:day", "date_to:day"]
        )
        templates = self.env["billing.kpi.template"].browse(
            list(dict.fromkeys(template.id for template, _start, _end in groups))
        )
        template = templates.filtered(lambda t: t.id == template_id)[:1] or templates[:1]
        ends = {start: end for group_template, start, end in groups if group_template == template}
        starts = sorted(ends, reverse=True)
        requested = fields.Date.to_date(date_from) if date_from else False
        # By default the latest period already over, else the current one.
        today = fields.Date.context_today(self)
        closed = [start for start in starts if ends[start] < today]
        default = closed[0] if closed else (starts[:1] or [False])[0]
        start = requested if requested in starts else default
        period_cards = self.search(
            [("template_id", "=", template.id), ("date_from", "=", start)]
        ).sorted(lambda c: (not c.is_team, c.subject))
        red = self.env["billing.kpi.value"].search(
            [("scorecard_id", "in", period_cards.ids), ("status", "=", "red")],
            order="kra_sequence, kpi_sequence",
        )
        return {
            "templates": [{"id": t.id, "name": t.name} for t in templates],
            "template_id": template.id,
            "periods": [day.isoformat() for day in starts],
            "date_from": start and start.isoformat(),
            "kras": [
                {"id": kra.id, "name": kra.name, "weight": kra.weight} for kra in template.kra_ids
            ],
            "rows": [card._get_dashboard_row() for card in period_cards],
            "red": [
                {
                    "value_id": value.id,
                    "kpi": value.kpi_id.display_name,
                    "subject": value.subject,
                    "value": value.value_display,
                    "target": value.target,
                    "scorecard_id": value.scorecard_id.id,
                }
                for value in red
            ],
        }

    def _get_dashboard_row(self):
        return {
            "id": self.id,
            "subject": self.subject,
            "is_team": self.is_team,
            "score": self.score if self.has_score else None,
            "band": self.band_id.name or "",
            "band_color": self.band_id.color or "",
            "state": self.state,
            "red_count": self.red_count,
            # String keys, as JSON and XML-RPC need.
            "kra_scores": {
                str(line.kra_id.id): line.score if line.has_score else None
                for line in self.kra_score_ids
            },
        }


class _CardFigures:
    """The scored values of one scorecard, as read for its refresh."""

    def __init__(self):
        self.pairs = {}
        self.red = 0
        self.na = 0
        self.restated = False

    def add(self, kra_id, weight, is_input, status, score, restated):
        self.red += status == "red"
        self.na += status == "na"
        self.restated = self.restated or bool(restated)
        if not is_input:
            self.pairs.setdefault(kra_id, []).append((None if status == "na" else score, weight))

    def kra_score(self, kra_id):
        return scoring.weighted_score(self.pairs.get(kra_id, []))

    def counts(self):
        return self.red, self.na, self.restated
