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


@needs_shared
def test_the_docs_users_get_are_the_shared_contract():
    """A clone has no ../shared: docs/ carries the report format, its schema and the annotation rules."""
    from conftest import ROOT

    docs = ROOT / "docs"
    assert (docs / "report-format.md").read_text() == (SHARED / "spec" / "report-format.md").read_text()
    assert json.loads((docs / "report.schema.json").read_text()) == json.loads(SCHEMA_PATH.read_text())
    assert (docs / "annotation-guidelines.md").read_text() == (SHARED / "eval" / "GUIDELINES.md").read_text()


def test_eval_help_points_inside_the_project():
    help_text = CliRunner().invoke(app, ["eval", "--help"], env={"COLUMNS": "200"}).stdout
    assert "../shared" not in help_text and "docs/annotation-guidelines.md" in help_text
