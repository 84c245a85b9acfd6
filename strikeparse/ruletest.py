"""Run the examples that rules carry: `match` sentences must match and yield the
`expect` values; `match: false` sentences must not match (semgrep-style rule tests)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from .extract.casualties import _findings
from .extract.dates import to_iso
from .extract.numbers import NumberTables, parse_quantity
from .extract.runner import group_text
from .rules import RULE_TIMEOUT_SECONDS, Example, Rule, RuleSet


@dataclass(frozen=True)
class Failure:
    rule: Rule
    example: Example
    message: str
    expected: str = ""  # what the example asks for, as a user reads it
    actual: str = ""  # what the rule gave instead

    def __str__(self) -> str:
        lines = [f"{self.rule.path}:{self.example.line}: rule {self.rule.id!r}: {self.message}", f"    sentence: {self.example.text!r}"]
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.actual:
            lines.append(f"    actual:   {self.actual}")
        return "\n".join(lines)


def values(rule: Rule, match: regex.Match[str], tables: NumberTables) -> list[dict[str, Any]]:
    """What one match yields, as the extractor reads it (one dict per record)."""
    if rule.kind in ("casualty", "no_casualty"):
        found = _findings(rule, match, match.string, match.start(), match.end(), tables, (0,))
        return [
            {
                "outcome": f.outcome if f.outcome_known else None,
                "low": f.quantity.low,
                "high": f.quantity.high,
                "qualifier": f.quantity.qualifier,
                "group": f.group,
                "update": f.update,
            }
            for f in found
        ]
    if rule.kind == "count":
        out: dict[str, Any] = {}
        for name in ("count", "total"):
            text = group_text(match, name)
            q = parse_quantity(text, tables) if text else None
            if q is not None:
                out[name] = q.value
        if rule.set.get("zero"):
            out["count"] = 0
        return [out]
    if rule.kind == "date":
        return [{"date": to_iso(match)}]
    if rule.kind == "target":
        return [{"category": rule.set.get("category"), "noun": group_text(match, "noun")}]
    if rule.kind == "target_count":
        return [{"number": group_text(match, "number")}]
    if rule.kind == "target_status":
        return [{"status": rule.set.get("status")}]
    if rule.kind == "impact":
        from .extract.targets import impact_values

        return impact_values(rule, match, tables)
    return [{k: v for k, v in match.groupdict().items() if v is not None}]


def run_examples(ruleset: RuleSet, rules: Iterable[Rule] | None = None) -> Iterator[Failure]:
    """Failures of the examples of `rules` (default: every rule of the set)."""
    tables = NumberTables.from_ruleset(ruleset)
    for rule in ruleset.rules if rules is None else rules:
        for example in rule.examples:
            yield from _check_example(rule, example, tables)


def _check_example(rule: Rule, example: Example, tables: NumberTables) -> Iterator[Failure]:
    try:
        matches = list(rule.compiled.finditer(example.text, timeout=RULE_TIMEOUT_SECONDS))
    except TimeoutError:
        yield Failure(rule, example, f"timed out after {RULE_TIMEOUT_SECONDS:g}s", "a result", "a timeout")
        return
    if not example.match:
        if matches:
            yield Failure(rule, example, f"must not match, but matched {matches[0].group(0)!r}", "no match", repr(matches[0].group(0)))
        return
    if not matches:
        yield Failure(rule, example, "must match, but did not", "a match" + (f" giving {dict(example.expect)}" if example.expect else ""), "no match")
        return
    if not example.expect:
        return
    got = [v for m in matches for v in values(rule, m, tables)]
    if not any(all(g.get(k) == v for k, v in example.expect.items()) for g in got):
        yield Failure(rule, example, f"expected {dict(example.expect)}, got {got}", str(dict(example.expect)), str(got))


def uncovered(ruleset: RuleSet) -> list[Rule]:
    """Rules without a single positive example."""
    return [r for r in ruleset.rules if not any(e.match for e in r.examples)]
