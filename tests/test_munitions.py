"""The munition catalog (rules/munitions.yaml) and strikeparse.extract.munitions."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from strikeparse.errors import RuleError
from strikeparse.extract.munitions import MunitionCatalog, Phrase, find_munitions, munition_phrases, resolve_document
from strikeparse.model import MUNITION_CLASSES, MunitionMention
from strikeparse.rules import load_rules

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def catalog() -> MunitionCatalog:
    return MunitionCatalog.build(load_rules(env=False))


def models(text: str, catalog: MunitionCatalog) -> list[str]:
    return [m.name for m in find_munitions(text, catalog) if m.is_model]


def phrase(text: str, catalog: MunitionCatalog, containing: str) -> Phrase:
    start = text.index(containing)
    found = [p for p in munition_phrases(text, catalog) if p.start <= start < p.end]
    assert found, f"no phrase over {containing!r} in {text!r}"
    return found[0]


# --------------------------------------------------------------------------- the spec's table

SPEC_TABLE = [
    # canonical, class, spellings seen in reports (each in a sentence of its own)
    ("Shahed-136", "drone", ["Shahed", "Shahed-type", "Geran-2", "Geran", "Shahed-136"]),
    ("Shahed-131", "drone", ["Geran-1", "Shahed-131"]),
    ("Molniya", "drone", ["Molniya"]),
    ("Orlan-10", "drone", ["Orlan-10", "Orlan-10 reconnaissance drone"]),
    ("Gerbera", "drone", ["Gerbera", "decoy drones of the Gerbera type"]),
    ("Lancet", "drone", ["Lancet"]),
    ("Kh-101", "cruise_missile", ["Kh-101", "X-101", "Kh 101"]),
    ("Kh-555", "cruise_missile", ["Kh-555"]),
    ("Kh-55", "cruise_missile", ["Kh-55"]),
    ("Kalibr", "cruise_missile", ["Kalibr", "3M-14", "Kalibr-type", "sea-launched Kalibr"]),
    ("Kh-59", "cruise_missile", ["Kh-59", "Kh-59M", "Kh-59MK2"]),
    ("Kh-69", "cruise_missile", ["Kh-69"]),
    ("Kh-22", "cruise_missile", ["Kh-22"]),
    ("Kh-32", "cruise_missile", ["Kh-32"]),
    ("Kh-35", "cruise_missile", ["Kh-35"]),
    ("Kh-31P", "missile", ["Kh-31P"]),
    ("Iskander-K", "cruise_missile", ["9M728", "9M729", "Iskander cruise missile", "Iskander-K"]),
    ("Iskander-M", "ballistic_missile", ["9M723", "Iskander ballistic missile", "Iskander-M"]),
    ("KN-23", "ballistic_missile", ["KN-23", "North Korean ballistic missiles"]),
    ("Kinzhal", "ballistic_missile", ["Kinzhal", "Kh-47M2", "aeroballistic Kinzhal"]),
    ("Oreshnik", "ballistic_missile", ["Oreshnik"]),
    ("Zircon", "hypersonic_missile", ["Zircon", "Tsirkon", "3M22"]),
    ("Oniks", "cruise_missile", ["Oniks", "P-800"]),
    ("S-300", "anti_aircraft_missile", ["S-300", "S-300 guided missiles"]),
    ("S-400", "anti_aircraft_missile", ["S-400", "48N6"]),
    ("KAB", "guided_bomb", ["KAB", "KAB-500", "KAB-1500", "glide bomb with UMPK", "guided aerial bomb"]),
    ("UMPB D-30", "guided_bomb", ["UMPB D-30", "UMPB", "D-30 glide munition"]),
    ("Tochka-U", "ballistic_missile", ["Tochka-U"]),
    ("Grad", "rocket", ["Grad", "BM-21"]),
    ("Smerch", "rocket", ["Smerch"]),
    ("Uragan", "rocket", ["Uragan"]),
    ("Tornado-S", "rocket", ["Tornado-S"]),
    ("ATACMS", "ballistic_missile", ["ATACMS"]),
    ("Storm Shadow", "cruise_missile", ["Storm Shadow", "SCALP"]),
    ("HIMARS", "rocket", ["HIMARS", "GMLRS"]),
    ("Neptune", "cruise_missile", ["Neptune"]),
    ("Tomahawk", "cruise_missile", ["Tomahawk"]),
    ("Taurus", "cruise_missile", ["Taurus"]),
    ("Fateh-110", "ballistic_missile", ["Fateh-110", "Fateh"]),
    ("Burkan", "ballistic_missile", ["Burkan", "Burqan"]),
    ("Katyusha", "rocket", ["Katyusha"]),
]


def test_catalog_has_every_spec_row_with_its_class(catalog: MunitionCatalog) -> None:
    for name, klass, _ in SPEC_TABLE:
        model = catalog.model(name)
        assert model is not None, name
        assert model.munition_class == klass, name
    assert {m.munition_class for m in catalog.models} <= set(MUNITION_CLASSES)


@pytest.mark.parametrize(("name", "klass", "spelling"), [(n, k, s) for n, k, spellings in SPEC_TABLE for s in spellings])
def test_every_seen_as_spelling_resolves(catalog: MunitionCatalog, name: str, klass: str, spelling: str) -> None:
    text = f"Overnight the enemy attacked the region with {spelling}, officials said on Monday."
    found = [m for m in find_munitions(text, catalog) if m.is_model]
    assert [m.name for m in found] == [name], spelling
    assert found[0].munition_class == klass
    assert found[0].evidence.text in spelling


# --------------------------------------------------------------------------- spellings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defence downed 50 Kh-101/555/55 cruise missiles.", ["Kh-101", "Kh-555", "Kh-55"]),
        ("The enemy sent 30 Shahed-136/131 attack UAVs.", ["Shahed-136", "Shahed-131"]),
        ("The strike used X-101/X-555 missiles.", ["Kh-101", "Kh-555"]),
        ("Debris of C-300/C-400 missiles was found.", ["S-300", "S-400"]),
        ("Four Iskander-M/KN-23 missiles were fired.", ["Iskander-M", "KN-23"]),
        ("Russia used X-59/X-69 and Kh-59/69 missiles.", ["Kh-59", "Kh-69", "Kh-59", "Kh-69"]),
        ("The city was hit by S-300/400 missiles.", ["S-300", "S-400"]),
        ("A Kh-101/Kh-556 missile hit a warehouse.", ["Kh-101"]),  # Kh-556 is no model we know
        ("Two Х-101 missiles (Cyrillic) struck.", ["Kh-101"]),
        ("A С-300 missile (Cyrillic) struck.", ["S-300"]),
        ("Kh101 and Kh 101 are one model.", ["Kh-101", "Kh-101"]),
        ("Seven Shaheds and two Iskander-Ms were launched.", ["Shahed-136", "Iskander-M"]),
        ("Geran-3 jet drones, unlike the Geran-2, are fast.", ["Shahed-238", "Shahed-136"]),
        ("The Молнія and Lancet drones.", ["Molniya", "Lancet"]),
        ("A Kh-555 and a Kh-55 are not the same.", ["Kh-555", "Kh-55"]),
    ],
)
def test_spellings(catalog: MunitionCatalog, text: str, expected: list[str]) -> None:
    assert models(text, catalog) == expected


def test_slash_list_gives_one_mention_per_part_with_its_own_span(catalog: MunitionCatalog) -> None:
    text = "Over the capital, air defence destroyed 40 Kh-101/555/55 missiles."
    found = find_munitions(text, catalog)
    assert [(m.name, m.evidence.text) for m in found] == [("Kh-101", "Kh-101"), ("Kh-555", "555"), ("Kh-55", "55")]
    assert all(m.is_model for m in found)
    for m in found:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
        assert m.evidence.rule == f"munition.{m.name.lower()}"


@pytest.mark.parametrize(
    "text",
    [
        "Patriot and IRIS-T systems shot down the targets over the capital.",
        "A Su-34 bomber and a MiG-29 flew over; NASAMS and Iron Dome batteries were active.",
        "Ukraine received more Patriot missiles and interceptor drones.",
        "Shells for M-777 howitzers were destroyed, the ministry said.",
        "The Lancet published a study on the harm done to civilians.",
    ],
)
def test_non_munitions_give_nothing(catalog: MunitionCatalog, text: str) -> None:
    assert find_munitions(text, catalog) == []


def test_class_words(catalog: MunitionCatalog) -> None:
    text = "The army said 40 drones, 12 cruise missiles and two guided bombs were launched."
    found = find_munitions(text, catalog)
    assert [(m.name, m.is_model, m.evidence.rule) for m in found] == [
        ("drone", False, "munition-class.drone"),
        ("cruise_missile", False, "munition-class.cruise_missile"),
        ("guided_bomb", False, "munition-class.guided_bomb"),
    ]


def test_class_word_heading_a_model_is_not_a_separate_mention(catalog: MunitionCatalog) -> None:
    text = "Russia fired 16 Kalibr cruise missiles at the port."
    assert [(m.name, m.evidence.text) for m in find_munitions(text, catalog)] == [("Kalibr", "Kalibr")]


def test_evidence_slices_text_and_counts_lines(catalog: MunitionCatalog) -> None:
    text = "Headline about drones\r\n\r\nThe enemy launched 12 Shahed drones\nand 3 Kh-59 missiles."
    found = find_munitions(text, catalog)
    assert [(m.evidence.text, m.evidence.line) for m in found] == [("drones", 1), ("Shahed", 3), ("Kh-59", 4)]
    for m in found:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
    assert [m.evidence.start for m in found] == sorted(m.evidence.start for m in found)


# --------------------------------------------------------------------------- phrases


@pytest.mark.parametrize(
    ("text", "containing", "span", "resolved", "head", "plural"),
    [
        (
            "They fired three Iskander cruise missiles at dawn.",
            "Iskander",
            "Iskander cruise missiles",
            "Iskander-K",
            "cruise_missile",
            True,
        ),
        (
            "They fired two Iskander ballistic missiles at dawn.",
            "Iskander",
            "Iskander ballistic missiles",
            "Iskander-M",
            "ballistic_missile",
            True,
        ),
        (
            "Russia launched 60 Shahed-136/131 strike UAVs overnight.",
            "Shahed",
            "Shahed-136/131 strike UAVs",
            "drone",
            "drone",
            True,
        ),
        ("The navy fired nine Kalibr missiles.", "Kalibr", "Kalibr missiles", "Kalibr", "missile", True),
        ("Crews downed 21 Kh-101 cruise missiles.", "Kh-101", "Kh-101 cruise missiles", "Kh-101", "cruise_missile", True),
        ('Ukraine destroyed all 20 Shahed "kamikaze" drones.', "Shahed", 'Shahed "kamikaze" drones', "Shahed-136", "drone", True),
        ("Jets dropped four aerial guided bombs on the town.", "aerial", "aerial guided bombs", "KAB", "guided_bomb", True),
        ("Russia launched 12 Russian attack drones.", "Russian attack", "Russian attack drones", "drone", "drone", True),
        (
            "Officials counted 14 Iranian-designed attack drones.",
            "Iranian",
            "Iranian-designed attack drones",
            "drone",
            "drone",
            True,
        ),
        ("There were 19 Shahed-type drones.", "Shahed", "Shahed-type drones", "Shahed-136", "drone", True),
        ("Russia sent 510 Shahed and decoy drones.", "Shahed", "Shahed and decoy drones", "drone", "drone", True),
        (
            "Some 250 Kh-101/555/55 cruise missiles.",
            "Kh-101",
            "Kh-101/555/55 cruise missiles",
            "cruise_missile",
            "cruise_missile",
            True,
        ),
        ("The attack used 400 drones and missiles.", "drones", "drones and missiles", "aerial_target", "aerial_target", True),
        (
            "Iran fired 170 cruise missiles, ballistic missiles and drones.",
            "cruise",
            "cruise missiles, ballistic missiles and drones",
            "aerial_target",
            "aerial_target",
            True,
        ),
        (
            "Air defence shot down three JDAM guided aerial bombs over Kursk.",
            "JDAM",
            "JDAM guided aerial bombs",
            "JDAM",
            "guided_bomb",
            True,
        ),
        (
            "Air defences downed 16 rockets launched from Smerch systems near the border.",
            "rockets",
            "rockets launched from Smerch systems",
            "Smerch",
            "rocket",
            True,
        ),
        (
            "Units destroyed 90 of the aerial threats overnight.",
            "aerial",
            "aerial threats",
            "aerial_target",
            "aerial_target",
            True,
        ),
        (
            "Defences shot down 300 of the 320 airborne threats.",
            "airborne",
            "airborne threats",
            "aerial_target",
            "aerial_target",
            True,
        ),
        (
            "Three Kh-22 and Kh-32 cruise missiles hit.",
            "Kh-22",
            "Kh-22 and Kh-32 cruise missiles",
            "cruise_missile",
            "cruise_missile",
            True,
        ),
        (
            "Air defence downed 12 decoy drones of the Gerbera type.",
            "decoy",
            "decoy drones of the Gerbera type",
            "Gerbera",
            "drone",
            True,
        ),
        (
            "Troops downed 12 decoy drones of the Gerbera type and other types.",
            "decoy",
            "decoy drones of the Gerbera type and other types",
            "drone",
            "drone",
            True,
        ),
        (
            "Units shot down 31 attack UAVs of the Geran-2 type as well as various kinds of drones overnight.",
            "attack",
            "attack UAVs of the Geran-2 type as well as various kinds of drones",
            "drone",
            "drone",
            True,
        ),
        ("Eleven Shaheds were downed.", "Shaheds", "Shaheds", "Shahed-136", None, True),
        ("A Kh-22 missile hit the port.", "Kh-22", "Kh-22 missile", "Kh-22", "missile", False),
    ],
)
def test_phrases(
    catalog: MunitionCatalog, text: str, containing: str, span: str, resolved: str, head: str | None, plural: bool
) -> None:
    p = phrase(text, catalog, containing)
    assert p.text(text) == span
    assert p.resolved == resolved
    assert p.head_class == head
    assert p.plural is plural


def test_phrase_models_and_attributive(catalog: MunitionCatalog) -> None:
    text = "A drone attack hit the depot, and 48 Shahed-136/131 strike UAVs were launched."
    p = phrase(text, catalog, "Shahed")
    assert p.models == ("Shahed-136", "Shahed-131")
    assert not p.attributive
    assert phrase(text, catalog, "drone attack").attributive
    assert [m.evidence.text for m in p.mentions] == ["Shahed-136", "131"]


def test_organisations_are_not_munitions(catalog: MunitionCatalog) -> None:
    text = "Anti-aircraft missile forces and drone units repelled the attack."
    assert find_munitions(text, catalog) == []


# --------------------------------------------------------------------------- bare Iskander


def test_bare_iskander_defaults_to_iskander_m(catalog: MunitionCatalog) -> None:
    text = "The strike was carried out with missiles of the Iskander missile complex."
    found = [m for m in find_munitions(text, catalog) if m.is_model]
    assert [(m.name, m.evidence.rule) for m in found] == [("Iskander-M", "munition.iskander")]


def test_bare_iskander_takes_the_class_the_document_gives(catalog: MunitionCatalog) -> None:
    text = "Two Iskander missiles hit Sumy\n\nThe city was attacked with two Iskander cruise missiles on Monday."
    assert models(text, catalog) == ["Iskander-K", "Iskander-K"]
    headline = phrase(text, catalog, "Iskander missiles")
    assert headline.resolved == "Iskander-K"


def test_bare_iskander_with_both_classes_elsewhere_keeps_default(catalog: MunitionCatalog) -> None:
    text = "Iskander missiles hit. Earlier Iskander-K and Iskander-M missiles were used."
    assert models(text, catalog)[0] == "Iskander-M"


def test_resolve_document_is_a_pure_pass(catalog: MunitionCatalog) -> None:
    text = "An Iskander hit the port; Iskander-K missiles were also used."
    raw = find_munitions(text, catalog)
    again = resolve_document(raw, catalog)
    assert again == raw
    assert isinstance(again[0], MunitionMention)
    assert again[0].name == "Iskander-K"


def test_catalog_is_cached_per_fingerprint() -> None:
    rules = load_rules(env=False)
    assert MunitionCatalog.build(rules) is MunitionCatalog.build(rules)


def test_unknown_class_is_a_rule_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("munitions:\n  - name: Zoltar-9\n    class: spaceship\n", encoding="utf-8")
    with pytest.raises(RuleError, match="spaceship"):
        MunitionCatalog.build(load_rules([bad], env=False))


def test_catalog_from_a_user_rule_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "munitions:\n  - name: Zoltar-9\n    class: drone\n    aliases: [Zoltar]\n",
        encoding="utf-8",
    )
    cat = MunitionCatalog.build(load_rules([extra], env=False))
    assert models("Russia launched 12 Zoltar-9 drones and a Zoltar.", cat) == ["Zoltar-9", "Zoltar-9"]


# --------------------------------------------------------------------------- piterfm model names

# Entries of the data set's `model` column that name no munition model.
_NOT_MODELS = {
    "Unknown UAV",
    "Unknown Missile",
    "Reconnaissance UAV",
    "Ballistic Missile",
    "Intercontinental Ballistic Missile",
    "Aerial Bomb",
}


@pytest.mark.skipif(not (SHARED / "data" / "piterfm" / "missile_attacks_daily.csv").exists(), reason="../shared is absent")
def test_piterfm_model_spellings_resolve(catalog: MunitionCatalog) -> None:
    path = SHARED / "data" / "piterfm" / "missile_attacks_daily.csv"
    with path.open(encoding="utf-8") as f:
        column = Counter(row["model"] for row in csv.DictReader(f))
    total = ok = 0
    missed: list[str] = []
    for value, rows in column.items():
        for part in value.split(" and "):
            part = part.strip()
            if not part or part in _NOT_MODELS:
                continue
            total += rows
            found = [m for m in find_munitions(part, catalog) if m.is_model]
            pieces = part.split("/")
            if found and len(found) >= len(pieces) and all(m.name for m in found):
                ok += rows
            else:
                missed.append(part)
    share = ok / total
    print(f"piterfm model spellings resolved: {share:.1%} of {total} row-mentions; missed: {sorted(set(missed))}")
    assert share >= 0.99, sorted(set(missed))


def test_us_guided_bombs_are_models_of_their_own(catalog: MunitionCatalog) -> None:
    text = "The army said it used GBU-39 bombs; Ukraine fired JDAM-ER kits, a GLSDB and JDAM bombs."
    assert models(text, catalog) == ["GBU-39", "JDAM-ER", "GLSDB", "JDAM"]
