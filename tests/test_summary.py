"""`strikeparse summary`: figures that can be added are added, the rest are ranges.

The totals on the samples are computed by hand from tests/data/summary/samples.jsonl,
the samples' reports as the parser gave them when this test was written. The
snapshot keeps these numbers about aggregation, not about extraction (which
changes); test_summary_command_aggregates_what_the_parser_gives checks that the command
aggregates what the parser gives today.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.model import CasualtyTotal, Evidence, Location, Munition, MunitionCount, Place, Report
from strikeparse.render.summary import WRITERS, SummaryFormat, csv_rows, write_summary
from strikeparse.summary import Figure, Summary, same_event, separate_events, summarize

SAMPLES = Path(__file__).resolve().parent.parent / "samples"  # not from conftest: tests/ may or may not be a package
SNAPSHOT = Path(__file__).parent / "data" / "summary" / "samples.jsonl"
EV = Evidence("x", 0, 1, 1, "test")


# --- building reports -------------------------------------------------------------------------------------------


def _evidence(d: dict) -> Evidence:
    return Evidence(d["text"], d["start"], d["end"], d["line"], d["rule"])


def report_from_dict(d: dict) -> Report:
    """The inverse of Report.to_dict, for the fields a summary reads."""
    return Report(
        source=d["source"],
        title=d["title"],
        date=d["date"],
        munitions=tuple(Munition(m["name"], m["class"], tuple(_evidence(e) for e in m["mentions"])) for m in d["munitions"]),
        munition_counts=tuple(
            MunitionCount(c["munition"], c["count"], c["qualifier"], c["status"], c["location"], _evidence(c["evidence"]))
            for c in d["munition_counts"]
        ),
        locations=tuple(
            Location(
                Place(p["name"], p["type"], p["admin1"], p["country"], p["lat"], p["lon"]), p["struck"], tuple(_evidence(e) for e in p["mentions"])
            )
            for p in d["locations"]
        ),
        casualty_totals=tuple(CasualtyTotal(t["outcome"], t["location"], t["group"], t["low"], t["high"]) for t in d["casualty_totals"]),
    )


def snapshot_reports() -> list[Report]:
    return [report_from_dict(json.loads(line)) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]


def city(name: str, oblast: str | None, country: str = "UA", struck: bool = True) -> Location:
    return Location(Place(name, "city", oblast, country), struck, (EV,))


def oblast(name: str, country: str = "UA", struck: bool = True) -> Location:
    return Location(Place(name, "oblast", None, country), struck, (EV,))


def count(munition: str, n: int, status: str, qualifier: str = "exact", location: str | None = None) -> MunitionCount:
    return MunitionCount(munition, n, qualifier, status, location, EV)


def killed(location: str | None, low: int | None, high: int | None, group: str = "all") -> CasualtyTotal:
    return CasualtyTotal("killed", location, group, low, high)


def row(summary: Summary, name: str):
    return next(r for r in (*summary.munitions, *summary.oblasts) if getattr(r, "name", None) == name or getattr(r, "oblast", None) == name)


# --- the rule ---------------------------------------------------------------------------------------------------


def test_same_event_is_largest_to_sum_and_separate_events_add():
    assert same_event([Figure(17, 17), Figure(15, 15)]) == Figure(17, 32)
    assert same_event([Figure(12, None), Figure(3, 3)]) == Figure(12, None)
    assert separate_events([Figure(17, 32), Figure(20, 20)]) == Figure(37, 52)
    assert separate_events([Figure(1, 1), Figure(2, None)]) == Figure(3, None)
    assert separate_events([]) is None
    assert [str(f) for f in (Figure(3, 3), Figure(3, 5), Figure(3, None))] == ["3", "3-5", "3+"]


def test_two_reports_of_one_event_give_a_range_not_a_sum():
    a = Report("a.txt", None, "2025-06-24", locations=(city("Dnipro", "Dnipropetrovsk Oblast"),), casualty_totals=(killed("Dnipro", 15, 15),))
    b = Report("b.txt", None, "2025-06-24", locations=(city("Dnipro", "Dnipropetrovsk Oblast"),), casualty_totals=(killed("Dnipro", 17, 17),))
    r = row(summarize([a, b]), "Dnipropetrovsk Oblast")
    assert r.killed == Figure(17, 32)
    assert r.times_struck == Figure(1, 1)
    assert r.reports == 2


def test_a_city_and_its_oblast_in_one_report_overlap():
    report = Report(
        "r.txt",
        None,
        "2025-06-24",
        locations=(city("Dnipro", "Dnipropetrovsk Oblast"), oblast("Dnipropetrovsk Oblast", struck=False)),
        casualty_totals=(killed("Dnipro", 15, 15), killed("Dnipropetrovsk Oblast", 17, 17), killed("Dnipro", 2, 2, group="children")),
    )
    assert row(summarize([report]), "Dnipropetrovsk Oblast").killed == Figure(17, 32)


def test_different_dates_are_added():
    a = Report("a.txt", None, "2025-06-24", locations=(city("Dnipro", "Dnipropetrovsk Oblast"),), casualty_totals=(killed("Dnipro", 15, 15),))
    b = Report(
        "b.txt", None, "2025-09-14", locations=(city("Kryvyi Rih", "Dnipropetrovsk Oblast"),), casualty_totals=(killed("Kryvyi Rih", 20, None),)
    )
    r = row(summarize([a, b]), "Dnipropetrovsk Oblast")
    assert r.killed == Figure(35, None)
    assert r.times_struck == Figure(2, 2)
    assert r.places_struck == ("Dnipro", "Kryvyi Rih")


def test_undated_reports_may_be_one_event():
    a = Report("a.txt", None, None, locations=(city("Sumy", "Sumy Oblast"),), casualty_totals=(killed("Sumy", 2, 2),))
    b = Report("b.txt", None, None, locations=(city("Sumy", "Sumy Oblast"),), casualty_totals=(killed("Sumy", 3, 3),))
    c = Report("c.txt", None, "2025-05-17", locations=(city("Sumy", "Sumy Oblast"),), casualty_totals=(killed("Sumy", 1, 1),))
    r = row(summarize([a, b, c]), "Sumy Oblast")
    assert r.killed == Figure(4, 6)
    assert r.times_struck == Figure(2, 3)


def test_munition_counts_of_one_date_overlap_restated_figures_count_once():
    a = Report(
        "a.txt",
        None,
        "2025-02-14",
        munition_counts=(
            count("drone", 46, "intercepted"),
            count("drone", 46, "intercepted", location="Bryansk Oblast"),
            count("drone", 21, "intercepted", location="Kursk Oblast"),
        ),
    )
    b = Report(
        "b.txt", None, "2025-02-15", munition_counts=(count("drone", 10, "intercepted", "at_least"), count("drone", 40, "launched", "more_than"))
    )
    s = summarize([a, b])
    r = row(s, "drone")
    assert row(summarize([a]), "drone").intercepted == Figure(46, 46 + 21)
    assert r.intercepted == Figure(46 + 10, None)  # "at least 10" has no upper bound
    assert r.launched == Figure(41, None)
    assert r.hit is None
    assert r.reports == 2


def test_munition_class_and_order():
    report = Report(
        "a.txt",
        None,
        "2025-02-14",
        munitions=(Munition("Shahed-136", "drone", (EV,)),),
        munition_counts=(count("Shahed-136", 5, "launched"), count("drone", 7, "launched"), count("Kh-101", 2, "launched", "up_to")),
    )
    s = summarize([report])
    assert [(m.name, m.munition_class) for m in s.munitions] == [("Shahed-136", "drone"), ("drone", "drone"), ("Kh-101", None)]
    assert row(s, "Kh-101").launched == Figure(0, 2)


def test_places_without_an_oblast_stand_for_themselves_and_countries_are_not_struck():
    report = Report(
        "r.txt",
        None,
        "2025-08-25",
        locations=(city("Hodeidah", None, "YE"), city("Sanaa", None, "YE"), Location(Place("Yemen", "country", None, "YE"), True, (EV,))),
        casualty_totals=(killed("Hodeidah", 2, 2), killed("Sanaa", 3, None), killed(None, 9, 9)),
    )
    s = summarize([report])
    assert [(o.label, o.killed) for o in s.oblasts] == [
        ("Hodeidah", Figure(2, 2)),
        ("Sanaa", Figure(3, None)),
        ("(whole report, no place)", Figure(9, 9)),
    ]


# --- the samples, by hand ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples_summary() -> Summary:
    return summarize(snapshot_reports())


def test_samples_munitions_by_hand(samples_summary: Summary):
    s = samples_summary
    assert s.reports == 9
    drone = row(s, "drone")
    # launched: 332 (Zaporizhzhia, 11-06) + 58 (Kryvyi Rih, 09-14) + 94 (Odesa/Kyiv, 03-03), three dates
    assert drone.launched == Figure(484, 484)
    # intercepted: 41 + 67 + 36 on three dates, and the Russian MoD's 08-12 figures 46 (stated twice: once),
    # 21, 12, 9, 4 for one date: at least 46, at most 92
    assert drone.intercepted == Figure(41 + 67 + 36 + 46, 41 + 67 + 36 + 46 + 21 + 12 + 9 + 4)
    assert drone.suppressed == Figure(51, 51)  # stated twice in one report
    assert drone.reports == 8
    shahed = row(s, "Shahed-136")
    assert (shahed.launched, shahed.intercepted, shahed.reports) == (Figure(154 + 58, 154 + 58), Figure(103, 103), 2)
    iskander = row(s, "Iskander-M")
    assert (iskander.munition_class, iskander.launched, iskander.reports) == ("ballistic_missile", Figure(3 + 2 + 2 + 2, 9), 5)
    assert row(s, "aerial_target").intercepted == Figure(105, 105)
    kab = row(s, "KAB")
    assert (kab.launched, kab.hit) == (Figure(4, 4), Figure(2, 2))
    missile = row(s, "missile")
    assert (missile.launched, missile.intercepted, missile.unknown, missile.reports) == (Figure(8, 8), Figure(5, 5), Figure(1, 1), 6)


def test_samples_places_by_hand(samples_summary: Summary):
    s = samples_summary
    dnipro = row(s, "Dnipropetrovsk Oblast")
    # Kryvyi Rih and Nikopol Raion on 09-14, Dnipro and Pidhorodne on 06-24
    assert (dnipro.times_struck, dnipro.places_struck) == (Figure(2, 2), ("Dnipro", "Kryvyi Rih", "Nikopol Raion", "Pidhorodne"))
    assert dnipro.killed == Figure(20 + 17, 37)
    # 19 in Kryvyi Rih; 279 in Dnipro and 1 in Pidhorodne the same day (one may include the other)
    assert dnipro.injured == Figure(19 + 279, 19 + 279 + 1)
    zap = row(s, "Zaporizhzhia Oblast")
    # one day: Zaporizhzhia 14-22 and Zaporizhzhia Raion "at least 3"
    assert (zap.times_struck, len(zap.places_struck), zap.killed, zap.injured) == (Figure(1, 1), 7, Figure(2, 2), Figure(14, None))
    kyiv = row(s, "Kyiv Oblast")
    assert (kyiv.times_struck, kyiv.places_struck, kyiv.killed, kyiv.injured) == (
        Figure(2, 2),
        ("Bila Tserkva", "Fastiv", "Kyiv Oblast"),
        None,
        Figure(8, 8),
    )
    belgorod = row(s, "Belgorod Oblast")
    assert (belgorod.country, belgorod.killed, belgorod.injured) == ("RU", Figure(0, 0), Figure(2, 2))
    assert (row(s, "Sanaa").killed, row(s, "Hodeidah").killed) == (Figure(3, None), Figure(2, 2))
    assert [d.date for d in s.dates] == sorted(d.date for d in s.dates) and all(d.reports == 1 for d in s.dates)
    assert len(s.dates) == 9


def test_summary_command_aggregates_what_the_parser_gives():
    # Three samples with figures in several oblasts on different dates (all of them would only be slower).
    paths = [SAMPLES / f"{name}.txt" for name in ("liveblog-dnipro-toll-rises", "kyivindependent-kryvyi-rih-background", "kab-zaporizhzhia-range")]
    result = CliRunner().invoke(app, ["summary", *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    from strikeparse.api import parse_path

    assert json.loads(result.stdout) == summarize([parse_path(p) for p in paths]).to_dict()


# --- rendering --------------------------------------------------------------------------------------------------


def test_every_summary_format_has_a_writer():
    assert set(WRITERS) == set(SummaryFormat)


def test_csv_is_long_and_reads_back(samples_summary: Summary):
    buffer = io.StringIO(newline="")
    write_summary(samples_summary, SummaryFormat.csv, buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert len(rows) == len(csv_rows(samples_summary))
    dnipro_injured = next(r for r in rows if r["section"] == "oblasts" and r["oblast"] == "Dnipropetrovsk Oblast" and r["measure"] == "injured")
    assert (dnipro_injured["low"], dnipro_injured["high"]) == ("298", "299")
    zap_injured = next(r for r in rows if r["oblast"] == "Zaporizhzhia Oblast" and r["measure"] == "injured")
    assert zap_injured["high"] == ""  # no upper bound
    assert sum(int(r["low"]) for r in rows if r["section"] == "dates") == 9


def test_table_fits_80_columns_and_shows_ranges(samples_summary: Summary):
    buffer = io.StringIO()
    write_summary(samples_summary, SummaryFormat.table, buffer, color=False, width=80)
    text = buffer.getvalue()
    assert "Dnipropetrovsk Oblast" in text and "298-299" in text and "14+" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "\x1b[" not in text


def test_summary_cli_formats_and_colour(monkeypatch):
    runner = CliRunner()
    one = str(SAMPLES / "kab-zaporizhzhia-range.txt")
    json_result = runner.invoke(app, ["summary", one, "-f", "json"])
    assert json.loads(json_result.stdout)["format"] == "strikeparse-summary/1"
    csv_result = runner.invoke(app, ["summary", one, "-f", "csv"])
    assert csv_result.stdout.splitlines()[0] == "section,munition,class,country,oblast,date,measure,low,high,category,kind,unit"
    plain = runner.invoke(app, ["summary", one, "-f", "table", "--no-color", "--width", "100"])
    assert "Places by oblast" in plain.stdout and "\x1b[" not in plain.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    env = runner.invoke(app, ["summary", one, "-f", "table", "--width", "100"])
    assert "Places by oblast" in env.stdout and "\x1b[" not in env.stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")  # without --no-color and NO_COLOR, colour does appear
    coloured = runner.invoke(app, ["summary", one, "-f", "table", "--width", "100"])
    assert "\x1b[" in coloured.stdout


def test_summary_goes_on_past_a_missing_file(tmp_path: Path):
    result = CliRunner().invoke(app, ["summary", str(tmp_path / "nope.txt"), str(SAMPLES / "governor-telegram-sumy.txt"), "-f", "json"])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and json.loads(result.stdout)["reports"] == 1


def test_a_district_figure_also_given_to_its_city_is_counted_once():
    from strikeparse.pipeline import parse_text

    report = parse_text("Russian drones hit Kyiv overnight, officials said.\n\nTwo people were killed in the Holosiivskyi district.\n")
    assert {t.location for t in report.casualty_totals} >= {"Kyiv", "Holosiivskyi"}
    (kyiv,) = summarize([report]).to_dict()["oblasts"]
    assert kyiv["killed"] == {"low": 2, "high": 2}  # not 2 to 4: the district's two are the city's two
