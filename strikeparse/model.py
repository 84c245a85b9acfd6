"""Typed records that pass between the stages of the pipeline.

Every record is a frozen dataclass; `to_dict()` gives the JSON form of the
report format (docs/report-format.md, "strikeparse/1").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT = "strikeparse/1"

MUNITION_CLASSES = (
    "drone",
    "missile",
    "cruise_missile",
    "ballistic_missile",
    "hypersonic_missile",
    "anti_aircraft_missile",
    "guided_bomb",
    "rocket",
    "aerial_target",
)
PLACE_TYPES = ("city", "district", "raion", "oblast", "region", "site", "country")
STATUSES = ("launched", "intercepted", "suppressed", "hit", "unknown")
OUTCOMES = ("killed", "injured", "hospitalized", "missing")
GROUPS = ("all", "children", "military")
QUALIFIERS = ("exact", "at_least", "more_than", "range", "approx", "up_to", "vague")
# Why an analyst should check a figure by hand (spec "Review marks"); in the order they are listed.
REVIEW_REASONS = (
    "place_from_fallback",  # no place in reach: the report's one struck place
    "place_from_heading",  # the place heading the lines above
    "place_from_title",  # the report's headline
    "place_from_office",  # the office of the official who reported it ("the Sumy governor")
    "place_from_earlier_sentence",  # a "no casualties", or a figure whose paragraph names no place: the place before
    "place_ambiguous",  # its sentence names another struck place it could as well be about
    "place_from_district",  # said of a city district and given to its city
    "several_places",  # said of several places together, so given to none (location null)
    "no_place",  # no place in reach and several struck places in the report (location null)
    "status_unknown",  # a count no verb gives a status
    "status_ambiguous",  # "struck Pokrovsk with two missiles": fired, or hit? (readers take either)
    "hedged",  # "may have", "feared", "reportedly"
    "headline_only",  # a total only the headline gives, in a report whose body gives figures of its own
    "another_day",  # its sentence is set on another day than the lead's ("On Sunday, ..."): an earlier attack?
    "conflicting_figures",  # figures for one key that contradict each other
)


def figure_text(low: int | None, high: int | None) -> str:
    """A figure as people read it, in tables and warnings alike: 7, 11-19, 4001+, up to 20."""
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}-{high}"
    if low is not None:
        return f"{low}+"
    return f"up to {high}" if high is not None else "?"


def _flags(record: dict[str, Any], review: tuple[str, ...], background: bool = False) -> dict[str, Any]:
    """The optional keys: written only when they say something, as the spec allows."""
    if review:
        record["review"] = list(review)
    if background:
        record["background"] = True
    return record


@dataclass(frozen=True)
class Document:
    """A decoded input: `text` is what every evidence offset points into."""

    source: str
    text: str
    warnings: tuple[str, ...] = ()
    date_hint: str | None = None  # --date, used when the text states none
    path_date: str | None = None  # a date in the file's path ("2025/11/18/kyiv.txt"): the year of a day and month


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int
    line: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "line": self.line, "rule": self.rule}


@dataclass(frozen=True)
class Quantity:
    """A number as the text states it: bounds plus the spec's qualifier."""

    low: int | None
    high: int | None
    qualifier: str

    @property
    def value(self) -> int | None:
        """The number as stated (for munition counts): the bound the text names."""
        if self.qualifier == "more_than" and self.low is not None:
            return self.low - 1
        return self.low if self.low is not None else self.high


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: one canonical place."""

    name: str
    type: str
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    known: bool = True  # False: a name read where a place stands, which no gazetteer has


@dataclass(frozen=True)
class PlaceMention:
    """One place name found in the text, resolved to a gazetteer entry."""

    place: Place
    evidence: Evidence


@dataclass(frozen=True)
class MunitionMention:
    name: str  # canonical model name, or the class id for a bare class word
    munition_class: str
    evidence: Evidence
    is_model: bool


@dataclass(frozen=True)
class Munition:
    name: str
    munition_class: str
    mentions: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "class": self.munition_class, "mentions": [e.to_dict() for e in self.mentions]}


@dataclass(frozen=True)
class MunitionCount:
    munition: str
    count: int
    qualifier: str
    status: str
    location: str | None
    evidence: Evidence
    background: bool = False  # recalled earlier attack or cumulative statistic
    review: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        record = {
            "munition": self.munition,
            "count": self.count,
            "qualifier": self.qualifier,
            "status": self.status,
            "location": self.location,
            "evidence": self.evidence.to_dict(),
        }
        return _flags(record, self.review, self.background)


@dataclass(frozen=True)
class Location:
    place: Place
    struck: bool
    mentions: tuple[Evidence, ...]

    @property
    def name(self) -> str:
        return self.place.name

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "name": p.name,
            "type": p.type,
            "admin1": p.admin1,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "struck": self.struck,
            "mentions": [e.to_dict() for e in self.mentions],
        }


@dataclass(frozen=True)
class Casualty:
    outcome: str
    low: int | None
    high: int | None
    qualifier: str
    group: str
    location: str | None
    evidence: Evidence
    background: bool = False
    update: bool = False  # "rose to", "has risen to": replaces earlier figures
    review: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        record = {
            "outcome": self.outcome,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "group": self.group,
            "location": self.location,
            "evidence": self.evidence.to_dict(),
        }
        return _flags(record, self.review, self.background)


@dataclass(frozen=True)
class CasualtyTotal:
    outcome: str
    location: str | None
    group: str
    low: int | None
    high: int | None
    review: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        record = {"outcome": self.outcome, "location": self.location, "group": self.group, "low": self.low, "high": self.high}
        return _flags(record, self.review)


TARGET_CATEGORIES = (
    "energy",
    "residential",
    "medical",
    "education",
    "transport",
    "industrial",
    "commercial",
    "agricultural",
    "government",
    "cultural_religious",
    "military",
    "vessel",
    "vehicle",
    "civilian_other",
)
IMPACT_KINDS = ("power_outage", "heating_outage", "water_outage", "gas_outage", "displaced", "buildings_damaged", "buildings_destroyed")


@dataclass(frozen=True)
class Target:
    """A thing the report says was hit, damaged, destroyed or aimed at (spec "Target")."""

    category: str
    name: str
    status: str
    location: str | None
    evidence: Evidence
    review: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        record = {"category": self.category, "name": self.name, "status": self.status, "location": self.location, "evidence": self.evidence.to_dict()}
        return _flags(record, self.review)


@dataclass(frozen=True)
class Impact:
    """A consequence with a number: an outage, the displaced, buildings damaged (spec "Impact")."""

    kind: str
    unit: str
    low: int | None
    high: int | None
    qualifier: str
    location: str | None
    evidence: Evidence
    review: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        record = {
            "kind": self.kind,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "location": self.location,
            "evidence": self.evidence.to_dict(),
        }
        return _flags(record, self.review)


@dataclass(frozen=True)
class Report:
    source: str
    title: str | None
    date: str | None
    munitions: tuple[Munition, ...] = ()
    munition_counts: tuple[MunitionCount, ...] = ()
    locations: tuple[Location, ...] = ()
    casualties: tuple[Casualty, ...] = ()
    casualty_totals: tuple[CasualtyTotal, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    targets: tuple[Target, ...] = ()
    impacts: tuple[Impact, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "munitions": [m.to_dict() for m in self.munitions],
            "munition_counts": [c.to_dict() for c in self.munition_counts],
            "locations": [loc.to_dict() for loc in self.locations],
            "casualties": [c.to_dict() for c in self.casualties],
            "casualty_totals": [t.to_dict() for t in self.casualty_totals],
            "warnings": list(self.warnings),
            "targets": [t.to_dict() for t in self.targets],
            "impacts": [i.to_dict() for i in self.impacts],
        }
