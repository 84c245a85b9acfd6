"""`strikeparse eval` and strikeparse/evaluate.py: the metric of ../shared/eval/score.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.evaluate import evaluate, gold_items, parse_with, prf, report_items, score
from strikeparse.read import Input

# (not imported from conftest: whether tests/ is a package is not this file's business)
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared is not present (fresh clone)")

REPORT = "KYIV, January 24, 2026 - A Russian drone attack killed two people in Kyiv and injured 5 in Bucha.\n"
GOLD = """\
date: 2026-01-24
munitions: [Shahed-136]
munition_counts: []
locations:
  struck: [Kyiv, Bucha]
  mentioned: [Abu Dhabi]
casualty_totals:
  - [killed, Kyiv, all, 2, 2]
  - [injured, Bucha, all, 5, 5]
"""


def run(args: list[str]):
    return CliRunner().invoke(app, args, env={"STRIKEPARSE_RULES": ""})


def test_prf_conventions_match_score_py():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing wanted, nothing given
    assert prf(0, 0, 2) == (0.0, 0.0, 0.0)
    assert prf(0, 3, 0) == (0.0, 1.0, 0.0)
    assert prf(2, 1, 1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_names_are_compared_loosely_and_countries_are_not_places():
    gold = gold_items({"locations": {"struck": ["Kyiv’s Darnytskyi district"], "mentioned": []}})
    report = report_items(
        {
            "locations": [
                {"name": "Kyivs Darnytskyi", "type": "district", "struck": True},
                {"name": "Russia", "type": "country", "struck": False},
            ],
            "munitions": [{"name": "drone"}, {"name": "Kh-101"}],
        }
    )
    assert gold["places"] == report["places"] and gold["struck"] == report["struck"]
    assert set(report["munitions"]) == {"kh 101"}  # classes are not models


def test_score_by_hand():
    golds = {"a": {"munitions": ["Kh-101", "Shahed-136"], "date": "2026-01-24"}, "b": {"munitions": ["Kinzhal"]}}
    reports = {"a": {"munitions": [{"name": "Kh-101"}, {"name": "Iskander-M"}], "date": "2026-01-24"}}
    result = score(golds, reports)
    munitions = next(f for f in result.fields if f.field == "munitions")
    assert (munitions.tp, munitions.fp, munitions.fn) == (1, 1, 2)  # "b" has no report: all missed
    assert munitions.precision == 0.5 and munitions.recall == pytest.approx(1 / 3)
    assert str(result.misses[0]) == "a munitions: missed ['shahed 136'] extra ['iskander m']"


def make_folder(tmp_path: Path) -> Path:
    (tmp_path / "kyiv.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "kyiv.gold.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def test_eval_command_prints_score_py_table(tmp_path: Path):
    result = run(["eval", str(make_folder(tmp_path))])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["field", "P", "R", "F1", "(tp/fp/fn)", "documents:", "1"]
    assert [ln.split()[0] for ln in lines[1:7]] == ["munitions", "counts", "places", "struck", "casualties", "date"]
    assert lines[-1].startswith("score: F1=")
    date = lines[6].split()
    assert date[1:4] == ["1.000", "1.000", "1.000"]
    munitions = lines[1].split()
    assert munitions[4] == "0/0/1"  # Shahed-136 is in the gold only


def test_eval_verbose_lists_each_miss(tmp_path: Path):
    result = run(["eval", str(make_folder(tmp_path)), "-v"])
    assert "kyiv munitions: missed ['shahed 136'] extra []" in result.stdout
    assert "kyiv places: missed ['abu dhabi']" in result.stdout


def test_eval_json_and_min(tmp_path: Path):
    folder = make_folder(tmp_path)
    result = run(["eval", str(folder), "--format", "json", "-v"])
    data = json.loads(result.stdout)
    assert data["documents"] == 1 and data["fields"]["date"]["f1"] == 1.0
    assert {"document": "kyiv", "field": "munitions", "missed": ["shahed 136"], "extra": []} in data["misses"]
    assert run(["eval", str(folder), "--min", "0.99"]).exit_code == 1
    assert run(["eval", str(folder), "--min", "0.1"]).exit_code == 0


def test_eval_missing_text_and_empty_folder(tmp_path: Path):
    empty = run(["eval", str(tmp_path)])
    assert empty.exit_code == 2 and "no *.gold.yaml" in empty.stderr
    (tmp_path / "lost.gold.yaml").write_text(GOLD, encoding="utf-8")
    result = run(["eval", str(tmp_path)])
    assert result.exit_code == 0 and "missing: no report for lost.txt" in result.stderr
    assert result.stdout.splitlines()[1].split()[4] == "0/0/1"


def test_user_rules_are_scored(tmp_path: Path):
    folder = make_folder(tmp_path)
    rules = tmp_path / "r.yaml"
    rules.write_text("munitions:\n  - name: Shahed-136\n    class: drone\n    aliases: [drone attack]\n", encoding="utf-8")
    # sanity of the mechanism, not of the rule: the same command with and without --rules differ
    plain = run(["eval", str(folder), "-v"]).stdout
    taught = run(["eval", str(folder), "-v", "--rules", str(rules)]).stdout
    assert "missed ['shahed 136']" in plain and "missed ['shahed 136']" not in taught


def score_py_figures(folder: Path, jsonl: Path) -> dict[str, tuple[float, float, float, str]]:
    proc = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(folder), "--jsonl", str(jsonl)],
        capture_output=True, text=True, check=True,
    )
    out = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+/\d+/\d+)$", line)
        if m:
            out[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)), m.group(5))
        if line.startswith("score: "):
            out["score"] = (0.0, 0.0, 0.0, line)
    return out


@needs_shared
@pytest.mark.parametrize("folder", [SHARED / "eval" / "dev", ROOT / "tests" / "extra_eval"], ids=["dev", "extra_eval"])
def test_agrees_with_score_py_to_the_third_decimal(parser, folder: Path, tmp_path: Path):
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    # score.py scores the very reports evaluate() made, so only the metric is compared
    # (rules edited while the tests run cannot make the two disagree).
    made: list[dict] = []
    parse = parse_with(parser)

    def recording(item):
        report = parse(item)
        made.append(dict(report))
        return report

    ours = evaluate(folder, recording)
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in made), encoding="utf-8")
    theirs = score_py_figures(folder, jsonl)
    for f in ours.fields:
        p, r, f1, counts = theirs[f.field]
        assert (round(f.precision, 3), round(f.recall, 3), round(f.f1, 3)) == (p, r, f1), f.field
        assert f"{f.tp}/{f.fp}/{f.fn}" == counts, f.field
    assert ours.score_line() == theirs["score"][3]


@needs_shared
def test_in_process_reports_are_the_cli_reports(parser):
    """What eval scores is what `strikeparse parse` prints (the same decoding, the same parser)."""
    folder = SHARED / "eval" / "dev"
    path = sorted(folder.glob("*.txt"))[0]
    cli = run(["parse", str(path), "--format", "json"])
    assert parse_with(parser)(Input(str(path), path)) == json.loads(cli.stdout)[0]
