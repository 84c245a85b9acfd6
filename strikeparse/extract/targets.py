"""What a strike hit (targets) and what it cost beyond casualties (impacts), before places.

Rules of ``rules/targets.yaml``:

* ``kind: target``: the catalog. Each match's ``noun`` group is a thing that can be hit, with
  its category in ``set``; of overlapping nouns the longest is kept ("power plant" over "plant").
* ``kind: target_status``: words that say what was done to a thing. A noun becomes a target
  only with a status word in reach: the nearest in its clause, else in its sentence, else the
  status of a list heading above it ("Damaged:" over bulleted lines). ``status: none`` ("no
  damage was reported") in that place says nothing was hit.
* ``kind: impact``: a consequence stated with a number (outages, the displaced). A target
  that counts whole buildings ("11 private houses were damaged") is also an impact,
  buildings_damaged or buildings_destroyed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from ..model import Evidence, Quantity
from ..rules import Rule, RuleSet
from ..segment import BLANK_LINE, Segmented, Sentence
from .numbers import NumberTables, parse_quantity
from .runner import RunLog, evidence, group_span, group_text, run_rule

OUTAGE_KINDS = {"power": "power_outage", "heating": "heating_outage", "water": "water_outage", "gas": "gas_outage"}
UNITS = ("people", "households", "buildings")
_ARTICLE = regex.compile(r"^(?:the|a|an|its|their|his|her|our|several|some|two|both)\s+", regex.IGNORECASE)
# a line that only introduces a list: "Damaged:", "The following were destroyed:"
_LIST_HEADING = regex.compile(r"^\W*(?:[\w’'-]+\s+){0,6}[\w’'-]+\s*:\s*$")
# the rest of a list of things and the plural "to be" that gives them all one status ("a drone hit a house,
# and a kindergarten was damaged" is two clauses)
# how badly, between the verb "to be" and the status word
_STATUS_ADVERB = r"(?:(?:also|partially|partly|badly|completely|heavily|slightly|severely|seriously|reportedly|all)\s+)?"
_LIST_THEN_BE = regex.compile(
    r"(?:\s*(?:,|\band\b|\bor\b|\bas\s+well\s+as\b)\s*[^,.;:!?\n]{1,60}?){1,6}\s+(?:were|have\s+been|had\s+been|are|got)\s+"
    + _STATUS_ADVERB,
    regex.IGNORECASE,
)
# a thing that is the subject of its own passive status, with where it stands between: "and that a grain
# terminal in Odesa had been damaged by fire" (the "hit" of the clause before is another thing's)
_SUBJECT_THEN_BE = regex.compile(
    r"(?:\s+(?:in|at|on|of|near|outside)\s+[^,.;:!?\n]{1,40}?)?\s+(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+" + _STATUS_ADVERB,
    regex.IGNORECASE,
)
# "Since Moscow walked out of the grain deal, Russian strikes have damaged more than 300 port facilities":
# a sentence fronted by "since" whose verb is in the present perfect tells a running tally, not the event
_RUNNING_TALLY = regex.compile(
    r"\W*Since\s+[^,.;:!?\n]{3,120},[^.;!?\n]{0,120}?\b(?:have|has)\s+(?:\w+\s+){0,2}?"
    r"(?:damaged|destroyed|hit|struck|attacked|targeted|shelled|killed|wounded|injured)\b"
)
# "the city council secretary", "the hospital director": the noun names whose office a person holds
_OFFICE_OF = regex.compile(
    r"\s+(?:secretary|head|chief|chairman|chairwoman|chair|director|directors|spokes\w+|official|officials|deputy|member|members|staff|"
    r"employees?|workers?|press\s+service|administration|management|manager|doctors?|nurses?|guards?|teachers?|students?|pupils|"
    r"operators?|drivers?)\b",
    regex.IGNORECASE,
)
# Where someone was going or was taken, what a weapon was fired from, whose workers, and a
# landmark near which something fell: "on her way to a shop", "moved to hotels", "launched from
# a submarine", "workers of an agricultural enterprise", "near the Hiram Hospital"
_NOT_HIT_BEFORE = regex.compile(
    r"\b(?:(?:way|walking|going|driving|heading|headed|hurrying|bound|moved|taken|evacuated|relocated|brought|sent)\s+(?:back\s+)?(?:to|for)"
    r"|(?:launched|fired|flying|flew)\s+from|(?:workers|employees|staff|members|owner|owners|director)\s+of"
    # where people were put up, where a ship lay, and where something was hidden: "housed in a school",
    # "loading at a berth", "hidden inside a civilian home"
    r"|(?:housed|sheltered|sheltering|accommodated|staying|placed|put\s+up)\s+(?:in|at)"
    r"|(?:moored|docked|berthed|anchored|loading|unloading|called|calling|call|calls)\s+(?:[\w-]+\s+){0,2}?(?:at|in|alongside)"
    r"|(?:hidden|hid|hiding|concealed|stored|kept)\s+(?:inside|in|under|beneath|among)"
    # an official's visit to what the report has told was hit: "as he toured the damaged hospital"
    r"|(?:toured|touring|tours|visited|visiting|inspected|inspecting)"
    r"|near|close\s+to|next\s+to|not\s+far\s+from|in\s+the\s+vicinity\s+of|outside|opposite|beside)"
    r"\s+(?:the\s+|a\s+|an\s+|her\s+|his\s+|their\s+|its\s+)?(?:[\p{L}’'-]+\s+){0,3}$",
    regex.IGNORECASE,
)
# "in the Black Sea port of Chornomorsk": a port named as where something happened
_PORT_AS_PLACE = regex.compile(r"\b(?:in|at|into|entering|leaving|from|off)\s+(?:the\s+)?(?:[\p{L}’'-]+\s+){0,3}$", regex.IGNORECASE)
_OF_A_NAME = regex.compile(r"\s+of\s+\p{Lu}")
# "the buildings of an agricultural enterprise", "a hangar and farm machinery at an agricultural enterprise":
# a structure that belongs to the facility named next is that facility's
_STRUCTURE = regex.compile(r"(?:buildings?|premises|hangars?|warehouses?|workshops?|sheds?|garages?|outbuildings?)", regex.IGNORECASE)
_PART_OF = regex.compile(
    r"(?:\s+and\s+[\w-]+(?:\s+[\w-]+){0,2}?)?\s+(?:of|at|belonging\s+to|on\s+the\s+(?:grounds|territory|premises)\s+of)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w’'-]+\s+){0,3}?",
    regex.IGNORECASE,
)
# "the market town of Nabatieh", "a port city": the noun says what kind of settlement a place is
_KIND_OF_SETTLEMENT = regex.compile(r"\s+(?:towns?|city|cities|villages?|settlements?)\b", regex.IGNORECASE)
# "Nasser Hospital said", "according to the hospital": a speaker or a source, not a thing hit
_SPEAKS = regex.compile(
    r"(?:\s+[\p{Lu}][\p{L}’'-]+){0,3}(?:,\s+which)?\s+(?:said|says|reported|reports|told|stated|announced|confirmed|added|received|receives|treated|treats)\b"
)
_SOURCE_BEFORE = regex.compile(
    r"\b(?:according\s+to|officials?\s+(?:at|from)|staff\s+(?:at|of)|director\s+of|head\s+of|doctors?\s+(?:at|from)|spokes\w+\s+(?:for|of))"
    r"\s+(?:the\s+)?(?:[\p{L}’'-]+\s+){0,3}$",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class TargetFinding:
    category: str
    name: str  # the thing as written, without articles
    status: str
    evidence: Evidence
    quantity: Quantity | None  # "11 private houses": how many
    whole_buildings: bool  # counts whole buildings (an impact when damaged or destroyed)


@dataclass(frozen=True)
class ImpactFinding:
    kind: str
    unit: str
    quantity: Quantity
    evidence: Evidence


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    status: str


def find_targets(
    text: str, seg: Segmented, ruleset: RuleSet, tables: NumberTables, log: RunLog, in_background: Callable[[int], bool]
) -> list[TargetFinding]:
    nouns = _nouns(text, ruleset.of_kind("target"), log)
    if not nouns:
        return []
    cues = _cues(text, ruleset.of_kind("target_status"), log)
    count_rules = ruleset.of_kind("target_count")
    cue_starts = [c.start for c in cues]
    headings = _heading_statuses(text, seg, cues, cue_starts)
    found: list[TargetFinding] = []
    for k, (noun_start, noun_end, rule) in enumerate(nouns):
        if _STRUCTURE.fullmatch(text, noun_start, noun_end) and any(
            n[2].set.get("category") != rule.set.get("category") and _PART_OF.fullmatch(text, noun_end, n[0]) for n in nouns[k + 1 : k + 3]
        ):
            continue
        before = text[max(0, noun_start - 60) : noun_start]
        if in_background(noun_start) or _SPEAKS.match(text, noun_end) or _OFFICE_OF.match(text, noun_end):
            continue
        if _KIND_OF_SETTLEMENT.match(text, noun_end):
            continue
        if _SOURCE_BEFORE.search(before) or _NOT_HIT_BEFORE.search(before):
            continue
        if rule.set.get("category") == "transport" and _OF_A_NAME.match(text, noun_end) and _PORT_AS_PLACE.search(before):
            continue
        sentence = seg.sentence_at(noun_start)
        if sentence is None or _RUNNING_TALLY.match(text, sentence.start, sentence.end):
            continue
        status = _status_for(noun_start, noun_end, sentence, seg, cues, cue_starts) or headings.get(sentence.index)
        if status is None or status == "none":
            continue
        count = _count_before(text, noun_start, count_rules)
        quantity = parse_quantity(group_text(count, "number") or "", tables) if count is not None else None
        start = count.start() if count is not None and quantity is not None else noun_start
        name = _ARTICLE.sub("", text[noun_start:noun_end].strip()).strip()
        found.append(
            TargetFinding(
                str(rule.set.get("category")),
                name,
                status,
                evidence(text, start, noun_end, seg.line_starts, rule.id),
                quantity,
                bool(rule.set.get("buildings")),
            )
        )
    return found


def find_impacts(
    text: str,
    seg: Segmented,
    ruleset: RuleSet,
    tables: NumberTables,
    log: RunLog,
    targets: Sequence[TargetFinding],
    in_background: Callable[[int], bool],
) -> list[ImpactFinding]:
    found: list[tuple[int, int, ImpactFinding]] = []
    for rule in ruleset.of_kind("impact"):
        for match in run_rule(rule, text, log):
            if in_background(match.start()):
                continue
            number = group_text(match, "number")
            quantity = parse_quantity(number, tables) if number else None
            if quantity is None:
                continue
            ev = evidence(text, match.start(), match.end(), seg.line_starts, rule.id)
            for kind, unit in _kinds_units(rule, match):
                found.append((match.start(), match.end(), ImpactFinding(kind, unit, quantity, ev)))
    for t in targets:
        if t.whole_buildings and t.quantity is not None and t.status in ("damaged", "destroyed"):
            kind = "buildings_damaged" if t.status == "damaged" else "buildings_destroyed"
            found.append((t.evidence.start, t.evidence.end, ImpactFinding(kind, "buildings", t.quantity, t.evidence)))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, ImpactFinding]] = []
    # the same figure read by two rules (or as a target and an impact) is one
    for item in found:
        # two rules reading one phrase: the first (longest) reading stands, per kind
        if any(item[0] < k[1] and k[0] < item[1] and k[2].kind == item[2].kind and k[2].quantity == item[2].quantity for k in kept[-8:]):
            continue
        kept.append(item)
    return [f for _, _, f in kept]


def impact_values(rule: Rule, match: regex.Match[str], tables: NumberTables) -> list[dict[str, object]]:
    """What one impact match yields, as `rules test` compares it with an example's `expect`."""
    number = group_text(match, "number")
    q = parse_quantity(number, tables) if number else None
    if q is None:
        return []
    return [{"kind": k, "unit": u, "low": q.low, "high": q.high, "qualifier": q.qualifier} for k, u in _kinds_units(rule, match)]


_COUNT_REACH = 80  # characters before a noun that its number and the words between may take


def _count_before(text: str, noun_start: int, rules: Sequence[Rule]) -> regex.Match[str] | None:
    """The number that ends right before a target noun ("11 private houses"), if there is one."""
    for rule in rules:
        match = rule.compiled.search(text, max(0, noun_start - _COUNT_REACH), noun_start)
        if match is not None:
            return match
    return None


def _kinds_units(rule: Rule, match: regex.Match[str]) -> list[tuple[str, str]]:
    fixed_kind = rule.set.get("kind")
    kinds = [str(fixed_kind)] if fixed_kind else [k for g, k in OUTAGE_KINDS.items() if group_span(match, g)]
    fixed_unit = rule.set.get("unit")
    units = [str(fixed_unit)] if fixed_unit else [u for u in UNITS if group_span(match, u)]
    unit = units[0] if units else "people"
    return [(k, unit) for k in dict.fromkeys(kinds)]


def _nouns(text: str, rules: Sequence[Rule], log: RunLog) -> list[tuple[int, int, Rule]]:
    """Every target noun, the longest of overlapping ones, in text order."""
    found = []
    for rule in rules:
        for match in run_rule(rule, text, log):
            span = group_span(match, "noun")
            if span is not None and span[1] > span[0]:
                found.append((span[0], span[1], rule))
    return _strongest(found, lambda f: (-(f[1] - f[0]), -f[2].priority))


def _cues(text: str, rules: Sequence[Rule], log: RunLog) -> list[_Cue]:
    """Status words, the strongest of overlapping ones ("no damage" over "damage"), in text order."""
    found = []
    for rule in rules:
        for match in run_rule(rule, text, log):
            if match.end() > match.start():
                found.append((match.start(), match.end(), rule))
    kept = _strongest(found, lambda f: (-f[2].priority, -(f[1] - f[0])))
    return [_Cue(start, end, str(rule.set.get("status"))) for start, end, rule in kept]


_Span = tuple[int, int, Rule]


def _strongest(spans: list[_Span], rank: Callable[[_Span], tuple[int, int]]) -> list[_Span]:
    """Of overlapping spans, the best ranked, then the next best that overlaps none kept; in text order.
    Spans compete only within a run of overlapping ones, so each run is settled on its own: a dense
    document costs the size of its runs, not the square of its spans."""
    kept: list[_Span] = []
    run: list[_Span] = []
    run_end = -1
    for span in sorted(spans, key=lambda f: f[0]):
        if run and span[0] >= run_end:
            kept.extend(_settle(run, rank))
            run = []
        run_end = max(run_end, span[1]) if run else span[1]
        run.append(span)
    if run:
        kept.extend(_settle(run, rank))
    return kept


def _settle(run: list[_Span], rank: Callable[[_Span], tuple[int, int]]) -> list[_Span]:
    chosen: list[_Span] = []
    for item in sorted(run, key=lambda f: (*rank(f), f[0])):
        if not any(item[0] < c[1] and c[0] < item[1] for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda f: f[0])


def _status_for(start: int, end: int, sentence: Sentence, seg: Segmented, cues: Sequence[_Cue], cue_starts: Sequence[int]) -> str | None:
    """The status word a list of targets ends in ("a shop, a gas pipeline and 2 houses were damaged"),
    else the nearest status word of the noun's clause, else of its sentence."""
    after = _cues_between(cues, cue_starts, end, sentence.end)
    if after and (_LIST_THEN_BE.fullmatch(seg.text, end, after[0].start) or _SUBJECT_THEN_BE.fullmatch(seg.text, end, after[0].start)):
        return after[0].status
    clause = seg.clause_at(start)
    for lo, hi in ((clause.start, clause.end) if clause else (sentence.start, sentence.end), (sentence.start, sentence.end)):
        near = [c for c in _cues_between(cues, cue_starts, lo, hi) if c.end <= start or c.start >= end]
        if near:
            return min(near, key=lambda c: (c.start - end) if c.start >= end else (start - c.end) + 1).status
    return None


def _cues_between(cues: Sequence[_Cue], cue_starts: Sequence[int], lo: int, hi: int) -> list[_Cue]:
    i = bisect.bisect_left(cue_starts, lo)
    out = []
    while i < len(cues) and cues[i].start < hi:
        out.append(cues[i])
        i += 1
    return out


def _heading_statuses(text: str, seg: Segmented, cues: Sequence[_Cue], cue_starts: Sequence[int]) -> dict[int, str]:
    """Sentence index -> the status of the list heading above it ("Damaged:" and its bullets),
    up to a blank line or a line that is not a list item."""
    out: dict[int, str] = {}
    status: str | None = None
    previous_end = 0
    for sentence in seg.sentences:
        body = text[sentence.start : sentence.end]
        if status is not None and BLANK_LINE.search(text, previous_end, sentence.start):
            status = None
        heading_cues = _cues_between(cues, cue_starts, sentence.start, sentence.end)
        if _LIST_HEADING.match(body) and heading_cues:
            status = heading_cues[-1].status
        elif status is not None:
            if heading_cues or (body[:1].isalpha() and not body[:1].islower() and len(body.split()) > 6):
                status = None  # a sentence of its own, not an item of the list
            else:
                out[sentence.index] = status
        previous_end = sentence.end
    return out
