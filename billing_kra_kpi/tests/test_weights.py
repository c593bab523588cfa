from odoo import Command
from odoo.exceptions import ValidationError

from .common import BillingKpiCommon


class TestWeights(BillingKpiCommon):
    def _draft_template(self, kra_weights, kpi_weights=(50, 50)):
        kras = []
        for index, kra_weight in enumerate(kra_weights):
            kpis = [
                Command.create(
                    self._kpi_vals("D%s.%s" % (index, number), "KPI %s" % number, weight)
                )
                for number, weight in enumerate(kpi_weights)
            ]
            kras.append(
                Command.create({"name": "Area %s" % index, "weight": kra_weight, "kpi_ids": kpis})
            )
        return self.Template.create({"name": "Draft Clerk", "kra_ids": kras})

    def test_activate_rejects_kra_total(self):
        template = self._draft_template([60, 35])
        with self.assertRaises(ValidationError) as caught:
            template.action_activate()
        self.assertEqual(
            caught.exception.args[0],
            "The KRA weights of template Draft Clerk sum to 95%, not 100%. "
            "Adjust the weights of its KRAs.",
        )
        self.assertEqual(template.state, "draft")

    def test_activate_rejects_kpi_total(self):
        template = self._draft_template([50, 50], kpi_weights=(50, 40))
        with self.assertRaises(ValidationError) as caught:
            template.action_activate()
        self.assertEqual(
            caught.exception.args[0],
            "The KPI weights of KRA Area 0 in template Draft Clerk sum to 90%, not 100%. "
            "Adjust the weights of its KPIs.",
        )
        self.assertEqual(template.state, "draft")

    def test_activate_rejects_empty_template(self):
        template = self.Template.create({"name": "Empty Clerk"})
        with self.assertRaises(ValidationError) as caught:
            template.action_activate()
        self.assertEqual(
            caught.exception.args[0],
            "Template Empty Clerk has no KRA. Add KRAs whose weights sum to 100%.",
        )

    def test_activate_accepts_fractional_weights(self):
        template = self._draft_template([33.33, 33.33, 33.34])
        template.action_activate()
        self.assertEqual(template.state, "active")
        self.assertAlmostEqual(template.kra_weight_total, 100.0, places=2)

    def test_draft_template_keeps_any_total(self):
        template = self._draft_template([60, 35])
        template.kra_ids[0].weight = 10
        self.assertAlmostEqual(template.kra_weight_total, 45.0)

    def test_active_kra_weight_change_rejected(self):
        with self.assertRaises(ValidationError) as caught:
            self.kra_invoicing.weight = 62.5
        self.assertEqual(
            caught.exception.args[0],
            "The KRA weights of template Test Clerk sum to 102.5%, not 100%. "
            "Adjust the weights of its KRAs.",
        )
        self.env.invalidate_all()
        self.assertEqual(self.kra_invoicing.weight, 60)

    def test_active_kpi_weight_change_rejected(self):
        with self.assertRaises(ValidationError) as caught:
            self.kpi_t3.weight = 45
        self.assertEqual(
            caught.exception.args[0],
            "The KPI weights of KRA Collections in template Test Clerk sum to 95%, "
            "not 100%. Adjust the weights of its KPIs.",
        )
        self.env.invalidate_all()
        self.assertEqual(self.kpi_t3.weight, 50)

    def test_active_template_moves_weight_in_one_save(self):
        self.template.write(
            {
                "kra_ids": [
                    Command.update(self.kra_invoicing.id, {"weight": 45}),
                    Command.update(self.kra_collections.id, {"weight": 55}),
                ]
            }
        )
        self.assertEqual(self.template.kra_ids.mapped("weight"), [45, 55])

    def test_active_kra_moves_kpi_weight_in_one_save(self):
        self.kra_invoicing.write(
            {
                "kpi_ids": [
                    Command.update(self.kpi_t1.id, {"weight": 20}),
                    Command.update(self.kpi_t2.id, {"weight": 80}),
                ]
            }
        )
        self.assertEqual(self.kra_invoicing.kpi_ids.mapped("weight"), [20, 80])

    def test_active_kpi_unlink_rejected(self):
        with self.assertRaises(ValidationError):
            self.kpi_t4.unlink()
        self.assertTrue(self.kpi_t4.exists())

    def test_active_kpi_added_with_rebalance(self):
        self.kra_collections.write(
            {
                "kpi_ids": [
                    Command.update(self.kpi_t3.id, {"weight": 25}),
                    Command.update(self.kpi_t4.id, {"weight": 25}),
                    Command.create(self._kpi_vals("T5", "Payments explained", 50)),
                ]
            }
        )
        self.assertEqual(self.kra_collections.kpi_count, 3)
        self.assertEqual(self.kra_collections.kpi_weight_total, 100)

    def test_kra_negative_weight_rejected(self):
        template = self._draft_template([60, 40])
        with self.assertRaises(ValidationError) as caught:
            template.kra_ids[0].weight = -5
        self.assertEqual(
            caught.exception.args[0],
            "The weight of KRA Area 0 is -5%; a weight must be between 0 and 100%.",
        )

    def test_kpi_weight_over_100_rejected(self):
        template = self._draft_template([60, 40])
        with self.assertRaises(ValidationError) as caught:
            template.kra_ids[0].kpi_ids[0].weight = 120
        self.assertEqual(
            caught.exception.args[0],
            "The weight of KPI D0.0 KPI 0 is 120%; a weight must be between 0 and 100%.",
        )

    def test_set_draft_allows_rework(self):
        self.template.action_set_draft()
        self.kra_invoicing.weight = 10
        self.assertEqual(self.template.state, "draft")
        with self.assertRaises(ValidationError):
            self.template.action_activate()
