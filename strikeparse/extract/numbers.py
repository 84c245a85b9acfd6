"""Number phrases -> Quantity (low, high, qualifier), by the tables in numbers.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ..model import Quantity
from ..rules import RuleSet

_SEPARATORS = regex.compile(r"[,\u00a0\u202f\u2009 ](?=\d{3}\b)")
_RANGE = regex.compile(
    r"^(?:between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)|from\s+(?P<a>.+?)\s+to\s+(?P<b>.+)|(?P<a>.+?)\s*(?:\bto\b|-|–|—)\s*(?P<b>.+))$",
)


@dataclass(frozen=True)
class NumberTables:
    words: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[str, tuple[int | None, int | None, str]]
    qualifiers: tuple[tuple[str, str], ...]  # longest phrase first
    exact_words: Mapping[str, str]

    @classmethod
    def from_ruleset(cls, ruleset: RuleSet) -> NumberTables:
        return _tables(ruleset.fingerprint, _freeze(ruleset.numbers))


def _freeze(numbers: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, tuple(sorted((str(a), tuple(b) if isinstance(b, list) else b) for a, b in v.items()))) for k, v in numbers.items()))


@lru_cache(maxsize=8)
def _tables(_fingerprint: str, frozen: tuple[tuple[str, Any], ...]) -> NumberTables:
    data = {k: dict(v) for k, v in frozen}
    qualifiers = sorted(data.get("qualifiers", {}).items(), key=lambda kv: -len(kv[0]))
    return NumberTables(
        words={k: int(v) for k, v in data.get("words", {}).items()},
        scales={k: int(v) for k, v in data.get("scales", {}).items()},
        vague={k: (v[0], v[1], v[2]) for k, v in data.get("vague", {}).items()},
        qualifiers=tuple(qualifiers),
        exact_words=data.get("exact_words", {}),
    )


_SPACES = regex.compile(r"\s+")
_WORD_BREAK = regex.compile(r"[\s\-]+")


def _normalize(phrase: str) -> str:
    return _SPACES.sub(" ", phrase.strip().lower().replace("‐", "-"))


def parse_cardinal(phrase: str, tables: NumberTables) -> int | None:
    """'6,000' -> 6000, 'twenty-three' -> 23, 'two hundred and five' -> 205, 'three dozen' -> 36."""
    s = _normalize(phrase)
    if not s:
        return None
    digits = _SEPARATORS.sub("", s)
    if digits.isdigit():
        return int(digits)
    total = 0
    current = 0
    seen = False
    for word in _WORD_BREAK.split(s):
        if word == "and":
            continue
        if word in tables.scales and (seen or word == "dozen"):
            scale = tables.scales[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        elif word in tables.words:
            current += tables.words[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_quantity(phrase: str, tables: NumberTables) -> Quantity | None:
    """A number phrase as the text gives it -> bounds and qualifier (spec table)."""
    s = _normalize(phrase)
    if s in tables.vague:
        low, high, qualifier = tables.vague[s]
        return Quantity(low, high, qualifier)
    qualifier = "exact"
    for words, kind in tables.qualifiers:
        if s.startswith(words + " "):
            qualifier = kind
            s = s[len(words) + 1 :]
            break
    if qualifier == "exact":
        ranged = _RANGE.match(s)
        if ranged:
            a = parse_cardinal(ranged.group("a"), tables)
            b = parse_cardinal(ranged.group("b"), tables)
            if a is not None and b is not None and a < b:
                return Quantity(a, b, "range")
    value = parse_cardinal(s, tables)
    if value is None:
        return None
    if qualifier == "exact" and s in tables.exact_words:
        qualifier = tables.exact_words[s]
    return bounds(value, qualifier)


def bounds(value: int, qualifier: str) -> Quantity:
    if qualifier == "at_least":
        return Quantity(value, None, qualifier)
    if qualifier == "more_than":
        return Quantity(value + 1, None, qualifier)
    if qualifier == "up_to":
        return Quantity(None, value, qualifier)
    return Quantity(value, value, qualifier)
