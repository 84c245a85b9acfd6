"""Date rules -> the report's date (dateline first, else the first event date)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

import regex

from ..rules import RuleSet
from .runner import RunLog, group_text, run_rule

_MONTHS = {
    m[:3].lower(): i
    for i, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1
    )
}
DATELINE_LINES = 6  # a date this near the top, at the start of its line, is a dateline


def _month(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _MONTHS.get(word.rstrip(".")[:3].lower())


def to_iso(match: regex.Match[str]) -> str | None:
    year, month, day = group_text(match, "year"), group_text(match, "month"), group_text(match, "day")
    if not (year and month and day):
        return None
    m = _month(month)
    try:
        return dt.date(int(year), m or 0, int(regex.sub(r"\D", "", day))).isoformat() if m else None
    except ValueError:
        return None


def find_date(
    text: str, ruleset: RuleSet, log: RunLog, line_of: Callable[[int], int], is_background: Callable[[int], bool], line_start: Callable[[int], int]
) -> tuple[str | None, int | None]:
    """(ISO date, offset) of the dateline date, else of the first date outside background."""
    candidates: list[tuple[int, str]] = []
    for rule in ruleset.of_kind("date"):
        for match in run_rule(rule, text, log):
            iso = to_iso(match)
            if iso:
                candidates.append((match.start(), iso))
    candidates.sort()
    for start, iso in candidates:
        if line_of(start) <= DATELINE_LINES and not text[line_start(start) : start].strip(" \t—–-,(").replace("  ", " ")[:40].count(" ") > 5:
            return iso, start
    for start, iso in candidates:
        if not is_background(start):
            return iso, start
    return _day_month_with_dateline_year(text, line_of, is_background)


_YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,])")
_DAY_MONTH = regex.compile(
    r"\b(?:(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>[12]\d|3[01]|0?[1-9])\b"
    r"|(?P<day>[12]\d|3[01]|0?[1-9])\s+(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b)"
)


def _day_month_with_dateline_year(text: str, line_of: Callable[[int], int], is_background: Callable[[int], bool]) -> tuple[str | None, int | None]:
    """ "on Nov. 20" with the year a dateline states ("KYIV, 2025 (AP) -"): a date only when both are there."""
    year = next((m for m in _YEAR.finditer(text) if line_of(m.start()) <= DATELINE_LINES), None)
    if year is None:
        return None, None
    for month, day, start in _days_and_months(text, is_background):
        try:
            return dt.date(int(year.group(0)), month, day).isoformat(), start
        except ValueError:
            continue
    return None, None


def _days_and_months(text: str, is_background: Callable[[int], bool]) -> Iterator[tuple[int, int, int]]:
    """(month, day, offset) of each day-and-month outside background, in text order."""
    for match in _DAY_MONTH.finditer(text):
        month = _month(match.group("month"))
        if month and not is_background(match.start()):
            yield month, int(match.group("day")), match.start()


def date_with_year_of_path(text: str, path_date: str, is_background: Callable[[int], bool]) -> tuple[str | None, int | None]:
    """The text's first day and month ("KYIV, Nov 18 (Reuters)") in the year that puts it nearest the path's date.

    The nearest of the path's year and the years either side, so that "Dec 31" in
    a file filed as 2026-01-01 is 2025-12-31.
    """
    filed = dt.date.fromisoformat(path_date)
    for month, day, start in _days_and_months(text, is_background):
        dates = []
        for year in (filed.year - 1, filed.year, filed.year + 1):
            with contextlib.suppress(ValueError):
                dates.append(dt.date(year, month, day))
        if dates:
            return min(dates, key=lambda date: abs((date - filed).days)).isoformat(), start
    return None, None
