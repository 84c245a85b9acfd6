"""`strikeparse explain`: every match labelled with its rule and value, and the records it fed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.model import Document

REPORT = (
    "Drones hit Kharkiv overnight\n\n"
    "KHARKIV, March 3, 2025 - Russia launched 40 drones at Kharkiv overnight, and air defence shot down 31 of them. "
    "Two people were killed and 12 injured, including a child, the city's mayor said.\n"
)


def run(args: list[str]):
    return CliRunner().invoke(app, args, env={"STRIKEPARSE_RULES": ""})


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "kharkiv.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def explained(path: Path) -> dict:
    result = run(["explain", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_json_spans_slice_the_text_and_carry_rule_values_and_records(report_file: Path):
    data = explained(report_file)
    assert data["format"] == "strikeparse-explain/1" and data["text"] == REPORT
    for span in data["spans"]:
        assert data["text"][span["start"] : span["end"]] == span["text"]
        assert span["line"] == data["text"].count("\n", 0, span["start"]) + 1
    killed = [s for s in data["spans"] if any(v.get("outcome") == "killed" for v in s["values"])]
    assert len(killed) == 1
    span = killed[0]
    assert span["text"].startswith("Two people were killed") and span["rule"].startswith("casualty.")
    assert span["values"][0]["low"] == 2 and span["values"][0]["high"] == 2
    records = {(f["record"], f["index"]) for f in span["fed"]}
    report = data["report"]
    casualty_index = next(i for i, c in enumerate(report["casualties"]) if c["outcome"] == "killed")
    total_index = next(i for i, t in enumerate(report["casualty_totals"]) if t["outcome"] == "killed")
    assert ("casualties", casualty_index) in records and ("casualty_totals", total_index) in records
    dates = [s for s in data["spans"] if s["kind"] == "date"]
    assert dates and dates[0]["text"] == "March 3, 2025" and dates[0]["fed"][0]["record"] == "date"
    counts = [s for s in data["spans"] if s["kind"] == "count" and s["fed"]]
    assert {"munition": "drone", "count": 40, "qualifier": "exact", "status": "launched"} in [v for s in counts for v in s["values"]]


def test_json_report_is_the_parse_output(report_file: Path):
    data = explained(report_file)
    parsed = run(["parse", str(report_file), "--format", "json"])
    assert data["report"] == json.loads(parsed.stdout)[0]


def test_matches_that_fed_nothing_are_shown_too(report_file: Path):
    data = explained(report_file)
    strikes = [s for s in data["spans"] if s["kind"] == "strike"]
    assert strikes and all(s["fed"] == [] for s in strikes)


def test_terminal_output_highlights_numbers_and_labels(report_file: Path):
    result = run(["explain", str(report_file), "--no-color", "--width", "400"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    text_part, rest = out.split("\nMatches\n")
    assert "people were killed[" in text_part  # a numbered marker right after the match
    legend = [ln for ln in rest.splitlines() if "'Two people were killed" in ln]
    assert legend and "casualty." in legend[0] and "killed 2" in legend[0] and "-> casualty killed 2 (exact) all" in legend[0]
    assert "\nRecords\n" in rest and "casualty_totals[" in rest


def test_explain_errors(tmp_path: Path):
    missing = run(["explain", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and missing.stdout == "" and "nope.txt" in missing.stderr
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("y", encoding="utf-8")
    folder = run(["explain", str(tmp_path)])
    assert folder.exit_code == 2 and "one report file" in folder.stderr


def test_parser_explain_gives_the_parse_report(parser):
    doc = Document("kharkiv.txt", REPORT)
    found = parser.explain(doc)
    assert found.report == parser.parse(doc)
    assert [c.quantity.low for c in found.casualties if c.outcome == "killed"] == [2]
    assert found.date_offset == REPORT.index("March 3, 2025")


def test_an_open_ended_figure_reads_as_in_the_table_and_warnings(tmp_path: Path):
    # It was written "21-" here while the table and warnings wrote "21+".
    path = tmp_path / "lviv.txt"
    path.write_text("Missiles hit Lviv\n\nMore than 20 people were injured in Lviv, the mayor said.\n", encoding="utf-8")
    result = run(["explain", str(path), "--width", "160", "--no-color"])
    assert result.exit_code == 0, result.stderr
    assert "injured 21+" in result.stdout and "21-" not in result.stdout
