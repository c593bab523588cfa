from unittest import TestCase

from ..lib import scoring

# value, target, red threshold, direction, expected achievement in %
ACHIEVEMENT_CASES = [
    (85, 85, 60, "higher", 100.0),
    (75, 85, 60, "higher", 75 / 85 * 100),
    (0, 85, 60, "higher", 0.0),
    (200, 85, 60, "higher", 150.0),
    (10, 10, 25, "lower", 100.0),
    (20, 10, 25, "lower", 50.0),
    (5, 10, 25, "lower", 150.0),
    (0, 10, 25, "lower", 150.0),
    # A lower-is-better count with a target of 0: linear from red (2) to 0.
    (0, 0, 2, "lower", 100.0),
    (1, 0, 2, "lower", 50.0),
    (2, 0, 2, "lower", 0.0),
    (3, 0, 2, "lower", 0.0),
    # Target 0 and red threshold 0: all or nothing.
    (0, 0, 0, "lower", 100.0),
    (1, 0, 0, "lower", 0.0),
    # A trend whose target is a 5 % reduction, red above +5 %.
    (-5, -5, 5, "lower", 100.0),
    (0, -5, 5, "lower", 50.0),
    (-10, -5, 5, "lower", 150.0),
    (8, -5, 5, "lower", 0.0),
    # A higher-is-better trend may fall below 0.
    (-3, 2, -5, "higher", 0.0),
    (1, 2, -5, "higher", 50.0),
    (None, 85, 60, "higher", None),
]

# value, amber, red, direction, expected status
STATUS_CASES = [
    (90, 75, 60, "higher", "green"),
    (75, 75, 60, "higher", "green"),
    (74.99, 75, 60, "higher", "amber"),
    (60, 75, 60, "higher", "amber"),
    (59.9, 75, 60, "higher", "red"),
    (10, 15, 25, "lower", "green"),
    (15, 15, 25, "lower", "green"),
    (15.1, 15, 25, "lower", "amber"),
    (25, 15, 25, "lower", "amber"),
    (25.1, 15, 25, "lower", "red"),
    (0, 0, 2, "lower", "green"),
    (1, 0, 2, "lower", "amber"),
    (3, 0, 2, "lower", "red"),
    (None, 75, 60, "higher", "na"),
]


class TestScoring(TestCase):
    def test_achievement_table(self):
        for value, target, red, direction, expected in ACHIEVEMENT_CASES:
            with self.subTest(value=value, target=target, red=red, direction=direction):
                result = scoring.achievement(value, target, red, direction)
                if expected is None:
                    self.assertIsNone(result)
                else:
                    self.assertAlmostEqual(result, expected, places=6)

    def test_status_table(self):
        for value, amber, red, direction, expected in STATUS_CASES:
            with self.subTest(value=value, amber=amber, red=red, direction=direction):
                self.assertEqual(scoring.status(value, amber, red, direction), expected)

    def test_kpi_score_capped_at_100(self):
        self.assertEqual(scoring.kpi_score(150.0), 100.0)
        self.assertEqual(scoring.kpi_score(62.5), 62.5)
        self.assertEqual(scoring.kpi_score(0.0), 0.0)
        self.assertIsNone(scoring.kpi_score(None))

    def test_weighted_score_renormalises_na(self):
        # 80 x 50 + 60 x 25 over the 75 points of weight left: 73.33...
        score = scoring.weighted_score([(80, 50), (None, 25), (60, 25)])
        self.assertAlmostEqual(score, (80 * 50 + 60 * 25) / 75)

    def test_weighted_score_all_na(self):
        self.assertIsNone(scoring.weighted_score([(None, 60), (None, 40)]))
        self.assertIsNone(scoring.weighted_score([]))

    def test_weighted_score_zero_weights(self):
        self.assertIsNone(scoring.weighted_score([(80, 0), (None, 100)]))

    def test_weighted_score_template_level(self):
        # KRA scores 90 (weight 15), 50 (weight 10), n/a (weight 75).
        self.assertEqual(scoring.weighted_score([(90, 15), (50, 10), (None, 75)]), 74.0)

    def test_ratio(self):
        self.assertEqual(scoring.ratio(3, 4), 75.0)
        self.assertEqual(scoring.ratio(3, 4, scale=1), 0.75)
        self.assertIsNone(scoring.ratio(0, 0))
        self.assertIsNone(scoring.ratio(5, None))
