"""Worksheet names that Excel accepts: at most 31 characters, none of the
characters ``[ ] : * ? / \\``, no apostrophe at either end, and unique within
the workbook when compared case-insensitively."""

import re

MAX_LENGTH = 31
FORBIDDEN_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
# Excel reserves "History" for the sheet of its change tracking.
RESERVED_NAMES = ("History",)
FALLBACK_NAME = "Sheet"


def clean_sheet_name(name):
    """Return ``name`` with forbidden characters replaced by spaces, spaces
    collapsed, outer apostrophes removed and cut to 31 characters."""
    text = " ".join(FORBIDDEN_CHARACTERS.sub(" ", name or "").split())
    text = text.strip("'").strip()[:MAX_LENGTH]
    return text.rstrip().rstrip("'").rstrip() or FALLBACK_NAME


class SheetNamer:
    """Hand out unique worksheet names for one workbook.

    A name already taken gets a counter, " (2)", " (3)", ..., and is cut
    first so that name and counter fit in 31 characters. Two long names
    sharing their first 31 characters therefore stay apart.
    """

    def __init__(self, reserved=()):
        """Start with ``reserved`` names taken, besides Excel's own."""
        self._taken = {name.casefold() for name in RESERVED_NAMES}
        self._taken.update(clean_sheet_name(name).casefold() for name in reserved)

    def name(self, requested):
        """Return a unique valid name close to ``requested`` and reserve it."""
        base = clean_sheet_name(requested)
        candidate = base
        counter = 1
        while candidate.casefold() in self._taken:
            counter += 1
            suffix = " (%d)" % counter
            candidate = base[: MAX_LENGTH - len(suffix)].rstrip() + suffix
        self._taken.add(candidate.casefold())
        return candidate
