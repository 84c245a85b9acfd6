"""CSV: one row per record (munition, count, place, casualty, total, target, impact), RFC 4180 quoting.

New columns are added at the end, so that scripts reading columns by position keep working."""

from __future__ import annotations

import csv
from typing import IO, Any

from ..model import Evidence, Report

COLUMNS = (
    "source",
    "date",
    "kind",
    "name",
    "class",
    "type",
    "status",
    "outcome",
    "group",
    "location",
    "count",
    "low",
    "high",
    "qualifier",
    "struck",
    "admin1",
    "country",
    "lat",
    "lon",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "line",
    "rule",
    "background",
    "review",
    "category",
    "unit",
)


def flags(review: tuple[str, ...], background: bool) -> dict[str, Any]:
    """`background` is "true" or empty; `review` the reasons joined with ";" (empty: nothing to check)."""
    return {"background": "true" if background else "", "review": ";".join(review)}


def rows(report: Report) -> list[dict[str, Any]]:
    base = {"source": report.source, "date": report.date}

    def ev(e: Evidence | None) -> dict[str, Any]:
        if e is None:
            return {}
        return {"evidence_text": e.text, "evidence_start": e.start, "evidence_end": e.end, "line": e.line, "rule": e.rule}

    out: list[dict[str, Any]] = []
    for m in report.munitions:
        out.append({**base, "kind": "munition", "name": m.name, "class": m.munition_class, **ev(m.mentions[0])})
    for n in report.munition_counts:
        out.append(
            {
                **base,
                "kind": "count",
                "name": n.munition,
                "count": n.count,
                "qualifier": n.qualifier,
                "status": n.status,
                "location": n.location,
                **ev(n.evidence),
                **flags(n.review, n.background),
            }
        )
    for loc in report.locations:
        p = loc.place
        out.append(
            {
                **base,
                "kind": "place",
                "name": p.name,
                "type": p.type,
                "struck": str(loc.struck).lower(),
                "admin1": p.admin1,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                **ev(loc.mentions[0]),
            }
        )
    for c in report.casualties:
        out.append(
            {
                **base,
                "kind": "casualty",
                "outcome": c.outcome,
                "group": c.group,
                "location": c.location,
                "low": c.low,
                "high": c.high,
                "qualifier": c.qualifier,
                **ev(c.evidence),
                **flags(c.review, c.background),
            }
        )
    for t in report.casualty_totals:
        out.append(
            {
                **base,
                "kind": "total",
                "outcome": t.outcome,
                "group": t.group,
                "location": t.location,
                "low": t.low,
                "high": t.high,
                **flags(t.review, False),
            }
        )
    for g in report.targets:
        out.append(
            {
                **base,
                "kind": "target",
                "name": g.name,
                "category": g.category,
                "status": g.status,
                "location": g.location,
                **ev(g.evidence),
                **flags(g.review, False),
            }
        )
    for i in report.impacts:
        out.append(
            {
                **base,
                "kind": "impact",
                "name": i.kind,
                "unit": i.unit,
                "location": i.location,
                "low": i.low,
                "high": i.high,
                "qualifier": i.qualifier,
                **ev(i.evidence),
                **flags(i.review, False),
            }
        )
    return out


class CsvRenderer:
    def begin(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n", extrasaction="ignore")
        self.writer.writeheader()

    def write(self, report: Report) -> None:
        self.writer.writerows(rows(report))
        self.stream.flush()

    def end(self) -> None:
        pass
