"""Issue 14: nothing read is hidden. Doubtful figures carry `review`, background ones
`background: true`, and a place the gazetteer lacks stays a place without coordinates."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app


def report_of(text: str, *args: str) -> dict:
    result = CliRunner().invoke(app, ["parse", "-", "--format", "json", *args], input=text)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)[0]


def totals_of(report: dict) -> dict[tuple, dict]:
    return {(t["outcome"], t["location"], t["group"]): t for t in report["casualty_totals"]}


def test_a_hedged_figure_is_read_and_marked():
    report = report_of("Up to 20 people may have been killed when a missile struck Kharkiv overnight, officials said.\n")
    total = totals_of(report)[("killed", "Kharkiv", "all")]
    assert (total["low"], total["high"]) == (None, 20)
    assert total["review"] == ["hedged"]
    assert report["casualties"][0]["review"] == ["hedged"]


def test_feared_dead_is_hedged():
    total = totals_of(report_of("As many as 12 people are feared dead after a drone hit a market in Kherson.\n"))
    assert total[("killed", "Kherson", "all")]["review"] == ["hedged"]


def test_a_plain_figure_carries_no_review_key():
    report = report_of("A drone attack on Odesa killed two people on Tuesday.\n")
    assert "review" not in report["casualty_totals"][0]
    assert "review" not in report["casualties"][0]
    assert "background" not in report["casualties"][0]


def test_a_figure_placed_by_the_reports_one_struck_place_is_marked():
    text = "Three people were injured overnight, rescuers said.\nA missile struck Poltava, the governor said.\n"
    total = totals_of(report_of(text))[("injured", "Poltava", "all")]
    assert total["review"] == ["place_from_fallback"]


def test_a_running_war_total_stays_in_json_flagged_and_out_of_the_totals():
    text = (
        "A drone attack on Odesa killed two people on Tuesday. "
        "Since the war began, more than 4,000 people have been killed in the region.\n"
    )
    report = report_of(text)
    background = [c for c in report["casualties"] if c.get("background")]
    assert [(c["outcome"], c["low"]) for c in background] == [("killed", 4001)]
    assert [(t["location"], t["low"], t["high"]) for t in report["casualty_totals"]] == [("Odesa", 2, 2)]


def test_background_munition_counts_stay_flagged_and_unsummed():
    text = (
        "Overnight, Russia launched 40 drones at Kharkiv, 35 of which were shot down. "
        "Since the start of the year, Russia has launched more than 9,000 drones at Ukraine.\n"
    )
    report = report_of(text)
    flagged = [(c["munition"], c["count"]) for c in report["munition_counts"] if c.get("background")]
    own = [(c["munition"], c["count"], c["status"]) for c in report["munition_counts"] if not c.get("background")]
    assert flagged == [("drone", 9000)]
    assert ("drone", 40, "launched") in own and ("drone", 35, "intercepted") in own


def test_background_and_review_reach_the_csv():
    text = "Up to 20 people may have been killed in Kharkiv. Since the war began, 900 people have been killed in the city.\n"
    result = CliRunner().invoke(app, ["parse", "-", "--format", "csv"], input=text)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    casualties = [r for r in rows if r["kind"] == "casualty"]
    assert {(r["low"], r["background"], r["review"]) for r in casualties} == {("", "", "hedged"), ("900", "true", "")}
    total = next(r for r in rows if r["kind"] == "total")
    assert total["review"] == "hedged"


def test_a_conflict_keeps_the_events_own_figure_and_marks_it():
    # an open-ended war total the background rules do not know, beside the event's own figure
    text = "A missile strike on Kramatorsk killed seven people on Monday. More than 4,000 people were killed in Kramatorsk, officials said.\n"
    result = CliRunner().invoke(app, ["parse", "-", "--format", "json"], input=text)
    report = json.loads(result.stdout)[0]
    total = totals_of(report)[("killed", "Kramatorsk", "all")]
    assert (total["low"], total["high"]) == (7, 7)
    assert "conflicting_figures" in total["review"]
    assert any("kept 7 from" in w for w in report["warnings"])


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("An Israeli strike on a house in Majdal Zoun, a village in southern Lebanon, killed five people.", "Majdal Zoun"),
        ("In Zarichne-Horby, three people were injured by a drone strike.", "Zarichne-Horby"),
        ("A drone struck a car near Verkhnia Orilka village, killing the driver.", "Verkhnia Orilka"),
        ("A glide bomb hit the village of Novodmytrivka Persha, killing a man.", "Novodmytrivka Persha"),
    ],
)
def test_a_place_the_gazetteer_lacks_keeps_its_figures(text, place):
    report = report_of(text + "\n")
    location = next(loc for loc in report["locations"] if loc["name"] == place)
    assert (location["lat"], location["lon"], location["struck"]) == (None, None, True)
    assert {t["location"] for t in report["casualty_totals"]} == {place}


@pytest.mark.parametrize(
    "text",
    [
        "In June 2023, a strike killed three people in Kyiv.",
        "In response, drones killed two people in Sumy.",
        "In Telegram, the governor said two people were injured in Sumy.",
    ],
)
def test_words_that_front_a_sentence_are_no_unknown_place(text):
    names = {loc["name"] for loc in report_of(text + "\n")["locations"]}
    assert names <= {"Kyiv", "Sumy"}


def test_the_table_marks_figures_to_check_and_counts_background_ones():
    text = "Up to 20 people may have been killed in Kharkiv. Since the war began, 900 people have been killed in the city.\n"
    result = CliRunner().invoke(app, ["parse", "-", "--format", "table"], input=text, env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert "? hedged" in result.stdout
    assert "1 background figure(s)" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two hundred and forty residents sought medical help after the attack on Kyiv.", ("injured", "Kyiv", "all", 240, 240)),
        ("In Dnipro, 14 people received medical care, the mayor said.", ("injured", "Dnipro", "all", 14, 14)),
    ],
)
def test_help_seeking_is_injured(text, expected):
    report = report_of(text + "\n")
    assert expected in {(t["outcome"], t["location"], t["group"], t["low"], t["high"]) for t in report["casualty_totals"]}


def test_a_count_without_a_status_is_marked():
    report = report_of("Overnight summary: 19 missiles, 8 Kh-101 among them.\n")
    unknown = [c for c in report["munition_counts"] if c["status"] == "unknown"]
    assert unknown and all(c["review"] == ["status_unknown"] for c in unknown)


def test_a_figure_said_of_several_places_is_null_and_marked():
    total = totals_of(report_of("Missiles struck Kharkiv and Dnipro overnight, killing nine people.\n"))[("killed", None, "all")]
    assert total["review"] == ["several_places"]


def test_a_rival_struck_place_in_the_sentence_marks_the_choice():
    text = "Drones hit Sumy and a missile struck Konotop, where three people were injured.\n"
    total = totals_of(report_of(text))[("injured", "Konotop", "all")]
    assert total["review"] == ["place_ambiguous"]


def test_eval_reports_how_many_wrong_figures_carry_a_mark(tmp_path):
    (tmp_path / "one.txt").write_text("Missiles struck Kharkiv and Dnipro overnight, killing nine people.\n", encoding="utf-8")
    (tmp_path / "one.gold.yaml").write_text(
        "date: null\nmunitions: []\nmunition_counts: []\nlocations: {struck: [Kharkiv, Dnipro], mentioned: []}\n"
        "casualty_totals:\n  - [killed, Kharkiv, all, 9, 9]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert "review: 1 of 1 wrong figures marked, 0 of 0 right ones" in result.stdout


def test_an_officials_reminder_of_an_earlier_attack_is_background():
    text = "A drone hit a car in Graivoron, injuring the driver. Recall that on Thursday a drone hit a bus in Shebekino, injuring five people.\n"
    report = report_of(text)
    assert [c["low"] for c in report["casualties"] if c.get("background")] == [5]
    assert {t["location"] for t in report["casualty_totals"]} == {"Graivoron"}


def test_a_name_after_injured_in_is_a_place_even_unknown():
    report = report_of("Four passengers were injured in Verkhnia Zhuravka, including a 12-year-old girl.\n")
    assert {(t["location"], t["group"], t["low"]) for t in report["casualty_totals"]} == {
        ("Verkhnia Zhuravka", "all", 4),
        ("Verkhnia Zhuravka", "children", 1),
    }
    place = next(loc for loc in report["locations"] if loc["name"] == "Verkhnia Zhuravka")
    assert place["lat"] is None


def test_a_border_village_of_russia_has_coordinates():
    report = report_of("A drone attacked a car in Novaya Tavolzhanka, injuring two men, the governor said.\n")
    place = next(loc for loc in report["locations"] if loc["name"] == "Novaya Tavolzhanka")
    assert place["lat"] == pytest.approx(50.35, abs=0.2) and place["admin1"] == "Belgorod Oblast"


def test_a_no_casualties_sentence_placed_by_the_sentence_before_is_marked():
    report = report_of("A drone hit a warehouse in Bucha overnight. No casualties were reported.\n")
    assert {(t["outcome"], t["location"], tuple(t.get("review", ()))) for t in report["casualty_totals"]} == {
        ("killed", "Bucha", ("place_from_earlier_sentence",)),
        ("injured", "Bucha", ("place_from_earlier_sentence",)),
    }


def test_a_figure_said_of_a_district_and_given_to_its_city_is_marked():
    text = (
        "KHARKIV, May 5, 2025 - Russian drones struck Kharkiv overnight. In the Saltivskyi district, "
        "four people were injured when a drone hit an apartment building."
    )
    total = totals_of(report_of(text))[("injured", "Kharkiv", "all")]
    assert total["review"] == ["place_from_district"]


def test_a_count_a_city_was_struck_with_is_marked_launched_or_hit() -> None:
    from strikeparse.pipeline import parse_text

    report = parse_text("Russian forces struck Kramatorsk with three Iskander-M ballistic missiles overnight. Air defences shot down 20 drones.")
    marks = {(c.munition, c.count): c.review for c in report.munition_counts}
    assert marks[("Iskander-M", 3)] == ("status_ambiguous",)
    assert marks[("drone", 20)] == ()
