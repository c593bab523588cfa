from freezegun import freeze_time

from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.tests import TransactionCase, new_test_user

from ..models.billing_kpi import LIVE_METRICS


class BillingKpiCommon(TransactionCase):
    """A small active template of two KRAs with two KPIs each, and users of
    each KPI group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Template = cls.env["billing.kpi.template"]
        cls.Kra = cls.env["billing.kra"]
        cls.Kpi = cls.env["billing.kpi"]

        cls.template = cls.Template.create(
            {
                "name": "Test Clerk",
                "kra_ids": [
                    Command.create(
                        {
                            "name": "Invoicing",
                            "sequence": 1,
                            "weight": 60,
                            "kpi_ids": [
                                Command.create(cls._kpi_vals("T1", "Invoices on time", 70)),
                                Command.create(cls._kpi_vals("T2", "Correct invoices", 30)),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Collections",
                            "sequence": 2,
                            "weight": 40,
                            "kpi_ids": [
                                Command.create(cls._kpi_vals("T3", "Payments matched", 50)),
                                Command.create(
                                    cls._kpi_vals(
                                        "T4",
                                        "Aged receivable",
                                        50,
                                        direction="lower",
                                        target=10,
                                        threshold_amber=15,
                                        threshold_red=25,
                                    )
                                ),
                            ],
                        }
                    ),
                ],
            }
        )
        cls.template.action_activate()
        cls.kra_invoicing, cls.kra_collections = cls.template.kra_ids
        cls.kpi_t1, cls.kpi_t2 = cls.kra_invoicing.kpi_ids
        cls.kpi_t3, cls.kpi_t4 = cls.kra_collections.kpi_ids

        cls.company_b = cls.env["res.company"].create({"name": "Billing Company B"})
        cls.clerk = new_test_user(
            cls.env, login="kpi_clerk", groups="base.group_user,billing_kra_kpi.group_kpi_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="kpi_manager",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager",
        )
        cls.outsider = new_test_user(cls.env, login="kpi_outsider", groups="base.group_user")

    @classmethod
    def _kpi_vals(cls, code, name, weight, **overrides):
        vals = {
            "code": code,
            "name": name,
            "description": "Share of %s in the period." % name.lower(),
            "source_kind": "manual",
            "unit": "percent",
            "direction": "higher",
            "target": 90,
            "threshold_amber": 80,
            "threshold_red": 60,
            "weight": weight,
        }
        vals.update(overrides)
        return vals


class BillingMetricsCommon(AccountTestInvoicingCommon):
    """Clerks A, B and C with users, D without one, all holding one job, and a
    draft template measuring that job with one KPI per live metric. The
    company's time zone is Europe/Brussels (UTC+1 until 29 March 2026)."""

    KPI_UNITS = {
        "invoices_per_day": "ratio",
        "discrepancy_days": "days",
        "billing_cycle_days": "days",
        "unreconciled_investigated": "count",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("billing_kra_kpi.group_kpi_admin") | cls.env.ref(
            "hr.group_hr_user"
        )
        cls.company = cls.company_data["company"]
        cls.company.partner_id.tz = "Europe/Brussels"
        cls.job = cls.env["hr.job"].create({"name": "Metrics Clerk"})
        groups = "account.group_account_invoice,billing_kra_kpi.group_kpi_user"
        cls.user_a, cls.user_b, cls.user_c = (
            new_test_user(cls.env, login=login, groups=groups, company_id=cls.company.id)
            for login in ("metrics_a", "metrics_b", "metrics_c")
        )
        cls.clerk_a, cls.clerk_b, cls.clerk_c, cls.clerk_d = cls.env["hr.employee"].create(
            [
                cls._employee_vals("Clerk A", cls.user_a),
                cls._employee_vals("Clerk B", cls.user_b),
                cls._employee_vals("Clerk C", cls.user_c),
                cls._employee_vals("Clerk D", None),
            ]
        )
        metrics = [key for key, _label in LIVE_METRICS]
        cls.template = cls.env["billing.kpi.template"].create(
            {
                "name": "Metrics Clerk",
                "job_ids": [Command.set(cls.job.ids)],
                "kra_ids": [
                    Command.create(
                        {
                            "name": "Everything",
                            "weight": 100,
                            "kpi_ids": [
                                Command.create(cls._metric_kpi_vals(key, index))
                                for index, key in enumerate(metrics)
                            ],
                        }
                    )
                ],
            }
        )
        cls.kpis = {kpi.metric: kpi for kpi in cls.template.kpi_ids}

    @classmethod
    def _employee_vals(cls, name, user):
        return {
            "name": name,
            "job_id": cls.job.id,
            "user_id": user.id if user else False,
            "company_id": cls.company.id,
        }

    @classmethod
    def _metric_kpi_vals(cls, key, index):
        return {
            "code": "M%s" % index,
            "name": key,
            "description": "Measures %s." % key,
            "source_kind": "live",
            "metric": key,
            "unit": cls.KPI_UNITS.get(key, "percent"),
            "direction": "higher",
            "target": 50,
            "threshold_amber": 40,
            "threshold_red": 20,
            # The first KPI takes what the others leave, so that they sum to 100.
            "weight": 100 - (len(LIVE_METRICS) - 1) if index == 0 else 1,
        }

    @classmethod
    def _invoice(cls, user, posted_at, amount=100.0, move_type="out_invoice", post=True, **values):
        """Create a customer document as ``user``; post it at ``posted_at`` (UTC)."""
        vals = {
            "move_type": move_type,
            "partner_id": cls.partner_a.id,
            "invoice_date": posted_at[:10],
            "invoice_line_ids": [
                Command.create(
                    {"product_id": cls.product_a.id, "price_unit": amount, "tax_ids": []}
                )
            ],
        }
        if values.get("invoice_date_due"):
            # A payment term would compute its own due date over the given one.
            vals["invoice_payment_term_id"] = False
        vals.update(values)
        with freeze_time(posted_at):
            move = cls.env["account.move"].with_user(user).create(vals)
            if post:
                move.with_user(user).action_post()
        return move

    @staticmethod
    def _frozen(when):
        return freeze_time(when)

    @classmethod
    def _at(cls, when, method, records, *args):
        """Call ``method`` on ``records`` with the clock frozen at ``when``."""
        with freeze_time(when):
            return getattr(records, method)(*args)

    @classmethod
    def _pay(cls, user, invoices, when, amount=None, **values):
        vals = {"payment_date": when[:10]}
        if amount is not None:
            vals["amount"] = amount
        vals.update(values)
        with freeze_time(when):
            wizard = (
                cls.env["account.payment.register"]
                .with_user(user)
                .with_context(active_model="account.move", active_ids=invoices.ids)
                .create(vals)
            )
            return wizard._create_payments()

    def _compute(self, metric, date_from="2026-03-01", date_to="2026-03-31"):
        """Compute ``metric`` and return {employee or "team": value row}."""
        kpi = self.kpis[metric]
        self.template.sudo().compute_kpi_values(date_from, date_to)
        rows = (
            self.env["billing.kpi.value"]
            .sudo()
            .search([("kpi_id", "=", kpi.id), ("date_from", "=", date_from)])
        )
        return {row.employee_id or "team": row for row in rows}

    def assertFigures(self, row, numerator, denominator, value, status=None):
        """Check a value row: numerator, denominator and value (None for n/a)."""
        self.assertAlmostEqual(row.numerator, numerator, places=4)
        self.assertAlmostEqual(row.denominator, denominator, places=4)
        if value is None:
            self.assertEqual(row.status, "na")
        else:
            self.assertNotEqual(row.status, "na")
            self.assertAlmostEqual(row.value, value, places=4)
        if status:
            self.assertEqual(row.status, status)


class BillingDerivedCommon(TransactionCase):
    """Clerks A and B of one job, measured by an active template whose KPIs
    are manual, formula, trend and initiative ones:

    * ``cost`` and ``count``: manual inputs per employee, summed for the team;
    * CPI: the formula ``cost / count``;
    * RATE: a manual percentage per employee, averaged for the team;
    * DOWN: a manual value entered for the team only;
    * PTS: the change of RATE against the previous month, in points;
    * PCT: the change of ``cost`` against the previous month, in percent;
    * BASE: the change of RATE against its January-February 2026 baseline;
    * IDEAS: suggestions proposed in the month;
    * DONE: process improvements completed in the month.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.job = cls.env["hr.job"].create({"name": "Derived Clerk"})
        groups = "base.group_user,billing_kra_kpi.group_kpi_user"
        cls.user_a = new_test_user(cls.env, login="derived_a", groups=groups)
        cls.user_b = new_test_user(cls.env, login="derived_b", groups=groups)
        cls.manager = new_test_user(
            cls.env,
            login="derived_manager",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager",
        )
        cls.clerk_a, cls.clerk_b = cls.env["hr.employee"].create(
            [
                {"name": "Derived A", "job_id": cls.job.id, "user_id": cls.user_a.id},
                {"name": "Derived B", "job_id": cls.job.id, "user_id": cls.user_b.id},
            ]
        )
        cls.outsider_employee = cls.env["hr.employee"].create({"name": "Not Measured"})
        cls.template = cls.env["billing.kpi.template"].create(
            {
                "name": "Derived Clerk",
                "job_ids": [Command.set(cls.job.ids)],
                "kra_ids": [
                    Command.create(
                        {"name": "Everything", "weight": 100, "kpi_ids": cls._derived_kpis()}
                    )
                ],
            }
        )
        cls.kpi = {kpi.code: kpi for kpi in cls.template.kpi_ids}
        # Kinds that depend on others are added once their inputs exist.
        cls.env["billing.kpi"].with_context(billing_kpi_defer_weight_check=True).create(
            cls._dependent_kpis()
        )
        cls.kpi = {kpi.code: kpi for kpi in cls.template.kpi_ids}
        cls.kpi["DOWN"].responsible_id = cls.manager
        cls.template.action_activate()

    @classmethod
    def _derived_kpis(cls):
        def manual(code, unit, weight, **values):
            return Command.create(
                {
                    "code": code,
                    "name": "Manual %s" % code,
                    "description": "Entered by hand: %s." % code,
                    "source_kind": "manual",
                    "unit": unit,
                    "direction": "higher",
                    "target": 90,
                    "threshold_amber": 80,
                    "threshold_red": 60,
                    "weight": weight,
                    **values,
                }
            )

        inputs = {"is_input": True, "target": 0, "threshold_amber": 0, "threshold_red": 0}
        return [
            manual("cost", "amount", 0, team_aggregation="sum", **inputs),
            manual("count", "count", 0, team_aggregation="sum", **inputs),
            manual("RATE", "percent", 25),
            manual(
                "DOWN",
                "hours",
                5,
                manual_subject="team",
                direction="lower",
                target=2,
                threshold_amber=4,
                threshold_red=8,
            ),
        ]

    @classmethod
    def _dependent_kpis(cls):
        kra = cls.template.kra_ids
        common = {"kra_id": kra.id, "description": "Derived from other KPIs."}
        return [
            {
                **common,
                "code": "CPI",
                "name": "Cost per item",
                "source_kind": "formula",
                "formula": "cost / count",
                "unit": "amount",
                "direction": "lower",
                "target": 5,
                "threshold_amber": 7,
                "threshold_red": 10,
                "weight": 30,
            },
            {
                **common,
                "code": "PTS",
                "name": "Rate change in points",
                "source_kind": "trend",
                "base_kpi_id": cls.kpi["RATE"].id,
                "trend_base": "previous",
                "trend_unit": "points",
                "unit": "percent",
                "direction": "higher",
                "target": 1,
                "threshold_amber": 0,
                "threshold_red": -5,
                "weight": 10,
            },
            {
                **common,
                "code": "PCT",
                "name": "Cost change",
                "source_kind": "trend",
                "base_kpi_id": cls.kpi["cost"].id,
                "trend_base": "previous",
                "trend_unit": "percent",
                "unit": "percent",
                "direction": "lower",
                "target": -5,
                "threshold_amber": 0,
                "threshold_red": 5,
                "weight": 10,
            },
            {
                **common,
                "code": "BASE",
                "name": "Rate against baseline",
                "source_kind": "trend",
                "base_kpi_id": cls.kpi["RATE"].id,
                "trend_base": "baseline",
                "trend_unit": "percent",
                "baseline_date_from": "2026-01-01",
                "baseline_date_to": "2026-02-28",
                "unit": "percent",
                "direction": "higher",
                "target": 10,
                "threshold_amber": 5,
                "threshold_red": 0,
                "weight": 10,
            },
            {
                **common,
                "code": "IDEAS",
                "name": "Suggestions proposed",
                "source_kind": "initiative",
                "initiative_kind": "suggestion",
                "initiative_event": "proposed",
                "unit": "count",
                "direction": "higher",
                "target": 1,
                "threshold_amber": 1,
                "threshold_red": 0,
                "weight": 5,
            },
            {
                **common,
                "code": "DONE",
                "name": "Improvements completed",
                "source_kind": "initiative",
                "initiative_kind": "process_improvement",
                "initiative_event": "completed",
                "unit": "count",
                "direction": "higher",
                "target": 1,
                "threshold_amber": 1,
                "threshold_red": 0,
                "weight": 5,
            },
        ]

    @classmethod
    def _enter(cls, kpi, employee, date_from, value, approve=True):
        """Enter a manual value of ``kpi`` (a code or a KPI) as the manager,
        and approve it unless ``approve`` is False."""
        kpi = cls.kpi[kpi] if isinstance(kpi, str) else kpi
        entry = (
            cls.env["billing.kpi.manual.value"]
            .with_user(cls.manager)
            .create(
                {
                    "kpi_id": kpi.id,
                    "employee_id": employee.id if employee else False,
                    "date_from": date_from,
                    "value": value,
                }
            )
        )
        if approve:
            entry.action_approve()
        return entry

    def _values(self, code, date_from="2026-03-01", date_to="2026-03-31"):
        """Compute the template for the range; return {employee or "team": row}
        of KPI ``code`` for the period starting on ``date_from``."""
        self.template.sudo().compute_kpi_values(date_from, date_to)
        rows = (
            self.env["billing.kpi.value"]
            .sudo()
            .search([("kpi_id", "=", self.kpi[code].id), ("date_from", "=", date_from)])
        )
        return {row.employee_id or "team": row for row in rows}

    def assertFigures(self, row, numerator, denominator, value, status=None):
        """Check a value row: numerator, denominator (None for empty) and
        value (None for n/a)."""
        self.assertAlmostEqual(row.numerator, numerator or 0.0, places=4)
        self.assertAlmostEqual(row.denominator, denominator or 0.0, places=4)
        if value is None:
            self.assertEqual(row.status, "na")
        else:
            self.assertNotEqual(row.status, "na")
            self.assertAlmostEqual(row.value, value, places=4)
        if status:
            self.assertEqual(row.status, status)
