from odoo import Command
from odoo.tests import TransactionCase, new_test_user

FEBRUARY = "2026-02-01"
MARCH = "2026-03-01"
APRIL = "2026-04-01"


class AppraisalKpiFixture:
    """Clerk A, measured by a template of two KRAs with one manual KPI each,
    both with a target of 80 (a value of 80 scores 100):

    * Quality, weight 60, KPI Q; Speed, weight 40, KPI S;
    * February 2026 (28 days): nothing entered, so no score;
    * March 2026 (31 days): Q 80 (score 100), S 40 (score 50), overall 80;
    * April 2026 (30 days): Q 60 (score 75), S not entered, overall 75.

    Users:

    * the clerk;
    * their manager, a KPI manager and appraisal user, who is the clerk's
      parent in the employee hierarchy;
    * an HR officer of appraisals without any KPI group;
    * an internal user without any role.
    """

    @classmethod
    def _setup_appraisal_kpi(cls):
        cls.clerk_user = new_test_user(
            cls.env,
            login="appraised_clerk",
            groups="base.group_user,billing_kra_kpi.group_kpi_user,"
            "hr_appraisal_oca.group_appraisal_user",
        )
        cls.manager_user = new_test_user(
            cls.env,
            login="appraising_manager",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager,"
            "hr_appraisal_oca.group_appraisal_user",
        )
        cls.hr_officer = new_test_user(
            cls.env,
            login="appraisal_officer",
            groups="base.group_user,hr_appraisal_oca.group_appraisal_hr_officer",
        )
        cls.outsider = new_test_user(cls.env, login="appraisal_outsider", groups="base.group_user")

        cls.job = cls.env["hr.job"].create({"name": "Appraised Clerk"})
        cls.boss = cls.env["hr.employee"].create(
            {"name": "Appraising Boss", "user_id": cls.manager_user.id}
        )
        cls.clerk = cls.env["hr.employee"].create(
            {
                "name": "Clerk A",
                "job_id": cls.job.id,
                "user_id": cls.clerk_user.id,
                "parent_id": cls.boss.id,
            }
        )
        cls.template = cls.env["billing.kpi.template"].create(
            {
                "name": "Appraised Clerk",
                "job_ids": [Command.set(cls.job.ids)],
                "kra_ids": [
                    Command.create(cls._kra_vals("Quality", 1, 60, "Q")),
                    Command.create(cls._kra_vals("Speed", 2, 40, "S")),
                ],
            }
        )
        cls.template.action_activate()
        cls.kra_quality, cls.kra_speed = cls.template.kra_ids
        cls.kpi = {kpi.code: kpi for kpi in cls.template.kpi_ids}

        for code, date_from, value in (("Q", MARCH, 80), ("S", MARCH, 40), ("Q", APRIL, 60)):
            cls._enter(code, date_from, value)
        cls.template.sudo().compute_kpi_values(FEBRUARY, "2026-04-30")
        cards = cls.env["billing.scorecard"].search(
            [("template_id", "=", cls.template.id), ("employee_id", "=", cls.clerk.id)]
        )
        cls.card = {str(card.date_from): card for card in cards}

    @classmethod
    def _kra_vals(cls, name, sequence, weight, code):
        return {
            "name": name,
            "sequence": sequence,
            "weight": weight,
            "kpi_ids": [
                Command.create(
                    {
                        "code": code,
                        "name": "%s entered" % name,
                        "description": "%s of the month, entered by the manager." % name,
                        "source_kind": "manual",
                        "unit": "percent",
                        "direction": "higher",
                        "target": 80,
                        "threshold_amber": 70,
                        "threshold_red": 50,
                        "weight": 100,
                    }
                )
            ],
        }

    @classmethod
    def _enter(cls, code, date_from, value):
        """Enter and approve, as the manager, the value of KPI ``code`` of
        the clerk for the month starting on ``date_from``."""
        entry = (
            cls.env["billing.kpi.manual.value"]
            .with_user(cls.manager_user)
            .create(
                {
                    "kpi_id": cls.kpi[code].id,
                    "employee_id": cls.clerk.id,
                    "date_from": date_from,
                    "value": value,
                }
            )
        )
        entry.action_approve()
        return entry

    @classmethod
    def _reenter(cls, code, date_from, value):
        """Change the approved value of KPI ``code`` for the month starting
        on ``date_from``, which recomputes that month."""
        entry = cls.env["billing.kpi.manual.value"].search(
            [
                ("kpi_id", "=", cls.kpi[code].id),
                ("employee_id", "=", cls.clerk.id),
                ("date_from", "=", date_from),
            ]
        )
        entry = entry.with_user(cls.manager_user)
        entry.action_reset()
        entry.write({"value": value})
        entry.action_approve()

    @classmethod
    def _appraisal(cls, date_close, employee=None):
        return cls.env["hr.appraisal"].create(
            {"employee_id": (employee or cls.clerk).id, "date_close": date_close}
        )

    @classmethod
    def _result(cls, appraisal):
        return cls.env["billing.appraisal.result"].search([("appraisal_id", "=", appraisal.id)])


class AppraisalKpiCommon(AppraisalKpiFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_appraisal_kpi()
