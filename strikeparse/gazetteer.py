"""The gazetteer: canonical places and the names that point at them.

Data: strikeparse/data/gazetteer.tsv.gz (built by scripts/build_gazetteer.py from GeoNames, CC BY 4.0)
merged with the `places:` entries of the rule files (strikeparse/rules/places.yaml and any user file).
A rule-file entry with the name (and, where it gives them, type and admin1) of a generated entry
replaces that entry's fields and adds its aliases; any other entry is a new place.

Names are compared in normalized form (`normalize`): accents folded, case folded, apostrophes
(' ’ ʼ) dropped, hyphens, dots and spaces all one space. "Kryvyi Rih", "KRYVYI RIH" and "Kryvyi-Rih"
are one key.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from .model import Place
from .rules import RuleSet

DATA_FILE = "gazetteer.tsv.gz"
_APOS = str.maketrans("", "", "'’ʼ‘`´")
_WORD = re.compile(r"\w+")
REGION_SUFFIXES = ("oblast", "region", "province", "krai", "kray", "territory", "oblasts", "regions")
DISTRICT_SUFFIXES = ("district", "raion", "rayon", "city district")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a name: folded, lower case, no apostrophes, words joined by one space."""
    folded = name if name.isascii() else "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(folded.translate(_APOS).lower())).replace("_", " ").strip()


@lru_cache(maxsize=4096)
def english_name(name: str) -> str:
    """A GeoNames name without its transliteration marks ("Naţanz", "Petaẖ Tiqva", "Biryulëvo"
    are written Natanz, Petah Tiqva, Biryulevo in English-language news); letters that do
    not decompose (ł, ø, ß) are kept."""
    if name.isascii():
        return name
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)))


def _strip_suffix(key: str, suffixes: Iterable[str]) -> str | None:
    for suffix in suffixes:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1]
    return None


def _rank(row: list[Any], key: str = "") -> tuple[int, str]:
    """Sort key of the places one alias names: Ukrainian places count ten times their population,
    a place whose own name is the alias three times; then the name."""
    pop = int(row[6] or 0)
    weight = 10 if row[3] == "UA" else 1
    if key and normalize(row[0]) == key:
        weight *= 3
    type_bonus = 1 if row[1] in ("oblast", "region", "country") else 0
    return (-(pop * weight) - type_bonus, row[0])


class _Lines:
    """A read-only list of strings kept as one string and an array of offsets: it is
    pickled into the parser cache, and unpickling two objects instead of ~40,000 strings
    saves a one-file run ~10 ms. Only the rows asked for are ever sliced out."""

    def __init__(self, lines: list[str]) -> None:
        self._text = "\n".join(lines)
        offsets = array("I", [0])
        for line in lines:
            offsets.append(offsets[-1] + len(line) + 1)
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < len(self._offsets) - 1:
            raise IndexError(index)
        return self._text[self._offsets[index] : self._offsets[index + 1] - 1]

    def __getstate__(self) -> tuple[str, bytes]:
        return self._text, self._offsets.tobytes()

    def __setstate__(self, state: tuple[str, bytes]) -> None:
        self._text = state[0]
        self._offsets = array("I", state[1])


class _Data:
    """The generated data, decoded only as far as needed (see scripts/build_gazetteer.py)."""

    def __init__(self, blob: bytes) -> None:
        lines = gzip.decompress(blob).decode("utf-8").split("\n")
        header = json.loads(lines[0])
        n_places, n_aliases = int(header["places"]), int(header["aliases"])
        self.rows = _Lines(lines[1 : 1 + n_places])
        self.keys: list[str] = lines[1 + n_places : 1 + n_places + n_aliases]
        self.ids = _Lines(lines[1 + n_places + n_aliases : 1 + n_places + 2 * n_aliases])
        self.max_tokens = int(header["max_tokens"])
        self.districts: dict[str, list[int]] = header["districts"]

    def row(self, index: int) -> list[Any]:
        name, ptype, admin1, cc, lat, lon, pop = self.rows[index].split("\t")
        return [name, ptype, admin1 or None, cc or None, float(lat) if lat else None, float(lon) if lon else None,
                int(pop or 0)]

    def find(self, key: str) -> list[int]:
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return [int(x) for x in self.ids[i].split(",")]
        return []


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data((resources.files("strikeparse") / "data" / DATA_FILE).read_bytes())


class Gazetteer:
    """Places by normalized name. Build with `Gazetteer.load(ruleset)`."""

    _cache: dict[str, Gazetteer] = {}

    def __init__(self, data: _Data) -> None:
        self._data = data
        self._n_base = len(data.rows)
        self._extra_rows: dict[int, list[Any]] = {}  # rows added or changed by rule files
        self._extra_aliases: dict[str, list[int]] = {}  # full id lists of the aliases rule files touch
        self._places: dict[int, Place] = {}
        self._oblasts: dict[str, int] = {}
        self._districts: dict[str, list[int]] = {k: list(v) for k, v in data.districts.items()}
        self.max_tokens = data.max_tokens
        self._keyset: set[str] | None = None
        self._curated: set[int] = set()
        self._prefixes: set[str] | None = None

    # ------------------------------------------------------------------ building

    @classmethod
    def load(cls, ruleset: RuleSet | None = None) -> Gazetteer:
        """The gazetteer for a rule set (cached per rule-set fingerprint)."""
        key = ruleset.fingerprint if ruleset is not None else ""
        cached = cls._cache.get(key)
        if cached is not None:
            return cached
        gaz = cls(_data())
        if ruleset is not None and ruleset.places:
            gaz._merge([dict(e.data) for e in ruleset.places])
        if len(cls._cache) > 8:
            cls._cache.clear()
        cls._cache[key] = gaz
        return gaz

    def _row(self, index: int) -> list[Any]:
        got = self._extra_rows.get(index)
        return got if got is not None else self._data.row(index)

    def _ids(self, key: str) -> list[int]:
        got = self._extra_aliases.get(key)
        return got if got is not None else self._data.find(key)

    def _merge(self, entries: list[dict[str, Any]]) -> None:
        touched: set[str] = set()
        next_index = self._n_base
        for data in entries:
            name = str(data["name"])
            target = self._generated_entry(data, name)
            if target is None:
                # an entry that gives a generated place's name as an alias renames that place
                # ("Petah Tikva", alias "Petah Tiqva"), in the same country, of the same type
                for alias in data.get("aliases") or ():
                    target = self._generated_entry(data, str(alias), same_country=True)
                    if target is not None:
                        break
            row: list[Any]
            if target is None:
                target = next_index
                next_index += 1
                row = [name, "city", None, None, None, None, 0]
            else:
                row = list(self._row(target))
            for pos, field in enumerate(("name", "type", "admin1", "country", "lat", "lon", "population")):
                if field in data and data[field] is not None:
                    row[pos] = data[field] if field != "population" else int(data[field])
            self._extra_rows[target] = row
            self._curated.add(target)
            for alias in [name, *(data.get("aliases") or ())]:
                akey = normalize(str(alias))
                if not akey:
                    continue
                ids = self._ids(akey)
                if target not in ids:
                    self._extra_aliases[akey] = [*ids, target]
                    touched.add(akey)
                self.max_tokens = max(self.max_tokens, akey.count(" ") + 1)
                if row[1] in ("oblast", "region") and row[0].endswith((" Oblast", " Krai")):
                    for k in (akey, _strip_suffix(akey, REGION_SUFFIXES)):
                        if k and k not in self._oblasts:
                            self._oblasts[k] = target
                elif row[1] == "district":
                    for k in {akey, _strip_suffix(akey, DISTRICT_SUFFIXES)}:
                        if k and target not in self._districts.get(k, ()):
                            self._districts.setdefault(k, []).append(target)
        for akey in touched:
            self._extra_aliases[akey].sort(key=self._ranker(akey))

    def _generated_entry(self, data: dict[str, Any], name: str, *, same_country: bool = False) -> int | None:
        """The generated place a rule-file entry names (its name as GeoNames writes it, or as
        English news does: "Natanz" is GeoNames' "Naţanz"), matching the type and admin1 it gives."""
        for i in self._ids(normalize(name)):
            row = self._row(i)
            if row[0] != name and english_name(row[0]) != name:
                continue
            if data.get("type") and data["type"] != row[1]:
                continue
            if data.get("admin1") and row[2] and data["admin1"] != row[2]:
                continue
            if same_country and (not data.get("country") or data["country"] != row[3]):
                continue
            return i
        return None

    def _ranker(self, key: str) -> Callable[[int], tuple[int, str]]:
        def rank(index: int) -> tuple[int, str]:
            row = self._row(index)
            if index in self._curated and normalize(row[0]) == key:
                return (-(10**12), row[0])  # a rule file's own name for the place comes first
            return _rank(row, key)

        return rank

    # ------------------------------------------------------------------ queries

    def place(self, index: int) -> Place:
        got = self._places.get(index)
        if got is None:
            r = self._row(index)
            name = r[0] if index in self._curated else english_name(r[0])  # a rule file's name is kept as written
            got = Place(name, r[1], r[2], r[3], r[4], r[5], int(r[6] or 0))
            self._places[index] = got
        return got

    def keys(self) -> Iterable[str]:
        """Every normalized alias (for building a scanner)."""
        yield from self._data.keys
        yield from (k for k in self._extra_aliases if not self._data.find(k))

    def has_key(self, key: str) -> bool:
        if self._keyset is None:
            self._build_sets()
        return key in self._keyset  # type: ignore[operator]

    def has_prefix(self, key: str) -> bool:
        """True when some name starts with the words of `key` and goes on ("kryvyi" for "kryvyi rih")."""
        if self._prefixes is None:
            self._build_sets()
        return key in self._prefixes  # type: ignore[operator]

    def _build_sets(self) -> None:
        keyset = set(self._data.keys)
        keyset.update(self._extra_aliases)
        prefixes: set[str] = set()
        for k in keyset:
            if " " in k:
                words = k.split(" ")
                for n in range(1, len(words)):
                    prefixes.add(" ".join(words[:n]))
        self._keyset, self._prefixes = keyset, prefixes

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        return tuple(self.place(i) for i in self._ids(key))

    def lookup(self, alias: str) -> tuple[Place, ...]:
        """Places a name may stand for, best first (Ukrainian and bigger places first)."""
        return self.lookup_key(normalize(alias))

    def oblast(self, base: str) -> Place | None:
        """The oblast (or krai) called `base`: "Kharkiv" -> Kharkiv Oblast, "Kiev region" -> Kyiv Oblast."""
        key = normalize(base)
        if not key:
            return None
        i = self._oblasts.get(key)
        if i is None:
            stripped = _strip_suffix(key, REGION_SUFFIXES)
            i = self._oblasts.get(stripped) if stripped else None
        if i is None:
            for p in self.lookup_key(key)[:1]:
                if p.type == "city":
                    i = self._oblasts.get(normalize(p.name))
        return self.place(i) if i is not None else None

    def district(self, base: str, city: str | None = None) -> Place | None:
        """The city district called `base` ("Darnytsia", "Darnytskyi district"), in `city` when given."""
        key = normalize(base)
        ids = self._districts.get(key) or self._districts.get(_strip_suffix(key, DISTRICT_SUFFIXES) or "", [])
        if not ids:
            return None
        if city:
            town = next((p for p in self.lookup(city) if p.type == "city"), None)
            if town is None:
                return None
            within = [i for i in ids if self._row(i)[2] == town.admin1]
            if not within:
                return None
            ids = within
        best = min(ids, key=lambda i: _rank(self._row(i)))
        return self.place(best)

    def raion(self, base: str) -> Place | None:
        """"<Name> Raion", made from the settlement `base` names ("Bucha" -> Bucha Raion)."""
        key = normalize(base)
        stripped = _strip_suffix(key, DISTRICT_SUFFIXES)
        for k in (key, stripped):
            if not k:
                continue
            town = next((p for p in self.lookup_key(k) if p.type == "city"), None)
            if town is not None:
                return Place(f"{town.name} Raion", "raion", town.admin1, town.country, town.lat, town.lon, 0)
        return None

    def is_major(self, place: Place) -> bool:
        """Big or administrative enough that a neighbouring capitalized word does not make it a name."""
        if place.type in ("oblast", "region", "country"):
            return True
        return place.population >= (50_000 if place.country == "UA" else 150_000)
