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
