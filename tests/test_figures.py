"""Issue 4: every phrasing of a figure, in new sentences, with the exact figure it must give."""

from __future__ import annotations

import pytest

from strikeparse.pipeline import parse_text


def totals(text: str) -> set[tuple]:
    return {(t.outcome, t.location, t.group, t.low, t.high) for t in parse_text(text).casualty_totals}


def counts(text: str) -> set[tuple]:
    return {(c.munition, c.count, c.status) for c in parse_text(text).munition_counts}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Russian missile killed four people in Poltava on Sunday.", ("killed", "Poltava", "all", 4, 4)),
        ("Four people were killed when a drone hit a house in Sumy.", ("killed", "Sumy", "all", 4, 4)),
        ("Four dead after a missile strike on Kramatorsk.", ("killed", "Kramatorsk", "all", 4, 4)),
        ("A glide bomb hit Kupiansk overnight. The death toll rose to 12 on Monday.", ("killed", "Kupiansk", "all", 12, 12)),
        ("The strike on Kherson left 30 wounded, officials said.", ("injured", "Kherson", "all", 30, 30)),
        ("Drones struck Odesa; a man was killed.", ("killed", "Odesa", "all", 1, 1)),
        ("A missile hit a house in Izium. A woman and her son were killed.", ("killed", "Izium", "all", 2, 2)),
        ("After the strike on Chernihiv, rescuers said the bodies of five people were recovered.", ("killed", "Chernihiv", "all", 5, 5)),
        ("Rescuers searched the ruins in Dnipro, where six people remain missing.", ("missing", "Dnipro", "all", 6, 6)),
        ("A missile destroyed a block in Uman. Two people are still under the rubble.", ("missing", "Uman", "all", 2, 2)),
        ("In Kharkiv, a drone damaged a school, injuring seven people.", ("injured", "Kharkiv", "all", 7, 7)),
        ("Shelling of Nikopol wounded twenty-three people.", ("injured", "Nikopol", "all", 23, 23)),
        ("A missile hit Zaporizhzhia, injuring between 11 and 19 people.", ("injured", "Zaporizhzhia", "all", 11, 19)),
        ("A drone hit Sumy, injuring 11-19 people.", ("injured", "Sumy", "all", 11, 19)),
        ("Russian strikes on Kyiv killed more than 20 people.", ("killed", "Kyiv", "all", 21, None)),
        ("A strike on Lviv killed at least three people.", ("killed", "Lviv", "all", 3, None)),
        ("A missile hit Odesa, wounding nearly 70 people.", ("injured", "Odesa", "all", None, 70)),
        ("A missile hit Mykolaiv and killed a dozen civilians.", ("killed", "Mykolaiv", "all", 12, 12)),
        ("Drones hit Kherson, wounding several residents.", ("injured", "Kherson", "all", 3, None)),
        ("A bomb hit Kharkiv, wounding dozens of people.", ("injured", "Kharkiv", "all", 12, None)),
        ("A missile strike on Vinnytsia killed two hundred and five people.", ("killed", "Vinnytsia", "all", 205, 205)),
    ],
)
def test_casualty_phrasings(text, expected):
    assert expected in totals(text)


def test_three_of_whom_were_hospitalized():
    got = totals("A missile hit Kremenchuk. Five people were injured, three of whom were hospitalized.")
    assert ("injured", "Kremenchuk", "all", 5, 5) in got
    assert ("hospitalized", "Kremenchuk", "all", 3, 3) in got


def test_including_two_children_is_a_children_figure():
    got = totals("A drone strike on Sumy injured nine people, including two children.")
    assert ("injured", "Sumy", "all", 9, 9) in got
    assert ("injured", "Sumy", "children", 2, 2) in got


def test_killing_one_and_injuring_dozens():
    got = totals("Drones hit Kyiv and Odesa overnight, killing one and injuring dozens.")
    assert ("killed", None, "all", 1, 1) in got
    assert ("injured", None, "all", 12, None) in got


def test_no_casualties_gives_zero_killed_and_injured():
    got = totals("A drone hit a warehouse in Poltava. No casualties were reported.")
    assert ("killed", "Poltava", "all", 0, 0) in got
    assert ("injured", "Poltava", "all", 0, 0) in got


def test_across_two_cities_is_a_whole_report_figure():
    got = totals("Missiles hit Lviv and Lutsk, killing four people across the two cities.")
    assert ("killed", None, "all", 4, 4) in got


# ----------------------------------------------------------------- reconciliation


def test_repeated_figure_is_one_figure_and_digits_beat_vague_words():
    got = totals("Dozens injured in Kharkiv. A missile hit Kharkiv, injuring 31 people. Officials said 31 people were injured.")
    assert ("injured", "Kharkiv", "all", 31, 31) in got
    assert not any(t[0] == "injured" and t[3] == 12 for t in got)


def test_update_replaces_earlier_figure():
    got = totals("A missile struck Sumy, killing three people. By evening the death toll had risen to 9.")
    assert ("killed", "Sumy", "all", 9, 9) in got
    assert ("killed", "Sumy", "all", 3, 3) not in got


def test_tightest_bounds():
    got = totals("A strike on Lviv killed at least 5 people. Later officials said fewer than a dozen... up to 8 people were killed in Lviv.")
    assert ("killed", "Lviv", "all", 5, 8) in got


def test_background_and_cumulative_figures_stay_out():
    text = (
        "A drone hit Kharkiv on Friday, injuring two people. "
        "Since the full-scale invasion began, 600 children have been killed in Ukraine. "
        "In April alone, Russian strikes killed 40 people in the region."
    )
    got = totals(text)
    assert got == {("injured", "Kharkiv", "all", 2, 2)}
    assert any(c.background for c in parse_text(text).casualties)


def test_conflicting_figures_keep_highest_low_and_warn():
    report = parse_text("A missile hit Poltava, killing three people. A missile hit Poltava, killing five people.")
    assert ("killed", "Poltava", "all", 5, 5) in {(t.outcome, t.location, t.group, t.low, t.high) for t in report.casualty_totals}
    assert any("conflicting" in w for w in report.warnings)


# ----------------------------------------------------------------- not figures


@pytest.mark.parametrize(
    "text",
    [
        "A 12-year-old girl was pulled from the rubble in Sumy.",
        "The sirens sounded at 03:40 in Kyiv and drones hit the city.",
        "Debris fell on a house at 15 Sumska Street in Kharkiv.",
        "Su-34 jets dropped bombs on Kupiansk.",
        "A Kh-101 missile hit a warehouse in Lviv.",
        "Donations can go to account 26007052611101 in Kyiv.",
        "Since 2022, the city has been hit by missiles.",
    ],
)
def test_numbers_that_are_not_figures(text):
    report = parse_text(text)
    assert report.casualty_totals == ()
    assert report.munition_counts == ()


# ----------------------------------------------------------------- munition counts


def test_part_of_total_gives_launched_and_intercepted():
    got = counts("Air defence shot down 14 of 17 Shahed-type drones overnight.")
    assert {("Shahed-136", 17, "launched"), ("Shahed-136", 14, "intercepted")} <= got


def test_all_were_destroyed_gives_launched_and_intercepted():
    got = counts("Russia launched 27 drones at Ukraine overnight; all 27 drones were destroyed.")
    assert {("drone", 27, "launched"), ("drone", 27, "intercepted")} <= got


def test_intercepted_and_suppressed():
    got = counts("Overall, 296 drones and seven missiles were intercepted, and 415 drones were lost to electronic warfare.")
    assert {("drone", 296, "intercepted"), ("missile", 7, "intercepted"), ("drone", 415, "suppressed")} <= got


def test_launched_with_model_breakdown():
    got = counts("Russia launched 375 drones and 21 missiles, including two Zircon hypersonic missiles.")
    assert {("drone", 375, "launched"), ("missile", 21, "launched"), ("Zircon", 2, "launched")} <= got


def test_model_vs_class():
    assert ("Shahed-136", 17, "launched") in counts("Russia launched 17 Shahed-type drones.")
    assert ("drone", 728, "launched") in counts("Russia launched 728 Shahed and decoy drones.")


def test_hit_status_and_qualified_count():
    report = parse_text("More than 660 drones were launched, and 25 drones struck Kharkiv.")
    got = {(c.munition, c.count, c.status, c.qualifier) for c in report.munition_counts}
    assert ("drone", 660, "launched", "more_than") in got
    assert ("drone", 25, "hit", "exact") in got


def test_an_article_is_no_count():
    assert counts("A Kh-22 missile hit the port in Odesa.") == set()


def test_intercepted_more_than_launched_is_flagged():
    report = parse_text("Russia launched 20 drones. Air defence destroyed 25 drones.")
    assert any("intercepted is more than" in w for w in report.warnings)


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("KYIV, January 24, 2026 - Drones hit the city.", "2026-01-24"),
        ("Saturday, 24 January 2026, 10:15\nDrones hit Kyiv.", "2026-01-24"),
        ("Drones hit Kyiv on Friday.", None),
        ("Drones hit Kyiv on Jan. 24.", None),
        ("Drones hit Kyiv. The war began on 24 February 2022, officials recalled since then.", None),
        ("Head of the Regional Military Administration\n23.11.2024 07:42\nDrones hit Pavlohrad.", "2024-11-23"),
        ("Drones hit Pavlohrad. Firmware 1.10.2024.5 was installed.", None),
    ],
)
def test_dates(text, date):
    assert parse_text(text).date == date


def test_date_hint_fills_a_report_without_a_date():
    assert parse_text("Drones hit Kyiv on Friday.", date_hint="2025-05-09").date == "2025-05-09"


def test_day_and_month_take_the_year_of_the_dateline():
    text = "KHARKIV, 2025 (Ukrinform) - Russian drones struck Kharkiv on Nov. 20, injuring four people.\n"
    assert parse_text(text).date == "2025-11-20"
    assert parse_text("Russian drones struck Kharkiv on Nov. 20, injuring four people.\n").date is None


@pytest.mark.parametrize(
    "sentence",
    ["All of them have been hospitalised.", "Both were taken to hospital.", "They were all hospitalized in a moderate condition."],
)
def test_all_of_them_in_hospital_is_the_figure_before(sentence: str):
    text = f"A drone hit a house in Pavlohrad, injuring two women. {sentence}"
    assert totals(text) == {("injured", "Pavlohrad", "all", 2, 2), ("hospitalized", "Pavlohrad", "all", 2, 2)}


def test_the_hospital_town_does_not_take_the_figure_of_the_people_taken_there():
    text = (
        "A Ukrainian drone struck a car in the village of Maslova Pristan in the Shebekino district, wounding two men. "
        "Both were taken to hospital in Shebekino."
    )
    assert totals(text) == {("injured", "Maslova Pristan", "all", 2, 2), ("hospitalized", "Maslova Pristan", "all", 2, 2)}
    assert {loc.name: loc.struck for loc in parse_text(text).locations}["Shebekino"] is False


def struck(text: str) -> dict[str, bool]:
    return {loc.name: loc.struck for loc in parse_text(text).locations}


@pytest.mark.parametrize(
    ("text", "place", "is_struck"),
    [
        ("Drones were repelled over Taganrog overnight, the governor said.", "Taganrog", True),
        ("The bomb landed near a five-storey building in the Zarichnyi district of Sumy, blowing out windows.", "Zarichnyi", True),
        ("Hezbollah said it fired a salvo of Katyusha rockets at Kiryat Shmona.", "Kiryat Shmona", True),
        ("The missile was intercepted, a Houthi spokesman said in a televised statement from Sanaa.", "Sanaa", False),
        ("Drones hit Port Sudan on Sunday. RSF drones had previously struck El Fasher.", "El Fasher", False),
        ("Strikes hit Hodeidah. Al Masirah TV, which broadcasts from Sanaa, said the strikes killed three people.", "Sanaa", False),
        ("The enemy launched 5 FPV drones at the village of Chaikyne.", "Chaikyne", True),
        ("In the village of Dubovoye, a drone dropped an explosive device on a house.", "Dubovoye", True),
        ("Drones hit Kurylivka, a village near Kupiansk, on Monday.", "Kupiansk", False),
        ("Missiles hit Sumy on Sunday. The January 2023 missile strike on a block in Dnipro killed 46 people.", "Dnipro", False),
    ],
)
def test_strike_phrasings(text: str, place: str, is_struck: bool):
    assert struck(text)[place] is is_struck


@pytest.mark.parametrize(
    "background",
    [
        "More than 600 people have been killed in Lebanon since then.",
        "Since Friday, Iranian missile fire has killed 24 people.",
    ],
)
def test_cumulative_figures_since_then_are_background(background: str):
    text = f"An Israeli strike on Tyre killed seven people on Tuesday. {background}"
    assert totals(text) == {("killed", "Tyre", "all", 7, 7)}


def test_districts_of_one_city_before_a_figure_give_the_city():
    text = (
        "Kharkiv. At 02:30, the enemy attacked the Kholodnohirskyi and Saltivskyi districts with five drones. "
        "Three people were injured."
    )
    assert ("injured", "Kharkiv", "all", 3, 3) in totals(text)


def test_a_place_the_town_lies_off_is_not_the_figure_s_place():
    text = "Missiles hit Kyiv. Elsewhere, a drone hit a house on the edge of Bila Tserkva, south of the capital, injuring three people."
    assert totals(text) == {("injured", "Bila Tserkva", "all", 3, 3)}
    text = "Missiles hit Kyiv overnight. A drone hit a house in Bila Tserkva, 80 km south of Kyiv, injuring three people."
    assert totals(text) == {("injured", "Bila Tserkva", "all", 3, 3)}


def test_rubble_of_a_collapsed_building_is_a_strike():
    text = "Rescuers searched the rubble of a partially collapsed apartment building in the Sviatoshynskyi district of Kyiv."
    assert struck(text)["Sviatoshynskyi"] is True


def test_a_place_fronted_with_in_is_where_the_attacks_were():
    text = "In Kherson, drone attacks on people in the streets continued daily. Several civilians were killed and a further 27 injured."
    assert struck(text) == {"Kherson": True}
    assert totals(text) == {("killed", "Kherson", "all", 3, None), ("injured", "Kherson", "all", 27, 27)}
    assert struck("People in Kherson, attacks aside, went on with their lives.") == {"Kherson": False}


def test_a_date_inside_the_stated_reporting_period_is_not_an_earlier_attack():
    head = "UKRAINE: Situation Update\nReporting period: 28 October – 3 November 2024\n\n"
    body = "On 30 October, a guided bomb hit a residential building in Kharkiv, killing five people."
    assert totals(head + body) == {("killed", "Kharkiv", "all", 5, 5)}
    # without the period, a date four days before the report's is an earlier attack
    assert totals("3 November 2024\n\n" + body) == set()


def test_last_week_is_background():
    text = "Drones hit the refinery in Ryazan overnight. Last week, drones hit the refinery in Saratov, killing two workers."
    assert struck(text) == {"Ryazan": True, "Saratov": False}
    assert totals(text) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "The dead were taken to Al-Aqsa Martyrs Hospital in Deir al-Balah.",
        "The group's health ministry in Deir al-Balah gave the toll.",
    ],
)
def test_a_hospital_or_ministry_town_is_not_struck(sentence: str):
    assert struck(f"An Israeli strike hit a school in Nuseirat, killing 12 people. {sentence}") == {"Nuseirat": True, "Deir al-Balah": False}


def test_a_place_near_a_named_place_only_locates_it():
    text = "The Houthis fired a ballistic missile at Ben Gurion Airport near Tel Aviv."
    assert struck(text) == {"Ben Gurion Airport": True, "Tel Aviv": False}


def test_an_adjective_before_ruins_is_no_place():
    assert "Roman" not in struck("In Baalbek, a strike flattened a building near the Roman ruins, killing 17 people.")


def test_the_regional_capital_is_the_region_s_centre():
    text = (
        "Zaporizhzhia governor: glide bombs kill 11\n\n"
        "Russian aircraft dropped nearly 40 guided aerial bombs on the Zaporizhzhia region on Wednesday, "
        "killing 11 people in the regional capital, Governor Ivan Fedorov said."
    )
    assert ("killed", "Zaporizhzhia", "all", 11, 11) in totals(text)


@pytest.mark.parametrize(
    "background",
    [
        "The UN says at least 13,500 civilians have been killed in Ukraine since Russia's full-scale invasion in February 2022.",
        "Since the conflict began in April 2023, 12,000 people have been killed.",
        "Since the first Iranian missile attack on Friday, 24 people have been killed in Israel.",
    ],
)
def test_war_totals_are_background(background: str):
    assert totals(f"A ballistic missile hit Dnipro on Tuesday, killing 17 people. {background}") == {("killed", "Dnipro", "all", 17, 17)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling hit Pokrovsk. A 72-year-old woman succumbed to her injuries.", ("killed", "Pokrovsk", "all", 1, 1)),
        ("A missile hit Haifa, where about 30 people were lightly hurt.", ("injured", "Haifa", "all", 30, 30)),
        ("A drone hit a tractor in Chaikyne; the tractor driver was killed on the spot.", ("killed", "Chaikyne", "all", 1, 1)),
        ("A drone hit a car in Shostka. The driver, a 54-year-old man, was wounded.", ("injured", "Shostka", "all", 1, 1)),
    ],
)
def test_more_casualty_phrasings(text: str, expected: tuple):
    assert expected in totals(text)


def test_a_village_placed_in_a_region_s_district_keeps_the_figures():
    text = (
        "At least 17 people were killed and 31 injured when Russian missiles struck an apartment block in Serhiivka, "
        "a resort village in the Odesa region's Bilhorod-Dnistrovskyi district, officials said."
    )
    assert totals(text) == {("killed", "Serhiivka", "all", 17, None), ("injured", "Serhiivka", "all", 31, 31)}
    assert struck(text)["Bilhorod-Dnistrovskyi Raion"] is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Houthis fired two ballistic missiles toward Israel, both of which were intercepted.", ("ballistic_missile", 2, "intercepted")),
        ("Russia launched 30 drones overnight. Of the drones, 27 were neutralised.", ("drone", 27, "intercepted")),
        ("Russia launched a total of 120 drones, 85 of which were destroyed and 28 lost locationally.", ("drone", 28, "suppressed")),
    ],
)
def test_parts_of_a_count_before(text: str, expected: tuple):
    assert expected in counts(text)


# Report texts and the exact totals they must give (one case per phrasing).
TOTALS_CASES = [
    pytest.param(
        "Drones attacked Pavlohrad overnight. Three men aged 37, 45 and 51 were injured.",
        {("injured", "Pavlohrad", "all", 3, 3)},
        id="ages_after_a_figure_are_not_figures",
    ),
    pytest.param(
        "Drones hit Sumy. All of them were hospitalised.",
        set(),
        id="all_of_them_with_no_figure_before_gives_nothing",
    ),
    pytest.param(
        "Missiles hit energy facilities in the Ivano-Frankivsk region. In the Ivano-Frankivsk region, no one was killed or injured.",
        {("killed", "Ivano-Frankivsk Oblast", "all", 0, 0), ("injured", "Ivano-Frankivsk Oblast", "all", 0, 0)},
        id="no_one_killed_or_injured_is_a_zero_for_both",
    ),
    pytest.param(
        "The death toll in Izium has risen to six. Among the dead is a nine-year-old girl.",
        {("killed", "Izium", "all", 6, 6), ("killed", "Izium", "children", 1, 1)},
        id="among_the_dead_is_a_child",
    ),
    pytest.param(
        "Drones hit Kharkiv overnight. A 34-year-old man and a 15-year-old boy were injured.",
        {("injured", "Kharkiv", "all", 2, 2), ("injured", "Kharkiv", "children", 1, 1)},
        id="named_people_give_the_children_among_them",
    ),
    pytest.param(
        "Israeli strikes kill seven in south Lebanon\n\nIsraeli strikes on southern Lebanon killed at least seven people on Wednesday.",
        {("killed", None, "all", 7, 7)},
        id="a_headline_in_the_present_tense_is_a_figure",
    ),
    pytest.param(
        "Russia struck Kharkiv. Such a warhead could kill 100 people, experts said.",
        set(),
        id="a_possible_toll_is_no_figure",
    ),
    pytest.param(
        "A Lancet loitering munition hit a utility vehicle in Yunakivka, injuring its 45-year-old driver.",
        {("injured", "Yunakivka", "all", 1, 1)},
        id="a_possessive_person_is_one_person",
    ),
    pytest.param(
        "Drones hit Odesa overnight. Dozens of people were injured, local authorities said.",
        {("injured", "Odesa", "all", 12, None)},
        id="dozens_of_people_is_a_vague_figure",
    ),
    pytest.param(
        "Israeli strikes hit Damascus, where more than 10 people had been killed or injured.",
        set(),
        id="killed_or_injured_together_is_no_figure",
    ),
    pytest.param(
        "Guided bombs hit Zaporizhzhia. Twenty people were injured. By evening, the number of injured in the city had risen to 29.",
        {("injured", "Zaporizhzhia", "all", 29, 29)},
        id="the_number_of_injured_in_a_place_rose",
    ),
    pytest.param(
        "A drone hit a house in Antonivka. Two men were injured and hospitalized.",
        {("injured", "Antonivka", "all", 2, 2), ("hospitalized", "Antonivka", "all", 2, 2)},
        id="injured_and_hospitalized_gives_both",
    ),
    pytest.param(
        "A drone hit a car in the town of Shebekino, killing the driver.",
        {("killed", "Shebekino", "all", 1, 1)},
        id="killing_the_driver_is_one_killed",
    ),
    pytest.param(
        "Debris fell in Sevastopol. A 7-year-old boy and his grandmother were cut by broken glass.",
        {("injured", "Sevastopol", "all", 2, 2), ("injured", "Sevastopol", "children", 1, 1)},
        id="cut_by_broken_glass_is_injured",
    ),
    pytest.param(
        "Russian strikes overnight; five killed\n\nA missile hit Kharkiv, killing five people.\n\nDrones also hit Odesa.",
        {("killed", "Kharkiv", "all", 5, 5)},
        id="a_headline_of_two_sentences_restating_a_body_figure_adds_nothing",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOTALS_CASES)
def test_reports_give_these_totals(text: str, expected: set[tuple]):
    assert totals(text) == expected
