"""`--format csv`: one row per record, a header, RFC 4180 quoting; it reads back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.render.csv import COLUMNS

# Commas, double quotes and a line break inside one sentence put all three into evidence text.
REPORT = (
    'Strike on "Kharkiv", again\n\n'
    "KHARKIV, March 3, 2025 - Russia launched 40 drones at Kharkiv overnight, and air defence shot down 31 of them, "
    'the "Air Force" said. Two people were killed and 12\ninjured, including a child, the mayor said.\n'
)


def run_both(path: Path) -> tuple[list[dict[str, str]], dict]:
    runner = CliRunner()
    as_csv = runner.invoke(app, ["parse", str(path), "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.stderr
    as_json = runner.invoke(app, ["parse", str(path), "--format", "jsonl"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout, newline="")))
    return rows, json.loads(as_json.stdout)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory) -> tuple[list[dict[str, str]], dict, Path]:
    path = tmp_path_factory.mktemp("csv") / "quoted, report.txt"
    path.write_text(REPORT, encoding="utf-8")
    rows, report = run_both(path)
    return rows, report, path


def test_header_and_one_row_per_record(parsed):
    rows, report, path = parsed
    assert list(rows[0]) == list(COLUMNS)
    kinds = [r["kind"] for r in rows]
    assert kinds.count("munition") == len(report["munitions"])
    assert kinds.count("count") == len(report["munition_counts"])
    assert kinds.count("place") == len(report["locations"])
    assert kinds.count("casualty") == len(report["casualties"])
    assert kinds.count("total") == len(report["casualty_totals"])
    assert {r["source"] for r in rows} == {str(path)}  # a comma in the file name survives


def test_evidence_with_commas_quotes_and_newlines_reads_back(parsed):
    rows, report, _ = parsed
    expected = [(c["evidence"]["text"], str(c["evidence"]["line"]), c["evidence"]["rule"]) for c in report["casualties"]]
    got = [(r["evidence_text"], r["line"], r["rule"]) for r in rows if r["kind"] == "casualty"]
    assert got == expected
    counts = [(r["name"], r["count"], r["status"], r["evidence_text"]) for r in rows if r["kind"] == "count"]
    assert counts == [(c["munition"], str(c["count"]), c["status"], c["evidence"]["text"]) for c in report["munition_counts"]]
    assert any("\n" in r["evidence_text"] for r in rows), "the sample must put a line break into some evidence"
    assert any('"' in r["source"] or "," in r["source"] for r in rows)


def test_raw_output_is_rfc_4180():
    # The test runner turns CRLF into LF, so read the renderer's own output.
    from strikeparse.pipeline import parse_text
    from strikeparse.render.csv import CsvRenderer

    buffer = io.StringIO(newline="")
    renderer = CsvRenderer()
    renderer.begin(buffer)
    renderer.write(parse_text(REPORT, source='strike "Kharkiv", 3.txt'))
    raw = buffer.getvalue()
    assert raw.startswith(",".join(COLUMNS) + "\r\n")
    assert raw.endswith("\r\n")
    assert '"strike ""Kharkiv"", 3.txt"' in raw  # a field with quotes is quoted, its quotes doubled
    assert '"Two people were killed and 12\ninjured' in raw or "12\ninjured" in raw  # a line break stays inside its quoted field
    back = list(csv.reader(io.StringIO(raw, newline="")))
    assert all(len(row) == len(COLUMNS) for row in back)
    assert {row[0] for row in back[1:]} == {'strike "Kharkiv", 3.txt'}


def test_loads_in_pandas(parsed):
    pd = pytest.importorskip("pandas")
    rows, report, path = parsed
    result = CliRunner().invoke(app, ["parse", str(path), "--format", "csv"])
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(rows)
    totals = frame[frame.kind == "total"]
    killed = totals[(totals.outcome == "killed") & (totals.group == "all")]
    assert killed["low"].tolist() == [2]
