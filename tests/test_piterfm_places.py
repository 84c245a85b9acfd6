"""Every place string of the piterfm daily-attacks table resolves to a matching location.

Reads ../shared/data/piterfm/missile_attacks_daily.csv (columns launch_place, target, affected region),
splits each cell into single places, puts each in a sentence and checks that find_places resolves it
to a location whose name matches (normalized: case, apostrophes, hyphens; "Chauda" matches
"Cape Chauda").
"""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest

from strikeparse.extract.places import find_places
from strikeparse.gazetteer import Gazetteer, normalize
from strikeparse.rules import load_rules

CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "piterfm" / "missile_attacks_daily.csv"
COLUMNS = ("launch_place", "target", "affected region")
NOT_PLACES = re.compile(
    r"(?i)^(?:north|south|east|west|center|centre|north-east|north-west|south-east|south-west|front line|ukraine|"
    r"belarus|russia|.*\bsea\b.*|.*\bsea of\b.*)$"
)


def csv_places() -> list[str]:
    out: set[str] = set()
    with CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for col in COLUMNS:
                cell = (row.get(col) or "").strip()
                if not cell:
                    continue
                parts = ast.literal_eval(cell) if cell.startswith("[") else re.split(r"\s+and\s+|,|;", cell)
                for part in parts:
                    place = re.sub(r"\(.*?\)", "", str(part)).strip()
                    place = re.sub(r"^and\s+", "", place)
                    if place and not NOT_PLACES.match(place):
                        out.add(place)
    return sorted(out)


def _matches(wanted: str, got: str) -> bool:
    """"chauda" matches "cape chauda", "engels 2" matches "engels 2": the words of one run inside the other."""
    return f" {wanted} " in f" {got} " or f" {got} " in f" {wanted} "


@pytest.mark.skipif(not CSV.is_file(), reason="../shared is not present (fresh clone)")
def test_piterfm_places_resolve():
    ruleset = load_rules(env=False)
    gaz = Gazetteer.load(ruleset)
    places = csv_places()
    assert len(places) > 50
    resolved, missed = [], []
    for place in places:
        sentence = f"Drones were launched from {place}."
        names = [normalize(m.place.name) for m in find_places(sentence, ruleset, gaz)]
        if any(_matches(normalize(place), n) for n in names):
            resolved.append(place)
        else:
            missed.append((place, names))
    share = len(resolved) / len(places)
    print(f"\npiterfm places resolved: {len(resolved)}/{len(places)} = {share:.1%}; missed: {missed}")
    assert share >= 0.95, missed
