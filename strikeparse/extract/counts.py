"""Munition counts: a number before a munition phrase, with the status its verb gives.

See rules/counts.yaml for what the rules mean. The munition is the phrase's
resolved name (a model when all of it is one model, else a class); the status
is the verb right after the counted phrase (passive "were shot down", active
"25 drones struck") or else the last status verb before the count in its sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import regex

from ..model import MUNITION_CLASSES, Evidence, Quantity
from ..rules import Rule, RuleSet
from ..segment import Segmented, Sentence
from .munitions import Phrase, mixed_class
from .numbers import NumberTables, parse_quantity
from .runner import RunLog, evidence, group_text, run_rule

# A list item's mark: a dash or bullet, or the emoji and symbols officials' posts use ("🔺 2 KABs;")
_BULLET = regex.compile(r"\s*(?:[–—\-•*·▪►▶◦●■➤]|\p{So}\uFE0F?)\s")
# "drones that Russia launched": a relative clause with its own subject is not the count's verb.
_RELATIVE_SUBJECT = regex.compile(r"\b(?:that|which)\s+(?!(?:were|was|had|have|has|are|is|been|all)\b)\w", regex.IGNORECASE)
# "Of 48 drones, ...": a count a part is taken of
_OF_WHOLE = regex.compile(r"(?:\A\W*|[,;:]\s*)[Oo]f\s+(?:(?:the|these|those|all)\s+)?\Z")
# What may stand between a counted phrase and the verb that gives its status.
_BRIDGE = regex.compile(
    r"""^(?:\s*(?:,|and|or|as\s+well\s+as|that|which|had|have|has|been|were|was|are|is|reportedly|also|all|later|then|subsequently)\b\s*|\s+|["“”‘’'«»])*$""",
    regex.IGNORECASE,
)
# "struck Pokrovsk with two Iskander-M missiles" (ends where the count starts)
_STRUCK_WITH = regex.compile(
    r"\b(?:struck|hit|bombed|pounded|shelled)\s+(?:[\w’'\-]+\s+){0,4}?with\s+(?:(?:about|some|at\s+least|more\s+than|over|nearly|around)\s+)?\Z",
    regex.IGNORECASE,
)



def struck_with_before(text: str, start: int) -> bool:
    """Whether the count at `start` is the object of "struck X with": "struck Pokrovsk with two Iskander-M missiles"."""
    return _STRUCK_WITH.search(text, max(0, start - 80), start) is not None

@dataclass(frozen=True)
class CountFinding:
    munition: str
    quantity: Quantity
    count: int
    status: str
    evidence: Evidence


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    rule: Rule
    count_text: str | None
    total_text: str | None


@dataclass(frozen=True)
class _Status:
    start: int
    end: int
    status: str
    all_before: bool


def find_counts(
    text: str,
    seg: Segmented,
    phrases: Sequence[Phrase],
    ruleset: RuleSet,
    tables: NumberTables,
    log: RunLog,
    model_class: Callable[[str], str | None] = lambda _name: None,
) -> list[CountFinding]:
    statuses = _statuses(text, ruleset, log)
    hits_by_end: dict[int, list[_Hit]] = {}
    elliptic: list[_Hit] = []
    for rule in ruleset.of_kind("count"):
        for match in run_rule(rule, text, log):
            found = _Hit(match.start(), match.end(), rule, group_text(match, "count"), group_text(match, "total"))
            if rule.set.get("elliptic"):
                elliptic.append(found)
            else:
                hits_by_end.setdefault(match.end(), []).append(found)
    findings: list[tuple[int, CountFinding]] = []
    counted: list[tuple[int, int, str, str]] = []  # (start, phrase end, munition, status) for elliptic counts
    following = {id(a): b for a, b in zip(phrases, phrases[1:], strict=False)}
    # "12 rockets fired from Grad launchers and nine drones": "fired" describes the rockets, so it is
    # no verb for the counts after it
    describing = frozenset(s.start for p in phrases for s in _between(statuses, p.end, p.end + 3) if _reduced_relative(text, p.end, s)) | frozenset(
        s.start for p in phrases for s in _between(statuses, p.start, p.end)  # "rockets fired from Grad launchers": inside a phrase
    )
    for phrase in phrases:
        start, end, munition = phrase.start, phrase.end, phrase.resolved
        joined = following.get(id(phrase))
        if (
            joined is not None
            and _JOINED.fullmatch(text, end, joined.start)
            and not any(k in hits_by_end for k in range(end, joined.start + 1))
            and _class_of(phrase, model_class) == _class_of(joined, model_class)
        ):
            # "154 strike UAVs of the Shahed type and imitator drones": one count over both phrases (but
            # "nine Kinzhal hypersonic missiles and Kh-101 cruise missiles" are nine Kinzhals: two classes)
            end, munition = joined.end, _joined_munition(phrase, joined, model_class)
        strikes = _STRIKES_NOUN.match(text, end) if phrase.attributive else None
        if phrase.attributive and strikes is None:
            continue
        hit = _best_hit(hits_by_end.get(start, [])) or _hit_into_phrase(start, end, hits_by_end) or _hit_before_modifiers(text, start, hits_by_end)
        if hit is None:
            continue
        if strikes is not None:
            # "3 KAB strikes", "two Molniya drone strikes": each strike is one munition that hit ("the
            # January 2023 missile strike" is a date)
            if _YEAR.fullmatch((hit.count_text or "").strip()):
                continue
            end = strikes.end()
            options = ["hit"]
        else:
            options = _status_options(text, seg, statuses, hit.start, end, describing)
        if hit.rule.set.get("all"):
            # "all 29 drones ... were shot down": launched, and whatever else the sentence says of them
            status = next((o for o in options if o != "launched"), "launched")
        else:
            status = options[0] if options else "unknown"
        if hit.rule.set.get("part") and munition in MUNITION_CLASSES:
            munition = _model_of_the_whole(seg, counted, hit.start, munition, model_class)
        made = _counts_from_hit(text, seg, hit, munition, status, tables, end)
        for f in made:
            findings.append((f.evidence.start, f))
        if made:
            counted.append((hit.start, end, munition, made[0].status))
    for ellipsis in sorted(elliptic, key=lambda h: h.start):
        reach_back = ellipsis.rule.set.get("reach") == "previous_sentence"  # "... three missiles. One of them was shot down."
        lead = list_lead(text, seg, ellipsis.start)  # "destroyed 112 UAVs:" / "– 41 over the Bryansk region"
        before = [
            c
            for c in counted
            if c[1] <= ellipsis.start
            and (
                _same_sentence(seg, c[0], ellipsis.start)
                or (reach_back and _adjacent(seg, c[0], ellipsis.start))
                or (lead is not None and lead.start <= c[0] < lead.end)
            )
        ]
        if not before or any(s <= ellipsis.start < e for s, e, _, _ in counted):
            continue
        before.sort(key=lambda c: c[0])  # the nearest count before, whether a phrase's or an earlier elliptic one's
        named_whole = _OF_THE_CLASS.search(text, max(0, ellipsis.start - 40), ellipsis.start)
        if ellipsis.rule.set.get("remainder") or named_whole is not None:
            # "the remaining drones", "Of the drones, 27 were ...": the last count of that class, not of the
            # missiles counted after it
            wanted = _REMAINDER_CLASS.search(text, ellipsis.start, ellipsis.end) if named_whole is None else named_whole
            if wanted is not None:
                kind = "missile" if wanted.group(0).lower().startswith("missile") else "drone"
                of_class = [c for c in before if _class_word(c[2], model_class) == kind]
                before = of_class or before
        whole_start, _, munition, previous_status = before[-1]
        if _PLURAL_PRONOUN.search(text, ellipsis.start, ellipsis.end):
            # "launched 440 drones and 32 missiles. Air defences shot down 428 of them": all of them
            munition = _whole_of_them(seg, before, munition, model_class)
        status = _status_for(text, seg, statuses, ellipsis.start, ellipsis.end, default=previous_status)
        part_end = ellipsis.end
        named = _named_part(text, ellipsis.end, phrases)
        if named is not None:  # "about 350 of which were Shaheds": the part is of the model it names
            munition, part_end = named.resolved, named.end
        if ellipsis.rule.set.get("remainder"):
            near = [
                f
                for _, f in findings
                if f.evidence.start < ellipsis.start
                and (_same_sentence(seg, f.evidence.start, ellipsis.start) or _adjacent(seg, f.evidence.start, ellipsis.start))
            ]
            quantity, munition = _remainder(munition, near, model_class)
        else:
            quantity = parse_quantity(ellipsis.count_text or "", tables)
        if quantity is None or quantity.value is None:
            continue
        if previous_status == "hit" and status in ("intercepted", "suppressed") and _same_sentence(seg, whole_start, ellipsis.start):
            # "struck Kyiv with 30 drones, 25 of which were shot down": the 30 were launched, not all hit
            findings = [(at, _launched_if_struck_with(text, f, whole_start)) for at, f in findings]
        ev = evidence(text, ellipsis.start, part_end, seg.line_starts, ellipsis.rule.id)
        findings.append((ellipsis.start, CountFinding(munition, quantity, quantity.value, status, ev)))
        counted.append((ellipsis.start, part_end, munition, status))
    findings.extend(_all_of_which(text, seg, statuses, [f for _, f in findings]))
    # "One of the missiles hit a trolleybus", "where one of them landed": "one" picks out a weapon whose
    # impact the sentence tells, not a number of them ("One of them was shot down" is one)
    findings = [(at, f) for at, f in findings if f.status not in ("hit", "unknown") or not _ONE_OF_THEM.match(f.evidence.text)]
    findings.sort(key=lambda f: f[0])
    return _without_restatements([f for _, f in findings], seg, model_class)


_ONE_OF_THEM = regex.compile(r"one\s+of\s+(?:the|them|these|those)\b", regex.IGNORECASE)
_PLURAL_PRONOUN = regex.compile(r"\bof\s+them\b", regex.IGNORECASE)


def _whole_of_them(seg: Segmented, before: Sequence[tuple[int, int, str, str]], munition: str, model_class: Callable[[str], str | None]) -> str:
    """What "N of them" is a part of: where the sentence of the count before it launched several
    kinds ("440 drones and 32 missiles", "5 Kh-101 and 4 Kalibr missiles"), all of them, in one class."""
    last = before[-1][0]
    launched = [c for c in before if c[3] == "launched" and _same_sentence(seg, c[0], last)]
    if len({c[2] for c in launched}) < 2:
        return munition
    return mixed_class(c[2] if c[2] in MUNITION_CLASSES else model_class(c[2]) or "missile" for c in launched)


def _model_of_the_whole(
    seg: Segmented, counted: Sequence[tuple[int, int, str, str]], start: int, munition: str, model_class: Callable[[str], str | None]
) -> str:
    """ "launched 12 Geran drones ...; nine of the drones were shot down": a part named by its class is
    of the one model its sentence or the one before counted in that class (with two, it stays the class)."""
    kind = _class_word(munition, model_class)
    models = {
        c[2]
        for c in counted
        if c[1] <= start
        and (_same_sentence(seg, c[0], start) or _adjacent(seg, c[0], start))
        and c[2] not in MUNITION_CLASSES
        and _class_word(c[2], model_class) == kind
    }
    return models.pop() if len(models) == 1 else munition


def _launched_if_struck_with(text: str, finding: CountFinding, start: int) -> CountFinding:
    if finding.evidence.start != start or finding.status != "hit" or not struck_with_before(text, start):
        return finding
    return replace(finding, status="launched")


# "of which were ", "of them " before the munition a part names
_PART_COPULA = regex.compile(r"\s*,?\s*(?:(?:were|was|are|is)\s+)?(?:(?:all|mostly|reportedly)\s+)?", regex.IGNORECASE)


def _named_part(text: str, end: int, phrases: Sequence[Phrase]) -> Phrase | None:
    """ "653 UAVs of various types, about 350 of which were Shaheds", "14 drones (6 of them Geran-2)": the
    munition phrase right after a part's "of which (were)", with no number of its own, names what the part is."""
    gap = _PART_COPULA.match(text, end)
    if gap is None:
        return None
    at = gap.end()
    i = bisect.bisect_left(phrases, at, key=_phrase_start)
    if i < len(phrases) and phrases[i].start == at and not phrases[i].attributive:
        return phrases[i]
    return None


def _phrase_start(phrase: Phrase) -> int:
    return phrase.start


def _without_restatements(found: list[CountFinding], seg: Segmented, model_class: Callable[[str], str | None]) -> list[CountFinding]:
    """"Russia launched 60 Shahed-type drones. Of the 60 drones, 45 were shot down": the body's second
    naming of a launched count by its class is the same count, listed once (a headline's is its own
    entry, as the guidelines have it)."""
    out: list[CountFinding] = []
    launched_models: set[tuple[str | None, int]] = set()  # (class, count) of each body's launched model count
    # "10:40 Air force: 54 drones overnight" over "the air force says Russia launched 54 drones": a figure
    # with no verb of its own that the text states again with one is that figure, listed once
    stated = {(f.munition, f.count) for f in found if f.status != "unknown"}
    found = [f for f in found if f.status != "unknown" or (f.munition, f.count) not in stated]
    for f in found:
        in_body = seg.line_of(f.evidence.start) > 1
        if f.status == "launched" and in_body:
            if f.munition in MUNITION_CLASSES:
                if (f.munition, f.count) in launched_models:
                    continue
            else:
                launched_models.add((model_class(f.munition), f.count))
        out.append(f)
    return out


_REMAINDER_CLASS = regex.compile(r"\b(?:drones?|UAVs?|missiles?)\b", regex.IGNORECASE)
_OF_THE_CLASS = regex.compile(r"(?<=\b[Oo]f\s+(?:the|these|those)\s+)(?:drones?|UAVs?|missiles?)(?=,\s*\Z)", regex.IGNORECASE)


def _class_word(munition: str, model_class: Callable[[str], str | None]) -> str:
    """"drone" or "missile" (any missile class), for matching "the remaining drones"."""
    cls = munition if munition in MUNITION_CLASSES else model_class(munition) or ""
    return "drone" if cls == "drone" else "missile" if "missile" in cls else cls


def _remainder(munition: str, findings: Sequence[CountFinding], model_class: Callable[[str], str | None]) -> tuple[Quantity | None, str]:
    """ "launched 60 drones; 45 were shot down and the rest were suppressed": 15, what the exact
    counts of the munition's class leave of its launched total (none where they are not exact or
    leave nothing), named as the launched count names it ("176 Shahed drones ... 131 drones")."""
    kind = _class_word(munition, model_class)
    mine = [f for f in findings if _class_word(f.munition, model_class) == kind]
    launched = [f for f in mine if f.status == "launched" and f.quantity.qualifier == "exact"]
    others = [f for f in mine if f.status != "launched"]
    if not launched or any(f.quantity.qualifier != "exact" for f in others):
        return None, munition
    total = max(launched, key=lambda f: f.count)
    rest = total.count - sum(f.count for f in others)
    return (Quantity(rest, rest, "exact") if rest > 0 else None), total.munition


# Describing words between a count and its phrase, on its line or the next (not across a blank line:
# "power to 60,000 households\n\nRussian drones"), and never a unit of something else ("households").
_NOT_MODIFIERS = (
    "of|and|or|the|a|an|were|was|had|have|to|in|on|at|by|from|with|that|which|more|than|for|against|into|per|each|shells|rounds|after|before"
    "|as|when|while|dead|killed|injured|wounded|people|civilians|residents|households|homes|houses|buildings|subscribers|consumers|customers|times"
)
_MODIFIERS = regex.compile(
    rf"(?:(?!(?:{_NOT_MODIFIERS})\b)[\p{{L}}][\p{{L}}’'\-]*(?:[ \t]+|[ \t]*\r?\n(?![ \t]*\r?\n)[ \t]*)){{1,3}}$",
    regex.IGNORECASE,
)


_JOINED = regex.compile(r"\s+(?:and|&)\s+(?:(?!(?:\d|of|the|a|an|all|both|every)\b)[\p{L}][\p{L}\-]*\s+){0,2}", regex.IGNORECASE)


def _joined_munition(first: Phrase, second: Phrase, model_class: Callable[[str], str | None]) -> str:
    if first.resolved == second.resolved:
        return first.resolved
    return mixed_class(_class_of(p, model_class) for p in (first, second))


def _class_of(phrase: Phrase, catalog_class: Callable[[str], str | None]) -> str:
    if phrase.head_class:
        return phrase.head_class
    if phrase.resolved in MUNITION_CLASSES:
        return phrase.resolved
    return catalog_class(phrase.resolved) or "missile"


# the noun after a munition phrase that makes a number before it a count of hits: "3 KAB strikes"
_STRIKES_NOUN = regex.compile(r"[\s-]+(?:strikes?|hits?)\b(?![\s-]+(?:drones?|UAVs?|missiles?|groups?|units?|packages?|capabilit))", regex.IGNORECASE)


_YEAR = regex.compile(r"(?:19|20)\d\d")


def _hit_into_phrase(start: int, end: int, hits_by_end: dict[int, list[_Hit]]) -> _Hit | None:
    """ "19 more drones", "25 other drones": the count's own "more "/"other " is also the first
    modifier of the phrase, so the count ends inside the phrase rather than where it starts."""
    for k in range(start + 1, min(end, start + 16)):
        hits = [h for h in hits_by_end.get(k, []) if h.start < start]
        if hits:
            return _best_hit(hits)
    return None


def _hit_before_modifiers(text: str, start: int, hits_by_end: dict[int, list[_Hit]]) -> _Hit | None:
    """ "46 Ukrainian fixed-wing unmanned aerial vehicles": a count may stand a few describing words before its phrase."""
    for end in range(start - 1, max(0, start - 45), -1):
        hits = hits_by_end.get(end)
        if hits and _MODIFIERS.fullmatch(text, end, start):
            return _best_hit(hits)
    return None


def _best_hit(hits: list[_Hit]) -> _Hit | None:
    """The longest count match that ends where the phrase starts ("46 of 52 " over "52 ")."""
    return max(hits, key=lambda h: (h.end - h.start, -h.start), default=None)


def _counts_from_hit(text: str, seg: Segmented, hit: _Hit, munition: str, status: str, tables: NumberTables, phrase_end: int) -> list[CountFinding]:
    ev = evidence(text, hit.start, phrase_end, seg.line_starts, hit.rule.id)
    if hit.rule.set.get("zero"):
        return [CountFinding(munition, Quantity(0, 0, "exact"), 0, status, ev)]
    quantity = parse_quantity(hit.count_text or "", tables)
    if quantity is None or quantity.value is None:
        return []
    out = []
    if hit.total_text:
        total = parse_quantity(hit.total_text, tables)
        if total is not None and total.value is not None:
            out.append(CountFinding(munition, total, total.value, "launched", ev))
        if status == "launched":
            status = "unknown"
    if hit.rule.set.get("all"):
        out.append(CountFinding(munition, quantity, quantity.value, "launched", ev))
        if status == "launched":
            return out
    out.append(CountFinding(munition, quantity, quantity.value, status, ev))
    return out


def _statuses(text: str, ruleset: RuleSet, log: RunLog) -> list[_Status]:
    found = []
    for rule in ruleset.of_kind("status"):
        for match in run_rule(rule, text, log):
            found.append(_Status(match.start(), match.end(), str(rule.set.get("status", "unknown")), bool(rule.set.get("all_before"))))
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    return found


def _between(statuses: Sequence[_Status], lo: int, hi: int) -> Sequence[_Status]:
    """The statuses (sorted by start) that start in [lo, hi): a slice, not a scan, so that
    the work per count stays the same however long the document is."""
    first = bisect.bisect_left(statuses, lo, key=_start)
    return statuses[first : bisect.bisect_left(statuses, hi, lo=first, key=_start)]


def _start(status: _Status) -> int:
    return status.start


def _adjacent(seg: Segmented, a: int, b: int) -> bool:
    sa, sb = seg.sentence_at(a), seg.sentence_at(b)
    return sa is not None and sb is not None and sb.index - sa.index == 1


def _same_sentence(seg: Segmented, a: int, b: int) -> bool:
    sa, sb = seg.sentence_at(a), seg.sentence_at(b)
    return sa is not None and sa == sb


def _status_options(
    text: str, seg: Segmented, statuses: Sequence[_Status], start: int, end: int, describing: frozenset[int] = frozenset()
) -> list[str]:
    """Statuses a count may take, best first: the verb right after it ("were shot down",
    "25 drones struck"), the last verb before it in its sentence, any verb after it."""
    sentence = seg.sentence_at(start)
    if sentence is None:
        return []
    options = []
    if _OF_WHOLE.search(text[max(sentence.start, start - 16) : start]):
        options.append("launched")  # "Of 48 drones, 30 were shot down": the whole the part is of
    after = [s for s in _between(statuses, end, sentence.end) if not s.all_before]
    participles = [s for s in after if _reduced_relative(text, end, s)]
    after = [s for s in after if s not in participles]
    if after:
        bridge = text[end : after[0].start]
        for participle in participles:  # "two drones launched from Lebanon were intercepted"
            if participle.end <= after[0].start:
                lo, hi = participle.start - end, participle.end - end
                bridge = bridge[:lo] + " " * (hi - lo) + bridge[hi:]
        subject = _RELATIVE_SUBJECT.search(bridge)  # on the raw words: "and that 52 drones were lost" is a new clause
        bridge = _strip_counts(bridge)
        if _BRIDGE.match(bridge) and not subject and len(bridge) < 160 and not _OWN_OBJECT.match(text, after[0].end):
            options.append(after[0].status)
    if participles and not after and participles[0].status != "launched" and participles[0].start - end <= 2:
        # "as Russia claims 139 drones downed": a participle of the outcome, right after the count and
        # with no verb after it, is its predicate ("fired from ..." only describes the count)
        options.append(participles[0].status)
    before = [s for s in _between(statuses, sentence.start, start) if s.end <= start and not s.all_before and s.start not in describing]
    if before:
        options.append(_first_of_pair(text, before))
    options.extend(p.status for p in participles[:1])
    if after:
        options.append(after[0].status)
    if not options:
        options.extend(_list_lead_status(text, seg, statuses, sentence))
    return options


# "launched 18 drones and destroyed 15 of them": a verb with a number of its own after it has its own object
_OWN_OBJECT = regex.compile(
    r"\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|all|most)\b)",
    regex.IGNORECASE,
)
_AUXILIARY = regex.compile(r"(?:were|was|had|have|has|are|is|been)\b", regex.IGNORECASE)
_PARTICIPLE_TAIL = regex.compile(r"\s+(?:from|by|at|toward|towards|into|over|in|against|overnight)\b", regex.IGNORECASE)


def _reduced_relative(text: str, phrase_end: int, status: _Status) -> bool:
    """ "12 rockets fired from Grad launchers": a participle right after the phrase describes it; it is not its verb."""
    if status.status != "launched" or text[phrase_end : status.start].strip():
        return False
    return not _AUXILIARY.match(text, status.start) and bool(_PARTICIPLE_TAIL.match(text, status.end))


def _list_lead_status(text: str, seg: Segmented, statuses: Sequence[_Status], sentence: Sentence) -> list[str]:
    """A list item takes the status of the line that introduces its list:
    "... have been confirmed shot down:" / "– 103 Shahed-type attack UAVs ..." (Air Force summaries).
    Items are bulleted or indented lines; a nested list ("– 39 missiles, of which:") looks further up."""
    if not _is_item(text, seg, sentence):
        return []
    headed = False  # passed a bare heading ("Missiles:") that says no status
    for earlier in reversed(seg.sentences[: sentence.index]):
        body = text[earlier.start : earlier.end].rstrip()
        leads = body.endswith(":")
        inside = [s for s in _between(statuses, earlier.start, earlier.end) if not s.all_before]
        if leads and inside:
            return [_first_of_pair(text, inside)]
        if leads and not inside and len(body.split()) <= 3:
            headed = True
            continue
        if headed and not leads and inside:
            # "the enemy attacked with 14 missiles and 194 UAVs.\n\nMissiles:\n▪️ 3 Kh-22 ...": the
            # sentence above the heading gives what the list counts; "... shot down 300 air attack assets.
            # Of these:\n– 19 missiles, of which: 8 Kh-101, ..." the same for what was shot down
            return [_first_of_pair(text, inside)]
        if _is_item(text, seg, earlier) or leads:
            continue
        return []
    return []


def list_lead(text: str, seg: Segmented, offset: int) -> Sentence | None:
    """The sentence that introduces the list whose item holds `offset` ("... destroyed 112 UAVs:"), if it is one."""
    sentence = seg.sentence_at(offset)
    if sentence is None or not _is_item(text, seg, sentence):
        return None
    for earlier in reversed(seg.sentences[: sentence.index]):
        if text[earlier.start : earlier.end].rstrip().endswith(":"):
            return earlier
        if not _is_item(text, seg, earlier):
            return None
    return None


def _is_item(text: str, seg: Segmented, sentence: Sentence) -> bool:
    line_start = seg.line_starts[sentence.line - 1]
    indent = text[line_start : sentence.start]
    return bool(_BULLET.match(text, sentence.start)) or (len(indent) >= 2 and not indent.strip())


_PAIR_JOIN = regex.compile(r"\s*(?:/|or|and/or)\s*")
_AGENTS_AND_PLACES = regex.compile(
    r"\b(?:by|from|over|toward|towards|overnight|during\s+the\s+night|in\s+total|in\s+all|Russia|Russian\s+forces)\b[^,;.]*?(?=\s+(?:were|was|had|have|are|is)\b|$)"
)
_OTHER_COUNTS = regex.compile(
    r"\b[\w’'\-]*\d[\w’'\-/]*\b(?:\s+[\w’'\-/]+){0,5}?(?=\s*(?:,|\band\b|\bas\s+well\s+as\b|\s+(?:were|was|had|have|are|is)\b))"
)


def _first_of_pair(text: str, inside: Sequence[_Status]) -> str:
    """"shot down/suppressed", "shot down or neutralized": the first verb of a pair names the status."""
    if len(inside) >= 2 and _PAIR_JOIN.fullmatch(text[inside[-2].end : inside[-1].start]):
        return inside[-2].status
    return inside[-1].status


def _status_for(text: str, seg: Segmented, statuses: Sequence[_Status], start: int, end: int, default: str = "unknown") -> str:
    options = _status_options(text, seg, statuses, start, end)
    return options[0] if options else default


def _strip_counts(bridge: str) -> str:
    """Drop other counted items, agents and places between a phrase and its verb."""
    words = _AGENTS_AND_PLACES.sub(" ", bridge)
    words = _OTHER_COUNTS.sub(" ", words)
    return words


def _all_of_which(text: str, seg: Segmented, statuses: Sequence[_Status], found: Sequence[CountFinding]) -> list[tuple[int, CountFinding]]:
    out: list[tuple[int, CountFinding]] = []
    by_sentence: dict[int, list[CountFinding]] = {}
    for f in found:
        sentence = seg.sentence_at(f.evidence.start)
        if sentence is not None:
            by_sentence.setdefault(sentence.index, []).append(f)
    for status in statuses:
        if not status.all_before:
            continue
        sentence = seg.sentence_at(status.start)
        for f in by_sentence.get(sentence.index, []) if sentence is not None else []:
            if f.evidence.end > status.start:
                continue
            if f.status == "launched":
                out.append((f.evidence.start, CountFinding(f.munition, f.quantity, f.count, status.status, f.evidence)))
            elif f.status in (status.status, "unknown"):
                # "the raid involved four Kh-101 missiles, all of which were shot down": all four were launched too
                have = {(g.munition, g.count, g.status) for g in found}
                for wanted in ("launched", status.status):
                    if (f.munition, f.count, wanted) not in have:
                        out.append((f.evidence.start, CountFinding(f.munition, f.quantity, f.count, wanted, f.evidence)))
    return out
