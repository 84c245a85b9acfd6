"""Place-mention extraction and the gazetteer (sentences written for these tests)."""

from __future__ import annotations

import pytest

from strikeparse.extract.places import find_places
from strikeparse.gazetteer import Gazetteer, normalize
from strikeparse.rules import build_ruleset, builtin_rule_files, load_rules


@pytest.fixture(scope="module")
def ruleset():
    return load_rules(env=False)


@pytest.fixture(scope="module")
def gaz(ruleset):
    return Gazetteer.load(ruleset)


def places(text, ruleset, gaz):
    found = find_places(text, ruleset, gaz)
    for m in found:
        ev = m.evidence
        assert text[ev.start : ev.end] == ev.text
        assert ev.line == text.count("\n", 0, ev.start) + 1
    return [(m.place.name, m.place.type) for m in found if m.place.type != "country"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling damaged a school in Kharkiv overnight.", [("Kharkiv", "city")]),
        ("Drones hit the Kharkiv region again.", [("Kharkiv Oblast", "oblast")]),
        ("Debris fell across the Sumy oblast.", [("Sumy Oblast", "oblast")]),
        ("Power cuts hit Poltava Oblast.", [("Poltava Oblast", "oblast")]),
        ("Fighting continued in Zhytomyr province.", [("Zhytomyr Oblast", "oblast")]),
        ("Air defence was active over the Kyiv Region.", [("Kyiv Oblast", "oblast")]),
        ("Officials in the Rivne and Volyn regions reported no damage.", [("Rivne Oblast", "oblast"), ("Volyn Oblast", "oblast")]),
        (
            "Missiles were downed over Chernivtsi, Lviv, Ternopil and Zakarpattia oblasts.",
            [("Chernivtsi Oblast", "oblast"), ("Lviv Oblast", "oblast"), ("Ternopil Oblast", "oblast"), ("Zakarpattia Oblast", "oblast")],
        ),
        ("A fire broke out in the eastern region of Luhansk.", [("Luhansk Oblast", "oblast")]),
        ("Ports in the Black Sea region of Mykolaiv were hit.", [("Mykolaiv Oblast", "oblast")]),
        ("Sirens sounded in the northern Chernihiv region.", [("Chernihiv Oblast", "oblast")]),
        ("Drones came from the Belgorod region in the Russian Federation.", [("Belgorod Oblast", "oblast")]),
        ("A refinery in Krasnodar Krai burned.", [("Krasnodar Krai", "oblast")]),
        ("A depot in the Krasnodar region burned.", [("Krasnodar Krai", "oblast")]),
        ("Explosions were heard in the Taganrog region.", [("Taganrog", "city")]),
        ("Clashes spread in the Sweida region.", [("Sweida", "city")]),
        ("A blast hit Kyiv's Podilskyi district.", [("Kyiv", "city"), ("Podilskyi", "district")]),
        ("Windows were blown out in the Solomianka district.", [("Solomianskyi", "district")]),
        ("Two drones fell in the Bucha district.", [("Bucha Raion", "raion")]),
        ("Launches were seen from the Yeysk district.", [("Yeysk Raion", "raion")]),
        ("Debris damaged a line in the Kryvyi Rih area.", [("Kryvyi Rih", "city")]),
        ("Residents of the Crimean peninsula heard blasts.", [("Crimea", "region")]),
        ("Shaheds were launched from Cape Chauda.", [("Cape Chauda", "site")]),
        ("The Kherson Governor said two people were hurt.", [("Kherson Oblast", "oblast")]),
        ("KYIV (Reuters) - Officials spoke.", [("Kyiv", "city")]),
        ("Talks opened in Abu Dhabi and Tel Aviv reacted.", [("Abu Dhabi", "city"), ("Tel Aviv", "city")]),
        ("Strikes were reported in Hodeidah and Sanaa.", [("Hodeidah", "city"), ("Sanaa", "city")]),
    ],
)
def test_forms(text, expected, ruleset, gaz):
    assert places(text, ruleset, gaz) == expected


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Odessa", "Odesa"),
        ("Zaporozhye", "Zaporizhzhia"),
        ("Nikolaev", "Mykolaiv"),
        ("Krivoy Rog", "Kryvyi Rih"),
        ("Slovyansk", "Sloviansk"),
        ("Vinnitsa", "Vinnytsia"),
        ("Izmail", "Izmail"),
        ("Bila Tserkva", "Bila Tserkva"),
        ("Chasiv Yar", "Chasiv Yar"),
        ("Uman", "Uman"),
    ],
)
def test_aliases(alias, name, ruleset, gaz):
    assert gaz.lookup(alias)[0].name == name
    assert places(f"Sirens sounded in {alias} overnight.", ruleset, gaz) == [(name, "city")]


@pytest.mark.parametrize(
    "text",
    [
        "Defense Secretary Lloyd Austin spoke to reporters.",
        "Governor Vitalli Kim said the fire was out.",
        "Danielle Bell, who heads the mission, said so.",
        "NATO Secretary General Mark Rutte warned allies.",
        "Foreign Minister Andrii Sybiha condemned the attack.",
        "President Biden met the Security Council on Sunday.",
        "The European Union and Victoria Nuland discussed aid.",
        "Ships were attacked in the Gulf of Aden and the Sea of Azov.",
        "He was speaking to Suspilne.Chernihiv on Monday.",
        "The Kyiv Independent reported the figures.",
        "Police said the Human Rights Monitoring Mission was told.",
        "Ukraine's air force said Russia's attack failed.",
    ],
)
def test_false_positives(text, ruleset, gaz):
    assert places(text, ruleset, gaz) == []


def test_oblast_centres_have_coordinates(gaz):
    for base in ("Kharkiv", "Kyiv", "Odesa", "Dnipropetrovsk", "Zakarpattia", "Belgorod", "Kursk"):
        p = gaz.oblast(base)
        assert p is not None and p.type == "oblast" and p.lat is not None and p.lon is not None
    assert gaz.oblast("Dnipro").name == "Dnipropetrovsk Oblast"
    assert gaz.oblast("Kiev").name == "Kyiv Oblast"
    assert gaz.oblast("Krasnodar").name == "Krasnodar Krai"
    assert gaz.oblast("Taganrog") is None


def test_district_and_raion(gaz):
    assert gaz.district("Darnytsia").name == "Darnytskyi"
    assert gaz.district("Shevchenko district").admin1 == "Kyiv"
    assert gaz.district("Shevchenkivskyi", city="Kharkiv").admin1 == "Kharkiv Oblast"
    r = gaz.raion("Primorsko-Akhtarsk")
    assert r.name == "Primorsko-Akhtarsk Raion" and r.type == "raion" and r.country == "RU" and r.lat is not None


def test_lookup_normalization(gaz):
    assert normalize("Kryvyi  Rih") == normalize("KRYVYI-RIH") == "kryvyi rih"
    assert gaz.lookup("Slov’yans’k")[0].name == "Sloviansk"
    assert gaz.lookup("ODESA")[0].name == "Odesa"


def test_places_major_cities_exact(gaz):
    for name in (
        "Kyiv",
        "Kharkiv",
        "Odesa",
        "Dnipro",
        "Zaporizhzhia",
        "Mykolaiv",
        "Kryvyi Rih",
        "Vinnytsia",
        "Sloviansk",
        "Bila Tserkva",
        "Chernihiv",
        "Kherson",
        "Sumy",
        "Poltava",
        "Izmail",
        "Uman",
        "Kramatorsk",
        "Chasiv Yar",
        "Ternopil",
        "Lviv",
        "Donetsk",
        "Luhansk",
    ):
        p = gaz.lookup(name)[0]
        assert (p.name, p.country, p.type) == (name, "UA", "city")


def test_user_entries_extend_and_add(tmp_path):
    extra = "places:\n  - {name: Kyiv, aliases: [Kyyiv-grad]}\n  - {name: Testville, type: city, country: UA, lat: 1.0, lon: 2.0}\n"
    rs = build_ruleset([*builtin_rule_files(), ("user.yaml", extra)])
    g = Gazetteer.load(rs)
    assert g.lookup("Kyyiv-grad")[0].name == "Kyiv"
    assert g.lookup("Kyyiv-grad")[0].population > 1_000_000
    assert g.lookup("Testville")[0].lat == 1.0
    assert [m.place.name for m in find_places("Drones flew over Testville.", rs, g)] == ["Testville"]


def test_evidence_and_lines(ruleset, gaz):
    text = "Headline\r\nBlasts in Kyiv.\nThen the Luhansk and Donetsk regions were shelled.\n"
    found = find_places(text, ruleset, gaz)
    assert [(m.place.name, m.evidence.line, m.evidence.rule) for m in found] == [
        ("Kyiv", 2, "place.name"),
        ("Luhansk Oblast", 3, "place.oblast-list"),
        ("Donetsk Oblast", 3, "place.oblast-list"),
    ]
    starts = sorted(m.evidence.start for m in found)
    assert all(a.evidence.end <= b.evidence.start for a, b in zip(found, found[1:], strict=False))
    assert starts == [m.evidence.start for m in found]


def test_settlement_the_gazetteer_lacks_is_still_a_place():
    from strikeparse.pipeline import parse_text

    report = parse_text("A drone struck a car in the village of Kamianyi Yar overnight, wounding two men.")
    village = next(loc for loc in report.locations if loc.name == "Kamianyi Yar")
    assert village.place.type == "city" and village.place.lat is None and village.struck


def test_unknown_district_becomes_a_raion_but_common_words_do_not():
    from strikeparse.pipeline import parse_text

    assert [(loc.name, loc.place.type) for loc in parse_text("Shelling hit the Glushkovo district.").locations] == [("Glushkovo Raion", "raion")]
    assert parse_text("Shells fell in the Central district of the city.").locations == ()


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Natanz", "Natanz"),  # GeoNames: Naţanz
        ("Petah Tikva", "Petah Tikva"),  # GeoNames: Petaẖ Tiqva
        ("Petah Tiqva", "Petah Tikva"),
        ("Khan Yunis", "Khan Younis"),  # GeoNames: Khān Yūnis
        ("Al Hudaydah", "Hodeidah"),
        ("Grayvoron", "Graivoron"),
        ("Sudzha", "Sudzha"),
        ("Beer Sheva", "Beersheba"),
    ],
)
def test_names_are_the_ones_english_news_uses(gaz, written: str, canonical: str):
    places = gaz.lookup(written)
    assert places and places[0].name == canonical
    assert len({p.name for p in places if p.country == places[0].country}) == 1  # one place, not a renamed copy beside it


def test_no_generated_name_keeps_transliteration_marks(gaz):
    from strikeparse.pipeline import parse_text

    report = parse_text("Missiles hit Orumiyeh, Ardabil and Reẖovot overnight.")
    assert [loc.name for loc in report.locations] == ["Orumiyeh", "Ardabil", "Rehovot"]  # GeoNames: Orūmīyeh, Ardabīl, Reẖovot


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Israeli jets struck the military airport in Hama.", "Hama", "SY"),
        ("Israeli jets struck the T4 airbase.", "T4", "SY"),
        ("A drone hit a house in the village of Dubovoye, Belgorod governor said.", "Dubovoye", "RU"),
        ("Debris fell in the Nakhimovsky district of Sevastopol.", "Nakhimovskyi", "UA"),
    ],
)
def test_places_struck_in_the_news_resolve(text: str, name: str, country: str):
    from strikeparse.pipeline import parse_text

    places = {loc.name: loc.place.country for loc in parse_text(text).locations}
    assert places.get(name) == country


def test_a_ships_name_is_not_a_place():
    from strikeparse.pipeline import parse_text

    report = parse_text("Missiles hit the shipyard in Sevastopol, damaging the landing ship Minsk and the submarine Rostov-on-Don.")
    names = {loc.name for loc in report.locations}
    assert "Sevastopol" in names and "Minsk" not in names and "Rostov-on-Don" not in names


def test_outskirts_and_areas_name_villages_no_gazetteer_holds() -> None:
    from strikeparse.pipeline import parse_text

    report = parse_text("A drone strike on the outskirts of Yaroun wounded two people. Jets also hit the Sbeineh area south of Damascus.")
    names = {loc.name for loc in report.locations}
    assert {"Yaroun", "Sbeineh"} <= names
    assert ("injured", "Yaroun") in {(t.outcome, t.location) for t in report.casualty_totals}
    assert "Danube" not in {loc.name for loc in parse_text("Drones hit port facilities in the Danube area overnight.").locations}
