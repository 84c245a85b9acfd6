"""The progress bar: on stderr for a person at a terminal, never otherwise."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.progress import MIN_INPUTS_FOR_PROGRESS, should_show_progress, track


@pytest.mark.parametrize(
    ("inputs", "stderr_tty", "stdout_tty", "at_end", "expected"),
    [
        (10, True, False, False, True),  # parse ... > out.jsonl, watched
        (10, True, True, True, True),  # summary on a terminal: output comes after the bar
        (10, True, True, False, False),  # parse tables on the same terminal: they are the progress
        (10, False, False, False, False),  # stderr to a log or CI
        (10, False, True, True, False),
        (1, True, False, True, False),  # one input: no bar
    ],
)
def test_decision(inputs, stderr_tty, stdout_tty, at_end, expected):
    assert should_show_progress(inputs, stderr_is_terminal=stderr_tty, stdout_is_terminal=stdout_tty, output_at_end=at_end) is expected


def test_track_draws_on_the_given_console_only_when_enabled():
    items = list(range(MIN_INPUTS_FOR_PROGRESS + 3))
    quiet = io.StringIO()
    assert list(track(items, enabled=False, console=Console(file=quiet, force_terminal=True))) == items
    assert quiet.getvalue() == ""
    drawn = io.StringIO()
    assert list(track(items, enabled=True, console=Console(file=drawn, force_terminal=True, width=80))) == items
    assert "parsing" in drawn.getvalue()


@pytest.fixture()
def many_reports(tmp_path: Path) -> Path:
    # Enough inputs for a bar, short ones so that the test stays quick.
    for i in range(MIN_INPUTS_FOR_PROGRESS + 2):
        (tmp_path / f"{i:02d}.txt").write_text(f"KHARKIV, March {i + 1}, 2025 - Drones hit Kharkiv overnight; {i + 2} people were injured.\n")
    return tmp_path


@pytest.mark.parametrize("command", [["parse", "--format", "jsonl"], ["summary", "--format", "json"]])
def test_nothing_on_stderr_when_it_is_not_a_terminal(many_reports: Path, command: list[str]):
    result = CliRunner().invoke(app, [*command, str(many_reports)])
    assert result.exit_code == 0
    # Only the reports' own warnings, one line each: no bar, no escape codes, no carriage returns.
    assert all(line.startswith("strikeparse: warning: ") for line in result.stderr.splitlines())
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr and "parsing" not in result.stderr
