from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged

from .common import AppraisalKpiFixture

KPI_FIELDS = ["kpi_visibility", "kpi_score", "kpi_has_score", "kpi_band_id", "kpi_kra_ids"]
# The models of the KPI result, with the path from each to the appraisal.
RESULT_MODELS = {
    "billing.appraisal.result": "appraisal_id",
    "billing.appraisal.result.kra": "result_id.appraisal_id",
    "billing.appraisal.result.scorecard": "result_id.appraisal_id",
}


@tagged("post_install", "-at_install")
class TestRpcAccess(AppraisalKpiFixture, HttpCase):
    """Who reads the KPI result of a confirmed appraisal over XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_appraisal_kpi()
        cls._appraisal("2026-01-31")
        cls.appraisal = cls._appraisal("2026-04-30")
        # Confirming unpublishes the manager's feedback.
        cls.appraisal.with_user(cls.manager_user).action_confirm()
        cls.result = cls._result(cls.appraisal)

    def _call(self, user, model, method, *args, **kwargs):
        database = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(database, user.login, user.login, {})
        return self.xmlrpc_object.execute_kw(
            database, uid, user.login, model, method, list(args), kwargs
        )

    def _read_appraisal(self, user):
        [values] = self._call(user, "hr.appraisal", "read", [self.appraisal.id], KPI_FIELDS)
        return values

    def _result_counts(self, user):
        """Return {model: records of the appraisal's KPI result that ``user`` finds}."""
        return {
            model: self._call(user, model, "search_count", [(path, "=", self.appraisal.id)])
            for model, path in RESULT_MODELS.items()
        }

    def assertSeesResult(self, user):
        values = self._read_appraisal(user)
        self.assertEqual(values["kpi_visibility"], "shown")
        self.assertAlmostEqual(values["kpi_score"], 4730 / 61)
        self.assertEqual(values["kpi_band_id"][1], "Meets")
        self.assertEqual(len(values["kpi_kra_ids"]), 2)
        counts = self._result_counts(user)
        self.assertEqual(counts["billing.appraisal.result"], 1)
        self.assertEqual(counts["billing.appraisal.result.kra"], 2)
        self.assertEqual(counts["billing.appraisal.result.scorecard"], 3)
        [result] = self._call(user, "billing.appraisal.result", "read", [self.result.id], ["score"])
        self.assertAlmostEqual(result["score"], 4730 / 61)

    def assertSeesNothing(self, user, visibility):
        values = self._read_appraisal(user)
        self.assertEqual(values["kpi_visibility"], visibility)
        self.assertEqual(values["kpi_score"], 0.0)
        self.assertFalse(values["kpi_has_score"])
        self.assertFalse(values["kpi_band_id"])
        self.assertEqual(values["kpi_kra_ids"], [])
        self.assertEqual(set(self._result_counts(user).values()), {0})
        for model, ids in (
            ("billing.appraisal.result", self.result.ids),
            ("billing.appraisal.result.kra", self.result.kra_ids.ids),
            ("billing.appraisal.result.scorecard", self.result.scorecard_line_ids.ids),
        ):
            with self.assertRaises(Fault) as caught:
                self._call(user, model, "read", ids, ["score"])
            self.assertIn("doesn't have 'read' access", caught.exception.faultString)

    def test_hr_officer_reads_result(self):
        self.assertSeesResult(self.hr_officer)

    def test_manager_reads_result(self):
        self.assertSeesResult(self.manager_user)

    def test_employee_reads_result_once_published(self):
        self.assertSeesNothing(self.clerk_user, "unpublished")

        # The publish button's method returns None, which XML-RPC cannot send,
        # so the manager writes the flag that it toggles.
        self._call(
            self.manager_user,
            "hr.appraisal",
            "write",
            [self.appraisal.id],
            {"manager_feedback_published": True},
        )
        self.assertSeesResult(self.clerk_user)

    def test_unrelated_user_reads_nothing(self):
        # hr_appraisal_oca lets an internal user outside its groups read the
        # appraisal itself, but not its KPI result.
        [appraisal] = self._call(
            self.outsider, "hr.appraisal", "read", [self.appraisal.id], ["state"]
        )
        self.assertEqual(appraisal["state"], "2_pending")
        self.assertSeesNothing(self.outsider, "hidden")

    def test_nobody_writes_figures(self):
        for user in (self.hr_officer, self.manager_user):
            with self.assertRaises(Fault) as caught:
                self._call(
                    user, "billing.appraisal.result", "write", [self.result.id], {"score": 100}
                )
            self.assertIn("cannot be changed", caught.exception.faultString)
        with self.assertRaises(Fault):
            self._call(self.hr_officer, "billing.appraisal.result", "unlink", [self.result.id])
        self.assertAlmostEqual(self.result.score, 4730 / 61)
