"""Shared test fixtures. Tests that read ../shared skip when it is absent (a fresh clone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
SCHEMA_PATH = ROOT / "tests" / "data" / "report.schema.json"

needs_shared = pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared is not present (fresh clone)")


@pytest.fixture(scope="session", autouse=True)
def _private_parser_cache(tmp_path_factory):
    """CLI runs cache their parser (strikeparse/cache.py): in a folder of this test session, never ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRIKEPARSE_CACHE_DIR", str(tmp_path_factory.mktemp("parser-cache")))
        yield


@pytest.fixture(scope="session")
def schema_validator():
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


@pytest.fixture(scope="session")
def parser():
    from strikeparse.pipeline import default_parser

    return default_parser()


def assert_evidence_slices(report: dict, text: str) -> None:
    """Every evidence span must slice the decoded text exactly (spec)."""
    records = [*report["munition_counts"], *report["casualties"]]
    spans = [r["evidence"] for r in records]
    spans += [m for x in [*report["munitions"], *report["locations"]] for m in x["mentions"]]
    for ev in spans:
        assert text[ev["start"] : ev["end"]] == ev["text"], ev
        assert ev["line"] == text.count("\n", 0, ev["start"]) + 1 or "\r" in text, ev
