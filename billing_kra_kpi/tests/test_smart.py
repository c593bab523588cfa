from odoo import Command
from odoo.exceptions import UserError

from .common import BillingKpiCommon


class TestSmart(BillingKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.action_set_draft()

    def _criteria(self, kpi):
        return {
            "specific": kpi.smart_specific,
            "measurable": kpi.smart_measurable,
            "achievable": kpi.smart_achievable,
            "relevant": kpi.smart_relevant,
            "time_bound": kpi.smart_time_bound,
        }

    def _assert_only_gap(self, kpi, criterion, issues):
        expected = {name: name != criterion for name in self._criteria(kpi)}
        self.assertEqual(self._criteria(kpi), expected)
        self.assertFalse(kpi.is_smart)
        self.assertEqual(kpi.smart_issues, issues)

    def test_complete_kpi_is_smart(self):
        self.assertTrue(self.kpi_t1.is_smart)
        self.assertTrue(all(self._criteria(self.kpi_t1).values()))
        self.assertFalse(self.kpi_t1.smart_issues)

    def test_no_description_not_specific(self):
        self.kpi_t1.description = "  "
        self._assert_only_gap(
            self.kpi_t1, "specific", "Specific: no description of how it is measured"
        )

    def test_live_without_metric_not_measurable(self):
        self.kpi_t1.source_kind = "live"
        self._assert_only_gap(
            self.kpi_t1,
            "measurable",
            "Measurable: no computation: a live KPI needs a live metric",
        )
        self.kpi_t1.metric = "paid_on_time"
        self.assertTrue(self.kpi_t1.is_smart)

    def test_formula_without_text_not_measurable(self):
        self.kpi_t1.source_kind = "formula"
        self._assert_only_gap(
            self.kpi_t1,
            "measurable",
            "Measurable: no computation: a formula KPI needs a formula",
        )

    def test_trend_without_base_not_measurable(self):
        self.kpi_t1.source_kind = "trend"
        self._assert_only_gap(
            self.kpi_t1,
            "measurable",
            "Measurable: no computation: a trend KPI needs a base KPI or a live metric",
        )
        self.kpi_t1.base_kpi_id = self.kpi_t2
        self.assertTrue(self.kpi_t1.is_smart)

    def test_initiative_without_kind_not_measurable(self):
        self.kpi_t1.source_kind = "initiative"
        self._assert_only_gap(
            self.kpi_t1,
            "measurable",
            "Measurable: no computation: an initiative KPI needs an initiative kind",
        )

    def test_zero_target_not_achievable(self):
        self.kpi_t1.write({"target": 0, "threshold_amber": 0, "threshold_red": 0})
        self._assert_only_gap(
            self.kpi_t1,
            "achievable",
            "Achievable: no target: a higher-is-better KPI needs a target above 0",
        )

    def test_zero_target_lower_is_achievable(self):
        self.kpi_t4.write({"target": 0, "threshold_amber": 1, "threshold_red": 3})
        self.assertTrue(self.kpi_t4.is_smart)

    def test_zero_weight_not_relevant(self):
        self.kpi_t2.weight = 0
        self._assert_only_gap(
            self.kpi_t2,
            "relevant",
            "Relevant: weight 0: it does not count in the KRA score",
        )

    def test_zero_kra_weight_not_relevant(self):
        self.kra_invoicing.weight = 0
        self._assert_only_gap(
            self.kpi_t1, "relevant", "Relevant: its KRA has weight 0 in the template"
        )

    def test_several_gaps_listed_in_order(self):
        self.kpi_t1.write(
            {
                "description": False,
                "target": 0,
                "threshold_amber": 0,
                "threshold_red": 0,
                "weight": 0,
            }
        )
        self.assertEqual(
            self.kpi_t1.smart_issues,
            "Specific: no description of how it is measured\n"
            "Achievable: no target: a higher-is-better KPI needs a target above 0\n"
            "Relevant: weight 0: it does not count in the KRA score",
        )

    def test_activation_blocked_by_gap(self):
        self.kpi_t3.description = False
        with self.assertRaises(UserError) as caught:
            self.template.action_activate()
        self.assertEqual(
            caught.exception.args[0],
            "Template Test Clerk cannot be activated because these KPIs are not SMART:\n"
            "T3 Payments matched: Specific: no description of how it is measured",
        )
        self.assertEqual(self.template.state, "draft")

    def test_not_smart_filter(self):
        self.kpi_t3.description = False
        not_smart = self.Kpi.search(
            [("template_id", "=", self.template.id), ("is_smart", "=", False)]
        )
        self.assertEqual(not_smart, self.kpi_t3)

    def test_new_kra_kpis_smart_on_create(self):
        self.template.write(
            {
                "kra_ids": [
                    Command.create(
                        {
                            "name": "Reporting",
                            "weight": 10,
                            "kpi_ids": [Command.create(self._kpi_vals("R1", "Reports", 100))],
                        }
                    )
                ]
            }
        )
        self.assertTrue(self.template.kpi_ids.filtered(lambda k: k.code == "R1").is_smart)
