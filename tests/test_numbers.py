"""Number phrases as the spec's qualifier table reads them."""

from __future__ import annotations

import pytest
import regex

from strikeparse.extract.numbers import NumberTables, parse_quantity
from strikeparse.rules import expand_macros, load_rules

RULES = load_rules()
TABLES = NumberTables.from_ruleset(RULES)
QNUM = regex.compile(expand_macros("(?P<n>{{QNUM}})", RULES.macros, "test", 0, None), regex.I | regex.X | regex.V1)


def first_figure(text: str):
    match = QNUM.search(text)
    return None if match is None else parse_quantity(match.group("n"), TABLES)


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("one person", 1, 1, "exact"),
        ("no fewer than 9 people", 9, None, "at_least"),
        ("at least 18 people", 18, None, "at_least"),
        ("more than 20 injured", 21, None, "more_than"),
        ("over a dozen civilians", 13, None, "more_than"),
        ("between 11 and 19 people", 11, 19, "range"),
        ("11 to 19 people", 11, 19, "range"),
        ("11-19 people", 11, 19, "range"),
        ("about 40 people", 40, 40, "approx"),
        ("some 700 shells", 700, 700, "approx"),
        ("nearly 70 others", None, 70, "up_to"),
        ("up to 100 soldiers", None, 100, "up_to"),
        ("as many as 35", None, 35, "up_to"),
        ("a couple of people", 2, 2, "approx"),
        ("a dozen people", 12, 12, "approx"),
        ("several people", 3, None, "vague"),
        ("a few people", 3, None, "vague"),
        ("tens of people", 10, None, "vague"),
        ("dozens of people", 12, None, "vague"),
        ("hundreds of people", 100, None, "vague"),
        ("twenty-three people", 23, 23, "exact"),
        ("two hundred and five residents", 205, 205, "exact"),
        ("a hundred people", 100, 100, "exact"),
        ("6,000 buildings", 6000, 6000, "exact"),
        ("1\u202f200 people", 1200, 1200, "exact"),
        ("three dozen people", 36, 36, "exact"),
    ],
)
def test_qualifier_table(text, low, high, qualifier):
    q = first_figure(text)
    assert q is not None, text
    assert (q.low, q.high, q.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize("text", ["a 12-year-old girl", "Su-34 jets", "at 03:40 local time", "Kh-101 missiles", "the X-59 missile"])
def test_numbers_inside_words_are_not_figures(text):
    assert first_figure(text) is None
