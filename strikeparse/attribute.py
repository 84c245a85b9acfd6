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

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial

import regex

from .extract.casualties import CasualtyFinding
from .extract.counts import CountFinding, list_lead, struck_with_before
from .extract.runner import RunLog, evidence, run_rule
from .extract.targets import ImpactFinding, TargetFinding
from .gazetteer import Gazetteer
from .model import REVIEW_REASONS, Casualty, Evidence, Impact, Location, MunitionCount, Place, PlaceMention, Quantity, Target
from .rules import RuleSet
from .segment import Segmented, Sentence, Span

ANAPHOR_REACH = 50  # "the city" points back at most this many place mentions
LOOKBACK_SENTENCES = 15  # how far back a figure with no place of its own looks for one
NON_STRIKE_ROLES = {"launch", "venue", "speaker", "dateline", "street", "locator"}
_WHOLE_REPORT = regex.compile(
    r"\b(?:across\s+(?:(?:the|both|all|several|[\w-]+)\s+){0,2}(?:cities|towns|regions|oblasts|country|countries|Ukraine|nation|provinces|areas)|across\s+the\s+(?:north|south|east|west)(?:ern)?\b(?!\s+of\b)|nationwide|in\s+total|in\s+all|overall|as\s+a\s+result\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:attack|attacks|strike|strikes|shelling|aggression)|in\s+(?:today|the\s+day|the\s+night|last\s+night|the\s+weekend|this\s+morning)(?:’s|'s)\s+(?:\w+\s+)?(?:attacks|strikes|barrages|shelling))\b",
    regex.IGNORECASE,
)
_DATELINE = regex.compile(
    r"\s*(?:(?:[\p{Lu}][\p{Lu}\s’'\-]+(?:,[^()\n—–/]{0,40})?|[\p{Lu}][\p{L}’'\-]+(?:\s[\p{Lu}][\p{L}’'\-]+)?,[^()\n—–/]{0,30}\d[^()\n—–/]{0,15})\s*(?:\(|/|—|–|-\s)"
    r"|[\p{Lu}][\p{Lu}\s’'\-]+,[^()\n—–]{0,30}\d{4}\.\s"
    r"|[\p{Lu}][\p{L}’'\-]+(?:\s[\p{Lu}][\p{L}’'\-]+)?(?:,[^()\n—–]{0,40})?\s*\((?:AFP|AP|Reuters|Ukrinform|TASS|RIA|UNIAN|Interfax|dpa|Xinhua|Bloomberg|Anadolu|TNS)\b[^)]*\))"
)


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
    background_tails: tuple[tuple[int, int], ...] = ()  # "the deadliest since January, when ...": from there on
    hedges: tuple[int, ...] = ()  # starts of `hedge` matches ("may have", "feared"), sorted
    other_days: frozenset[int] = frozenset()  # sentence indexes set on another day than the lead's

    @cached_property
    def _use_starts(self) -> list[int]:
        return [u.mention.evidence.start for u in self.uses]

    @cached_property
    def _by_sentence(self) -> dict[int, list[PlaceUse]]:
        out: dict[int, list[PlaceUse]] = {}
        for use in self.uses:
            if use.sentence is not None:
                out.setdefault(use.sentence.index, []).append(use)
        return out

    @cached_property
    def _strike_starts(self) -> list[int]:
        return [s[0] for s in self.strike_spans]

    def uses_between(self, lo: int, hi: int) -> list[PlaceUse]:
        """Place uses that start in [lo, hi), by bisection: reports can hold thousands."""
        return list(self.uses[bisect.bisect_left(self._use_starts, lo) : bisect.bisect_left(self._use_starts, hi)])

    def uses_in(self, sentence: Sentence | None) -> list[PlaceUse]:
        return [] if sentence is None else self._by_sentence.get(sentence.index, [])

    def cues_between(self, lo: int, hi: int) -> list[tuple[int, int, bool, bool]]:
        return list(self.strike_spans[bisect.bisect_left(self._strike_starts, lo) : bisect.bisect_left(self._strike_starts, hi)])

    def is_hedged(self, start: int, end: int) -> bool:
        """Do the clauses of the figure at [start, end) hedge it ("up to 20 may have been killed")?"""
        first, last = self.seg.clause_at(start), self.seg.clause_at(max(start, end - 1))
        lo = first.start if first else start
        hi = last.end if last else end
        return _any_between(self.hedges, lo, hi)

    def is_another_day(self, offset: int) -> bool:
        s = self.seg.sentence_at(offset)
        return s is not None and s.index in self.other_days

    def is_background(self, offset: int) -> bool:
        return in_background(self.seg, self.background, self.background_tails, offset)


def in_background(seg: Segmented, background: set[int] | frozenset[int], tails: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether an offset lies in a background sentence or in the background tail of one."""
    s = seg.sentence_at(offset)
    if s is not None and s.index in background:
        return True
    return any(lo <= offset < hi for lo, hi in tails)


def background_sentences(text: str, seg: Segmented, ruleset: RuleSet, log: RunLog) -> set[int]:
    """Sentences about earlier attacks or cumulative statistics (`background` rules)."""
    background: set[int] = set()
    for rule in ruleset.of_kind("background"):
        if rule.set.get("scope") == "after":
            continue
        for match in run_rule(rule, text, log):
            s = seg.sentence_at(match.start())
            if s is not None:
                background.add(s.index)
    return background


def background_tails(text: str, seg: Segmented, ruleset: RuleSet, log: RunLog) -> list[tuple[int, int]]:
    """Spans from a comparison with an earlier attack to the end of its sentence (`scope: after` rules)."""
    tails = []
    for rule in ruleset.of_kind("background"):
        if rule.set.get("scope") != "after":
            continue
        for match in run_rule(rule, text, log):
            s = seg.sentence_at(match.start())
            if s is not None:
                tails.append((match.start(), s.end))
    return tails


_MONTH_NUMBERS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_FRONTED_DATE = regex.compile(r"\s*On\s+(?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})\b|(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]{2,8})\b)")


_ON_DATE = regex.compile(
    r"\bon\s+(?:(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?P<day>\d{1,2})\b"
    r"|(?P<day>\d{1,2})\s+(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)
_IN_MONTH = regex.compile(
    r"\bin\s+(?:early\s+|late\s+|mid-)?(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)"
)
_TOLL_WORD = regex.compile(r"\b(?:killed|killing|died|dead|wounded|wounding|injured|injuring)\b", regex.IGNORECASE)
_FRONTED_MONTH = regex.compile(
    r"\s*(?:In|Back\s+in|Earlier\s+in)\s+(?:early\s+|late\s+|mid-)?(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)"
)


_DAY_MONTH = regex.compile(
    r"\b(?:(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})\b|(?P<day>\d{1,2})\s+(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b)"
)


def _first_day_month(text: str) -> dt.date | None:
    """With no stated year, the first day and month the text gives stand for the report's own day."""
    match = _DAY_MONTH.search(text)
    if match is None:
        return None
    month = _MONTH_NUMBERS.get(match.group("month")[:3].lower())
    try:
        return dt.date(2000, month or 0, int(match.group("day")))
    except ValueError:
        return None


_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# "Reporting period: 28 October – 3 November 2024", "from 1 to 7 July", "(Oct. 28 - Nov. 3)"
_PERIOD = regex.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH_WORD}))?|(?P<m1>{_MONTH_WORD})\s+(?P<d1>\d{{1,2}}))"
    rf"\s*(?:[–—-]|\bto\b|\buntil\b|\band\b)\s*"  # "28 October - 3 November", "between 12 and 15 May"
    rf"(?:(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_WORD})|(?P<m2>{_MONTH_WORD})\s+(?P<d2>\d{{1,2}}))\b"
)
PERIOD_CHARS = 600  # a reporting period is stated in a report's heading


def _stated_period(text: str, year: int) -> tuple[dt.date, dt.date] | None:
    """The period a report covers, when its heading states one (a weekly update's dates)."""
    match = _PERIOD.search(text, 0, PERIOD_CHARS)
    if match is None:
        return None
    m2 = _MONTH_NUMBERS.get(match.group("m2")[:3].lower())
    m1 = _MONTH_NUMBERS.get(match.group("m1")[:3].lower()) if match.group("m1") else m2
    try:
        first, last = dt.date(year, m1 or 0, int(match.group("d1"))), dt.date(year, m2 or 0, int(match.group("d2")))
    except ValueError:
        return None
    return (first, last) if first <= last else None


def dated_elsewhere(text: str, seg: Segmented, report_date: str | None) -> set[int]:
    """Sentences that open with a date more than a day from the report's own ("On April 3, a strike ..."),
    or with another month ("In December, an attack ..."); not a date inside the period the report
    says it covers ("Reporting period: 28 October - 3 November")."""
    own = dt.date.fromisoformat(report_date) if report_date else _first_day_month(text)
    if own is None:
        return _dated_recalls(text, seg)
    period = _stated_period(text, own.year)
    out = set()
    for sentence in seg.sentences:
        month_only = _FRONTED_MONTH.match(text, sentence.start)
        if month_only:
            month = _MONTH_NUMBERS.get(month_only.group("month")[:3].lower())
            year = month_only.group("year")
            if (month is not None and month != own.month) or (year and report_date and int(year) != own.year):
                out.add(sentence.index)
            continue
        match = _FRONTED_DATE.match(text, sentence.start)
        if not match and report_date:
            # "Nine of them died when a missile hit Bat Yam on June 15": a stated day inside the sentence
            match = _ON_DATE.search(text, sentence.start, sentence.end)
        if not match:
            # "A missile strike on Dnipro in late January killed 14 people": another month, inside a
            # sentence that gives a toll (the report's month from its date or its dateline's "July 21")
            in_month = _IN_MONTH.search(text, sentence.start, sentence.end)
            month = _MONTH_NUMBERS.get(in_month.group("month")[:3].lower()) if in_month else None
            if month is not None and month != own.month and _TOLL_WORD.search(text, sentence.start, sentence.end):
                out.add(sentence.index)
            continue
        if not match:
            continue
        month = _MONTH_NUMBERS.get(match.group("month")[:3].lower())
        try:
            stated = dt.date(own.year, month or 0, int(match.group("day")))  # the year of the report (or 2000 with none)
        except ValueError:
            continue
        if period is not None and period[0] <= stated <= period[1]:
            continue
        if abs((own - stated).days) > 1:
            out.add(sentence.index)
    return out


_RECENT_DAY = regex.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|overnight|last\s+night|this\s+morning|today|tonight)\b", regex.IGNORECASE
)
_LEAD_SENTENCES = 3


def _dated_recalls(text: str, seg: Segmented) -> set[int]:
    """With no date of its own, a report whose lead gives its event a recent day ("on Wednesday",
    "overnight") recalls another time in a sentence fronted by a month and year ("In January 2023, a
    missile destroyed ...", "In May, a glide bomb ..."): that sentence is background, unless the lead
    itself names that month."""
    lead = seg.sentences[:_LEAD_SENTENCES]
    if not lead or not _RECENT_DAY.search(text, lead[0].start, lead[-1].end):
        return set()
    out = set()
    for sentence in seg.sentences[1:]:
        fronted = _FRONTED_MONTH.match(text, sentence.start)
        if fronted is None:
            continue
        month = regex.compile(rf"\b{fronted.group('month')}\b")
        if fronted.group("year") or not any(month.search(text, s.start, s.end) for s in lead if s is not sentence):
            out.add(sentence.index)
    return out


_WEAK_STRIKE_WORD = regex.compile(r"strikes?|attacks?|explosions?|blasts?|aftermath|victims|fires?|engaged")
_LAUNCH_LIST_GAP = regex.compile(
    r"[\s,()—–\-]*(?:(?:in|and|and\s+from|as\s+well\s+as\s+from|or)\s+)?(?:(?:the|occupied|temporarily|Russia(?:’s|'s)|Russian|annexed|RF)\s*)*[\s,()—–\-]*",
    regex.IGNORECASE,
)


def build_context(
    text: str,
    seg: Segmented,
    mentions: Sequence[PlaceMention],
    ruleset: RuleSet,
    log: RunLog,
    background: set[int] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Context:
    background = background_sentences(text, seg, ruleset, log) if background is None else background
    strikes = []
    for rule in ruleset.of_kind("strike"):
        for match in run_rule(rule, text, log):
            word = match.group(0).lower()
            strong = not _WEAK_STRIKE_WORD.fullmatch(word)
            strikes.append((match.start(), match.end(), bool(rule.set.get("negated")), strong))
    tails = tuple(background_tails(text, seg, ruleset, log))
    recalled = partial(in_background, seg, background, tails)
    roles: dict[tuple[int, int], str | None] = {}  # each mention's role, worked out once (the anaphors ask too)

    def role_of(mention: PlaceMention) -> str | None:
        key = (mention.evidence.start, mention.evidence.end)
        if key not in roles:
            roles[key] = _role(text, seg, mention, seg.sentence_at(mention.evidence.start), ruleset, log)
        return roles[key]

    mentions = sorted([*mentions, *_anaphors(text, seg, mentions, ruleset, log, gazetteer, recalled, role_of)], key=lambda m: m.evidence.start)
    uses = [PlaceUse(m, role_of(m), seg.sentence_at(m.evidence.start), recalled(m.evidence.start)) for m in mentions]
    uses = _propagate_launch(text, uses)
    uses = _mark_appositions(text, uses)
    hedges: list[int] = []
    day_cues: list[regex.Match[str]] = []
    for rule in ruleset.of_kind("hedge"):
        for match in run_rule(rule, text, log):
            if rule.set.get("reason") == "another_day":
                day_cues.append(match)
            else:
                hedges.append(match.start())
    return Context(seg, tuple(uses), frozenset(background), tuple(sorted(strikes)), tails, tuple(sorted(hedges)), _other_days(seg, day_cues))


_WORD = regex.compile(r"\p{L}{2,}")
_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_WEEKDAY = regex.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", regex.IGNORECASE)


def opens_with_headline(seg: Segmented) -> bool:
    """Does the report open with a headline: a first line that is one sentence with no full stop?"""
    if not seg.sentences or seg.sentences[0].line != 1 or len(seg.sentences) < 2 or seg.sentences[1].line == 1:
        return False
    first = seg.sentences[0]
    return not seg.text[first.start : first.end].rstrip().endswith((".", "!", "?"))


def _other_days(seg: Segmented, cues: Sequence[regex.Match[str]]) -> frozenset[int]:
    """Sentences after the lead that a cue sets on another day: "last week", or a weekday more than a
    day from every weekday the lead names ("On Sunday, ..." in a report of Tuesday's attack)."""
    if not cues:
        return frozenset()
    # the lead: the first paragraph with a sentence of eight words or more that is not a headline
    # (a headline alone on line 1, with no full stop; a byline)
    lead: list[Sentence] = []
    for candidate in seg.sentences:
        if lead and candidate.paragraph != lead[0].paragraph:
            break
        words = len(_WORD.findall(seg.text, candidate.start, candidate.end))
        if lead or (words >= 8 and not (candidate.index == 0 and opens_with_headline(seg))):
            lead.append(candidate)
    lead = lead[:_LEAD_SENTENCES]
    lead_days = {_WEEKDAYS.index(m.group(1).lower()) for s in lead for m in _WEEKDAY.finditer(seg.text, s.start, s.end)}
    lead_ids = {s.index for s in lead}
    out = set()
    for cue in cues:
        sentence = seg.sentence_at(cue.start())
        if sentence is None or sentence.index in lead_ids or sentence.line == 1:
            continue
        day = _WEEKDAY.search(cue.group(0))
        if day:
            n = _WEEKDAYS.index(day.group(1).lower())
            if not lead_days or any((n - d) % 7 in (0, 1, 6) for d in lead_days):
                continue
        out.add(sentence.index)
    return frozenset(out)


# The capital a country adjective or the report's country points to (for "the capital").
CAPITALS = {
    "Ukrainian": "Kyiv",
    "Russian": "Moscow",
    "Syrian": "Damascus",
    "Lebanese": "Beirut",
    "Yemeni": "Sanaa",
    "Iranian": "Tehran",
    "Israeli": "Jerusalem",
    "Belarusian": "Minsk",
    "Iraqi": "Baghdad",
}
_CAPITAL_OF_COUNTRY = {"UA": "Kyiv", "RU": "Moscow", "SY": "Damascus", "LB": "Beirut", "YE": "Sanaa", "IR": "Tehran", "IL": "Jerusalem"}


# An oblast's centre where it is not the oblast's own name (Kharkiv Oblast: Kharkiv)
_REGIONAL_CENTRES = {
    "Dnipropetrovsk Oblast": "Dnipro",
    "Kirovohrad Oblast": "Kropyvnytskyi",
    "Volyn Oblast": "Lutsk",
    "Zakarpattia Oblast": "Uzhhorod",
    "Crimea": "Simferopol",
    "Moscow Oblast": "Moscow",
    "Leningrad Oblast": "Saint Petersburg",
}


def _regional_centre(region: Place, gazetteer: Gazetteer | None) -> Place | None:
    """The city that is a region's centre ("the regional capital"), when the gazetteer knows it."""
    if gazetteer is None:
        return None
    name = _REGIONAL_CENTRES.get(region.name) or regex.sub(r"\s+(?:Oblast|Krai)$", "", region.name)
    return next((p for p in gazetteer.lookup(name) if p.type == "city" and p.country == region.country), None)


_ATTACKS_ON = regex.compile(
    r"\b(?:attacks?|strikes?|shelling|bombardments?|assaults?|raids?)\s+(?:on|against)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", regex.IGNORECASE
)
_LOCATOR_BEFORE = regex.compile(
    r"\b(?:near|outside|close\s+to|(?:outskirts|edge|edges|fringes?)\s+of|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    regex.IGNORECASE,
)


_ON_AT_BEFORE = regex.compile(r"\b(?:on|at)\s+(?:the\s+)?$", regex.IGNORECASE)


def _only_locates(text: str, mention: PlaceMention) -> bool:
    """ "80 km south of Kyiv", "on Kyiv's eastern edge": a place named to locate another, which
    "there" and "the city" do not point back to."""
    start, end = mention.evidence.start, mention.evidence.end
    if _LOCATOR_BEFORE.search(text, max(0, start - 40), start):
        return True
    return bool(_ON_AT_BEFORE.search(text, max(0, start - 8), start)) and bool(_EDGE_AFTER.match(text, end))


def _anaphors(
    text: str,
    seg: Segmented,
    mentions: Sequence[PlaceMention],
    ruleset: RuleSet,
    log: RunLog,
    gazetteer: Gazetteer | None,
    recalled: Callable[[int], bool],
    role_of: Callable[[PlaceMention], str | None],
) -> list[PlaceMention]:
    """ "the city", "his region", "the capital" as mentions of the place they point back to (not, from
    the report's own sentences, a place named only in a recalled earlier attack)."""
    out: list[PlaceMention] = []
    mentions = sorted(mentions, key=lambda m: m.evidence.start)
    starts = [m.evidence.start for m in mentions]
    taken: list[tuple[int, int]] = []  # anaphors found so far (mentions are checked by bisection)
    for rule in ruleset.of_kind("anaphor"):
        refers = str(rule.set.get("refers"))
        for match in run_rule(rule, text, log):
            start, end = match.start(), match.end()
            i = bisect.bisect_left(starts, end) - 1
            if (i >= 0 and mentions[i].evidence.end > start) or any(s < end and start < e for s, e in taken):
                continue
            own_background = recalled(start)
            before = [
                m
                for m in mentions[max(0, bisect.bisect_left(starts, start) - ANAPHOR_REACH) : bisect.bisect_left(starts, start)]
                if m.evidence.end <= start and m.evidence.line > 1 and (own_background or not recalled(m.evidence.start))
            ]
            place = None
            if refers == "region":
                place = _governors_region(text, match, mentions) or next(
                    (m.place for m in reversed(before) if m.place.type in ("oblast", "region")), None
                )
                if place is None:
                    # "Dnipropetrovsk region. A difficult night." heading a governor's post, and no other region named
                    place = _post_opener(text, mentions, start, ("oblast", "region"))
            elif refers == "city":
                # not "Moscow said it had downed dozens of drones": a city that speaks or heads a dateline is no scene
                place = next(
                    (
                        m.place
                        for m in reversed(before)
                        if m.place.type == "city" and not _only_locates(text, m) and role_of(m) not in ("speaker", "dateline")
                    ),
                    None,
                )
                if place is None:
                    # "Kherson. Over the past day ..." opening a city administration's post
                    place = _post_opener(text, mentions, start, ("city",))
            elif refers == "raion":
                place = next((m.place for m in reversed(before) if m.place.type in ("raion", "district")), None)
            elif refers == "last":
                place = next((m.place for m in reversed(before) if m.place.type != "country" and not _only_locates(text, m)), None)
            elif refers == "capital_region":
                capital = _capital(match, mentions)
                wanted = f"{capital.name} Oblast" if capital else None
                place = next((m.place for m in mentions if m.place.name == wanted), None)
            elif refers == "capital":
                place = _capital(match, mentions)
            elif refers == "regional_centre":
                region = next((m.place for m in reversed(before) if m.place.type in ("oblast", "region")), None)
                place = _regional_centre(region, gazetteer) if region is not None else None
            if place is not None:
                out.append(PlaceMention(place, evidence(text, start, end, seg.line_starts, rule.id)))
                taken.append((start, end))
    return out


def _post_opener(text: str, mentions: Sequence[PlaceMention], before: int, types: tuple[str, ...]) -> Place | None:
    """The place that opens a post on its own ("Kherson.", "Sumy region:"), which the post's "the city"
    or "the region" points back to when its body names no other."""
    return next(
        (
            m.place
            for m in mentions
            if m.evidence.line == 1
            and m.evidence.end <= before
            and m.place.type in types
            and _OPENS_POST.match(text, 0, m.evidence.start)
            and _CLOSES_OPENER.match(text, m.evidence.end)
        ),
        None,
    )


def _governors_region(text: str, match: regex.Match[str], mentions: Sequence[PlaceMention]) -> Place | None:
    """ "his region" in a sentence about "the Kirovohrad Governor": that governor's oblast."""
    if not regex.match(r"(?i)his|her|their", match.group(0)):
        return None
    lo = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    hi_dot = text.find(".", match.end())
    hi = len(text) if hi_dot < 0 else hi_dot
    for m in mentions:
        if lo <= m.evidence.start < hi and m.place.type in ("oblast", "region") and m.evidence.rule == "place.governor":
            return m.place
    return None


def _capital(match: regex.Match[str], mentions: Sequence[PlaceMention]) -> Place | None:
    adjective = match.group("country") if "country" in match.re.groupindex else None
    want = CAPITALS.get(adjective or "")
    if want is None:
        countries = [m.place.country for m in mentions if m.place.country]
        # most mentioned first; a tie goes to the country named first (not to set order)
        for code in sorted(dict.fromkeys(countries), key=lambda c: -countries.count(c)):
            if code in _CAPITAL_OF_COUNTRY:
                want = _CAPITAL_OF_COUNTRY[code]
                break
    return next((m.place for m in mentions if m.place.name == want and m.place.type == "city"), None)


def _role(text: str, seg: Segmented, mention: PlaceMention, sentence: Sentence | None, ruleset: RuleSet, log: RunLog) -> str | None:
    start, end = mention.evidence.start, mention.evidence.end
    line_start = seg.line_starts[mention.evidence.line - 1]
    if mention.evidence.line <= 8 and _DATELINE.match(text, line_start) and start - line_start < 3:
        return "dateline"
    if mention.evidence.rule == "place.governor":  # "the Kirovohrad Governor said": an office, not a speaking place
        return "title"
    lo = sentence.start if sentence else max(0, start - 120)
    before = text[max(lo, start - 120) : start]
    after = text[end : min(end + 80, sentence.end if sentence else end + 80)]
    for rule in ruleset.of_kind("place_context"):
        window = after if rule.set.get("after") else before
        for _ in run_rule(rule, window, log):
            return str(rule.set.get("role"))
    return None


_APPOSITION_GLUE = regex.compile(r"\s*,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?", regex.IGNORECASE)
_POSSESSIVE_GLUE = regex.compile(r"(?:’s|'s)\s+")
# "Ben Gurion Airport near Tel Aviv": the second place only locates the first
_NEAR_GLUE = regex.compile(
    r",?\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:village|town|city|settlement|suburb|hamlet|community)\s+)?"
    r"(?:just\s+|(?:about|some|around|roughly)?\s*\S+\s*(?:km|kilomet(?:re|er)s|miles)(?:\s*\([^)]{1,20}\))?\s+)?"
    r"(?:near|outside|close\s+to|on\s+the\s+(?:[\w-]+\s+)?(?:outskirts|edge|edges|fringes?)\s+of|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?",
    regex.IGNORECASE,
)
# "In Brovary, on Kyiv's eastern edge, ...": the place before, located by the second
_EDGE_GLUE = regex.compile(r",?\s+(?:on|at)\s+(?:the\s+)?", regex.IGNORECASE)
_EDGE_AFTER = regex.compile(r"(?:’s|'s)\s+(?:[\w-]+\s+)?(?:edge|edges|outskirts|fringes?|border|doorstep)\b", regex.IGNORECASE)


def _mark_appositions(text: str, uses: list[PlaceUse]) -> list[PlaceUse]:
    """ "Kryvyi Rih, Dnipropetrovsk Oblast": the region only places the town before it."""
    out: list[PlaceUse] = []
    for use in uses:
        prev = out[-1] if out else None
        if prev is not None and use.role is None and prev.sentence == use.sentence:
            role = _role_after(text, prev, use)
            if role is not None:
                use = PlaceUse(use.mention, role, use.sentence, use.background)
        out.append(use)
    return out


def _role_after(text: str, prev: PlaceUse, use: PlaceUse) -> str | None:
    """The role a place takes from the place just before it in its sentence, if any."""
    gap = (prev.mention.evidence.end, use.mention.evidence.start)
    is_region = use.mention.place.type in ("oblast", "raion", "region")
    if is_region and prev.mention.place.type == "city" and _APPOSITION_GLUE.fullmatch(text, *gap):
        return "apposition"
    if _NEAR_GLUE.fullmatch(text, *gap):  # "Ben Gurion Airport near Tel Aviv"
        return "locator"
    if _EDGE_GLUE.fullmatch(text, *gap) and _EDGE_AFTER.match(text, use.mention.evidence.end):
        return "locator"
    if is_region and prev.role in ("locator", "apposition") and _POSSESSIVE_GLUE.fullmatch(text, *gap):
        # "a village in the Odesa region's Bilhorod-Dnistrovskyi district": it places the village too
        return "apposition"
    return None


def _propagate_launch(text: str, uses: list[PlaceUse]) -> list[PlaceUse]:
    """ "from Cape Chauda in occupied Crimea", "Primorsko-Akhtarsk — RF, Cape Chauda — Crimea": launch sites all."""
    out: list[PlaceUse] = []
    for use in uses:
        prev = out[-1] if out else None
        if prev is not None and prev.role == "launch" and use.role is None and prev.sentence == use.sentence:
            between = text[prev.mention.evidence.end : use.mention.evidence.start]
            if _LAUNCH_LIST_GAP.fullmatch(between):
                use = PlaceUse(use.mention, "launch", use.sentence, use.background)
        out.append(use)
    return out


# --------------------------------------------------------------------------- struck


def _any_between(sorted_offsets: Sequence[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(sorted_offsets, lo)
    return i < len(sorted_offsets) and sorted_offsets[i] < hi


def struck_places(ctx: Context, casualties: Sequence[CasualtyFinding], counts: Sequence[CountFinding]) -> set[str]:
    struck: set[str] = set()
    # a figure that refers back ("both were taken to hospital in Shebekino") strikes no place of its sentence
    figure_offsets = [
        c.evidence.start
        for c in casualties
        if (c.quantity.high or c.quantity.low or 0) > 0 and not ctx.is_background(c.evidence.start) and not c.refers_back
    ]
    figure_offsets += [c.evidence.start for c in counts if c.status in ("intercepted", "hit") and not ctx.is_background(c.evidence.start)]
    figure_offsets.sort()
    for use in ctx.uses:
        if use.background or use.role in NON_STRIKE_ROLES or use.sentence is None or use.mention.place.type == "country":
            continue
        clause = ctx.seg.clause_at(use.mention.evidence.start)
        lo, hi = (clause.start, clause.end) if clause else (use.sentence.start, use.sentence.end)
        if clause is not None and _BORROWS_PREDICATE.match(ctx.seg.text, clause.start):
            lo = use.sentence.start  # "Nikopol was targeted, as were the Marhanets and Myrove communities"
        if clause is not None and _labels_its_sentence(ctx, use, clause):
            # "📍 Bilozerka — a drone hit a car; a man was killed.", "Bilopillia community: 3 KAB strikes. A man was
            # killed.": a label at the start of its line covers the line
            at_line_start = not ctx.seg.text[ctx.seg.line_starts[use.sentence.line - 1] : use.sentence.start].strip()
            lo, hi = use.sentence.start, _line_end(ctx.seg, use.sentence) if at_line_start else use.sentence.end
        if _is_heading(ctx, use.sentence):
            # "3. Kupiansk. Two men were injured ...": a place heading its line covers the whole line;
            # one alone on its line ("🔻 Kupiansk district") covers the lines below it, to the next
            # heading or blank line
            lo, hi = use.sentence.start, _line_end(ctx.seg, use.sentence)
            if not ctx.seg.text[use.sentence.end : hi].strip():
                hi = _block_end(ctx, use.sentence)
            cues = [c for c in ctx.cues_between(lo, hi) if c[3] and not c[2]]
            if cues or _any_between(figure_offsets, lo, hi):
                struck.add(use.mention.place.name)
            continue
        if use.role == "title":
            lo, hi = use.sentence.start, use.sentence.end
            others = [u for u in ctx.uses_in(use.sentence) if u.role is None and u.mention.place.type != "country"]
            if others:
                continue
        cues = ctx.cues_between(lo, hi)
        if any(neg for _, _, neg, _ in cues):
            continue
        cues = [c for c in cues if c[3] or _linked(ctx.seg.text, c, use.mention)]
        strong = [s for s in cues if s[3]]
        if use.role == "title":
            if strong:
                struck.add(use.mention.place.name)
            continue
        if cues or _any_between(figure_offsets, lo, hi):
            struck.add(use.mention.place.name)
    return struck


# a clause that takes its verb from the clause before: "as were", "as was", "and so was"
_BORROWS_PREDICATE = regex.compile(r"[\s,;]*(?:as|and\s+so)\s+(?:was|were|did|had|has|have)\b", regex.IGNORECASE)


# what may stand around the place names of a heading line: numbering, bullets and emoji ("🔻 Kharkiv.")
_HEADING_REST = regex.compile(r"[\s\d.,:;()–—\-•*\p{So}\p{Sk}\uFE0F]*(?:(?i:district|raion|oblast|region|community|hromada)[\s.,:;()–—\-]*)*")


def _is_heading(ctx: Context, sentence: Sentence) -> bool:
    """A sentence that is only place names ("Kharkiv.", "Bohodukhiv, Bohodukhiv district.")."""
    uses = ctx.uses_in(sentence)
    return bool(uses) and _only_places(ctx.seg.text, uses, sentence.start, sentence.end)


def _only_places(text: str, uses: Sequence[PlaceUse], lo: int, hi: int) -> bool:
    """Is [lo, hi) the place names of `uses` (those in it, in order) with only numbering, bullets,
    emoji and words like "district" around them?"""
    cursor = lo
    for use in uses:
        if not _HEADING_REST.fullmatch(text, cursor, use.mention.evidence.start):
            return False
        cursor = use.mention.evidence.end
    return _HEADING_REST.fullmatch(text, cursor, hi) is not None


_BLANK_LINE = regex.compile(r"\n[ \t]*\r?\n")


def _labels_its_sentence(ctx: Context, use: PlaceUse, clause: Span) -> bool:
    """A place that is all of the first clause of its sentence ("📍 Bilozerka — ...", "• Kozacha Lopan: ...")
    labels the sentence: what the rest says happened there."""
    sentence = use.sentence
    if sentence is None or clause.start != sentence.start:
        return False
    if clause.end >= sentence.end:  # one clause: "Bilopillia community: 3 KAB strikes and a drone attack."
        colon = _LABEL_END.search(ctx.seg.text, sentence.start, sentence.end)
        if colon is None or use.mention.evidence.end > colon.start():
            return False
        return _only_places(ctx.seg.text, ctx.uses_between(sentence.start, colon.start()), sentence.start, colon.start())
    return _only_places(ctx.seg.text, ctx.uses_between(clause.start, clause.end), clause.start, clause.end)


_LABEL_END = regex.compile(r":|\s[—–]\s")


def _block_end(ctx: Context, heading: Sentence) -> int:
    """Where the lines a heading heads end: a blank line or the next heading."""
    text = ctx.seg.text
    blank = _BLANK_LINE.search(text, heading.end)
    end = blank.start() if blank else len(text)
    for later in ctx.seg.sentences[heading.index + 1 :]:
        if later.start >= end:
            break
        if _is_heading(ctx, later):
            return later.start
    return end


def _line_end(seg: Segmented, sentence: Sentence) -> int:
    return seg.line_starts[sentence.line] if sentence.line < len(seg.line_starts) else len(seg.text)


_LINK = regex.compile(
    r"\s+(?:[\w’'\-]+,?\s+){0,8}?(?:on|in|against|at|near|over|across|targeting|hit|struck)\s+(?:[\w’'\-]+,?\s+){0,6}?", regex.IGNORECASE
)


# "In Kherson, drone attacks ...": a place fronted with "In" is where the clause after it happens
_FRONTED_IN = regex.compile(r"(?:^|(?<=[.!?:\n]\s*))In\s+(?:the\s+)?(?:(?:city|town|village|settlement|port)\s+of\s+)?$")
_FRONTED_GAP = regex.compile(r",\s+(?:[\w’'\-]+\s+){0,3}?")


def _linked(text: str, cue: tuple[int, int, bool, bool], mention: PlaceMention) -> bool:
    """A weak cue ("strikes", "attack") counts for a place it governs: "strikes on Kyiv and
    Kharkiv", or for a place fronted before it: "In Kherson, drone attacks continued"."""
    if cue[1] <= mention.evidence.start:
        return _LINK.fullmatch(text, cue[1], mention.evidence.start) is not None
    start, end = mention.evidence.start, mention.evidence.end
    return _FRONTED_GAP.fullmatch(text, end, cue[0]) is not None and _FRONTED_IN.search(text, max(0, start - 40), start) is not None


# --------------------------------------------------------------------------- figures' places


def _eligible(use: PlaceUse) -> bool:
    """May a figure be about this place? Not launch sites, venues... nor a region that only places a town."""
    return use.role not in NON_STRIKE_ROLES and use.role != "apposition" and use.mention.place.type != "country" and not use.background


# "the village of Bilenke in the Kramatorsk community": the second name only says where the first lies
_CONTAINER_LINK = regex.compile(r"\s*,?\s+(?:in|of)\s+(?:the\s+)?$|\s*,\s*$", regex.IGNORECASE)
_CONTAINER_WORD = regex.compile(
    r"\s+(?:community|hromada|territorial\s+community|district|raion|rayon|region|oblast|municipality|province|governorate)\b", regex.IGNORECASE
)


def _without_containers(text: str, uses: list[PlaceUse]) -> list[PlaceUse]:
    """The places of a sentence less those that stand only as the container of the place before them."""
    if len(uses) < 2:
        return uses
    dropped: set[int] = set()
    for before, after in zip(uses, uses[1:], strict=False):
        b, a = before.mention.evidence, after.mention.evidence
        linked = b.end <= a.start and before.mention.place.name != after.mention.place.name and _CONTAINER_LINK.fullmatch(text, b.end, a.start)
        # "Novhorod-Siverskyi district, Semenivka hromada" goes the other way, from the larger to the smaller
        before_is_unit = _CONTAINER_WORD.match(text, b.end) or _CONTAINER_WORD.search(" " + b.text)
        if linked and _CONTAINER_WORD.match(text, a.end) and not before_is_unit:
            dropped.add(id(after))
    # a container named elsewhere in the sentence as a place of its own stays
    named = {u.mention.place.name for u in uses if id(u) not in dropped}
    return [u for u in uses if id(u) not in dropped or u.mention.place.name in named]


def _count_review(text: str, count: CountFinding) -> tuple[str, ...]:
    if count.status == "unknown":
        return ("status_unknown",)
    # "struck Pokrovsk with two Iskander-M missiles": the missiles were fired and they hit; readers (and
    # annotators) take either, so the status is one to check
    if count.status in ("launched", "hit") and struck_with_before(text, count.evidence.start):
        return ("status_ambiguous",)
    return ()


def _collapse(places: Sequence[Place], *, raion_holds_town: bool = False) -> list[Place]:
    """Distinct places, a region dropped where a city in it is named too (with raion_holds_town,
    for the places of one sentence, also a raion beside a town of its oblast: "Novhorod-Siverskyi
    district, Semenivka hromada: ...")."""
    distinct: list[Place] = []
    for p in places:
        if p.name not in {d.name for d in distinct}:
            distinct.append(p)
    cities = [p for p in distinct if p.type in ("city", "site")]
    regions = [p for p in distinct if p.type in ("oblast", "region")]
    # "In the Krasnodar region, ... a refinery in the village of Ilsky": a village no gazetteer holds, named
    # with one region, lies in it
    unknown_town = len(regions) == 1 and any(not c.known and c.admin1 is None for c in cities)
    kept = []
    for p in distinct:
        if p.type in ("oblast", "region", "raion") and (any(c.admin1 == p.name for c in cities) or (unknown_town and p is regions[0])):
            continue
        if p.type == "district" and any(c.type == "city" and c.admin1 == p.admin1 for c in cities):
            continue
        if raion_holds_town and p.type == "raion" and p.admin1 and any(c.type == "city" and c.admin1 == p.admin1 for c in cities):
            continue
        kept.append(p)
    return kept


@dataclass(frozen=True)
class Attributor:
    ctx: Context
    text: str
    struck: frozenset[str]
    places_by_name: dict[str, Place]
    keep_districts: bool = False  # targets and impacts: a district's damage is the district's

    def default_place(self) -> str | None:
        places = _collapse([self.places_by_name[n] for n in sorted(self.struck)])
        return places[0].name if len(places) == 1 else None

    def whole_report(self, start: int, limit: int) -> bool:
        """A scope word in the figure's stretch ("nationwide", "as a result of the attacks"), unless a
        place follows it closely ("as a result of the attack on Kharkiv")."""
        scope = _WHOLE_REPORT.search(self.text, start, limit)
        if scope is None:
            return False
        # "9 people were injured in the capital as a result of the night attack": placed before the scope words
        if self.placed_in(start, scope.start()):
            return False
        return not self.placed_in(scope.end(), scope.end() + 25)

    def scope_closes_figures(self, start: int, limit: int) -> bool:
        """ "killed at least nine and injured 40 nationwide": a scope word that ends a run of
        figures, with no place before it and no clause break, holds for each of them."""
        scope = _WHOLE_REPORT.search(self.text, start, limit)
        if scope is None or regex.search(r"[;:]|\.\s", self.text[start : scope.start()]):
            return False
        # "... as a result of the attack on Kharkiv": a place right after the scope words places them
        return not self.placed_in(start, min(limit, scope.end() + 40))

    def placed_in(self, lo: int, hi: int) -> bool:
        """Does [lo, hi) name a place a figure may be about (not an official's office)?"""
        return bool(self.places_in(lo, hi))

    def places_in(self, lo: int, hi: int) -> list[PlaceUse]:
        """The uses in [lo, hi) of places a figure may be about (not an official's office)."""
        return [u for u in self.ctx.uses_between(lo, hi) if _eligible(u) and u.role != "title"]

    def in_compass_country(self, end: int, opening_country: bool = True) -> bool:
        """ "Seven killed in northern Israel", "strikes kill 14 in Lebanon": placed in a country or a
        part of one, which names no place."""
        match = _COMPASS.match(self.text, end)
        if match is None and opening_country and self._in_opening(end):
            # only the headline's and the lede's: later, "N have been killed in Lebanon" is mostly a war's toll
            match = _IN_COUNTRY.match(self.text, end)
        if match is None:
            return False
        return any(self._names_country(u) for u in self.ctx.uses_between(match.end(), match.end() + 1))

    def said_of_a_country(self, lo: int, hi: int) -> bool:
        """Whether [lo, hi) names a country (not "Russia's Belgorod", not a dateline's) and no place a figure may be about."""
        uses = self.ctx.uses_between(lo, hi)
        if self.places_in(lo, hi) or any(u.role == "dateline" for u in uses):
            return False
        return any(self._names_country(u) and u.role is None for u in uses)

    def _names_country(self, use: PlaceUse) -> bool:
        """A country named as such, not as the owner of the place after it ("Russia's Belgorod")."""
        return use.mention.place.type == "country" and not _POSSESSIVE.match(self.text, use.mention.evidence.end)

    def _in_opening(self, offset: int) -> bool:
        """In the report's lead sentences: its headline, dateline and lede."""
        lead = self.ctx.seg.sentences[:_LEAD_SENTENCES]
        return bool(lead) and offset < lead[-1].end

    def place_for(self, start: int, end: int, stretch: tuple[int, int]) -> tuple[list[PlaceUse], bool]:
        """(the place uses a figure at [start, end) is about, decided) within its stretch of the clause."""
        lo, hi = stretch
        in_stretch = [u for u in self.ctx.uses_between(lo, hi) if _eligible(u)]
        # "killing two, Zaporizhzhia Oblast Governor said": the title names who spoke, so the figure's
        # place comes from elsewhere first (see place_of_title)
        in_stretch = [u for u in in_stretch if u.role != "title"]
        if in_stretch:
            after = [u for u in in_stretch if u.mention.evidence.start >= end]
            if after and (after[0].mention.evidence.start - end) < 60 and not _NEXT_CLAUSE.search(self.text, end, after[0].mention.evidence.start):
                return self.coordinated(after[0]), True
            if after and any(u.mention.evidence.end <= start for u in in_stretch):
                # "an attack on Vilniansk killed a man, and shelling damaged houses in Huliaipole": a place
                # after the next clause opens is that clause's
                opens = _NEXT_CLAUSE.search(self.text, end, hi)
                if opens is not None:
                    in_stretch = [u for u in in_stretch if u.mention.evidence.start < opens.start()]
            before = [u for u in in_stretch if u.mention.evidence.end <= start and u.role is None]
            held = _collapse([u.mention.place for u in before], raion_holds_town=True)
            if len(held) == 1 and len({u.mention.place.name for u in before}) > 1 and held[0].type in ("city", "site"):
                # "In Bohodukhiv district, drones attacked Zolochiv: a shop ...": the town, not its raion too
                return [next(u for u in before if u.mention.place.name == held[0].name)], True
            if len(_collapse([u.mention.place for u in before])) > 1:
                # "struck the port of Hodeidah and a power station in Sanaa, killing three": about all of
                # them together (a null place), or, for "no casualties", about each
                return before, True
            return self.coordinated(self._town_of_region(min(in_stretch, key=lambda u: _distance(u, start, end)))), True
        return [], False

    def _town_of_region(self, use: PlaceUse) -> PlaceUse:
        """ "In the Odesa region, a man was killed ... in the village of Nerubaiske": a region whose sentence
        names one of its towns, struck, gives that town."""
        place = use.mention.place
        if place.type not in ("oblast", "region"):
            return use
        if _ATTACKS_ON.search(self.text, max(0, use.mention.evidence.start - 60), use.mention.evidence.start):
            return use  # "attacks on the Dnipropetrovsk region killed three, ... after a missile hit Pavlohrad": the region's toll
        towns = [
            u
            for u in self.ctx.uses_in(use.sentence)
            if _eligible(u) and u.mention.place.type == "city" and u.mention.place.admin1 == place.name and u.mention.place.name in self.struck
        ]
        return towns[0] if len({u.mention.place.name for u in towns}) == 1 else use

    def rivals(self, sentence: Sentence, chosen: Sequence[str | None]) -> bool:
        """Does the sentence name another struck place, not in or around the chosen ones, that the
        figure could as well be about? (The choice between them is the one an analyst should check.)"""
        chosen_places = [self.places_by_name[n] for n in chosen if n in self.places_by_name]
        for use in self.ctx.uses_in(sentence):
            place = use.mention.place
            if not _eligible(use) or use.role == "title" or place.name not in self.struck:
                continue
            if place.name in chosen or self.city_of(place) in chosen:
                continue
            if any(place.name == c.admin1 or c.name == place.admin1 for c in chosen_places):
                continue  # the region of the chosen town, or a town of the chosen region
            return True
        return False

    def region_of_struck_town(self, chosen: Sequence[str | None]) -> bool:
        """A figure given to a region in whose towns the report places strikes: the region or the town?"""
        regions = [p for n in chosen if (p := self.places_by_name.get(n or "")) is not None and p.type in ("oblast", "region", "raion")]
        return any(self.places_by_name[s].admin1 == r.name for r in regions for s in self.struck if self.places_by_name[s].type == "city")

    def city_of(self, place: Place) -> str:
        """Figures for a city district belong to its city, when the report names that city."""
        if self.keep_districts:
            return place.name
        return self.city_name(place)

    def city_name(self, place: Place) -> str:
        """The city a district is part of, when the report names that city (else the place itself)."""
        if place.type != "district":
            return place.name
        cities = [u.mention.place for u in self.ctx.uses if u.mention.place.type == "city" and u.mention.place.admin1 == place.admin1]
        struck = [c for c in cities if c.name in self.struck]
        pick = sorted(struck or cities, key=lambda c: -c.population)
        return pick[0].name if pick else place.name

    def one_place(self, places: Sequence[Place]) -> bool:
        """One place, or districts of one city (with the city, if it is named too)."""
        return len({self.city_name(p) for p in places}) == 1

    def coordinated(self, use: PlaceUse) -> list[PlaceUse]:
        """The place and the places listed with it: "the Kyiv, Poltava and Kirovohrad regions"."""
        uses = [u for u in self.ctx.uses_in(use.sentence) if _eligible(u)]
        i = uses.index(use)
        lo = hi = i
        while lo > 0 and _LIST_GLUE.fullmatch(self.text, uses[lo - 1].mention.evidence.end, uses[lo].mention.evidence.start):
            lo -= 1
        while hi + 1 < len(uses) and _LIST_GLUE.fullmatch(self.text, uses[hi].mention.evidence.end, uses[hi + 1].mention.evidence.start):
            hi += 1
        return uses[lo : hi + 1]

    def place_in_sentence(self, sentence: Sentence, start: int, end: int) -> tuple[list[PlaceUse], bool]:
        uses = [u for u in self.ctx.uses_in(sentence) if _eligible(u) and u.role != "title"]
        if not uses:
            # "In southern Israel, ...": a country or compass region, which is no place
            return [], bool(_FRONTED_REGION.match(self.text, sentence.start))
        places = _collapse([u.mention.place for u in uses])
        if self.one_place(places):
            # "In Kharkiv's Kyivskyi district, ...": the city and its district (the district is kept, marked)
            cities = {p.name for p in places if p.type == "city"}
            of_city = [u for u in uses if self.city_of(u.mention.place) in cities and u.mention.place.type in ("city", "district")]
            return of_city if len(cities) == 1 and len(of_city) > 1 else [uses[0]], True
        region = self._shared_region(sentence, places)
        if region is not None:
            return [region], True
        return self.coordinated(min(uses, key=lambda u: _distance(u, start, end))), True

    def place_before(self, sentence: Sentence) -> tuple[list[PlaceUse], bool]:
        """The one struck place of the nearest earlier sentence that names struck places."""
        for earlier in reversed(self.ctx.seg.sentences[max(0, sentence.index - LOOKBACK_SENTENCES) : sentence.index]):
            if earlier.index in self.ctx.background:
                continue
            # an office ("governor of the Sumy region") is the last resort (place_from_office), not a sentence's place
            uses = [u for u in self.ctx.uses_in(earlier) if _eligible(u) and u.role != "title" and u.mention.place.name in self.struck]
            uses = _without_containers(self.text, uses)
            if uses:
                if _is_heading(self.ctx, earlier):  # "4. Bohodukhiv, Bohodukhiv district." heads what follows
                    return [uses[0]], True
                places = _collapse([u.mention.place for u in uses], raion_holds_town=True)
                if self.one_place(places):
                    if self.keep_districts and len(places) > 1:  # two districts of one city: the city (see _places_of)
                        return [u for u in uses if u.mention.place.name in {p.name for p in places}], True
                    return [next(u for u in uses if u.mention.place.name == places[0].name)], True
                region = self._shared_region(earlier, places)
                return ([region] if region else []), True
        return [], False

    def _shared_region(self, sentence: Sentence, places: Sequence[Place]) -> PlaceUse | None:
        """ "Kyiv region governor said ... houses in the Bila Tserkva and Fastiv districts": the oblast they share."""
        admin1 = {p.admin1 for p in places}
        if len(admin1) != 1:
            return None
        name = admin1.pop()
        return next((u for u in self.ctx.uses_in(sentence) if u.mention.place.name == name and _eligible(u)), None)


# a post that opens with its region: "Dnipropetrovsk region. A difficult night.", "🔴 Kharkiv region:"
_OPENS_POST = regex.compile(r"[\W\p{So}]*\Z")
_CLOSES_OPENER = regex.compile(r"\s*[.:!]")
# where a coordinated clause with a subject of its own opens: ", and shelling damaged", "; in Izium"
_NEXT_CLAUSE = regex.compile(r";\s|,\s+(?:and|while|but|whereas)\s+(?!(?:\w+\s+)?(?:injur|wound|kill|hurt|leav|left))", regex.IGNORECASE)

# "a total of four people have been injured": a total just before the figure, with no place in its clause,
# is the whole report's ("in total ... in the region" keeps the region: a place follows)
_TOTAL_BEFORE = regex.compile(
    r"(?:\ba\s+total\s+of|\bin\s+total,?|\boverall,?)(?:\s+(?:over|during|in|for)\s+the\s+(?:past|last)\s+(?:day|24\s+hours|night|week),?)?\s*$",
    regex.IGNORECASE,
)
# "strikes on towns in south Lebanon killed 21": an attack the sentence spreads over several places it
# does not name; its figure is the whole report's, not the headline's place
_SEVERAL_PLACES = regex.compile(
    r"\b(?:on|at|in|across|against|targeted|struck|hit)\s+(?:(?:several|multiple|various|many|dozens\s+of|a\s+number\s+of|[\w-]+)\s+){0,2}"
    r"(?:towns|villages|cities|communities|settlements|positions|sites|areas|regions|provinces|districts|localities|targets|bases|centres|centers)\b",
    regex.IGNORECASE,
)


# A country-wide scope fronting its sentence (not "In total,", which a governor's post says of the region)
_FRONTED_SCOPE = regex.compile(
    r"\s*(?:Nationwide|Across\s+(?:the\s+)?(?:country|nation|Ukraine|Russia|Israel|Lebanon|Gaza|Yemen|Syria|Iran))\s*,", regex.IGNORECASE
)
# People aboard a ship, or a position at sea: a figure with no place of its own is not the report's one struck place's
_AT_SEA = regex.compile(
    r"\b(?:crew\s*members?|crewmen|crew|sailors|seafarers|mariners|on\s+board|aboard|nautical\s+miles|off\s+the\s+coast\s+of)\b", regex.IGNORECASE
)
# A governor's summary line: "🔹 As a result of Russian aggression, 2 people were killed and 14 injured"
_FRONTED_RESULT = regex.compile(
    r"[^\w\s]*\s*As\s+a\s+result\s+of\s+(?:the\s+)?(?:Russian|enemy|Israeli|Ukrainian|hostile|the\s+enemy(?:’s|'s)?|the\s+occupiers(?:’|')?)\s+"
    r"(?:aggression|attacks|shelling|strikes|fire|actions)\b(?:\s+(?:over|during|in)\s+the\s+(?:past|last)\s+(?:day|24\s+hours|night))?\s*,",
    regex.IGNORECASE,
)
# "Seven killed in northern Israel", "240 hurt in barrage on central and southern Israel"
_COMPASS = regex.compile(
    r"\s+(?:in|on|across)\s+(?:(?:a|the|an)\s+)?(?:(?:[\w-]+\s+)?(?:barrage|attack|strikes?|raid|salvo)\s+on\s+)?(?:the\s+)?"
    r"(?:north|south|east|west|central)[\w-]*(?:\s+and\s+(?:north|south|east|west|central)[\w-]*)?\s+",
    regex.IGNORECASE,
)
_POSSESSIVE = regex.compile(r"[’']s\b")
_IN_COUNTRY = regex.compile(r"\s+(?:people\s+|civilians\s+)?(?:in|across|throughout)\s+(?:the\s+)?(?=\p{Lu})")
# "In southern Israel, ...": the figure is placed, but in no named place
_FRONTED_REGION = regex.compile(
    r"\s*In\s+(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western)\w*\s+\p{Lu}\w+\s*,"
)
_FRONTED_PLACE = regex.compile(r"\s*(?:In|At|Near)\s+(?:the\s+)?\p{Lu}[\w’'-]+(?:\s+\p{Lu}[\w’'-]+)?,")
_LIST_GLUE = regex.compile(r"\s*(?:,|,?\s+(?:and|or))\s+(?:the\s+)?", regex.IGNORECASE)


def _distance(use: PlaceUse, start: int, end: int) -> int:
    s, e = use.mention.evidence.start, use.mention.evidence.end
    return start - e if e <= start else s - end if s >= end else 0


def _next_offset(sorted_offsets: Sequence[int], start: int, limit: int) -> int:
    """The first offset after start and before limit, else limit (a bisect: the figures are many in a long text)."""
    i = bisect.bisect_right(sorted_offsets, start)
    return sorted_offsets[i] if i < len(sorted_offsets) and sorted_offsets[i] < limit else limit


def _stretch(ctx: Context, offsets: Sequence[int], start: int) -> tuple[int, int]:
    """The part of a figure's clause that is its own: up to the next figure."""
    clause = ctx.seg.clause_at(start)
    sentence = ctx.seg.sentence_at(start)
    lo, hi = (clause.start, clause.end) if clause else (start, start)
    if sentence is not None and clause is not None and clause.start == sentence.start:
        lo = sentence.start
    return lo, _next_offset(offsets, start, hi)


def attribute(
    text: str,
    ctx: Context,
    casualties: Sequence[CasualtyFinding],
    counts: Sequence[CountFinding],
    targets: Sequence[TargetFinding] = (),
    impacts: Sequence[ImpactFinding] = (),
) -> tuple[list[Location], list[Casualty], list[MunitionCount], list[Target], list[Impact]]:
    struck = struck_places(ctx, casualties, counts)
    places_by_name: dict[str, Place] = {}
    mentions_by_name: dict[str, list[PlaceMention]] = {}
    for use in ctx.uses:
        places_by_name.setdefault(use.mention.place.name, use.mention.place)
        mentions_by_name.setdefault(use.mention.place.name, []).append(use.mention)
    attributor = Attributor(ctx, text, frozenset(struck), places_by_name)
    offsets = sorted({c.evidence.start for c in casualties})
    records: list[Casualty] = []
    parent = Placed([None])
    last_of_outcome: dict[str, Placed] = {}  # the place of the latest figure of each outcome (an update's toll)
    for finding in casualties:
        start = finding.evidence.start
        sentence = ctx.seg.sentence_at(start)
        # "Both were taken to hospital in Shebekino": the people of the figure before, and its
        # place, whatever place the hospital's sentence names
        earlier = last_of_outcome.get(finding.outcome)
        placed = parent if finding.refers_back else _places_of(attributor, finding, sentence, offsets, parent, earlier)
        if not finding.part:
            parent = placed
            if not ctx.is_background(start) and len(placed.names) == 1:
                last_of_outcome[finding.outcome] = Placed(placed.names)
        review = _review(placed.review, ctx.is_hedged(start, finding.evidence.end), ctx.is_another_day(start))
        for name in [*placed.names, *([placed.district] if placed.district else [])]:
            records.append(
                Casualty(
                    finding.outcome,
                    finding.quantity.low,
                    finding.quantity.high,
                    finding.quantity.qualifier,
                    finding.group,
                    name,
                    finding.evidence,
                    background=ctx.is_background(start),
                    update=finding.update,
                    review=review,
                )
            )
    records = _drop_headline_repeats(_regions_elaborated(_wholes_of_placed_parts(records), ctx, places_by_name), ctx)
    count_records = []
    for c in counts:
        clause = ctx.seg.clause_at(c.evidence.start)
        place = None
        if clause is not None:
            uses, _ = attributor.place_for(c.evidence.start, c.evidence.end, (clause.start, clause.end))
            place = uses[0].mention.place.name if len(uses) == 1 else None
        count_records.append(
            MunitionCount(
                c.munition,
                c.count,
                c.quantity.qualifier,
                c.status,
                place,
                c.evidence,
                background=ctx.is_background(c.evidence.start),
                review=_count_review(text, c) + (("another_day",) if ctx.is_another_day(c.evidence.start) else ()),
            )
        )
    locations = [Location(places_by_name[name], name in struck, tuple(m.evidence for m in mentions)) for name, mentions in mentions_by_name.items()]
    target_records, impact_records = _place_damage(replace(attributor, keep_districts=True), targets, impacts)
    return locations, records, count_records, target_records, impact_records


def _place_damage(
    attributor: Attributor, targets: Sequence[TargetFinding], impacts: Sequence[ImpactFinding]
) -> tuple[list[Target], list[Impact]]:
    """Targets and impacts with their places, found as a casualty figure's is (GUIDELINES 7:
    the place its clause names, else the report's single struck place, else null). A city
    district keeps its own name (the attributor keeps districts): what was hit there was hit
    in the district."""
    if not targets and not impacts:
        return [], []
    ctx = attributor.ctx
    offsets = sorted({t.evidence.start for t in targets} | {i.evidence.start for i in impacts})

    def place(ev: Evidence, quantity: Quantity, each_place: bool) -> Placed:
        figure = CasualtyFinding("damage", quantity, "all", ev)
        placed = _places_of(attributor, figure, ctx.seg.sentence_at(ev.start), offsets, Placed([None]), each_place=each_place)
        return Placed([_district_named_with(attributor, ev, name) for name in placed.names], placed.review)

    one = Quantity(1, 1, "exact")
    target_records: dict[tuple[str, str, str, str | None], Target] = {}
    for t in targets:
        placed = place(t.evidence, one, True)
        for name in placed.names:
            target_key = (t.category, t.name.lower(), t.status, name)
            target_records.setdefault(target_key, Target(t.category, t.name, t.status, name, t.evidence, _review(placed.review, False)))
    # "the enemy attacked the substation ... the substation was damaged": one thing, whose fuller status stands
    done = {(k[0], k[3]) for k, r in target_records.items() if r.status != "targeted"}
    target_records = {k: r for k, r in target_records.items() if r.status != "targeted" or (k[0], k[3]) not in done}
    impact_records: dict[tuple[str, str, int | None, int | None, str | None, str], Impact] = {}
    for i in impacts:
        # "800,000 people in Kyiv ... were left without power": the place the figure itself names
        inside = attributor.places_in(i.evidence.start, i.evidence.end)
        placed = Placed([inside[0].mention.place.name]) if inside else place(i.evidence, i.quantity, False)
        hedged = ctx.is_hedged(i.evidence.start, i.evidence.end)
        names = placed.names if len(placed.names) == 1 else [None]
        for name in names:
            # the same figure said twice is one; "3 apartment buildings and 3 private houses" are two
            what = i.evidence.text.lower() if i.evidence.rule.startswith("target.") else ""
            key = (i.kind, i.unit, i.quantity.low, i.quantity.high, name, what)
            q = i.quantity
            impact_records.setdefault(key, Impact(i.kind, i.unit, q.low, q.high, q.qualifier, name, i.evidence, _review(placed.review, hedged)))
    return list(target_records.values()), list(impact_records.values())


def _district_named_with(attributor: Attributor, ev: Evidence, name: str | None) -> str | None:
    """"apartment buildings in the city's Prymorskyi district": the district its clause names, for a city."""
    place = attributor.places_by_name.get(name or "")
    clause = attributor.ctx.seg.clause_at(ev.start)
    if place is None or place.type != "city" or clause is None:
        return name
    districts = {
        u.mention.place.name
        for u in attributor.places_in(clause.start, clause.end)
        if u.mention.place.type == "district" and attributor.city_name(u.mention.place) == place.name
    }
    return districts.pop() if len(districts) == 1 else name


def _places_of(
    attributor: Attributor,
    finding: CasualtyFinding,
    sentence: Sentence | None,
    offsets: Sequence[int],
    parent: Placed,
    earlier: Placed | None = None,
    each_place: bool = False,
) -> Placed:
    """The place(s) a casualty figure is about ([None] for the whole report), and why an
    analyst should check that choice, if the place came from a fallback.

    A zero ("no casualties") said of a list of places holds for each of them; any
    other figure said of a list is about them together, so its place is null.
    """
    start, end = finding.evidence.start, finding.evidence.end
    ctx = attributor.ctx
    limit = sentence.end if sentence else end
    # a lede's "kill 14 in Lebanon" is the report's toll; a thing damaged "in Syria" is still where its clause says
    country_wide = attributor.in_compass_country(end, opening_country=finding.outcome != "damage")
    if attributor.whole_report(start, _next_offset(offsets, start, limit)) or country_wide:
        return Placed([None])
    if attributor.scope_closes_figures(start, limit):  # "killed at least nine and injured 40 nationwide"
        return Placed([None])
    if sentence is not None and _FRONTED_SCOPE.match(attributor.text, sentence.start):  # "Across Ukraine, at least seven were killed"
        return Placed([None])
    if sentence is not None and _FRONTED_RESULT.match(attributor.text, sentence.start) and not attributor.placed_in(sentence.start, sentence.end):
        return Placed([None], ("no_place",))  # the post's figure for all the places it lists, or its region's?
    stretch = _stretch(ctx, offsets, start)
    if _TOTAL_BEFORE.search(attributor.text, max(stretch[0], start - 48), start):
        # "In total, 1 person was killed and 2 were injured in the region": each figure of the total
        # takes the place the sentence gives after it; with none, the total is the whole report's
        after = attributor.places_in(start, limit)
        return Placed([attributor.city_of(after[0].mention.place)] if after else [None])
    uses, decided = attributor.place_for(start, end, stretch)
    if not decided and finding.part:
        return parent
    if not decided and finding.quantity.high != 0 and attributor.default_place() is None and attributor.said_of_a_country(stretch[0], start):
        return Placed([None])  # "Israeli strikes on south Lebanon killed four", in a report of several struck places
    review: tuple[str, ...] = ()
    if not decided and sentence is not None:
        uses, decided = attributor.place_in_sentence(sentence, start, end)
        if not decided and _SEVERAL_PLACES.search(attributor.text, sentence.start, start) and not finding.part:
            return Placed([None])
        if not decided and finding.update and earlier is not None:
            return earlier  # "the death toll has risen to 14": the toll of the figure it updates
        if not decided and _AT_SEA.search(attributor.text, sentence.start, sentence.end):
            return Placed([None], ("no_place",))  # a ship's crew: at sea, not where the sentences before were
        if not decided:
            uses, decided = attributor.place_before(sentence)
            source = uses[0].sentence if uses else None
            # "In Holon, a man was hurt.\n\nBy the afternoon, 240 people had been brought to hospitals":
            # a paragraph that steps out of a list of places, and a lone "No one was killed." after
            # several paragraphs, speak for the whole report
            # (not an item of a list whose heading closes the paragraph above: "Damaged:\n- 6 private houses")
            stepped_out = (
                source is not None
                and source.paragraph != sentence.paragraph
                and not _is_heading(ctx, source)
                and list_lead(attributor.text, ctx.seg, sentence.start) is None
            )
            if stepped_out and source is not None and (_FRONTED_PLACE.match(attributor.text, source.start) or finding.quantity.high == 0):
                return Placed([None], ("no_place",) if finding.quantity.high != 0 else ())
            if source is not None and source.line < sentence.line and _is_heading(ctx, source):
                review = ("place_from_heading",)
            elif source is not None and source.line == 1 and sentence.line > 1:
                review = ("place_from_title",)  # the headline's place, for a body figure that names none
            elif source is not None and (finding.quantity.high == 0 or stepped_out or source.paragraph != sentence.paragraph):
                # "No casualties were reported.": of the place before, or of the whole attack? And a
                # figure whose paragraph names no place, placed by an earlier paragraph's
                review = ("place_from_earlier_sentence",)
    if not decided:
        titles = [u for u in ctx.uses_between(*stretch) if u.role == "title" and _eligible(u)]
        if titles:  # the office that reported it, as a last resort
            return Placed([titles[0].mention.place.name], ("place_from_office",))
        default = attributor.default_place()
        return Placed([default], ("place_from_fallback",) if default is not None else ("no_place",))
    if not uses:
        return Placed([None], () if decided and sentence is not None and _FRONTED_REGION.match(attributor.text, sentence.start) else ("no_place",))
    names: list[str | None] = list(dict.fromkeys(attributor.city_of(u.mention.place) for u in uses))
    if attributor.keep_districts and len(names) > 1 and attributor.one_place([u.mention.place for u in uses]):
        names = [attributor.city_name(uses[0].mention.place)]  # districts of one city, or a city and its district
    if len(names) > 1 and (finding.quantity.high or finding.quantity.low) and not each_place:
        return Placed([None], ("several_places",))
    districts = list(dict.fromkeys(u.mention.place.name for u in uses if attributor.city_of(u.mention.place) != u.mention.place.name))
    if districts and len(names) == 1 and names[0] is not None and len(districts) == 1:
        if finding.quantity.high == 0:  # "Obolonskyi district: No casualties." says nothing of the rest of the city
            return Placed(list[str | None](districts), review)
        if not review:  # said of a district and given to its city too: which one the writer meant is a judgement
            return Placed(names, ("place_from_district",), district=districts[0])
    if not review and districts:
        review = ("place_from_district",)
    if sentence is not None and not review and (attributor.rivals(sentence, names) or attributor.region_of_struck_town(names)):
        review = ("place_ambiguous",)
    return Placed(names, review)


def _review(placed: tuple[str, ...], hedged: bool, another_day: bool = False) -> tuple[str, ...]:
    """A figure's review reasons, in the spec's order."""
    reasons = set(placed) | ({"hedged"} if hedged else set()) | ({"another_day"} if another_day else set())
    return tuple(r for r in REVIEW_REASONS if r in reasons)


@dataclass(frozen=True)
class Placed:
    """The place names a figure is about, and the review reasons its attribution gives."""

    names: list[str | None]
    review: tuple[str, ...] = ()
    # "two were killed in the Sviatoshynskyi district": the district the figure was said of, which also
    # gets the figure (annotators differ on whether it is the city's or the district's)
    district: str | None = None


_PLACED_PART_RULE = "casualty.of-the-were-in"


def _wholes_of_placed_parts(records: list[Casualty]) -> list[Casualty]:
    """ "The attack on Dnipro killed four. Three of the dead were in Dnipro itself": the four, given the
    place of a part of them, are the whole report's."""
    out = list(records)
    for part in records:
        if part.evidence.rule != _PLACED_PART_RULE or part.location is None or part.background:
            continue
        for i, whole in enumerate(out):
            if whole.evidence.start >= part.evidence.start:
                break
            same = (whole.outcome, whole.location, whole.group) == (part.outcome, part.location, part.group) and not whole.background
            if same and whole.low is not None and part.low is not None and whole.low > part.low:
                out[i] = replace(whole, location=None, review=_review(("several_places",), "hedged" in whole.review))
    return out


def _regions_elaborated(records: list[Casualty], ctx: Context, places: dict[str, Place]) -> list[Casualty]:
    """ "Several people were hurt in the Sumy region. In Shostka, two people were injured": a region's
    vague figure that the next sentence gives for one town of that region is that town's figure."""
    out = []
    for r in records:
        region = places.get(r.location or "")
        if region is not None and region.type in ("oblast", "region") and r.qualifier == "vague" and not r.background:
            here = ctx.seg.sentence_at(r.evidence.start)
            towns = {
                o.location
                for o in records
                if o.evidence.start > r.evidence.end
                and o.outcome == r.outcome
                and o.group == r.group
                and (p := places.get(o.location or "")) is not None
                and p.type == "city"
                and p.admin1 == region.name
                and here is not None
                and (s := ctx.seg.sentence_at(o.evidence.start)) is not None
                and s.index - here.index <= 1
            }
            if len(towns) == 1:
                r = replace(r, location=towns.pop())
        out.append(r)
    return out


def _drop_headline_repeats(records: list[Casualty], ctx: Context) -> list[Casualty]:
    """A headline that restates a body figure without its place ("15 dead after strike") is that figure."""
    if not ctx.seg.sentences:
        return records
    # the headline is its whole line ("Israeli strikes hit Hama; nine killed near Nawa" is two sentences)
    first = ctx.seg.sentences[0]
    headline_end = max(s.end for s in ctx.seg.sentences if s.line == first.line)
    body = [r for r in records if r.evidence.start >= headline_end]

    def repeated(r: Casualty) -> bool:
        return any(
            b.outcome == r.outcome
            and b.group == r.group
            and b.location is not None
            and (b.low, b.high) == (r.low, r.high)
            or (b.outcome == r.outcome and b.group == r.group and b.location is not None and b.low == r.low and r.low is not None)
            for b in body
        )

    return [r for r in records if not (r.evidence.start < headline_end and r.location is None and repeated(r))]
