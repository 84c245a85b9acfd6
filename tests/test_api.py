"""The Python API gives what the CLI gives: `to_dict()` equals the CLI's JSON, on every sample."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import strikeparse
from strikeparse import load_rules, parse_path, parse_text
from strikeparse.cli import app
from strikeparse.model import Report
from strikeparse.read import REPORT_SUFFIXES

SAMPLES = Path(__file__).resolve().parent.parent / "samples"  # not from conftest: tests/ may or may not be a package
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in REPORT_SUFFIXES)


def _needs(path: Path):
    if path.suffix in (".html", ".htm"):
        pytest.importorskip("trafilatura")


@pytest.fixture(scope="module")
def cli_reports() -> dict[str, dict]:
    result = CliRunner().invoke(app, ["parse", *map(str, SAMPLE_FILES), "--format", "jsonl"])
    return {json.loads(line)["source"]: json.loads(line) for line in result.stdout.splitlines()}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_parse_path_equals_the_cli(path: Path, cli_reports: dict[str, dict]):
    _needs(path)
    report = parse_path(path)
    assert isinstance(report, Report)
    assert report.to_dict() == cli_reports[str(path)]


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_parse_text_equals_the_cli(path: Path, cli_reports: dict[str, dict]):
    report = parse_text(path.read_text(encoding="utf-8"), source=str(path))
    assert report.to_dict() == cli_reports[str(path)]


def test_samples_are_all_compared():
    assert len(SAMPLE_FILES) >= 9 and any(p.suffix == ".html" for p in SAMPLE_FILES)


def test_public_names_and_typed_package():
    assert set(strikeparse.__all__) >= {"parse_text", "parse_path", "load_parser", "load_rules"}
    assert (Path(strikeparse.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize("make_parser", ["load_parser", "Parser(load_rules)"])
def test_custom_rules_through_the_api(tmp_path: Path, make_parser: str):
    from strikeparse.api import Parser, load_parser

    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "rules:\n  - id: casualty.death-toll\n    kind: casualty\n    set: {outcome: killed}\n"
        "    pattern: 'toll\\s+reached\\s+(?P<number>{{QNUM}})'\n",
        encoding="utf-8",
    )
    parser = load_parser([rules]) if make_parser == "load_parser" else Parser(load_rules([rules]))
    report = parse_text("KHARKIV, March 3, 2025 - The toll reached 7 after the strike on Kharkiv.\n", parser=parser)
    assert [(t.outcome, t.low) for t in report.casualty_totals if t.group == "all"] == [("killed", 7)]


def test_readme_pandas_example_runs(tmp_path: Path):
    pd = pytest.importorskip("pandas")
    reports = [parse_path(p) for p in SAMPLE_FILES if p.suffix == ".txt"]
    # The README's example, as written there.
    totals = pd.DataFrame([{"source": r.source, "date": r.date, **t.to_dict()} for r in reports for t in r.casualty_totals])
    killed = totals[(totals.outcome == "killed") & (totals.group == "all")]
    table = killed.pivot_table(index="location", columns="date", values="low", aggfunc="max")
    expected = next(t.low for r in reports for t in r.casualty_totals if t.location == "Kryvyi Rih" and t.outcome == "killed" and t.group == "all")
    assert table.loc["Kryvyi Rih"].max() == expected


_API_RUN = "from strikeparse import parse_text; print(parse_text('Two drones hit Kharkiv.').to_dict()['locations'][0]['name'])"


@pytest.mark.parametrize("plain", [False, True])
def test_the_api_uses_the_cached_fast_parser_unless_plain(tmp_path: Path, plain: bool):
    """parse_text builds the CLI's fast parser once and keeps it on disk (a second Python
    process starts from the cache); STRIKEPARSE_PLAIN=1 keeps to the plain path, caching nothing."""
    env = {**os.environ, "STRIKEPARSE_CACHE_DIR": str(tmp_path), "STRIKEPARSE_PLAIN": "1" if plain else ""}
    env.pop("STRIKEPARSE_RULES", None)
    done = subprocess.run([sys.executable, "-c", _API_RUN], env=env, capture_output=True, text=True, check=True)
    assert done.stdout == "Kharkiv\n"
    assert bool(list(tmp_path.glob("parser-*.pickle"))) is not plain
