"""Many reports -> one summary: munitions by model and class, places by oblast,
and reports per date.

Figures are ranges (`Figure`: low to high, high None for no upper bound),
because most figures from many reports cannot simply be added:

- **Same date: a range, not a sum.** Figures for the same date and the same
  oblast (casualties) or the same munition and status (munition counts) may
  describe the same strike: several reports of one night's attack, or one
  report giving a city's toll and then its oblast's. They combine to a range
  from the largest single figure (at least this many) to their sum (at most, if
  none of them overlap). Munition counts are grouped by date alone, because a
  national tally ("159 drones launched") overlaps any local one.
- **Different dates: added.** Events on different dates are different events,
  so their ranges are added (lows to lows, highs to highs).
- **One figure, stated twice.** Within one report, an identical munition count
  (same munition, status, number and qualifier, whatever place it is given) is
  one figure restated (headline and body, or a total also given to the place
  named beside it), not two attacks.
- **No date.** Reports without a date may describe any event, so together they
  are treated as one date (the same-date rule applies to them).
- **Bounds.** A count's qualifier sets its bounds as in the report format: "at
  least 12" and vague words are 12 or more, "more than 12" is 13 or more, "up
  to 12" is 0 to 12; a casualty figure with no lower bound counts from 0.
- **Places.** Casualties are those of group `all` (children and soldiers are
  part of them). A place's oblast is its `admin1`; an oblast or region is its
  own; a place with neither (outside Ukraine and Russia, mostly) stands for
  itself, so that two cities of one country are not taken as one place. Figures
  for a country as a whole, and whole-report figures (no place), have rows of
  their own.
  `times_struck` counts the distinct dates on which a place in the oblast was
  struck; undated reports give a range (all one date, or each its own).
- **Targets and impacts.** Targets are counted, by category and oblast, as the
  distinct things hit (a report's one thing named twice is one), with the
  reports that name them; several reports of one date may name the same thing,
  so the count is a range from the largest report's to their sum, as figures
  are. Impacts (people without power, buildings damaged...) combine by kind,
  unit and oblast exactly as casualties do.

The summary is a frozen dataclass; `to_dict()` is its JSON form
(`"format": "strikeparse-summary/1"`), and `strikeparse.render.summary` draws it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import MUNITION_CLASSES, STATUSES, TARGET_CATEGORIES, CasualtyTotal, Impact, Location, MunitionCount, Report

SUMMARY_FORMAT = "strikeparse-summary/1"
CASUALTY_OUTCOMES = ("killed", "injured")


@dataclass(frozen=True)
class Figure:
    """A number known to lie between low and high (high None: no upper bound)."""

    low: int
    high: int | None

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def plus(self, other: Figure) -> Figure:
        """Two figures of different events: both bounds add."""
        high = None if self.high is None or other.high is None else self.high + other.high
        return Figure(self.low + other.low, high)

    def __str__(self) -> str:
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.exact else f"{self.low}-{self.high}"

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high}


def same_event(figures: Iterable[Figure]) -> Figure:
    """Figures that may describe the same people or munitions: from the largest one to their sum."""
    figures = list(figures)
    highs = [f.high for f in figures]
    high = None if any(h is None for h in highs) else sum(h for h in highs if h is not None)
    return Figure(max(f.low for f in figures), high)


def separate_events(figures: Iterable[Figure]) -> Figure | None:
    """Figures of different events: their sum (None when there are none)."""
    total: Figure | None = None
    for figure in figures:
        total = figure if total is None else total.plus(figure)
    return total


@dataclass(frozen=True)
class MunitionRow:
    name: str  # canonical model, or a class id for counts of a class ("40 drones")
    munition_class: str | None
    reports: int  # reports that name it or count it
    launched: Figure | None
    intercepted: Figure | None
    suppressed: Figure | None
    hit: Figure | None
    unknown: Figure | None  # counts whose status the report does not give

    def figure(self, status: str) -> Figure | None:
        return getattr(self, status)  # type: ignore[no-any-return]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "class": self.munition_class,
            "reports": self.reports,
            **{status: _dict_or_none(self.figure(status)) for status in STATUSES},
        }


@dataclass(frozen=True)
class OblastRow:
    country: str | None
    oblast: str | None  # None: the country as a whole, or (country None too) whole-report figures
    reports: int  # reports with a struck place or a casualty figure here
    times_struck: Figure
    places_struck: tuple[str, ...]
    killed: Figure | None
    injured: Figure | None

    @property
    def label(self) -> str:
        if self.oblast:
            return self.oblast
        return f"({self.country} as a whole)" if self.country else "(whole report, no place)"

    def figure(self, outcome: str) -> Figure | None:
        return getattr(self, outcome)  # type: ignore[no-any-return]

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "oblast": self.oblast,
            "reports": self.reports,
            "times_struck": self.times_struck.to_dict(),
            "places_struck": list(self.places_struck),
            **{outcome: _dict_or_none(self.figure(outcome)) for outcome in CASUALTY_OUTCOMES},
        }


@dataclass(frozen=True)
class TargetRow:
    category: str
    country: str | None
    oblast: str | None
    reports: int
    things: Figure  # distinct things hit (see the module docstring)
    statuses: tuple[tuple[str, int], ...]  # (status, things with it), over all reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "country": self.country,
            "oblast": self.oblast,
            "reports": self.reports,
            "things": self.things.to_dict(),
            "statuses": dict(self.statuses),
        }


@dataclass(frozen=True)
class ImpactRow:
    kind: str
    unit: str
    country: str | None
    oblast: str | None
    reports: int
    figure: Figure

    def to_dict(self) -> dict[str, Any]:
        where = {"country": self.country, "oblast": self.oblast}
        return {"kind": self.kind, "unit": self.unit, **where, "reports": self.reports, **self.figure.to_dict()}


@dataclass(frozen=True)
class DateRow:
    date: str | None
    reports: int
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "reports": self.reports, "sources": list(self.sources)}


@dataclass(frozen=True)
class Summary:
    reports: int
    munitions: tuple[MunitionRow, ...]
    oblasts: tuple[OblastRow, ...]
    dates: tuple[DateRow, ...]
    targets: tuple[TargetRow, ...] = ()
    impacts: tuple[ImpactRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": SUMMARY_FORMAT,
            "reports": self.reports,
            "munitions": [row.to_dict() for row in self.munitions],
            "oblasts": [row.to_dict() for row in self.oblasts],
            "dates": [row.to_dict() for row in self.dates],
            "targets": [row.to_dict() for row in self.targets],
            "impacts": [row.to_dict() for row in self.impacts],
        }


def _dict_or_none(figure: Figure | None) -> dict[str, Any] | None:
    return None if figure is None else figure.to_dict()


def count_figure(count: MunitionCount) -> Figure:
    """A munition count's bounds, from its qualifier (see the module docstring)."""
    if count.qualifier in ("at_least", "vague"):
        return Figure(count.count, None)
    if count.qualifier == "more_than":
        return Figure(count.count + 1, None)
    if count.qualifier == "up_to":
        return Figure(0, count.count)
    return Figure(count.count, count.count)


def total_figure(total: CasualtyTotal | Impact) -> Figure:
    return Figure(total.low or 0, total.high)


OblastKey = tuple[str | None, str | None]  # (country, oblast)


def oblast_of(location: Location) -> OblastKey:
    place = location.place
    if place.type == "country":
        return (place.country, None)
    if place.type in ("oblast", "region") or not place.admin1:
        return (place.country, place.name)
    return (place.country, place.admin1)


def summarize(reports: Iterable[Report]) -> Summary:
    """Aggregate reports by the rules in the module docstring."""
    n_reports = 0
    # (munition, status) -> date -> figures; munition -> sources that name it
    counts: dict[tuple[str, str], dict[str | None, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    munition_sources: dict[str, set[int]] = defaultdict(set)
    classes: dict[str, str] = {}
    # oblast -> outcome -> date -> figures; oblast -> struck dates / undated struck reports / places
    casualties: dict[OblastKey, dict[str, dict[str | None, list[Figure]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    struck_dates: dict[OblastKey, set[str]] = defaultdict(set)
    struck_undated: Counter[OblastKey] = Counter()
    struck_places: dict[OblastKey, set[str]] = defaultdict(set)
    oblast_reports: dict[OblastKey, set[int]] = defaultdict(set)
    dates: dict[str | None, list[str]] = defaultdict(list)
    # (category, oblast) -> date -> things per report; statuses; reports
    targets: dict[tuple[str, OblastKey], dict[str | None, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    target_statuses: dict[tuple[str, OblastKey], Counter[str]] = defaultdict(Counter)
    target_reports: dict[tuple[str, OblastKey], set[int]] = defaultdict(set)
    impacts: dict[tuple[str, str, OblastKey], dict[str | None, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    impact_reports: dict[tuple[str, str, OblastKey], set[int]] = defaultdict(set)

    for index, report in enumerate(reports):
        n_reports += 1
        date = report.date
        dates[date].append(report.source)
        for munition in report.munitions:
            classes.setdefault(munition.name, munition.munition_class)
            munition_sources[munition.name].add(index)
        restated = set()
        for count in report.munition_counts:
            if count.background:  # an earlier attack's or a running total's: never summed
                continue
            munition_sources[count.munition].add(index)
            key = (count.munition, count.status, count.count, count.qualifier)
            if key in restated:
                continue
            restated.add(key)
            counts[(count.munition, count.status)][date].append(count_figure(count))

        locations = {loc.name: loc for loc in report.locations}
        struck_here: set[OblastKey] = set()
        for loc in report.locations:
            if loc.struck and loc.place.type != "country":
                oblast = oblast_of(loc)
                struck_places[oblast].add(loc.name)
                oblast_reports[oblast].add(index)
                struck_here.add(oblast)
        for oblast in struck_here:
            if date is None:
                struck_undated[oblast] += 1
            else:
                struck_dates[oblast].add(date)
        for total in report.casualty_totals:
            if total.group != "all" or total.outcome not in CASUALTY_OUTCOMES:
                continue
            where = locations.get(total.location) if total.location else None
            if where is not None and where.place.type == "district" and _city_has(report, locations, total, where):
                continue  # a district's figure, also given to its city (review place_from_district): counted there
            oblast = oblast_of(where) if where is not None else (None, None)
            oblast_reports[oblast].add(index)
            casualties[oblast][total.outcome][date].append(total_figure(total))
        things: dict[tuple[str, OblastKey], set[tuple[str, str | None]]] = defaultdict(set)
        for target in report.targets:
            where = locations.get(target.location) if target.location else None
            target_key = (target.category, oblast_of(where) if where is not None else (None, None))
            thing = (target.name.lower(), target.location)
            if thing not in things[target_key]:
                target_statuses[target_key][target.status] += 1
            things[target_key].add(thing)
        for target_key, named in things.items():
            targets[target_key][date].append(Figure(len(named), len(named)))
            target_reports[target_key].add(index)
        for impact in report.impacts:
            where = locations.get(impact.location) if impact.location else None
            impact_key = (impact.kind, impact.unit, oblast_of(where) if where is not None else (None, None))
            impacts[impact_key][date].append(total_figure(impact))
            impact_reports[impact_key].add(index)

    munition_rows = []
    for name in {*munition_sources, *(m for m, _ in counts)}:
        munition_class = classes.get(name) or (name if name in MUNITION_CLASSES else None)
        by_status = {
            status: separate_events(same_event(figs) for figs in counts[(name, status)].values()) if (name, status) in counts else None
            for status in STATUSES
        }
        munition_rows.append(MunitionRow(name, munition_class, len(munition_sources[name]), **by_status))
    munition_rows.sort(key=lambda r: (_class_order(r.munition_class), r.name == r.munition_class, r.name.lower()))

    oblast_rows = []
    for oblast in oblast_reports:
        undated = struck_undated[oblast]
        dated = len(struck_dates[oblast])
        times = Figure(dated + min(undated, 1), dated + undated)
        by_outcome = {
            outcome: separate_events(same_event(figs) for figs in casualties[oblast][outcome].values()) if outcome in casualties[oblast] else None
            for outcome in CASUALTY_OUTCOMES
        }
        oblast_rows.append(OblastRow(oblast[0], oblast[1], len(oblast_reports[oblast]), times, tuple(sorted(struck_places[oblast])), **by_outcome))
    oblast_rows.sort(key=lambda r: (r.country is None, r.country or "", r.oblast is None, r.oblast or ""))

    date_rows = [DateRow(date, len(sources), tuple(sources)) for date, sources in dates.items()]
    date_rows.sort(key=lambda r: (r.date is None, r.date or ""))
    target_rows = [
        TargetRow(
            category,
            oblast[0],
            oblast[1],
            len(target_reports[(category, oblast)]),
            separate_events(same_event(figs) for figs in by_date.values()) or Figure(0, 0),
            tuple(sorted(target_statuses[(category, oblast)].items())),
        )
        for (category, oblast), by_date in targets.items()
    ]
    category_order = {c: i for i, c in enumerate(TARGET_CATEGORIES)}
    target_rows.sort(key=lambda r: (category_order.get(r.category, 99), r.country is None, r.country or "", r.oblast or ""))
    impact_rows = [
        ImpactRow(
            kind,
            unit,
            oblast[0],
            oblast[1],
            len(impact_reports[(kind, unit, oblast)]),
            separate_events(same_event(figs) for figs in by_date.values()) or Figure(0, 0),
        )
        for (kind, unit, oblast), by_date in impacts.items()
    ]
    impact_rows.sort(key=lambda r: (r.kind, r.unit, r.country is None, r.country or "", r.oblast or ""))
    return Summary(n_reports, tuple(munition_rows), tuple(oblast_rows), tuple(date_rows), tuple(target_rows), tuple(impact_rows))


def _class_order(munition_class: str | None) -> int:
    return MUNITION_CLASSES.index(munition_class) if munition_class in MUNITION_CLASSES else len(MUNITION_CLASSES)


def _city_has(report: Report, locations: dict[str, Location], total: CasualtyTotal, district: Location) -> bool:
    """Whether the report gives the same outcome a total for a city of the district's oblast."""
    for other in report.casualty_totals:
        city = locations.get(other.location) if other.location else None
        same_oblast = city is not None and city.place.type == "city" and city.place.admin1 == district.place.admin1
        if same_oblast and (other.outcome, other.group) == (total.outcome, total.group):
            return True
    return False
