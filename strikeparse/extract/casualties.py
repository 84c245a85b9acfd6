"""Casualty rules -> casualty findings (figures before they are given a place)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import regex

from ..model import OUTCOMES, Evidence, Quantity
from ..rules import Rule, RuleSet
from ..segment import BLANK_LINE
from .numbers import NumberTables, parse_quantity
from .runner import RunLog, evidence, group_span, group_text, run_rule

_CHILD_NOUNS = {"child", "boy", "girl", "teenager", "baby", "infant", "kid", "minor", "toddler", "schoolchild"}
_PERSON_SPLIT = regex.compile(r",?\s+(?:and|as\s+well\s+as)\s+|,\s+", regex.IGNORECASE)
_AGE = regex.compile(r"(\d{1,2})-year-old", regex.IGNORECASE)
_INFANT_AGE = regex.compile(r"-(?:month|week|day)s?-old\b", regex.IGNORECASE)  # "her 3-month-old son"


@dataclass(frozen=True)
class CasualtyFinding:
    outcome: str
    quantity: Quantity
    group: str
    evidence: Evidence
    update: bool = False
    part: bool = False  # "including two children": outcome and place come from the figure before
    outcome_known: bool = True
    refers_back: bool = False  # "all of them were hospitalised": the number is the figure before's


def find_casualties(
    text: str, ruleset: RuleSet, tables: NumberTables, line_starts: Sequence[int], log: RunLog, sentence_start: Callable[[int], int] = lambda _: 0
) -> list[CasualtyFinding]:
    found: list[tuple[int, int, Rule, regex.Match[str]]] = []
    for rule in (*ruleset.of_kind("casualty"), *ruleset.of_kind("no_casualty")):
        for match in run_rule(rule, text, log):
            # a figure never runs across a blank line ("... soldiers killed\n\n3 April 2025")
            if match.end() > match.start() and not BLANK_LINE.search(text, match.start(), match.end()):
                found.append((match.start(), match.end(), rule, match))
    found = _drop_overlaps(found)
    findings: list[CasualtyFinding] = []
    for start, end, rule, match in found:
        findings.extend(_findings(rule, match, text, start, end, tables, line_starts))
    return _resolve_references(_inherit_outcomes(findings, text, sentence_start), text, sentence_start)


_LOOK_BACK = 16  # matches that overlap one match: a handful at most in any real sentence


def _drop_overlaps(found: list[tuple[int, int, Rule, regex.Match[str]]]) -> list[tuple[int, int, Rule, regex.Match[str]]]:
    """Keep the longest of overlapping matches; a part ("including ...") may sit inside another."""
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Rule, regex.Match[str]]] = []
    for item in found:
        is_part = bool(item[2].set.get("part"))
        # Sorted by start, so only the last few kept can reach this one: look back while they may.
        clash = None
        for k in reversed(kept[-_LOOK_BACK:]):
            if item[0] < k[1] and k[0] < item[1] and bool(k[2].set.get("part")) == is_part:
                clash = k
                break
        if clash is None:
            kept.append(item)
        elif (item[1] - item[0]) > (clash[1] - clash[0]):
            kept[kept.index(clash)] = item
    kept.sort(key=lambda f: f[0])
    return kept


def _outcomes(rule: Rule, match: regex.Match[str]) -> list[str]:
    fixed = rule.set.get("outcome")
    if fixed:
        return [str(fixed)]
    if rule.kind == "no_casualty" and group_span(match, "both"):
        return ["killed", "injured"]
    return [o for o in OUTCOMES if group_span(match, o)]


def _persons(phrase: str) -> tuple[int, int]:
    """("a woman and her son") -> (people, children among them)."""
    parts = [p for p in _PERSON_SPLIT.split(phrase.strip().strip(",")) if p.strip(" ,")]
    children = 0
    for part in parts:
        words = part.lower().strip(" ,").split()
        noun = words[-1] if words else ""
        age = _AGE.search(part)
        if noun in _CHILD_NOUNS or (age and int(age.group(1)) < 18) or _INFANT_AGE.search(part):
            children += 1
    return len(parts), children


def _findings(
    rule: Rule, match: regex.Match[str], text: str, start: int, end: int, tables: NumberTables, line_starts: Sequence[int]
) -> list[CasualtyFinding]:
    ev = evidence(text, start, end, line_starts, rule.id)
    group = str(rule.set.get("group") or ("children" if group_span(match, "children") else "military" if group_span(match, "military") else "all"))
    refers_back = bool(rule.set.get("refers_back"))
    children_among = 0  # "a 34-year-old man and a 15-year-old boy": two people, one of them a child
    if rule.kind == "no_casualty":
        quantity: Quantity | None = Quantity(0, 0, "exact")
    elif refers_back:
        quantity = Quantity(None, None, "exact")  # read from the figure before (_resolve_references)
    elif (persons := group_text(match, "persons")) is not None:
        people, children = _persons(persons)
        if rule.set.get("part") or rule.set.get("children_only"):
            # "including a child", "a girl was among the 14 killed": the children among them
            if not children:
                return []
            people, group = children, "children"
        elif children == people:
            group = "children"
        else:
            children_among = children
        quantity = Quantity(people, people, "exact")
    else:
        number = group_text(match, "number")
        quantity = parse_quantity(number, tables) if number else None
    if quantity is None:
        return []
    update = bool(group_span(match, "update")) or bool(rule.set.get("update"))
    part = bool(rule.set.get("part"))
    outcomes = _outcomes(rule, match)
    if not outcomes:
        return [CasualtyFinding("injured", quantity, group, ev, update, part, outcome_known=False)] if part else []
    found = [CasualtyFinding(o, quantity, group, ev, update, part, refers_back=refers_back) for o in outcomes]
    if children_among:
        among = Quantity(children_among, children_among, "exact")
        found += [CasualtyFinding(o, among, "children", ev, update, part=True) for o in outcomes]
    return found


_OUTCOME_WORD = regex.compile(
    r"\b(?:(?P<killed>killed|dead|died|deaths?)|(?P<hospitalized>hospitali[sz]ed|hospitals?)|(?P<injured>injured|wounded|hurt|injuries))\b",
    regex.IGNORECASE,
)


def _inherit_outcomes(findings: list[CasualtyFinding], text: str, sentence_start: Callable[[int], int]) -> list[CasualtyFinding]:
    """A part ("including two children") takes the outcome of the figure it belongs to: the one
    before it in its sentence, else the last outcome word before it there ("Five of the wounded, among them ...")."""
    out: list[CasualtyFinding] = []
    for finding in findings:
        if not finding.outcome_known:
            start = finding.evidence.start
            lo = sentence_start(start)
            previous = next((f for f in reversed(out) if not f.part and lo <= f.evidence.start < start), None)
            if previous is not None:
                outcome = previous.outcome
            else:
                words = list(_OUTCOME_WORD.finditer(text, lo, start))
                if not words:
                    continue
                outcome = next(name for name in OUTCOMES if words[-1].group(name))
            finding = CasualtyFinding(outcome, finding.quantity, finding.group, finding.evidence, finding.update, True)
        out.append(finding)
    return out


def _resolve_references(findings: list[CasualtyFinding], text: str, sentence_start: Callable[[int], int]) -> list[CasualtyFinding]:
    """"Three men were injured. All of them have been hospitalised.": a figure that refers back
    takes the number and group of the last whole figure in its sentence or the one before;
    with none there it is dropped."""
    out: list[CasualtyFinding] = []
    for finding in findings:
        if finding.refers_back:
            lo = sentence_start(finding.evidence.start)
            before = lo - 1
            while before > 0 and text[before].isspace():
                before -= 1
            earliest = sentence_start(before) if before > 0 else 0
            previous = next(
                (f for f in reversed(out) if not f.part and not f.refers_back and earliest <= f.evidence.start < finding.evidence.start),
                None,
            )
            if previous is None:
                continue
            finding = replace(finding, quantity=previous.quantity, group=previous.group)
        out.append(finding)
    return out
