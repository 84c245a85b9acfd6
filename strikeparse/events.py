"""Reports -> dataset rows: one row per (date, struck place), in the columns conflict
datasets use (ACLED's names where ACLED has the column, UCDP GED's best/low/high for
deaths), with the report's evidence beside each figure.

Coding rules (README, "Dataset rows"):

* one row per struck place of a report (`Location.struck`); a report with no struck place
  but figures of its own (a ship at sea) gives one row with an empty location;
* `event_type` is always "Explosions/Remote violence"; `sub_event_type` is
  "Shelling/artillery/missile attack" when a missile or rocket is counted at the place or
  named on a line that names it (or, for a report's only struck place that names none of
  its own, anywhere in the report), else "Air/drone strike" (drones, glide bombs such as
  KABs, aircraft, or no weapon named);
* `geo_precision` follows ACLED: 1 a town, village or city district, 2 a raion, 3 an
  oblast or region; empty for a place no gazetteer has (no coordinates);
* `fatalities` is the place's killed total, its lower bound (ACLED's conservative
  reading; 0 when the report gives none); `low`/`high` are its bounds (`high` = `low` when
  the text gives no upper bound) and `best` the lower bound, as UCDP codes a stated minimum;
* `injured_low`/`injured_high` the place's injured total; `munitions`, `targets` and
  `impacts` the figures placed there; `notes` a short generated sentence; `evidence` the
  offsets and rule ids of every figure the row uses, so a coder can check it.

Whole-report figures (national totals, location null) stay in the report's JSON and are
not spread over the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources

from .model import Casualty, Evidence, Location, MunitionCount, Report, Target, figure_text

EVENT_TYPE = "Explosions/Remote violence"
AIR_STRIKE = "Air/drone strike"
MISSILE_ATTACK = "Shelling/artillery/missile attack"
MISSILE_CLASSES = frozenset({"missile", "cruise_missile", "ballistic_missile", "hypersonic_missile", "anti_aircraft_missile", "rocket"})
_PRECISION = {"city": 1, "district": 1, "site": 1, "raion": 2, "oblast": 3, "region": 3}

# column -> pandas dtype, as documented in the README (read_csv(dtype=EVENT_DTYPES))
EVENT_DTYPES: dict[str, str] = {
    "event_date": "string",
    "year": "Int64",
    "event_type": "string",
    "sub_event_type": "string",
    "country": "string",
    "admin1": "string",
    "admin2": "string",
    "location": "string",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "Int64",
    "fatalities": "int64",
    "best": "int64",
    "low": "int64",
    "high": "int64",
    "injured_low": "Int64",
    "injured_high": "Int64",
    "munitions": "string",
    "targets": "string",
    "impacts": "string",
    "source": "string",
    "notes": "string",
    "evidence": "string",
}
EVENT_COLUMNS = tuple(EVENT_DTYPES)


@dataclass(frozen=True)
class EventRow:
    event_date: str | None
    year: int | None
    event_type: str
    sub_event_type: str
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int
    best: int
    low: int
    high: int
    injured_low: int | None
    injured_high: int | None
    munitions: str
    targets: str
    impacts: str
    source: str
    notes: str
    evidence: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@cache
def country_names() -> dict[str, str]:
    """ISO code -> English name (data/countries.tsv, from GeoNames): ACLED's `country` is the name."""
    text = (resources.files("strikeparse") / "data" / "countries.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def event_rows(report: Report) -> list[EventRow]:
    struck = [loc for loc in report.locations if loc.struck and loc.place.type != "country"]
    if struck:
        return [_row(report, loc, len(struck) == 1) for loc in struck]
    own = [c for c in report.casualties if not c.background] or report.targets or report.impacts
    return [_row(report, None, True)] if own else []


def _row(report: Report, loc: Location | None, only_place: bool) -> EventRow:
    name = loc.name if loc is not None else None
    killed = _total(report, "killed", name)
    injured = _total(report, "injured", name)
    counts = [c for c in report.munition_counts if not c.background and c.location == name]
    targets = [t for t in report.targets if t.location == name]
    impacts = [i for i in report.impacts if i.location == name]
    classes = _classes(report, counts, loc, only_place)
    low = killed[0] if killed and killed[0] is not None else 0
    high = killed[1] if killed and killed[1] is not None else low
    place = loc.place if loc is not None else None
    evidence = [
        *(_cite(c.outcome, c.evidence) for c in _figures(report, name)),
        *(_cite("count", c.evidence) for c in counts),
        *(_cite("target", t.evidence) for t in targets),
        *(_cite("impact", i.evidence) for i in impacts),
    ]
    return EventRow(
        event_date=report.date,
        year=int(report.date[:4]) if report.date else None,
        event_type=EVENT_TYPE,
        sub_event_type=MISSILE_ATTACK if classes & MISSILE_CLASSES else AIR_STRIKE,
        country=country_names().get(place.country or "", place.country) if place else None,
        admin1=(place.name if place.type in ("oblast", "region") else place.admin1) if place else None,
        admin2=place.name if place is not None and place.type == "raion" else None,
        location=name,
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        geo_precision=_PRECISION.get(place.type) if place is not None and place.lat is not None else None,
        fatalities=low,
        best=low,
        low=low,
        high=high,
        injured_low=(injured[0] or 0) if injured else None,
        injured_high=injured[1] if injured else None,
        munitions="; ".join(_count_text(c) for c in counts),
        targets="; ".join(f"{t.category} {t.status}: {t.name}" for t in targets),
        impacts="; ".join(f"{i.kind} {figure_text(i.low, i.high)} {i.unit}" for i in impacts),
        source=report.source,
        notes=_notes(classes, targets, killed, injured),
        evidence="; ".join(dict.fromkeys(evidence)),
    )


def _total(report: Report, outcome: str, location: str | None) -> tuple[int | None, int | None] | None:
    for t in report.casualty_totals:
        if t.outcome == outcome and t.group == "all" and t.location == location:
            return (t.low, t.high)
    return None


def _figures(report: Report, location: str | None) -> Iterable[Casualty]:
    return (c for c in report.casualties if not c.background and c.location == location and c.outcome in ("killed", "injured"))


def _classes(report: Report, counts: list[MunitionCount], loc: Location | None, only_place: bool) -> set[str]:
    """The weapon classes of the place: its own counts, else the munitions named on the lines that name
    it; with the whole report's too when it is the report's only struck place."""
    class_of = {m.name: m.munition_class for m in report.munitions}
    own = {class_of.get(c.munition, c.munition) for c in counts}
    if loc is not None and not own:  # a count placed there says more than a model named on its line
        lines = {e.line for e in loc.mentions}
        own = {m.munition_class for m in report.munitions if any(e.line in lines for e in m.mentions)}
    if only_place:
        own |= {m.munition_class for m in report.munitions}
        own |= {class_of.get(c.munition, c.munition) for c in report.munition_counts if not c.background}
    return own


def _count_text(count: MunitionCount) -> str:
    return f"{count.munition} {count.count} {count.status}"


def _cite(what: str, ev: Evidence) -> str:
    return f"{what} {ev.start}-{ev.end} ({ev.rule})"


def _strike_words(classes: set[str]) -> str:
    missiles = bool(classes & MISSILE_CLASSES)
    drones = "drone" in classes
    if missiles and drones:
        return "Missile and drone strike"
    if missiles:
        return "Missile strike"
    if drones:
        return "Drone strike"
    if "guided_bomb" in classes:
        return "Guided bomb strike"
    return "Strike"


Bounds = tuple[int | None, int | None]


def _notes(classes: set[str], targets: list[Target], killed: Bounds | None, injured: Bounds | None) -> str:
    """ "Missile and drone strike; maternity hospital and dormitory damaged; 11-19 injured"."""
    parts = [_strike_words(classes)]
    by_status: dict[str, list[str]] = {}
    for t in targets:
        names = by_status.setdefault(t.status, [])
        if t.name.lower() not in (n.lower() for n in names):
            names.append(t.name)
    for status, names in by_status.items():
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{listed} {status}")
    figures = [f"{figure_text(*f)} {word}" for f, word in ((killed, "killed"), (injured, "injured")) if f is not None]
    if figures:
        parts.append(", ".join(figures))
    return "; ".join(parts)
