"""A scraped archive's dateline gives day and month only ("KYIV, Nov 18 (Reuters)"): the
year comes from a date in the file's path, with a warning to check it (issue 17.3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.read import date_in_path

WIRE = (
    "Russian drones hit {city} overnight\n\n"
    "{upper}, {month_day} (Reuters) - Russian drones struck {city} overnight, killing two people "
    "and injuring {injured}, the regional governor said.\n"
)


def wire(city: str, month_day: str, injured: str) -> str:
    return WIRE.format(city=city, upper=city.upper(), month_day=month_day, injured=injured)


def parse(*args: str) -> tuple[list[dict], str]:
    result = CliRunner().invoke(app, ["parse", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("archive/2025-11-18-kyiv.txt", "2025-11-18"),
        ("archive/2025/11/18/reuters-kyiv.txt", "2025-11-18"),
        ("scraped/20251118_odesa.txt", "2025-11-18"),
        ("2024-01-05/2025_02_07-late.txt", "2025-02-07"),  # the date nearest the file name
        ("reports/kyiv-1234567.txt", None),
        ("reports/2025-13-40.txt", None),
        ("reports/2025-02-30.txt", None),
    ],
)
def test_date_in_path(path: str, date: str | None):
    assert date_in_path(path) == date


def test_day_and_month_take_the_year_of_the_path_and_a_warning(tmp_path: Path):
    folder = tmp_path / "2025" / "11" / "18"
    folder.mkdir(parents=True)
    (folder / "reuters-kyiv.txt").write_text(wire("Kyiv", "Nov 18", "nine"), encoding="utf-8")
    [report], stderr = parse(str(folder / "reuters-kyiv.txt"))
    assert report["date"] == "2025-11-18"
    [warning] = [w for w in report["warnings"] if w.startswith("date ")]
    assert "year is the file path's (2025-11-18)" in warning and "check it" in warning
    assert warning in stderr


def test_without_a_date_in_the_path_a_day_and_month_give_no_date(tmp_path: Path):
    (tmp_path / "reuters-kyiv.txt").write_text(wire("Kyiv", "Nov 18", "nine"), encoding="utf-8")
    [report], _ = parse(str(tmp_path / "reuters-kyiv.txt"))
    assert report["date"] is None and report["warnings"] == []


def test_a_day_and_month_just_before_new_year_take_the_earlier_year(tmp_path: Path):
    path = tmp_path / "2026-01-01-odesa.txt"
    path.write_text(wire("Odesa", "Dec 31", "four"), encoding="utf-8")
    [report], _ = parse(str(path))
    assert report["date"] == "2025-12-31"


def test_the_text_s_own_full_date_and_date_option_win_over_the_path(tmp_path: Path):
    dated = tmp_path / "2025-11-18-kyiv.txt"
    dated.write_text(wire("Kyiv", "Nov 17, 2025", "nine"), encoding="utf-8")
    [report], _ = parse(str(dated))
    assert report["date"] == "2025-11-17" and report["warnings"] == []
    dated.write_text(wire("Kyiv", "Nov 18", "nine"), encoding="utf-8")
    [report], _ = parse(str(dated), "--date", "2025-11-20")
    assert report["date"] == "2025-11-20" and report["warnings"] == []


def test_summary_keeps_reports_of_different_days_apart(tmp_path: Path):
    for day, city, injured in (("16", "Kyiv", "nine"), ("17", "Kharkiv", "five"), ("18", "Odesa", "three")):
        (tmp_path / f"2025-11-{day}-{city.lower()}.txt").write_text(wire(city, f"Nov {day}", injured), encoding="utf-8")
    result = CliRunner().invoke(app, ["summary", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    dates = [row["date"] for row in json.loads(result.stdout)["dates"]]
    assert dates == ["2025-11-16", "2025-11-17", "2025-11-18"]
