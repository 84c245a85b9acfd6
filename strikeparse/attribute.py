"""Attribute: which places were struck, and which place each figure is about.

Struck (spec "Location.struck"): a mention is struck when its clause says
something was attacked (a `strike` rule, a casualty figure above zero, or a
count that was intercepted or hit) and the mention is not a launch site, a
venue, a speaker or a dateline, and its sentence is not background. A place
named only in an official's title is struck only where the sentence names no
other place and says something happened there ("... governor said debris
damaged ...").

A figure's place: a place in the figure's own stretch of its clause, else in its
sentence, else "the region"/"the city" resolved to the last such place, else the
one place of the nearest sentence before that names places, else the report's
one struck place; "across the two cities", "nationwide" give null.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .extract.casualties import CasualtyFinding
from .extract.counts import CountFinding
from .extract.runner import RunLog, run_rule
from .model import Casualty, Location, MunitionCount, Place, PlaceMention
from .rules import RuleSet
from .segment import Segmented, Sentence

NON_STRIKE_ROLES = {"launch", "venue", "speaker", "dateline"}
_WHOLE_REPORT = regex.compile(
    r"\b(?:across\s+(?:the\s+|both\s+|all\s+|several\s+|\w+\s+)?(?:cities|towns|regions|oblasts|country|countries|Ukraine|nation|provinces|areas)|nationwide|in\s+total|overall|as\s+a\s+result\s+of\s+the\s+(?:\w+\s+)?(?:attack|attacks|strike|strikes|shelling))\b",
    regex.IGNORECASE,
)
_REGION_ANAPHOR = regex.compile(r"\b(?:the|his|her|their|its|that)\s+(?:region|oblast|province)\b(?!\s+of\b)", regex.IGNORECASE)
_CITY_ANAPHOR = regex.compile(r"\b(?:the|that)\s+(?:city|town|village)\b(?!\s+of\b)", regex.IGNORECASE)
_DATELINE = regex.compile(r"^\s*[\p{Lu}][\p{Lu}\s’'\-]+(?:,\s*[\p{L}\s]+)?\s*(?:\(|—|–|-\s)")


@dataclass(frozen=True)
class PlaceUse:
    """A place mention with its role in its sentence."""

    mention: PlaceMention
    role: str | None  # launch, title, venue, speaker, dateline, or None
    sentence: Sentence | None
    background: bool


@dataclass(frozen=True)
class Context:
    seg: Segmented
    uses: tuple[PlaceUse, ...]
    background: frozenset[int]  # sentence indexes
    strike_spans: tuple[tuple[int, int, bool, bool], ...]  # start, end, negated, strong

    def is_background(self, offset: int) -> bool:
        s = self.seg.sentence_at(offset)
        return s is not None and s.index in self.background


def build_context(text: str, seg: Segmented, mentions: Sequence[PlaceMention], ruleset: RuleSet, log: RunLog) -> Context:
    background: set[int] = set()
    for rule in ruleset.of_kind("background"):
        for match in run_rule(rule, text, log):
            s = seg.sentence_at(match.start())
            if s is not None:
                background.add(s.index)
    strikes = []
    for rule in ruleset.of_kind("strike"):
        for match in run_rule(rule, text, log):
            word = match.group(0).lower()
            strong = not regex.fullmatch(r"strikes?|attacks?|explosions?|blasts?|aftermath|victims|fires?|engaged", word)
            strikes.append((match.start(), match.end(), bool(rule.set.get("negated")), strong))
    uses = []
    for mention in mentions:
        s = seg.sentence_at(mention.evidence.start)
        role = _role(text, seg, mention, s, ruleset, log)
        uses.append(PlaceUse(mention, role, s, s is not None and s.index in background))
    uses = _propagate_launch(text, uses)
    return Context(seg, tuple(uses), frozenset(background), tuple(sorted(strikes)))


def _role(text: str, seg: Segmented, mention: PlaceMention, sentence: Sentence | None, ruleset: RuleSet, log: RunLog) -> str | None:
    start, end = mention.evidence.start, mention.evidence.end
    line_start = seg.line_starts[mention.evidence.line - 1]
    if mention.evidence.line <= 8 and _DATELINE.match(text, line_start) and start - line_start < 3:
        return "dateline"
    lo = sentence.start if sentence else max(0, start - 120)
    before = text[max(lo, start - 120) : start]
    after = text[end : min(end + 80, sentence.end if sentence else end + 80)]
    for rule in ruleset.of_kind("place_context"):
        window = after if rule.set.get("after") else before
        for _ in run_rule(rule, window, log):
            return str(rule.set.get("role"))
    return None


def _propagate_launch(text: str, uses: list[PlaceUse]) -> list[PlaceUse]:
    """"from Cape Chauda in occupied Crimea", "Primorsko-Akhtarsk — RF, Cape Chauda — Crimea": launch sites all."""
    out: list[PlaceUse] = []
    for use in uses:
        prev = out[-1] if out else None
        if prev is not None and prev.role == "launch" and use.role is None and prev.sentence == use.sentence:
            between = text[prev.mention.evidence.end : use.mention.evidence.start]
            if regex.fullmatch(r"[\s,()—–\-]*(?:(?:in|and|and\s+from|as\s+well\s+as\s+from|or)\s+)?(?:(?:the|occupied|temporarily|Russia(?:’s|'s)|Russian|annexed|RF)\s*)*[\s,()—–\-]*", between, regex.IGNORECASE):
                use = PlaceUse(use.mention, "launch", use.sentence, use.background)
        out.append(use)
    return out


# --------------------------------------------------------------------------- struck


def struck_places(ctx: Context, casualties: Sequence[CasualtyFinding], counts: Sequence[CountFinding]) -> set[str]:
    struck: set[str] = set()
    figure_offsets = [c.evidence.start for c in casualties if (c.quantity.high or c.quantity.low or 0) > 0 and not ctx.is_background(c.evidence.start)]
    figure_offsets += [c.evidence.start for c in counts if c.status in ("intercepted", "hit") and not ctx.is_background(c.evidence.start)]
    for use in ctx.uses:
        if use.background or use.role in NON_STRIKE_ROLES or use.sentence is None or use.mention.place.type == "country":
            continue
        clause = ctx.seg.clause_at(use.mention.evidence.start)
        lo, hi = (clause.start, clause.end) if clause else (use.sentence.start, use.sentence.end)
        if use.role == "title":
            lo, hi = use.sentence.start, use.sentence.end
            others = [u for u in ctx.uses if u.sentence == use.sentence and u.role is None and u.mention.place.type != "country"]
            if others:
                continue
        cues = [s for s in ctx.strike_spans if lo <= s[0] < hi]
        if any(neg for _, _, neg, _ in cues):
            continue
        strong = [s for s in cues if s[3]]
        if use.role == "title":
            if strong:
                struck.add(use.mention.place.name)
            continue
        if cues or any(lo <= off < hi for off in figure_offsets):
            struck.add(use.mention.place.name)
    return struck


# --------------------------------------------------------------------------- figures' places


def _eligible(use: PlaceUse) -> bool:
    return use.role not in NON_STRIKE_ROLES and use.mention.place.type != "country" and not use.background


def _collapse(places: Sequence[Place]) -> list[Place]:
    """Distinct places, a region dropped where a city in it is named too."""
    distinct: list[Place] = []
    for p in places:
        if p.name not in {d.name for d in distinct}:
            distinct.append(p)
    cities = [p for p in distinct if p.type in ("city", "site")]
    kept = []
    for p in distinct:
        if p.type in ("oblast", "region", "raion") and any(c.admin1 == p.name for c in cities):
            continue
        if p.type == "district" and any(c.type == "city" and c.admin1 == p.admin1 for c in cities):
            continue
        kept.append(p)
    return kept


@dataclass(frozen=True)
class Attributor:
    ctx: Context
    text: str
    struck: frozenset[str]
    places_by_name: dict[str, Place]

    def default_place(self) -> str | None:
        places = _collapse([self.places_by_name[n] for n in sorted(self.struck)])
        return places[0].name if len(places) == 1 else None

    def place_for(self, start: int, end: int, stretch: tuple[int, int]) -> tuple[str | None, bool]:
        """(place name or None, decided) for a figure at [start, end) within its stretch."""
        lo, hi = stretch
        if _WHOLE_REPORT.search(self.text, start, hi):
            return None, True
        in_stretch = [u for u in self.ctx.uses if lo <= u.mention.evidence.start < hi and _eligible(u)]
        if in_stretch:
            after = [u for u in in_stretch if u.mention.evidence.start >= end]
            pick = after[0] if after and (after[0].mention.evidence.start - end) < 60 else min(in_stretch, key=lambda u: _distance(u, start, end))
            return pick.mention.place.name, True
        anaphor = self._anaphor(lo, hi)
        if anaphor:
            return anaphor, True
        return None, False

    def _anaphor(self, lo: int, hi: int) -> str | None:
        for pattern, types in ((_REGION_ANAPHOR, ("oblast", "region")), (_CITY_ANAPHOR, ("city",))):
            match = pattern.search(self.text, lo, hi)
            if match:
                before = [u for u in self.ctx.uses if u.mention.evidence.end <= match.start() and u.mention.place.type in types and u.role not in ("dateline",)]
                if before:
                    return before[-1].mention.place.name
        return None

    def place_in_sentence(self, sentence: Sentence, start: int, end: int) -> str | None:
        uses = [u for u in self.ctx.uses if u.sentence == sentence and _eligible(u)]
        if not uses:
            return None
        candidates = _collapse([u.mention.place for u in uses])
        if len(candidates) == 1:
            return candidates[0].name
        return min(uses, key=lambda u: _distance(u, start, end)).mention.place.name

    def place_before(self, sentence: Sentence) -> tuple[str | None, bool]:
        """The one place of the nearest earlier sentence that names eligible places."""
        for earlier in reversed(self.ctx.seg.sentences[: sentence.index]):
            if earlier.index in self.ctx.background:
                continue
            uses = [u for u in self.ctx.uses if u.sentence == earlier and _eligible(u)]
            if uses:
                places = _collapse([u.mention.place for u in uses])
                return (places[0].name, True) if len(places) == 1 else (None, True)
        return None, False


def _distance(use: PlaceUse, start: int, end: int) -> int:
    s, e = use.mention.evidence.start, use.mention.evidence.end
    return start - e if e <= start else s - end if s >= end else 0


def _stretch(ctx: Context, offsets: Sequence[int], start: int) -> tuple[int, int]:
    clause = ctx.seg.clause_at(start)
    sentence = ctx.seg.sentence_at(start)
    lo, hi = (clause.start, clause.end) if clause else (start, start)
    if sentence is not None and clause is not None and clause.start == sentence.start:
        lo = sentence.start
    prev = [o for o in offsets if lo <= o < start]
    nxt = [o for o in offsets if start < o < hi]
    return (lo, min(nxt) if nxt else hi) if not prev else (lo, min(nxt) if nxt else hi)


def attribute(
    text: str,
    ctx: Context,
    casualties: Sequence[CasualtyFinding],
    counts: Sequence[CountFinding],
) -> tuple[list[Location], list[Casualty], list[MunitionCount]]:
    struck = struck_places(ctx, casualties, counts)
    places_by_name: dict[str, Place] = {}
    mentions_by_name: dict[str, list[PlaceMention]] = {}
    for use in ctx.uses:
        places_by_name.setdefault(use.mention.place.name, use.mention.place)
        mentions_by_name.setdefault(use.mention.place.name, []).append(use.mention)
    attributor = Attributor(ctx, text, frozenset(struck), places_by_name)
    offsets = sorted({c.evidence.start for c in casualties})
    records: list[Casualty] = []
    parent_place: str | None = None
    for finding in casualties:
        start, end = finding.evidence.start, finding.evidence.end
        sentence = ctx.seg.sentence_at(start)
        place, decided = attributor.place_for(start, end, _stretch(ctx, offsets, start))
        if not decided and finding.part:
            place, decided = parent_place, True
        if not decided and sentence is not None:
            place = attributor.place_in_sentence(sentence, start, end)
            decided = place is not None
            if not decided:
                place, decided = attributor.place_before(sentence)
        if not decided:
            place = attributor.default_place()
        if not finding.part:
            parent_place = place
        records.append(
            Casualty(finding.outcome, finding.quantity.low, finding.quantity.high, finding.quantity.qualifier, finding.group, place, finding.evidence,
                     background=ctx.is_background(start), update=finding.update)
        )
    count_records = []
    for c in counts:
        clause = ctx.seg.clause_at(c.evidence.start)
        place = None
        if clause is not None:
            place, _ = attributor.place_for(c.evidence.start, c.evidence.end, (clause.start, clause.end))
        count_records.append(MunitionCount(c.munition, c.count, c.quantity.qualifier, c.status, place, c.evidence, background=ctx.is_background(c.evidence.start)))
    locations = [
        Location(places_by_name[name], name in struck, tuple(m.evidence for m in mentions))
        for name, mentions in mentions_by_name.items()
    ]
    return locations, records, count_records
