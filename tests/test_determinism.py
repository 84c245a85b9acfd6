"""The same input gives the same report in every process: no answer may hang on the order
of a set, which Python changes with each process's hash seed (PYTHONHASHSEED)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Two countries named once each: "the capital" must not point at one or the other by chance.
TIED_COUNTRIES = """Drones strike port city overnight

SANAA, June 21 (Reuters) - Houthi officials said on Saturday that strikes had hit the port.
Moscow did not comment on the report. Air raid alerts lasted for hours in several regions,
including the capital, where one man was injured.
"""


def _parse(path: Path, seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-m", "strikeparse", "parse", str(path), "--format", "jsonl", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def test_a_tie_between_countries_gives_the_same_capital_under_every_hash_seed(tmp_path: Path) -> None:
    report = tmp_path / "tied.txt"
    report.write_text(TIED_COUNTRIES, encoding="utf-8")
    outputs = {_parse(report, seed) for seed in range(6)}
    assert len(outputs) == 1


def test_the_samples_give_the_same_reports_under_other_hash_seeds() -> None:
    outputs = {_parse(SAMPLES, seed) for seed in (0, 1, 2)}
    assert len(outputs) == 1
