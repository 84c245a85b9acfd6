"""Every report validates against the spec's JSON Schema (a copy lives in tests/data)."""

from __future__ import annotations

import json

from conftest import SCHEMA_PATH, SHARED, assert_evidence_slices, needs_shared
from typer.testing import CliRunner

from strikeparse.cli import app


@needs_shared
def test_schema_copy_matches_the_spec():
    assert json.loads(SCHEMA_PATH.read_text()) == json.loads((SHARED / "spec" / "report.schema.json").read_text())


@needs_shared
def test_every_dev_report_validates(schema_validator):
    texts = sorted((SHARED / "eval" / "dev").glob("*.txt"))
    result = CliRunner().invoke(app, ["parse", *map(str, texts), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(texts)
    for path, report in zip(texts, reports, strict=True):
        assert list(schema_validator.iter_errors(report)) == [], path
        assert_evidence_slices(report, path.read_text(encoding="utf-8"))


@needs_shared
def test_dev_score_is_at_least_the_floor():
    """The score the project is held to (issue 2 asks 0.60; we keep well above it)."""
    import subprocess
    import sys

    from conftest import ROOT

    score = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(SHARED / "eval" / "dev"),
            "--cmd",
            f"{sys.executable} -m strikeparse parse --format jsonl",
            "--min",
            "0.90",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert score.returncode == 0, score.stdout + score.stderr
