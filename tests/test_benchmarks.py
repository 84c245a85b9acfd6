"""The benchmark scripts run on a small corpus and print the figures the README quotes
(they are not timed here: benchmarks live in benchmarks/, not in tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent  # not from conftest: tests/ may or may not be a package


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(out), "--total-mb", "0.02", "--seed", "5"],
        check=True,
        capture_output=True,
    )
    return out


def _run(script: str, *args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STRIKEPARSE_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True, env=env, check=False)


def test_stages_prints_each_stage_and_the_writing_floor(small_corpus: Path, tmp_path: Path):
    done = _run("stages.py", str(small_corpus), "--repeat", "1", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"corpus: {small_corpus}: ") and "MB of JSON Lines out" in lines[0]
    labels = [line.split(":")[0] for line in lines[1:]]
    stages = ["parse (rules, places, attribution)", "Report.to_dict", "json.dumps (C encoder)"]
    assert labels == [*stages, "render only (to_dict + dumps)", "all together"]
    assert all(" MB/s of input" in line for line in lines[1:])


def test_run_prints_one_file_times_and_each_jobs_rate(small_corpus: Path, tmp_path: Path):
    done = _run("run.py", str(small_corpus), "--jobs", "1", "--repeat", "1", "--cache-dir", str(tmp_path), cache=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "one file, cold cache:" in out and "one file, warm cache:" in out
    assert "--jobs 1:" in out and "MB/s" in out and "reports/s" in out and out.rstrip().endswith("exit 0")


def test_an_empty_folder_is_a_clear_error(tmp_path: Path):
    for script in ("stages.py", "run.py"):
        done = _run(script, str(tmp_path), cache=tmp_path / "cache")
        assert done.returncode == 2 and "no report files" in done.stderr and done.stdout == ""


@pytest.mark.slow
def test_a_small_soak_keeps_every_readable_report_and_names_every_unreadable_one(tmp_path: Path):
    # benchmarks/soak.py at a small size: truncated files, bad bytes, NULs, a one-megabyte line and files
    # deleted while the run goes, through two workers (issue 17.6; the README gives the 100 MB figures)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "soak.py"), str(tmp_path / "soak"), "--total-mb", "0.5", "--share", "0.1",
         "--jobs", "2", "--long-lines", "1"],
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout and "workers left 0" in done.stdout
