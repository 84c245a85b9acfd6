"""`strikeparse events` / `parse --format events`: one dataset row per (date, struck place)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import SAMPLES, SHARED, needs_shared
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.events import EVENT_COLUMNS, EVENT_DTYPES

REPORT = (
    "Drones and a missile strike Zaporizhzhia\n\n"
    "ZAPORIZHZHIA, May 6, 2025 - Russia struck Zaporizhzhia overnight with 12 Shahed drones and an Iskander-M missile, "
    "killing two people and injuring at least nine, the governor said. A drone hit a five-storey building, and a kindergarten "
    "was damaged. About 3,000 households in the city were left without power.\n"
)


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_struck_place_with_acled_and_ucdp_columns(tmp_path) -> None:
    report = tmp_path / "zap.txt"
    report.write_text(REPORT, encoding="utf-8")
    code, out, err = run(["events", str(report)])
    assert code == 0, err
    assert out.splitlines()[0] == ",".join(EVENT_COLUMNS)
    (row,) = rows_of(out)
    assert row["event_date"] == "2025-05-06" and row["year"] == "2025"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"  # a missile is named
    assert (row["country"], row["admin1"], row["location"], row["geo_precision"]) == ("Ukraine", "Zaporizhzhia Oblast", "Zaporizhzhia", "1")
    assert (row["fatalities"], row["best"], row["low"], row["high"]) == ("2", "2", "2", "2")
    assert (row["injured_low"], row["injured_high"]) == ("9", "")
    assert "residential hit: five-storey building" in row["targets"] and "education damaged: kindergarten" in row["targets"]
    assert row["impacts"] == "power_outage 3000 households"
    assert row["notes"] == "Missile and drone strike; five-storey building hit; kindergarten damaged; 2 killed, 9+ injured"
    start, end = (int(x) for x in row["evidence"].split("; ")[0].split()[1].split("-"))
    assert REPORT[start:end].lower().startswith("killing two")


def test_parse_format_events_is_the_same_csv_and_jsonl_the_same_rows(tmp_path) -> None:
    report = tmp_path / "zap.txt"
    report.write_text(REPORT, encoding="utf-8")
    _, events_csv, _ = run(["events", str(report)])
    _, parse_events, _ = run(["parse", str(report), "--format", "events"])
    assert events_csv == parse_events
    _, lines, _ = run(["events", str(report), "--format", "jsonl"])
    records = [json.loads(line) for line in lines.splitlines()]
    assert [r["location"] for r in records] == [r["location"] for r in rows_of(events_csv)]
    assert records[0]["fatalities"] == 2 and records[0]["injured_high"] is None


def test_drones_only_is_an_air_strike_and_a_bad_input_costs_no_rows(tmp_path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("SUMY, April 2, 2025 - A Shahed drone hit a house in Sumy, injuring a woman.\n", encoding="utf-8")
    code, out, err = run(["events", str(good), str(tmp_path / "missing.txt")])
    assert code != 0 and "missing.txt" in err
    (row,) = rows_of(out)
    assert row["sub_event_type"] == "Air/drone strike" and row["location"] == "Sumy" and row["fatalities"] == "0"


def test_events_csv_loads_in_pandas_with_the_documented_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    code, out, err = run(["events", str(SAMPLES)])
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out), dtype=EVENT_DTYPES, keep_default_na=False, na_values={c: [""] for c in EVENT_DTYPES if c != "notes"})
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) > 5
    assert str(frame["fatalities"].dtype) == "int64" and str(frame["geo_precision"].dtype) == "Int64"
    assert frame["latitude"].dtype.kind == "f"
    assert set(frame["event_type"]) == {"Explosions/Remote violence"}


@needs_shared
def test_the_dev_seed_rows_field_by_field() -> None:
    code, out, err = run(["events", str(SHARED / "eval" / "dev" / "000_seed.txt")])
    assert code == 0, err
    rows = {r["location"]: r for r in rows_of(out)}
    assert set(rows) == {"Kyiv", "Kharkiv"}  # the report's two struck places
    kyiv, kharkiv = rows["Kyiv"], rows["Kharkiv"]
    for row in (kyiv, kharkiv):
        assert row["event_date"] == "2026-01-24" and row["year"] == "2026"
        assert row["event_type"] == "Explosions/Remote violence" and row["country"] == "Ukraine" and row["geo_precision"] == "1"
        assert row["source"].endswith("000_seed.txt")
    # Kyiv: "one person was killed and four injured"; no count placed there, the report's missiles decide
    assert kyiv["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (kyiv["admin1"], kyiv["fatalities"], kyiv["best"], kyiv["low"], kyiv["high"]) == ("Kyiv", "1", "1", "1", "1")
    assert (kyiv["injured_low"], kyiv["injured_high"]) == ("4", "4")
    assert kyiv["latitude"].startswith("50.4") and kyiv["longitude"].startswith("30.5")
    assert "power_outage 800001+ people" in kyiv["impacts"] and "heating_outage up to 6000 buildings" in kyiv["impacts"]
    # Kharkiv: "25 drones struck multiple districts, injuring between 11 and 19 people"
    assert kharkiv["sub_event_type"] == "Air/drone strike"
    assert kharkiv["munitions"] == "drone 25 hit"
    assert (kharkiv["admin1"], kharkiv["fatalities"], kharkiv["injured_low"], kharkiv["injured_high"]) == ("Kharkiv Oblast", "0", "11", "19")
    # "assault ... on Ukraine's energy system ..., striking Kyiv and Kharkiv": the energy system is targeted in both
    assert kharkiv["targets"] == (
        "energy targeted: energy system; medical damaged: maternity hospital; medical damaged: medical facilities; residential damaged: dormitory"
    )
    assert kharkiv["notes"] == "Drone strike; energy system targeted; maternity hospital, medical facilities and dormitory damaged; 11-19 injured"


def test_each_place_takes_the_weapons_named_on_its_own_lines(tmp_path) -> None:
    report = tmp_path / "two.txt"
    report.write_text(
        "ZAPORIZHZHIA, May 6, 2025 - An Iskander-M missile struck Zaporizhzhia, killing two people.\n"
        "In Vilniansk, a Shahed drone hit a warehouse; no one was hurt.\n",
        encoding="utf-8",
    )
    rows = {r["location"]: r["sub_event_type"] for r in rows_of(run(["events", str(report)])[1])}
    assert rows == {"Zaporizhzhia": "Shelling/artillery/missile attack", "Vilniansk": "Air/drone strike"}
