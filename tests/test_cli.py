"""The CLI as a user sees it: stdout carries reports only, errors go to stderr with exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from strikeparse import __version__
from strikeparse.cli import app

REPORT = (
    "Drones hit Kharkiv overnight\n\n"
    "KHARKIV, March 3, 2025 - Russia launched 40 drones at Kharkiv overnight, and air defence shot down 31 of them. "
    "Two people were killed and 12 injured, including a child, the city's mayor said.\n"
)


def runner() -> CliRunner:
    return CliRunner()


def run(args: list[str], stdin: str | None = None):
    return runner().invoke(app, args, input=stdin)


def test_version():
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"strikeparse {__version__}"


def test_parse_file_gives_one_json_line(tmp_path: Path):
    report = tmp_path / "kharkiv.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = run(["parse", str(report), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["source"] == str(report)
    assert data["date"] == "2025-03-03"
    totals = {(t["outcome"], t["group"]): (t["low"], t["high"]) for t in data["casualty_totals"]}
    assert totals[("killed", "all")] == (2, 2)
    assert totals[("injured", "children")] == (1, 1)
    assert ["drone", 40, "launched"] in [[c["munition"], c["count"], c["status"]] for c in data["munition_counts"]]


def test_stdin_dash_and_source_name():
    result = run(["parse", "-", "--format", "jsonl"], stdin=REPORT)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_missing_file_is_an_error_but_others_are_parsed(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    result = run(["parse", str(tmp_path / "nope.txt"), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "nope.txt" in result.stderr and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_is_searched_recursively_in_sorted_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    result = run(["parse", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


def test_json_format_is_one_array(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = run(["parse", str(report), str(report), "--format", "json"])
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2


def test_table_fits_80_columns_without_colour(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = run(["parse", str(report), "--format", "table", "--width", "80", "--no-color"])
    assert result.exit_code == 0, result.stderr
    assert "Kharkiv" in result.stdout and "STRUCK" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def test_no_color_env_is_honoured(tmp_path: Path, monkeypatch):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    result = run(["parse", str(report), "--format", "table"])
    assert "\x1b[" not in result.stdout


def test_date_option_fills_a_report_without_a_date(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text("Drones were shot down over Sumy on Friday.\n", encoding="utf-8")
    result = run(["parse", str(report), "--date", "2025-05-09", "--format", "jsonl"])
    assert json.loads(result.stdout)["date"] == "2025-05-09"
    bad = run(["parse", str(report), "--date", "May 9"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr


def test_bad_rule_file_names_file_line_and_rule(tmp_path: Path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - id: my.rule\n    kind: casualty\n    pattern: '(unclosed'\n", encoding="utf-8")
    result = run(["parse", "-", "--rules", str(rules)], stdin=REPORT)
    assert result.exit_code == 3
    assert f"{rules}:4" in result.stderr and "my.rule" in result.stderr and "bad regex" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_rules_list_shows_file_and_id():
    result = run(["rules", "list"])
    assert result.exit_code == 0
    assert "casualty.death-toll" in result.stdout and "<builtin>/casualties.yaml:" in result.stdout


def test_user_rule_replaces_builtin_with_same_id(tmp_path: Path):
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "rules:\n  - id: casualty.death-toll\n    kind: casualty\n    set: {outcome: killed}\n"
        "    pattern: 'toll\\s+reached\\s+(?P<number>{{QNUM}})'\n",
        encoding="utf-8",
    )
    result = run(["rules", "list", "--rules", str(rules)])
    line = next(line for line in result.stdout.splitlines() if "casualty.death-toll" in line)
    assert str(rules) in line
