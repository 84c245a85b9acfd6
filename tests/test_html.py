"""Web pages: a saved .html file or HTML on stdin is parsed as its article text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.html import is_html

SAMPLES = Path(__file__).resolve().parent.parent / "samples"  # not from conftest: tests/ may or may not be a package
PAGE = SAMPLES / "webpage-kharkiv-drone-attack.html"
EXPECTED_TEXT = Path(__file__).parent / "data" / "html" / "webpage-kharkiv-drone-attack.expected.txt"
BOILERPLATE = ("cookies", "Advertisement", "Sponsored", "Read more", "Comments", "Newsletter", "All rights reserved", "Subscribe")


def run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(app, args, input=stdin)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("page.html", "no tags at all", True),
        ("PAGE.HTM", "", True),
        (None, "<!DOCTYPE html>\n<html><body>x</body></html>", True),
        (None, "\ufeff  \n<html lang='en'>", True),
        (None, "<?xml version='1.0'?>\n<!-- saved -->\n<!doctype html>", True),
        ("report.txt", "Drones hit Kharkiv overnight.\n", False),
        (None, "Drones hit Kharkiv.\n" + "x" * 2000 + " the page said <html>", False),
    ],
)
def test_is_html_by_suffix_or_opening_tag(name, text, expected):
    assert is_html(name, text) is expected


def test_missing_trafilatura_is_one_line_naming_the_input(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` raise ImportError
    result = run(["parse", str(PAGE), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(PAGE) in lines[0] and "strikeparse[html]" in lines[0]
    assert "Traceback" not in result.stderr


needs_trafilatura = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("trafilatura") is None, reason="trafilatura (strikeparse[html]) is not installed"
)


@needs_trafilatura
def test_page_is_reduced_to_its_article_text():
    from strikeparse.html import extract_article

    article = extract_article(PAGE.read_text(encoding="utf-8"), str(PAGE))
    assert article.text == EXPECTED_TEXT.read_text(encoding="utf-8")
    assert article.published == "2025-04-19"
    assert not any(word.lower() in article.text.lower() for word in BOILERPLATE)


@needs_trafilatura
def test_html_sample_gives_its_expected_report(schema_validator):
    from strikeparse import parse_text

    result = run(["parse", str(PAGE), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    schema_validator.validate(report)
    text = EXPECTED_TEXT.read_text(encoding="utf-8")
    # Offsets and lines index the extracted text, and the report is that text's report.
    spans = [c["evidence"] for c in (*report["munition_counts"], *report["casualties"])]
    spans += [e for x in (*report["munitions"], *report["locations"]) for e in x["mentions"]]
    assert spans and all(text[e["start"] : e["end"]] == e["text"] and e["line"] == text.count("\n", 0, e["start"]) + 1 for e in spans)
    assert report == parse_text(text, source=str(PAGE)).to_dict()
    assert report["date"] == "2025-04-19"
    assert report["title"] == "Russian drones hit Kharkiv, killing three"
    totals = {(t["outcome"], t["location"], t["group"]): (t["low"], t["high"]) for t in report["casualty_totals"]}
    assert totals[("killed", "Kharkiv", "all")] == (3, 3)
    assert totals[("injured", "Kharkiv", "all")] == (14, 14)
    counts = {(c["munition"], c["count"], c["status"]) for c in report["munition_counts"]}
    assert {("Shahed-136", 58, "launched"), ("Iskander-M", 2, "launched"), ("drone", 36, "intercepted")} <= counts
    # Nothing from the navigation, adverts, related links or comments.
    assert not {c for c in counts if c[1] in (100, 40, 25)}
    names = {loc["name"] for loc in report["locations"]}
    assert not names & {"Odesa", "Sumy"}


@needs_trafilatura
def test_html_on_stdin_is_detected_and_extracted():
    page = PAGE.read_text(encoding="utf-8")
    from_file = json.loads(run(["parse", str(PAGE), "--format", "jsonl"]).stdout)
    from_stdin = run(["parse", "-", "--format", "jsonl"], stdin=page)
    assert from_stdin.exit_code == 0, from_stdin.stderr
    data = json.loads(from_stdin.stdout)
    assert data["source"] == "<stdin>"
    assert {**data, "source": from_file["source"]} == from_file


@needs_trafilatura
def test_page_date_is_a_hint_below_the_text(tmp_path: Path):
    # The page says 2025-04-19 in its metadata; a text that states its own date keeps it.
    page = PAGE.read_text(encoding="utf-8").replace("KHARKIV, April 19, 2025", "KHARKIV, April 20, 2025")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    data = json.loads(run(["parse", str(tmp_path / "p.html"), "--format", "jsonl", "--date", "2024-01-01"]).stdout)
    assert data["date"] == "2025-04-20"


@needs_trafilatura
def test_html_sample_matches_its_golden_report(monkeypatch, schema_validator):
    # The same golden mechanism as test_golden.py (which takes the .txt samples), with evidence
    # checked against the extracted text rather than the page. STRIKEPARSE_UPDATE_GOLDEN=1 rewrites it.
    import os

    root = SAMPLES.parent
    monkeypatch.chdir(root)
    result = run(["parse", PAGE.relative_to(root).as_posix(), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)[0]
    assert list(schema_validator.iter_errors(got)) == []
    golden = PAGE.with_suffix(".json")
    if os.environ.get("STRIKEPARSE_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@needs_trafilatura
def test_explain_shows_the_extracted_text():
    result = run(["explain", str(PAGE), "--no-color"])
    assert result.exit_code == 0, result.stderr
    assert "KHARKIV" in result.stdout and "Shahed" in result.stdout
    assert not any(word in result.stdout for word in ("Advertisement", "cookies", "<p", "Newsletter"))
