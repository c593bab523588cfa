from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import BillingDerivedCommon

MARCH = ("2026-03-01", "2026-03-31")


class BillingScorecardCommon(BillingDerivedCommon):
    """March 2026 for clerks A and B:

    * A: RATE 90 (score 100), cost 100 for 20 items (CPI 5, score 100);
    * B: RATE 45 (score 50), cost 50 for 5 items (CPI 10, score 50), one
      suggestion proposed (IDEAS 1, score 100);
    * the team: downtime 2 hours (DOWN, score 100).

    Trends have no February to compare with (n/a); DONE is 0 for everyone.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The manager leads both clerks, so their scorecards are visible to them.
        boss = cls.env["hr.employee"].create({"name": "Derived Boss", "user_id": cls.manager.id})
        (cls.clerk_a | cls.clerk_b).parent_id = boss
        for code, employee, value in (
            ("RATE", cls.clerk_a, 90),
            ("cost", cls.clerk_a, 100),
            ("count", cls.clerk_a, 20),
            ("RATE", cls.clerk_b, 45),
            ("cost", cls.clerk_b, 50),
            ("count", cls.clerk_b, 5),
            ("DOWN", False, 2),
        ):
            cls._enter(code, employee, MARCH[0], value)
        cls.env["billing.improvement.initiative"].create(
            {
                "name": "Shorter reminders",
                "kind": "suggestion",
                "proposer_id": cls.clerk_b.id,
                "date_proposed": "2026-03-12",
            }
        )
        cls.template.sudo().compute_kpi_values(*MARCH)
        cls.Scorecard = cls.env["billing.scorecard"]
        cards = cls.Scorecard.search([("template_id", "=", cls.template.id)])
        cls.card = {card.employee_id or "team": card for card in cards}


class TestScorecardScores(BillingScorecardCommon):
    def test_one_scorecard_per_member_and_team(self):
        self.assertEqual(set(self.card), {self.clerk_a, self.clerk_b, "team"})
        self.assertEqual(len(self.card[self.clerk_a].value_ids), len(self.template.kpi_ids))
        self.assertEqual(str(self.card["team"].date_to), "2026-03-31")

    def test_weighted_scores_with_na_left_out(self):
        # A: (100 x 25 + 100 x 30 + 0 x 5 + 0 x 5) / 65; PTS, PCT, BASE and
        # DOWN are n/a and their weights are left out.
        card = self.card[self.clerk_a]
        self.assertAlmostEqual(card.score, 5500 / 65)
        self.assertEqual(card.band_id, self.env.ref("billing_kra_kpi.billing_rating_band_meets"))
        self.assertEqual(card.kra_score_ids.kra_id, self.template.kra_ids)
        self.assertAlmostEqual(card.kra_score_ids.score, 5500 / 65)
        self.assertEqual(card.na_count, 4)
        self.assertEqual(card.red_count, 0)

    def test_low_score_band_and_red_count(self):
        # B: (50 x 25 + 50 x 30 + 100 x 5 + 0 x 5) / 65 = 50.
        card = self.card[self.clerk_b]
        self.assertAlmostEqual(card.score, 50.0)
        self.assertEqual(card.band_id, self.env.ref("billing_kra_kpi.billing_rating_band_below"))
        self.assertEqual(card.red_count, 1)

    def test_team_scorecard(self):
        # RATE 67.5 (score 75), CPI 150 / 25 = 6 (score 500 / 6), DOWN 100,
        # IDEAS 100, DONE 0: (75 x 25 + 2500 + 500 + 500 + 0) / 70.
        self.assertAlmostEqual(self.card["team"].score, 5375 / 70)

    def test_recompute_refreshes_in_place(self):
        entry = self.env["billing.kpi.manual.value"].search(
            [("kpi_id", "=", self.kpi["RATE"].id), ("employee_id", "=", self.clerk_b.id)]
        )
        entry.with_user(self.manager).action_reset()
        entry.with_user(self.manager).write({"value": 90})
        entry.with_user(self.manager).action_approve()

        card = self.Scorecard.search(
            [("template_id", "=", self.template.id), ("employee_id", "=", self.clerk_b.id)]
        )
        self.assertEqual(card, self.card[self.clerk_b])
        # RATE now scores 100: (100 x 25 + 50 x 30 + 100 x 5) / 65.
        self.assertAlmostEqual(card.score, 4500 / 65)

    def test_scorecard_widget_data(self):
        data = self.card[self.clerk_a].card
        self.assertAlmostEqual(data["score"], 5500 / 65)
        self.assertEqual(data["band"], "Meets")
        kpis = {kpi["code"]: kpi for kpi in data["sections"][0]["kpis"]}
        self.assertEqual(kpis["RATE"]["value"], "90.00%")
        self.assertEqual(kpis["RATE"]["history"], [["2026-03-01", 90.0]])
        self.assertEqual(kpis["PTS"]["value"], "n/a")
        self.assertIsNone(kpis["PTS"]["achievement"])
        self.assertTrue(kpis["cost"]["is_input"])


class TestScorecardReview(BillingScorecardCommon):
    def test_confirm_and_lock(self):
        card = self.card[self.clerk_b]
        card.with_user(self.manager).action_confirm()
        self.assertEqual(card.state, "confirmed")
        self.assertEqual(card.confirmed_by_id, self.manager)

        card.with_user(self.manager).action_lock()
        self.assertEqual(card.state, "locked")
        self.assertTrue(all(card.value_ids.mapped("locked")))
        # The whole period is locked with it.
        self.assertEqual(self.card["team"].state, "locked")

        entry = self.env["billing.kpi.manual.value"].search(
            [("kpi_id", "=", self.kpi["RATE"].id), ("employee_id", "=", self.clerk_b.id)]
        )
        entry.with_user(self.manager).action_reset()
        entry.with_user(self.manager).write({"value": 90})
        entry.with_user(self.manager).action_approve()

        self.assertTrue(card.restatement_pending)
        self.assertAlmostEqual(card.score, 50.0)

    def test_clerk_comments_own_draft_only(self):
        own = self.card[self.clerk_a].with_user(self.user_a)
        own.write({"comment": "A busy month-end."})
        self.assertEqual(own.comment, "A busy month-end.")

        with self.assertRaises(AccessError):
            self.card[self.clerk_b].with_user(self.user_a).write({"comment": "Not mine"})
        with self.assertRaisesRegex(AccessError, "Only KPI managers can confirm"):
            own.action_confirm()

        self.card[self.clerk_a].with_user(self.manager).action_confirm()
        with self.assertRaisesRegex(UserError, "comments are closed"):
            own.write({"comment": "Too late"})


class TestScorecardAccess(BillingScorecardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_manager = new_test_user(
            cls.env,
            login="derived_team_manager",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager",
        )
        boss = cls.env["hr.employee"].create({"name": "Team Boss", "user_id": cls.team_manager.id})
        cls.clerk_a.parent_id = boss
        cls.outsider_manager = new_test_user(
            cls.env,
            login="derived_other_manager",
            groups="base.group_user,billing_kra_kpi.group_kpi_manager",
        )
        cls.admin = new_test_user(
            cls.env,
            login="derived_admin",
            groups="base.group_user,billing_kra_kpi.group_kpi_admin",
        )

    def _visible(self, user, model="billing.scorecard"):
        records = self.env[model].with_user(user).search([("template_id", "=", self.template.id)])
        return {record.employee_id.name or "team" for record in records}

    def test_clerk_sees_own(self):
        self.assertEqual(self._visible(self.user_a), {"Derived A"})

    def test_manager_sees_their_team(self):
        self.assertEqual(self._visible(self.team_manager), {"Derived A", "team"})
        self.assertEqual(
            self._visible(self.team_manager, "billing.kpi.value"), {"Derived A", "team"}
        )
        self.assertEqual(self._visible(self.manager), {"Derived B", "team"})
        self.assertEqual(self._visible(self.outsider_manager), {"team"})

    def test_administrator_sees_all(self):
        self.assertEqual(self._visible(self.admin), {"Derived A", "Derived B", "team"})

    def test_dashboard_shows_what_the_user_may_see(self):
        data = self.Scorecard.with_user(self.team_manager).get_dashboard_data(
            template_id=self.template.id
        )
        self.assertEqual(data["date_from"], "2026-03-01")
        self.assertEqual([row["subject"] for row in data["rows"]], ["Team", "Derived A"])
        self.assertAlmostEqual(data["rows"][1]["score"], 5500 / 65)
        kra = self.template.kra_ids
        self.assertAlmostEqual(data["rows"][1]["kra_scores"][str(kra.id)], 5500 / 65)
        self.assertEqual(data["red"], [])

        data = self.Scorecard.with_user(self.admin).get_dashboard_data(template_id=self.template.id)
        self.assertEqual([red["subject"] for red in data["red"]], ["Derived B"])


class TestValueAggregation(BillingScorecardCommon):
    def _average(self, code, employees_only=True):
        domain = [("kpi_id", "=", self.kpi[code].id)]
        if employees_only:
            domain.append(("is_team", "=", False))
        [(average,)] = self.env["billing.kpi.value"]._read_group(domain, [], ["value:avg"])
        return average

    def test_rates_reaggregate_from_their_sums(self):
        # CPI: (100 + 50) / (20 + 5) = 6, not the mean of 5 and 10.
        self.assertAlmostEqual(self._average("CPI"), 6.0)
        # With the team row the sums double, and so the ratio stays.
        self.assertAlmostEqual(self._average("CPI", employees_only=False), 6.0)

    def test_other_values_are_averaged(self):
        self.assertAlmostEqual(self._average("RATE"), 67.5)
        self.assertAlmostEqual(self._average("IDEAS"), 0.5)


class TestScorecardWithoutBand(BillingDerivedCommon):
    def test_score_below_every_band(self):
        self.env["billing.rating.band"].search([]).action_archive()
        self._enter("RATE", self.clerk_a, MARCH[0], 90)

        self.template.sudo().compute_kpi_values(*MARCH)

        card = self.env["billing.scorecard"].search([("employee_id", "=", self.clerk_a.id)])
        self.assertTrue(card.has_score)
        self.assertFalse(card.band_id)
