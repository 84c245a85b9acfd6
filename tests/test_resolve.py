"""Names the gazetteer holds more than once are settled by the report's other places."""

from __future__ import annotations

from strikeparse.pipeline import parse_text


def place(text: str, name: str):
    return next(loc.place for loc in parse_text(text).locations if loc.name == name)


def test_district_takes_the_oblast_of_the_city_named():
    text = "Drones hit Kharkiv overnight. In the Kyivskyi district, a fire broke out in a warehouse."
    assert place(text, "Kyivskyi").admin1 == "Kharkiv Oblast"
    text = "Shells hit Donetsk overnight. In the Kyivskyi district, a fire broke out in a warehouse."
    assert place(text, "Kyivskyi").admin1 == "Donetsk Oblast"


def test_town_takes_the_oblast_named_in_its_sentence():
    assert place("A guided bomb hit Zolochiv in Kharkiv Oblast on Friday.", "Zolochiv").admin1 == "Kharkiv Oblast"
    assert place("A drone hit a depot in Zolochiv, Lviv Oblast, on Friday.", "Zolochiv").admin1 == "Lviv Oblast"


def test_a_city_whose_namesakes_share_its_oblast_settles_a_district():
    # there are villages named Zaporizhzhia too, all in Zaporizhzhia Oblast: the oblast is still known
    text = "Missiles struck Zaporizhzhia at dawn. A warehouse burned in the city's Oleksandrivskyi district."
    assert place(text, "Oleksandrivskyi").admin1 == "Zaporizhzhia Oblast"
    found = {(t.category, t.location, t.status) for t in parse_text(text).targets}
    assert ("industrial", "Oleksandrivskyi", "hit") in found
