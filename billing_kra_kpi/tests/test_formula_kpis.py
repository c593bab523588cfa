import doctest

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase

from ..lib import formula
from .common import BillingDerivedCommon


class TestFormulaParser(BaseCase):
    def test_doctests(self):
        result = doctest.testmod(formula)
        self.assertFalse(result.failed)
        self.assertGreater(result.attempted, 0)

    def test_precedence_and_parentheses(self):
        values = {"a": 2.0, "b": 3.0, "7.4": 4.0}
        self.assertEqual(formula.parse("a + b * [7.4]").evaluate(values), 14.0)
        self.assertEqual(formula.parse("(a + b) * [7.4]").evaluate(values), 20.0)
        self.assertEqual(formula.parse("a - b - 1").evaluate(values), -2.0)
        self.assertEqual(formula.parse("-a / -4").evaluate(values), 0.5)
        self.assertEqual(formula.parse("a / b / 2").evaluate({"a": 12.0, "b": 3.0}), 2.0)

    def test_references_in_order_of_use(self):
        self.assertEqual(formula.parse("b / a + b * [1.1]").references(), ["b", "a", "1.1"])

    def test_missing_input_or_division_by_zero_gives_none(self):
        node = formula.parse("a / (b - 3)")
        self.assertIsNone(node.evaluate({"a": 1.0, "b": 3.0}))
        self.assertIsNone(node.evaluate({"a": 1.0}))
        self.assertIsNone(node.evaluate({"a": None, "b": 4.0}))

    def test_rejected_syntax(self):
        cases = {
            "": ("empty", 1),
            "a +": ("incomplete", 4),
            "(a + b": ("unclosed", 7),
            "a b": ("unexpected", 3),
            "a ** b": ("unexpected", 4),
            "__import__('os')": ("unexpected", 12),
            "a.real()": ("unexpected", 7),
            "a % b": ("unexpected", 3),
        }
        for text, (reason, position) in cases.items():
            with self.subTest(text=text), self.assertRaises(formula.FormulaError) as caught:
                formula.parse(text)
            self.assertEqual(
                (caught.exception.reason, caught.exception.position), (reason, position)
            )

    def test_division_sides(self):
        numerator, denominator = formula.division_operands(formula.parse("(a + b) / c"))
        self.assertEqual(numerator.evaluate({"a": 1.0, "b": 2.0}), 3.0)
        self.assertEqual(denominator.references(), ["c"])
        self.assertIsNone(formula.division_operands(formula.parse("a / b + 1")))


class TestFormulaKpis(BillingDerivedCommon):
    def test_cost_per_item(self):
        self._enter("cost", self.clerk_a, "2026-03-01", 100)
        self._enter("count", self.clerk_a, "2026-03-01", 20)
        self._enter("cost", self.clerk_b, "2026-03-01", 50)
        self._enter("count", self.clerk_b, "2026-03-01", 5)

        rows = self._values("CPI")

        # Lower is better: target 5, amber above 7, red above 10.
        self.assertFigures(rows[self.clerk_a], 100, 20, 5.0, "green")
        self.assertFigures(rows[self.clerk_b], 50, 5, 10.0, "amber")
        # The team divides the summed cost by the summed count: 150 / 25.
        self.assertFigures(rows["team"], 150, 25, 6.0, "green")
        self.assertAlmostEqual(rows[self.clerk_b].score, 50.0)

    def test_division_by_zero_and_missing_input_are_na(self):
        self._enter("cost", self.clerk_a, "2026-03-01", 100)
        self._enter("count", self.clerk_a, "2026-03-01", 0)
        self._enter("count", self.clerk_b, "2026-03-01", 4)

        rows = self._values("CPI")

        self.assertEqual(rows[self.clerk_a].status, "na")
        self.assertEqual(rows[self.clerk_b].status, "na")
        self.assertFigures(rows["team"], 100, 4, 25.0, "red")

    def test_empty_period_is_na(self):
        rows = self._values("CPI", "2026-05-01", "2026-05-31")
        self.assertEqual({row.status for row in rows.values()}, {"na"})

    def test_inputs_of_a_value(self):
        self._enter("cost", self.clerk_a, "2026-03-01", 100)
        self._enter("count", self.clerk_a, "2026-03-01", 20)
        row = self._values("CPI")[self.clerk_a]

        action = row.action_open_inputs()

        inputs = self.env["billing.kpi.value"].search(action["domain"])
        self.assertEqual(inputs.kpi_id, self.kpi["cost"] | self.kpi["count"])
        self.assertEqual(inputs.employee_id, self.clerk_a)


class TestFormulaValidation(BillingDerivedCommon):
    def assertFormulaRejected(self, text, message):
        kpi = self.kpi["CPI"]
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            kpi.write({"formula": text})
            kpi.flush_recordset()
        kpi.invalidate_recordset()
        self.assertEqual(kpi.formula, "cost / count")

    def test_unknown_code(self):
        self.assertFormulaRejected(
            "cost / invoices",
            "refers to invoices, which is not the code of a KPI of template Derived Clerk",
        )

    def test_python_is_not_a_formula(self):
        self.assertFormulaRejected(
            "__import__('os')", r"invalid at position 12: \"'\" is not allowed"
        )
        self.assertFormulaRejected("cost.real", "refers to cost.real")
        self.assertFormulaRejected("cost / (count", "a parenthesis is not closed")
        self.assertFormulaRejected("cost /", "it ends after an operator")

    def test_cycle(self):
        self.assertFormulaRejected("CPI * 2", r"depends on itself through CPI -> CPI")
        with self.assertRaisesRegex(ValidationError, r"CPI -> PTS -> CPI"), self.env.cr.savepoint():
            self.kpi["PTS"].write({"base_kpi_id": self.kpi["CPI"].id, "trend_unit": "percent"})
            self.kpi["CPI"].write({"formula": "PTS + 1"})

    def test_renaming_an_input_breaks_the_formula(self):
        with self.assertRaisesRegex(ValidationError, "refers to cost"), self.env.cr.savepoint():
            self.kpi["cost"].write({"code": "costs"})
        with self.assertRaisesRegex(ValidationError, "refers to count"), self.env.cr.savepoint():
            self.kpi["count"].action_archive()

    def test_input_of_another_periodicity(self):
        with self.assertRaisesRegex(ValidationError, "Formula inputs must share"):
            self.kpi["count"].write({"periodicity": "quarter"})

    def test_code_starting_with_a_digit_in_brackets(self):
        items = self.kpi["count"].copy({"code": "7.4", "name": "Items"})
        self.kpi["CPI"].write({"formula": "cost / [7.4]"})
        self._enter("cost", self.clerk_a, "2026-03-01", 30)
        self._enter(items, self.clerk_a, "2026-03-01", 10)

        self.assertAlmostEqual(self._values("CPI")[self.clerk_a].value, 3.0)

    def test_new_kpi_does_not_check_other_formulas(self):
        """An upgrade adds the inputs of a formula one by one: adding the first
        one must not fail on the second, still missing."""
        self.env.cr.execute(
            "UPDATE billing_kpi SET formula = 'cost / later' WHERE id = %s", [self.kpi["CPI"].id]
        )
        self.kpi["CPI"].invalidate_recordset(["formula"])

        added = self.kpi["count"].copy({"code": "sooner", "name": "Sooner"})

        self.assertEqual(added.code, "sooner")
