"""`strikeparse explain`: every match in a report's text, the rule that made it,
the value it resolved to, and the report records it fed.

Two sources of spans, merged by (start, end, rule id):
  - every match of every regex rule over the whole text, valued as the rule's
    extractor reads it (the same reading `rules test` checks examples against);
  - the pipeline's findings (Parser.explain): resolved places with their role,
    munition mentions, counts and casualty figures as the extractors made them.
A span that fed no record is shown too: that is often what a rule author is after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .extract.runner import RunLog, run_rule
from .model import Document, Evidence, Report, figure_text
from .pipeline import Parser
from .ruletest import values as rule_values

FORMAT = "strikeparse-explain/1"



@dataclass(frozen=True)
class Fed:
    """One report record a span contributed to: `record` names the report's list, `index` the item."""

    record: str
    index: int
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "index": self.index, "summary": self.summary}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    line: int
    text: str
    rule: str
    kind: str  # the rule's kind, or "place" / "munition" for gazetteer and catalog matches
    values: tuple[Mapping[str, Any], ...]  # what the match resolved to (a count "46 of 52" gives two)
    fed: tuple[Fed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "text": self.text,
            "rule": self.rule,
            "kind": self.kind,
            "values": [dict(v) for v in self.values],
            "fed": [f.to_dict() for f in self.fed],
        }


@dataclass(frozen=True)
class Explained:
    source: str
    text: str
    spans: tuple[Span, ...]
    report: Report

    def records(self) -> list[Fed]:
        """Every record of the report, summarized, in report order."""
        return list(_record_summaries(self.report).values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": self.source,
            "text": self.text,
            "spans": [s.to_dict() for s in self.spans],
            "report": self.report.to_dict(),
        }


_Key = tuple[int, int, str]


def explain(parser: Parser, doc: Document) -> Explained:
    found = parser.explain(doc)
    text = doc.text
    line_starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    spans: dict[_Key, dict[str, Any]] = {}

    def add(ev: Evidence | tuple[int, int, str], kind: str, value: Mapping[str, Any], *, resolved: bool) -> None:
        key = (ev.start, ev.end, ev.rule) if isinstance(ev, Evidence) else ev
        slot = spans.setdefault(key, {"kind": kind, "raw": [], "resolved": []})
        slot["resolved" if resolved else "raw"].append(dict(value))
        if resolved and kind not in ("place", "munition"):
            slot["kind"] = kind

    log = RunLog()
    for rule in parser.ruleset.rules:
        for match in run_rule(rule, text, log):
            if match.end() > match.start():
                for value in rule_values(rule, match, parser.tables) or [{}]:
                    add((match.start(), match.end(), rule.id), rule.kind, value, resolved=False)
    for use in found.places:
        p = use.mention.place
        add(use.mention.evidence, "place", {"place": p.name, "type": p.type, "role": use.role, "background": use.background}, resolved=True)
    for m in found.munitions:
        add(m.evidence, "munition", {"munition": m.name, "class": m.munition_class, "model": m.is_model}, resolved=True)
    for c in found.counts:
        add(c.evidence, "count", {"munition": c.munition, "count": c.count, "qualifier": c.quantity.qualifier, "status": c.status}, resolved=True)
    for f in found.casualties:
        q = f.quantity
        value = {"outcome": f.outcome, "low": q.low, "high": q.high, "qualifier": q.qualifier, "group": f.group, "update": f.update}
        add(f.evidence, "casualty", value, resolved=True)
    _drop_absorbed(spans)
    fed = _fed_by(found.report, found.date_offset, spans)
    out = []
    for key in sorted(spans, key=lambda k: (k[0], -k[1], k[2])):
        start, end, rule_id = key
        slot = spans[key]
        chosen = _dedupe(slot["resolved"] or slot["raw"])
        line = _line_of(line_starts, start)
        out.append(Span(start, end, line, text[start:end], rule_id, slot["kind"], tuple(chosen), tuple(fed.get(key, ()))))
    return Explained(doc.source, text, tuple(out), found.report)


def _drop_absorbed(spans: dict[_Key, dict[str, Any]]) -> None:
    """A raw match inside a finding of the same rule is that finding ("46 of 52 " in "46 of 52 drones")."""
    resolved = [k for k, slot in spans.items() if slot["resolved"]]
    for key in [k for k, slot in spans.items() if not slot["resolved"]]:
        if any(r[2] == key[2] and r[0] <= key[0] and key[1] <= r[1] for r in resolved):
            del spans[key]


def _dedupe(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)


def _record_summaries(report: Report) -> dict[tuple[str, int], Fed]:
    out: dict[tuple[str, int], Fed] = {}
    for i, m in enumerate(report.munitions):
        out[("munitions", i)] = Fed("munitions", i, f"munition {m.name} ({m.munition_class})")
    for i, c in enumerate(report.munition_counts):
        qual = "" if c.qualifier == "exact" else f" ({c.qualifier})"
        where = f" at {c.location}" if c.location else ""
        out[("munition_counts", i)] = Fed("munition_counts", i, f"count {c.munition} {c.count}{qual} {c.status}{where}")
    for i, loc in enumerate(report.locations):
        out[("locations", i)] = Fed("locations", i, f"place {loc.name} ({loc.place.type}{', struck' if loc.struck else ''})")
    for i, k in enumerate(report.casualties):
        where = k.location or "whole report"
        out[("casualties", i)] = Fed("casualties", i, f"casualty {k.outcome} {figure_text(k.low, k.high)} ({k.qualifier}) {k.group}, {where}")
    for i, t in enumerate(report.casualty_totals):
        where = t.location or "whole report"
        out[("casualty_totals", i)] = Fed("casualty_totals", i, f"total {t.outcome} {figure_text(t.low, t.high)} {t.group}, {where}")
    if report.date:
        out[("date", 0)] = Fed("date", 0, f"date {report.date}")
    return out


def _fed_by(report: Report, date_offset: int | None, spans: Mapping[_Key, Any]) -> dict[_Key, list[Fed]]:
    """Which records each span fed: the records whose evidence is that span (same rule)."""
    summaries = _record_summaries(report)
    fed: dict[_Key, list[Fed]] = {}

    def link(ev: Evidence, record: tuple[str, int]) -> None:
        key = (ev.start, ev.end, ev.rule)
        if key not in spans:  # evidence widened or narrowed after the match: the overlapping span of its rule
            key = next((k for k in spans if k[2] == ev.rule and k[0] < ev.end and ev.start < k[1]), key)
        items = fed.setdefault(key, [])
        if summaries[record] not in items:
            items.append(summaries[record])

    for i, m in enumerate(report.munitions):
        for ev in m.mentions:
            link(ev, ("munitions", i))
    for i, c in enumerate(report.munition_counts):
        link(c.evidence, ("munition_counts", i))
    for i, loc in enumerate(report.locations):
        for ev in loc.mentions:
            link(ev, ("locations", i))
    for i, k in enumerate(report.casualties):
        link(k.evidence, ("casualties", i))
        for j, t in enumerate(report.casualty_totals):
            if (t.outcome, t.location, t.group) == (k.outcome, k.location, k.group):
                link(k.evidence, ("casualty_totals", j))
    if report.date and date_offset is not None:
        for key in spans:
            if key[0] == date_offset and spans[key]["kind"] == "date":
                fed.setdefault(key, []).append(summaries[("date", 0)])
                break
    return fed
