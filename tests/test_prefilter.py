"""The prefilter (strikeparse/prefilter.py) must give exactly the matches of plain finditer."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikeparse.cache import build_parser
from strikeparse.prefilter import FOLD_HAZARDS, KeywordFinder, TextIndex, analyse, fold_hazards, scan, words_of
from strikeparse.rules import rule_sources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fast_parser():
    return build_parser(rule_sources(env=False), fast=True)


def _patterns(parser):
    """Every built-in pattern that has a prefilter: rules and the munition catalog's."""
    found = [(rule.id, rule.compiled, rule.prefilter) for rule in parser.ruleset.rules if rule.prefilter is not None]
    catalog = parser.catalog
    for name, prefilter in catalog.prefilters.items():
        found.append((f"catalog.{name}", getattr(catalog, f"{name}_pattern"), prefilter))
    return found


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


def _same(pattern, prefilter, text, pos=0, endpos=None):
    """finditer's matches and the prefilter's: with str.find, and with the automaton when
    pyahocorasick is installed (the two must agree, so only one is returned)."""
    end = len(text) if endpos is None else endpos
    plain = _spans(pattern.finditer(text, pos, end))
    fast = _spans(scan(pattern, prefilter, TextIndex(text), pos, end, None))
    finder = KeywordFinder.build(words_of([prefilter]))
    if finder is not None:
        assert _spans(scan(pattern, prefilter, TextIndex(text, finder), pos, end, None)) == fast
    return plain, fast


def test_the_keyword_automaton_finds_what_str_find_finds():
    pytest.importorskip("ahocorasick")
    text = "Shahed shahedS drones.Drones 12 120 1200 a  an an"
    words = ["shahed", "drones", "12", "120", "2", "a", "an", "hed"]
    finder = KeywordFinder.build(words)
    assert finder is not None
    with_finder, without = TextIndex(text, finder), TextIndex(text)
    for word in words:
        assert with_finder.hits(word) == without.hits(word), word
    assert without.hits("12") == [29, 32, 36]


def test_most_built_in_rules_and_the_catalog_get_a_prefilter(fast_parser):
    patterns = _patterns(fast_parser)
    assert len(patterns) >= 0.8 * len(fast_parser.ruleset.rules)
    assert {"catalog.model", "catalog.class"} <= {name for name, _, _ in patterns}


def test_plain_rules_have_no_prefilter():
    plain = build_parser(rule_sources(env=False), fast=False)
    assert all(rule.prefilter is None for rule in plain.ruleset.rules)
    assert not plain.catalog.prefilters


def test_every_prefiltered_pattern_equals_finditer_on_the_samples(fast_parser):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    assert texts
    for name, pattern, prefilter in _patterns(fast_parser):
        for text in texts:
            plain, fast = _same(pattern, prefilter, text)
            assert fast == plain, name


# Pieces that sit on the prefilter's edges: keywords, barriers, numbers with decimal
# points (a look-ahead past a barrier), case variants, homoglyphs and folding hazards.
PIECES = [
    "12",
    "12.5",
    "1,200",
    "five",
    "a dozen",
    "at least",
    "drones",
    "Shahed-136",
    "Шахед",
    "ШАХЕД",
    "Kh-101",
    "Х-101",
    "killed",
    "KILLED",
    "bodies",
    "body",
    "injured",
    "hospital",
    ".",
    ";",
    "?",
    "\n",
    "\n\n",
    " ",
    " ",
    ", ",
    "“",
    "”",
    "(",
    ")",
    ":",
    "…",
    "region",
    "Kyiv",
    "the",
    "of them",
    "were shot down",
    "\u212a",
    "ſ",
    "ß",
    "ﬁ",
    "٣",
    "３",
    "people",
    "missiles",
    "including",
    "children",
    "-",
    "–",
    "'s",
    "and",
    "in",
    "since",
    "were",
    "KAB",
    "КАБ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.data())
def test_prefiltered_patterns_equal_finditer_on_generated_text(fast_parser, pieces, data):
    text = "".join(pieces)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for name, pattern, prefilter in _patterns(fast_parser):
        plain, fast = _same(pattern, prefilter, text)
        assert fast == plain, name
        plain, fast = _same(pattern, prefilter, text, pos, endpos)
        assert fast == plain, (name, pos, endpos)


def _prefilter(pattern: str, flags: int = regex.IGNORECASE):
    compiled = regex.compile(pattern, flags | regex.VERBOSE | regex.VERSION1)
    return compiled, analyse(compiled)


def test_a_look_ahead_past_a_barrier_is_left_to_the_real_pattern():
    # "12" in "12.5" is no match: the look-ahead sees ".5" past the full stop (a barrier)
    pattern, prefilter = _prefilter(r"\d+(?![.,]\d)\s+drones")
    assert prefilter is not None and "." in prefilter.barriers
    for text in ("12.5 drones. 7 drones.", "It was 12. 7 drones", "3 drones.4 drones"):
        plain, fast = _same(pattern, prefilter, text)
        assert fast == plain


def test_case_folding_hazards_send_the_text_down_the_plain_path():
    pattern, prefilter = _prefilter(r"\bkilled\b")
    assert prefilter is not None
    text = "two were \u212aILLED"  # KELVIN SIGN folds to k
    assert [m.span() for m in pattern.finditer(text)] == [(9, 15)]
    assert _same(pattern, prefilter, text)[1] == [((9, 15), {})]


def test_non_ascii_digits_are_found_by_a_digit_keyword():
    pattern, prefilter = _prefilter(r"\d+\s+drones")
    assert prefilter is not None
    plain, fast = _same(pattern, prefilter, "٣ drones and 12 drones")
    assert fast == plain and len(fast) == 2


def test_a_homoglyph_class_keyword_still_finds_the_cyrillic_spelling():
    pattern, prefilter = _prefilter(r"S[hн][aа]h[eе]d")
    assert prefilter is not None
    plain, fast = _same(pattern, prefilter, "a Sнаhеd and a SHAHED")
    assert fast == plain and len(fast) == 2


def test_leftmost_longest_patterns_keep_their_longest_match():
    pattern, prefilter = _prefilter(r"Kh-101|Kh-101/555", regex.IGNORECASE | regex.POSIX)
    assert prefilter is not None
    assert _same(pattern, prefilter, "a Kh-101/555 missile")[1] == [((2, 12), {})]


@pytest.mark.parametrize(
    "pattern",
    [r"(\w+)\s+\1", r"(?>drones|drone)s", r"drones++", r"(a)?(?(1)b|c)drones", r"(?&x)(?P<x>drones)", r"(?:a|b)?", r".*"],
)
def test_what_the_analysis_does_not_model_gets_no_prefilter(pattern):
    assert _prefilter(pattern)[1] is None


def test_the_folding_hazard_list_is_complete():
    assert set(fold_hazards()) <= set(FOLD_HAZARDS)


def test_reports_are_the_same_with_and_without_the_keyword_automaton(fast_parser):
    """pyahocorasick is optional: without it the keywords are found with str.find."""
    from strikeparse.model import Document
    from strikeparse.pipeline import Parser
    from strikeparse.render.json import dumps

    pytest.importorskip("ahocorasick")
    assert fast_parser.keyword_finder is not None
    without = Parser(fast_parser.ruleset)
    without.__dict__["keyword_finder"] = None  # as when pyahocorasick is not installed
    for path in sorted((ROOT / "samples").glob("*.txt")):
        doc = Document(source=path.name, text=path.read_text(encoding="utf-8"))
        assert dumps(without.parse(doc)) == dumps(fast_parser.parse(doc)), path.name
