from odoo import Command
from odoo.tests import TransactionCase, new_test_user


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
