from unittest import TestCase

from ..lib import number_formats
from ..lib.sheet_names import MAX_LENGTH, SheetNamer, clean_sheet_name


class TestSheetNames(TestCase):
    def test_forbidden_characters_replaced(self):
        self.assertEqual(clean_sheet_name("A/B: [C]*?\\D"), "A B C D")

    def test_outer_apostrophes_removed(self):
        self.assertEqual(clean_sheet_name("'Quoted'"), "Quoted")

    def test_empty_name_gets_fallback(self):
        self.assertEqual(clean_sheet_name(" / "), "Sheet")

    def test_long_name_cut(self):
        name = clean_sheet_name("x" * 40)
        self.assertEqual(len(name), MAX_LENGTH)

    def test_shared_prefix_stays_unique(self):
        namer = SheetNamer()
        prefix = "Accounts receivable reconciliation"
        first = namer.name(prefix + " accuracy")
        second = namer.name(prefix + " speed")
        self.assertEqual(first, prefix[:MAX_LENGTH])
        self.assertEqual(second, prefix[: MAX_LENGTH - 4] + " (2)")
        self.assertLessEqual(len(second), MAX_LENGTH)

    def test_duplicates_ignore_case(self):
        namer = SheetNamer()
        self.assertEqual(namer.name("Data"), "Data")
        self.assertEqual(namer.name("DATA"), "DATA (2)")
        self.assertEqual(namer.name("data"), "data (3)")

    def test_reserved_names_taken(self):
        namer = SheetNamer(reserved=["Summary"])
        self.assertEqual(namer.name("summary"), "summary (2)")

    def test_history_is_reserved(self):
        self.assertEqual(SheetNamer().name("History"), "History (2)")


class TestNumberFormats(TestCase):
    def test_symbol_before_is_quoted(self):
        self.assertEqual(number_formats.currency_format("$", "before", 2), '"$"#,##0.00')

    def test_symbol_after_is_quoted(self):
        self.assertEqual(number_formats.currency_format("€", "after", 2), '#,##0.00 "€"')

    def test_currency_without_decimals(self):
        self.assertEqual(number_formats.currency_format("¥", "before", 0), '"¥"#,##0')

    def test_percent_written_as_fraction(self):
        self.assertAlmostEqual(number_formats.cell_value(90, "percent"), 0.9)
        self.assertEqual(number_formats.unit_format("percent"), "0.00%")

    def test_na_stays_none(self):
        self.assertIsNone(number_formats.cell_value(None, "percent"))

    def test_fractional_count_keeps_decimals(self):
        self.assertEqual(number_formats.unit_format("count", 2.0), "#,##0")
        self.assertEqual(number_formats.unit_format("count", 2.5), "#,##0.00")

    def test_amount_takes_given_format(self):
        self.assertEqual(number_formats.unit_format("amount", 5, '"$"#,##0.00'), '"$"#,##0.00')
