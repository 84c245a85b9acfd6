"""A document cannot hang the run (issue 17.1): work per sentence is bounded, rules are
cut short by the document's time budget, and what was read before is reported."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.limits import DOCUMENT_BUDGET_ENV, document_budget
from strikeparse.model import Document
from strikeparse.segment import MAX_SENTENCE, segment

STRIKE_WORDS = [
    "killed",
    "injured",
    "wounded",
    "drones",
    "missiles",
    "Shahed",
    "Kh-101",
    "Iskander",
    "shot",
    "down",
    "intercepted",
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "region",
    "oblast",
    "people",
    "at",
    "least",
    "more",
    "than",
    "12",
    "three",
    "40",
    "of",
    "52",
    "were",
    "was",
    "in",
    "the",
    "and",
    "hit",
    "struck",
    "attack",
    "district",
    "village",
    "2025",
    "March",
    "said",
    "governor",
]


def dense_text(characters: int, seed: int = 3) -> str:
    """Random strike words on one line, no sentence end: the shape that ran 668 s before."""
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < characters:
        word = rng.choice(STRIKE_WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def test_a_run_on_line_is_cut_into_bounded_sentences_that_cover_it():
    text = dense_text(20_000)
    sentences = segment(text).sentences
    assert len(sentences) >= 20_000 // MAX_SENTENCE
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_real_sentences_are_not_cut():
    sentence = "Russian forces launched 40 drones and three missiles at Kharkiv overnight, the governor said. "
    text = sentence * 30
    assert [text[s.start : s.end] for s in segment(text).sentences] == [sentence.strip()] * 30


def test_the_budget_grows_with_the_document_and_is_checked():
    assert document_budget(10) == document_budget(1_000_000)
    assert document_budget(3_600_000) == pytest.approx(3.6 * document_budget(1_000_000))


def test_a_bad_budget_setting_is_a_clear_error(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text("Two people were killed in Kyiv.", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(report)], env={DOCUMENT_BUDGET_ENV: "soon"})
    assert result.exit_code != 0 and result.stdout == ""
    assert DOCUMENT_BUDGET_ENV in result.stderr and "'soon'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_3_6_mb_keyword_dense_line_ends_with_its_report_and_a_warning(tmp_path: Path):
    path = tmp_path / "dense.txt"
    path.write_text(dense_text(3_600_000), encoding="utf-8")
    env = {**os.environ, DOCUMENT_BUDGET_ENV: "1"}  # 3.6 s for this document: the test is of the cut, not of speed
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "strikeparse", "parse", str(path), "--format", "jsonl"], capture_output=True, text=True, env=env, timeout=300
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a 3.6 MB document ran for 300 s: its budget did not bound it")
    assert done.returncode == 0, done.stderr[-2000:]
    [line] = done.stdout.splitlines()
    report = json.loads(line)
    assert report["locations"], "what was read before the budget ran out is reported"
    [warning] = [w for w in report["warnings"] if "time budget" in w]
    assert "ran out of its time budget of 3.6s in the " in warning and "rules: " in warning
    assert f"strikeparse: warning: {path}: {warning}" in done.stderr
    assert time.monotonic() - started < 300


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*STRIKE_WORDS, ".", ",", ";", "\n", "—"]), min_size=200, max_size=6000).map(" ".join))
def test_keyword_dense_text_always_finishes_within_a_generous_bound(parser, text: str):
    started = time.monotonic()
    with mock.patch.dict(os.environ, {DOCUMENT_BUDGET_ENV: "0.5"}):
        report = parser.parse(Document(source="dense", text=text)).to_dict()
    assert time.monotonic() - started < 30, "far past the 0.5 s budget: something outside the rules is unbounded"
    for record in report["casualties"]:
        assert text[record["evidence"]["start"] : record["evidence"]["end"]] == record["evidence"]["text"]
