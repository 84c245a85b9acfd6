"""Targets and impacts (issue 16): what was hit, in which category and state, and what it cost.

Every sentence here is written for these tests, in the style of real reports.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.pipeline import parse_text


def targets_of(text: str) -> set[tuple[str, str | None, str]]:
    return {(t.category, t.location, t.status) for t in parse_text(text).targets}


def impacts_of(text: str) -> set[tuple[str, str, str | None, int | None, int | None]]:
    return {(i.kind, i.unit, i.location, i.low, i.high) for i in parse_text(text).impacts}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A Shahed drone struck a substation in Poltava overnight.", ("energy", "Poltava", "hit")),
        ("In Sumy, a nine-storey building was damaged by debris.", ("residential", "Sumy", "damaged")),
        ("The missile destroyed a grain terminal in Izmail.", ("agricultural", "Izmail", "destroyed")),
        ("Russian forces attacked gas production facilities in the Poltava region.", ("energy", "Poltava Oblast", "targeted")),
        ("A guided bomb hit a lyceum in Kupiansk.", ("education", "Kupiansk", "hit")),
        ("In Kherson, a drone hit a minibus carrying passengers.", ("vehicle", "Kherson", "hit")),
        ("Windows were blown out in a kindergarten in Chernihiv.", ("education", "Chernihiv", "damaged")),
        ("A cargo ship was hit while moored at the port of Izmail.", ("vessel", "Izmail", "hit")),
        ("Debris fell on a supermarket in Brovary, sparking a fire.", ("commercial", "Brovary", "hit")),
    ],
)
def test_category_status_and_place(sentence: str, expected: tuple[str, str, str]) -> None:
    found = targets_of(sentence)
    assert expected in found, found


def test_the_longest_noun_decides_the_category() -> None:
    found = targets_of("Drones hit a thermal power plant and a school building in Kryvyi Rih.")
    assert ("energy", "Kryvyi Rih", "hit") in found
    assert ("education", "Kryvyi Rih", "hit") in found
    assert not any(c in ("industrial", "residential") for c, _, _ in found)


def test_a_noun_with_no_status_word_is_only_a_mention() -> None:
    text = "The wounded man was taken to the regional hospital in Zaporizhzhia. A school director said classes were moved online."
    assert targets_of(text) == set()


def test_a_hospital_that_speaks_or_is_a_source_is_no_target() -> None:
    text = "A strike hit a house in Khan Younis, killing three, Nasser Hospital said. Officials at the European Hospital said five were wounded."
    found = targets_of(text)
    assert ("residential", "Khan Younis", "hit") in found
    assert not any(c == "medical" for c, _, _ in found)


def test_no_damage_says_nothing_was_hit() -> None:
    assert targets_of("Drones were shot down over Vinnytsia. No damage to the power plant was reported.") == set()


def test_a_damaged_heading_gives_its_status_to_the_bullets_below() -> None:
    text = "📍 Nikopol\nDamaged:\n▪️ 4 private houses\n▪️ a gas pipeline\n▪️ a car\n\nAll drones were shot down over the region.\n"
    found = targets_of(text)
    assert {("residential", "Nikopol", "damaged"), ("energy", "Nikopol", "damaged"), ("vehicle", "Nikopol", "damaged")} <= found
    assert ("buildings_damaged", "buildings", "Nikopol", 4, 4) in impacts_of(text)


def test_a_recalled_earlier_attack_gives_no_target() -> None:
    text = (
        "KYIV, March 9, 2025 - A Russian drone hit a warehouse in Bila Tserkva on Sunday.\n\n"
        "In December 2024, a missile destroyed a thermal power plant in the city."
    )
    found = targets_of(text)
    assert ("industrial", "Bila Tserkva", "hit") in found
    assert not any(c == "energy" for c, _, _ in found)


def test_generic_claims_of_repeated_strikes_are_not_this_attack() -> None:
    text = "Moscow denies targeting civilians, though its strikes have repeatedly hit hospitals and schools across Ukraine."
    assert targets_of(text) == set()


def test_a_city_district_keeps_its_own_name() -> None:
    text = "In Kharkiv, a drone hit an apartment building in the Saltivskyi district."
    assert ("residential", "Saltivskyi", "hit") in targets_of(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Around 4,500 consumers in Shostka were left without electricity.", ("power_outage", "households", "Shostka", 4500, 4500)),
        ("More than 210,000 subscribers in the Odesa region remain without power.", ("power_outage", "households", "Odesa Oblast", 210001, None)),
        ("Nearly 3,000 residents of Izium are without water supply.", ("water_outage", "people", "Izium", None, 3000)),
        ("Gas supply to 350 subscribers in Lozova has been interrupted.", ("gas_outage", "households", "Lozova", 350, 350)),
        ("About 45 high-rise buildings in Kharkiv were left without heating.", ("heating_outage", "buildings", "Kharkiv", 45, 45)),
        ("In Kramatorsk, 36 residents were evacuated from the damaged block.", ("displaced", "people", "Kramatorsk", 36, 36)),
        ("The blast in Sloviansk left 12 families homeless.", ("displaced", "households", "Sloviansk", 12, 12)),
        ("In Pavlohrad, seven private houses were destroyed.", ("buildings_destroyed", "buildings", "Pavlohrad", 7, 7)),
    ],
)
def test_impacts_kind_unit_bounds_and_place(sentence: str, expected: tuple) -> None:
    assert expected in impacts_of(sentence), impacts_of(sentence)


def test_one_figure_for_two_utilities_gives_two_impacts() -> None:
    found = impacts_of("Some 18,000 households in Mykolaiv are without electricity and water.")
    assert {("power_outage", "households", "Mykolaiv", 18000, 18000), ("water_outage", "households", "Mykolaiv", 18000, 18000)} <= found


def test_two_places_in_one_outage_sentence() -> None:
    found = impacts_of("About 90,000 people in Odesa and another 20,000 in the Mykolaiv region were left without power.")
    assert ("power_outage", "people", "Odesa", 90000, 90000) in found
    assert any(k == "power_outage" and loc == "Mykolaiv Oblast" and lo == 20000 for k, _, loc, lo, _ in found), found


def test_targets_and_impacts_in_json_csv_geojson_and_table(tmp_path) -> None:
    report = tmp_path / "odesa.txt"
    report.write_text(
        "ODESA, June 3, 2025 - Russian drones hit a high-rise building in Odesa overnight, and a school was damaged. "
        "About 12,000 households in Odesa were left without power.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["parse", str(report), "--format", "jsonl"]).stdout)
    found = {(t["category"], t["status"], t["location"]) for t in data["targets"]}
    assert found == {("residential", "hit", "Odesa"), ("education", "damaged", "Odesa")}
    for t in data["targets"]:
        assert report.read_text(encoding="utf-8")[t["evidence"]["start"] : t["evidence"]["end"]] == t["evidence"]["text"]
    assert [(i["kind"], i["unit"], i["low"]) for i in data["impacts"]] == [("power_outage", "households", 12000)]
    as_csv = runner.invoke(app, ["parse", str(report), "--format", "csv"]).stdout
    assert ",target," in as_csv and ",impact," in as_csv
    geo = json.loads(runner.invoke(app, ["parse", str(report), "--format", "geojson"]).stdout)
    odesa = next(f for f in geo["features"] if f["properties"]["name"] == "Odesa")
    assert len(odesa["properties"]["targets"]) == 2 and odesa["properties"]["impacts"][0]["kind"] == "power_outage"
    table = runner.invoke(app, ["parse", str(report), "--format", "table", "--no-color", "--width", "100"]).stdout
    assert "What was hit" in table and "high-rise building" in table and "power outage" in table


def test_summary_adds_targets_by_category_and_impacts_by_oblast(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("June 3, 2025 - Drones hit a substation in Odesa. About 5,000 households in Odesa lost power.\n")
    (tmp_path / "b.txt").write_text("June 4, 2025 - A missile hit a power plant in Odesa. About 7,000 households in Odesa lost power.\n")
    result = CliRunner().invoke(app, ["summary", str(tmp_path), "--format", "json"])
    summary = json.loads(result.stdout)
    energy = [r for r in summary["targets"] if r["category"] == "energy"]
    assert energy and energy[0]["oblast"] == "Odesa Oblast" and energy[0]["reports"] == 2
    outage = [r for r in summary["impacts"] if r["kind"] == "power_outage"]
    # two dates: two events, so the figures add
    assert outage == [{"kind": "power_outage", "unit": "households", "country": "UA", "oblast": "Odesa Oblast", "reports": 2, "low": 12000, "high": 12000}]  # noqa: E501


def test_user_rules_extend_the_target_catalog(tmp_path) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: target.water-tower\n"
        "    kind: target\n"
        "    set: {category: civilian_other}\n"
        "    pattern: '(?P<noun>water\\s+towers?)\\b'\n"
        "    examples:\n"
        "      - text: 'a water tower was damaged'\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text("A drone damaged a water tower in Bakhmach.\n", encoding="utf-8")
    data = json.loads(CliRunner().invoke(app, ["parse", str(report), "--rules", str(rules), "--format", "jsonl"]).stdout)
    assert [(t["category"], t["name"], t["rule"] if "rule" in t else t["evidence"]["rule"]) for t in data["targets"]] == [
        ("civilian_other", "water tower", "target.water-tower")
    ]


def test_a_thing_hit_in_a_list_of_places_is_hit_in_each() -> None:
    text = "Officials said the strikes damaged energy infrastructure in the Kharkiv, Poltava and Lviv regions."
    found = targets_of(text)
    assert {("energy", "Kharkiv Oblast", "damaged"), ("energy", "Poltava Oblast", "damaged"), ("energy", "Lviv Oblast", "damaged")} <= found


def test_two_districts_of_one_city_give_the_city_and_the_citys_district_its_own() -> None:
    text = (
        "Kharkiv. Overnight, drones attacked the Kholodnohirskyi and Saltivskyi districts. Private houses and cars were damaged.\n\n"
        "Odesa. A drone hit more than 20 apartment buildings in the city's Prymorskyi district."
    )
    found = targets_of(text)
    assert ("residential", "Kharkiv", "damaged") in found and ("vehicle", "Kharkiv", "damaged") in found
    assert ("residential", "Prymorskyi", "hit") in found


@pytest.mark.parametrize(
    "sentence",
    [
        "A rocket fell near the central market in Kherson, injuring two men.",
        "Russia fired four Kalibr missiles from a submarine in the Black Sea overnight; all were shot down.",
        "About 90 residents of the damaged block were moved to hotels in Ramat Gan.",
        "Moscow says it targets only military infrastructure.",
        "The city was hit by a Kh-22, a missile designed to sink aircraft carriers.",
        "A drone hit a minibus carrying workers of an agricultural enterprise in Shebekino.",
    ],
)
def test_landmarks_launch_platforms_destinations_and_claims_are_no_targets(sentence: str) -> None:
    found = targets_of(sentence)
    assert not any(c in ("commercial", "vessel", "military", "agricultural") for c, _, _ in found), found


def test_a_port_named_as_the_scene_is_no_target_but_the_ship_in_it_is() -> None:
    found = targets_of("In the port of Novorossiysk, a civilian vessel was damaged.")
    assert ("vessel", "Novorossiysk", "damaged") in found
    assert not any(c == "transport" for c, _, _ in found)


def test_pharmacies_are_shops_tractors_are_vehicles_and_car_carriers_are_ships() -> None:
    found = targets_of("In Kupiansk, a drone damaged a pharmacy. Another hit a tractor in a field near Kupiansk.")
    assert ("commercial", "Kupiansk", "damaged") in found and ("vehicle", "Kupiansk", "hit") in found
    assert {c for c, _, _ in targets_of("Missiles struck a car carrier off Hodeidah.")} == {"vessel"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A second strike set fire to a factory in Shebekino.", ("industrial", "Shebekino", "hit")),
        ("In Kherson, a drone dropped explosives on a minibus.", ("vehicle", "Kherson", "hit")),
        ("The enemy's target was energy infrastructure in the Rivne region.", ("energy", "Rivne Oblast", "targeted")),
        ("A rocket hit an olive grove on the outskirts of Metula.", ("agricultural", "Metula", "hit")),
        ("The building of the village council in Zolochiv was damaged.", ("government", "Zolochiv", "damaged")),
    ],
)
def test_more_ways_of_saying_what_was_hit(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in targets_of(sentence), targets_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("85 residents who lost their homes had been moved into temporary accommodation in Sumy.", ("displaced", "people", "Sumy", 85, 85)),
        ("Over the past day, 31 people, including 4 children, were evacuated from Kupiansk.", ("displaced", "people", "Kupiansk", 31, 31)),
        # where they arrived is a destination, not the struck place
        ("The municipality said some 900 displaced families had arrived in Tyre by nightfall.", ("displaced", "households", None, 900, 900)),
        ("The electricity company said about 120,000 customers in Sanaa had lost power.", ("power_outage", "households", "Sanaa", 120000, 120000)),
        ("The strike also cut power to about 6,000 households in Sumy.", ("power_outage", "households", "Sumy", 6000, 6000)),
        ("In Starokostiantyniv, heating was off in 260 buildings.", ("heating_outage", "buildings", "Starokostiantyniv", 260, 260)),
    ],
)
def test_more_ways_of_saying_what_it_cost(sentence: str, expected: tuple) -> None:
    assert expected in impacts_of(sentence), impacts_of(sentence)


def test_a_damage_list_under_a_long_heading_gives_its_place_and_status() -> None:
    text = (
        "Guided bombs struck Kostiantynivka in the afternoon.\n\n"
        "Initial list of the damage in Kostiantynivka:\n"
        "▪️ 3 apartment blocks\n"
        "▪️ 4 cars\n"
    )
    assert ("residential", "Kostiantynivka", "damaged") in targets_of(text)
    assert ("vehicle", "Kostiantynivka", "damaged") in targets_of(text)
    assert ("buildings_damaged", "buildings", "Kostiantynivka", 3, 3) in impacts_of(text)


def test_an_outage_in_part_of_a_city_is_the_citys() -> None:
    text = "A drone hit a substation in Sumy. About 1,200 subscribers in two of the city's districts remain without electricity."
    assert ("power_outage", "households", "Sumy", 1200, 1200) in impacts_of(text)


def test_a_village_named_with_its_community_keeps_what_the_next_sentences_say() -> None:
    text = (
        "Kharkiv. A drone hit the village of Ruska Lozova in the Kharkiv community in the morning.\n"
        "Three private houses were destroyed. No one was hurt."
    )
    assert ("residential", "Ruska Lozova", "destroyed") in targets_of(text)
    assert ("buildings_destroyed", "buildings", "Ruska Lozova", 3, 3) in impacts_of(text)


def test_a_list_of_things_takes_the_status_it_ends_in() -> None:
    text = "📍 In Izium district, drones attacked Balakliia: a pharmacy, a power line and 3 private houses were damaged."
    assert {("commercial", "Balakliia", "damaged"), ("energy", "Balakliia", "damaged"), ("residential", "Balakliia", "damaged")} <= targets_of(text)
    assert not any(status == "targeted" for _c, _p, status in targets_of(text))


def test_a_town_named_after_its_raion_is_the_place_not_both() -> None:
    text = "📍 In Izium district, drones attacked Balakliia: a shop and 2 private houses were damaged."
    assert {place for _c, place, _s in targets_of(text)} == {"Balakliia"}
    assert ("buildings_damaged", "buildings", "Balakliia", 2, 2) in impacts_of(text)


def test_a_target_that_was_hit_is_not_also_listed_as_aimed_at() -> None:
    text = "Russian drones attacked energy infrastructure in Shostka overnight. A substation in Shostka was damaged."
    assert targets_of(text) == {("energy", "Shostka", "damaged")}
    assert ("energy", "Shostka", "targeted") in targets_of("Russian drones attacked energy infrastructure in Shostka overnight.")


def test_a_community_that_labels_its_line_is_the_place_of_each_sentence_on_it() -> None:
    text = (
        "Chernihiv Regional Military Administration\n\n"
        "Over the day the enemy shelled 9 settlements of Chernihiv Oblast.\n\n"
        "Semenivka community: two drone attacks. A woman was wounded. 3 private houses and a garage were damaged.\n\n"
        "Novhorod-Siverskyi community: mortar fire. No damage was recorded.\n"
    )
    assert ("residential", "Semenivka", "damaged") in targets_of(text)
    assert ("buildings_damaged", "buildings", "Semenivka", 3, 3) in impacts_of(text)
    report = parse_text(text)
    assert ("injured", "Semenivka") in {(c.outcome, c.location) for c in report.casualty_totals}


@pytest.mark.parametrize(
    ("text", "not_hit"),
    [
        # where people were put up, where a ship lay, where a weapon was hidden: none of them was hit
        ("A drone hit a high-rise in Kherson; 40 residents were evacuated and housed in a school overnight.", "school"),
        ("A missile damaged a tanker that was loading at a berth in Izmail.", "berth"),
        ("The army said it struck a rocket launcher hidden inside a mosque in Tyre.", "mosque"),
        # a person named by a thing, and a company named by its trade
        ("Two truck drivers were wounded when shells fell on Nikopol.", "truck"),
        ("Grid operator Ukrenergo said the strike damaged a substation in Rivne.", "Grid"),
        # a settlement named by its trade, a weapon that is a boat, drones lost from the radar screen
        ("A strike on a house in the market town of Tyre killed three people.", "market"),
        ("The Houthis said they attacked a tanker with missiles and an explosive-laden boat.", "boat"),
        ("Air defences destroyed 20 drones, and a dozen more vanished from radar.", "radar"),
    ],
)
def test_what_only_places_names_or_carries_a_strike_is_no_target(text: str, not_hit: str) -> None:
    names = [t.name for t in parse_text(text).targets]
    assert not_hit not in names, names


def test_a_bulldozer_is_a_vehicle_and_generation_facilities_are_energy() -> None:
    assert ("vehicle", "Kupiansk", "hit") in targets_of("A drone hit a bulldozer in Kupiansk, wounding its driver.")
    found = targets_of("Ukrenergo said strikes had hit generation and transmission facilities in the Lviv and Volyn regions.")
    assert {("energy", "Lviv Oblast", "hit"), ("energy", "Volyn Oblast", "hit")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "there" points back to the place just named
        (
            "A shell damaged a water main in Pokrovsk. About 2,300 subscribers there are without water supply.",
            ("water_outage", "households", "Pokrovsk", 2300, 2300),
        ),
        # disconnected, with no utility named, is the power supply
        (
            "Drones hit a substation in the Sumy region. About 45,000 households were disconnected.",
            ("power_outage", "households", "Sumy Oblast", 45000, 45000),
        ),
        # a time spent without it
        (
            "In the Kherson region, more than 20,000 families spent two days without electricity after the strikes.",
            ("power_outage", "households", "Kherson Oblast", 20001, None),
        ),
        # a number before "damaged" and the buildings it counts
        (
            "In Kryvyi Rih, 60 residents of three damaged apartment blocks were moved to a shelter.",
            ("buildings_damaged", "buildings", "Kryvyi Rih", 3, 3),
        ),
    ],
)
def test_outages_and_damaged_buildings_said_in_other_words(text: str, expected: tuple[str, str, str, int, int | None]) -> None:
    assert expected in impacts_of(text), impacts_of(text)


def test_our_energy_is_a_target_and_a_request_to_strike_is_not() -> None:
    assert ("energy", None, "targeted") in targets_of("Over the week Russia once again targeted our energy, the president said.")
    assert targets_of("He again asked allies to lift restrictions on strikes against the air bases from which the bombers take off.") == set()
    assert ("energy", "Odesa", "targeted") in targets_of("In Odesa, an attack aimed squarely at energy facilities began at 2 a.m.")


def test_a_capital_that_speaks_after_an_aside_and_a_source_in_a_city_place_nothing() -> None:
    text = (
        "Missiles hit Lviv and Rivne overnight, damaging a substation in each city.\n\n"
        "Moscow, which denies hitting civilian sites, says its strikes target energy facilities serving the army."
    )
    report = parse_text(text)
    assert not next(loc for loc in report.locations if loc.name == "Moscow").struck
    assert ("energy", "Moscow", "targeted") not in targets_of(text)
    text = "A drone boat struck a tanker in the Red Sea. A shipping source in Aden said the tanker had been badly damaged."
    assert targets_of(text) >= {("vessel", None, "damaged")}
    assert not any(place == "Aden" for _c, place, _s in targets_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit a house in Aden. The rebels struck more than 60 merchant vessels between October 2023 and January 2025.",
        "Drones hit a house in Tyre. The 13-month war that preceded the truce killed 4,000 people and destroyed 9,000 homes.",
        "A drone hit a house in Sumy. Russia has struck gas facilities across Ukraine since the winter of 2023.",
        "A drone hit a house in Sumy. The previous massive strike on energy infrastructure, on May 2, damaged a power plant.",
        "A drone hit a house in Sumy. It was the fourth attack on the region's power grid this month.",
    ],
)
def test_earlier_attacks_and_a_series_of_attacks_name_no_target(text: str) -> None:
    assert {c for c, _p, _s in targets_of(text)} == {"residential"}
    assert not any(i.kind.startswith("buildings") for i in parse_text(text).impacts)


def test_a_warship_named_for_a_city_and_the_people_an_attack_claims_to_support_are_not_struck() -> None:
    text = (
        "A Houthi missile struck a bulk carrier in the Gulf of Aden, setting it on fire. The destroyer INS Chennai rescued "
        "the crew. The Houthis said the attack was in solidarity with Palestinians in the Gaza Strip."
    )
    report = parse_text(text)
    assert not any(loc.struck for loc in report.locations), [loc.name for loc in report.locations if loc.struck]
    assert ("vessel", None, "hit") in targets_of(text)


def test_a_sentence_fronted_by_a_month_recalls_another_attack_in_an_undated_report() -> None:
    text = (
        "Russian drones hit a school in Sumy on Tuesday night, injuring four people, the governor said.\n\n"
        "In March, a missile strike on a cafe in the city killed 14 people."
    )
    assert targets_of(text) == {("education", "Sumy", "hit")}
    assert ("killed", "Sumy") not in {(c.outcome, c.location) for c in parse_text(text).casualty_totals}


def test_a_building_of_a_facility_is_that_facility() -> None:
    text = "In the Poltava region, a missile destroyed the buildings of a grain elevator near Karlivka."
    assert {c for c, _p, _s in targets_of(text)} == {"agricultural"}
    text = "In Lozova, drones damaged a hangar and two tractors at an agricultural enterprise."
    assert {c for c, _p, _s in targets_of(text)} == {"agricultural", "vehicle"}
    text = "In Kharkiv, a drone damaged a warehouse and a nine-storey building."
    assert {c for c, _p, _s in targets_of(text)} == {"industrial", "residential"}


def test_what_had_not_been_hit_and_ports_a_ship_called_at_are_no_targets() -> None:
    text = (
        "A drone hit a substation near Kovel overnight, the regional governor said. The mayor of Lutsk said the city "
        "itself had not been hit, but buses and hospitals were running on generators."
    )
    assert targets_of(text) == {("energy", "Kovel", "hit")}
    text = "The rebels said they had targeted the tanker because ships of the same company had called at Greek ports."
    assert {c for c, _p, _s in targets_of(text)} == {"vessel"}


def test_a_thing_with_its_own_passive_status_takes_it_over_the_nearer_one_before() -> None:
    text = "The mayor said a substation had been hit and that a shop in Kremenchuk had been damaged by the blast."
    assert ("commercial", "Kremenchuk", "damaged") in targets_of(text)
    assert ("commercial", "Kremenchuk", "hit") not in targets_of(text)


def test_a_sentence_fronted_by_since_in_the_present_perfect_is_a_running_tally() -> None:
    text = (
        "A drone damaged a warehouse in Izmail overnight, the governor said.\n\n"
        "Since the shipping route reopened, Russian attacks have destroyed more than 40 grain terminals in the region."
    )
    assert targets_of(text) == {("industrial", "Izmail", "damaged")}
    assert not any(i.kind == "buildings_destroyed" for i in parse_text(text).impacts)


def test_people_moved_to_safer_places_are_displaced_and_customers_in_a_town_and_nearby_villages_lost_power() -> None:
    text = "Evacuation from the Vovchansk direction goes on: 17 people, including two children, were taken to safer areas."
    assert ("displaced", "people", 17, 17) in {(i.kind, i.unit, i.low, i.high) for i in parse_text(text).impacts}
    text = "A drone hit a substation in Okhtyrka. About 12,000 customers in Okhtyrka and surrounding villages lost power."
    assert ("power_outage", "households", "Okhtyrka", 12000, 12000) in impacts_of(text)


def test_the_more_that_were_damaged_beside_the_destroyed_houses_are_counted() -> None:
    text = "A glide bomb struck Vilkhivka overnight. Four private houses were destroyed and nine more were damaged in Vilkhivka."
    found = impacts_of(text)
    assert ("buildings_damaged", "buildings", "Vilkhivka", 9, 9) in found
    assert ("buildings_destroyed", "buildings", "Vilkhivka", 4, 4) in found


def test_the_berth_a_ship_was_loading_grain_at_is_where_it_lay() -> None:
    text = "A tanker unloading diesel at a pier in Reni was damaged by a drone."
    assert targets_of(text) == {("vessel", "Reni", "damaged")}


def test_a_non_residential_building_is_no_home() -> None:
    text = "A drone hit a nine-storey building in Sumy. In Romny, debris fell on a non-residential building."
    assert targets_of(text) == {("residential", "Sumy", "hit")}


def test_what_an_official_toured_is_no_new_target() -> None:
    text = "A missile hit a clinic in Bila Tserkva overnight. In Kyiv, the minister spoke as he visited a damaged school."
    assert targets_of(text) == {("medical", "Bila Tserkva", "hit")}
