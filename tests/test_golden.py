"""Golden files: each samples/NAME.txt (or .html) has samples/NAME.json, its expected report.

A new case is a new pair of files, not new test code. When a change to the
rules is intended, rewrite the goldens and review the diff:

    STRIKEPARSE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, assert_evidence_slices
from typer.testing import CliRunner

from strikeparse.cli import app

CASES = sorted(p for p in SAMPLES.glob("*.txt"))
UPDATE = os.environ.get("STRIKEPARSE_UPDATE_GOLDEN") == "1"


def test_there_are_at_least_six_samples_each_with_a_golden_file():
    assert len(CASES) >= 6
    missing = [p.name for p in CASES if not p.with_suffix(".json").exists()]
    assert missing == [] or UPDATE


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_sample_matches_its_golden_report(case: Path, monkeypatch, schema_validator):
    monkeypatch.chdir(ROOT)
    relative = case.relative_to(ROOT).as_posix()
    result = CliRunner().invoke(app, ["parse", relative, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)[0]
    assert list(schema_validator.iter_errors(got)) == []
    assert_evidence_slices(got, case.read_text(encoding="utf-8"))
    golden = case.with_suffix(".json")
    if UPDATE:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected
