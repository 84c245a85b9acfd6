"""What a person sees in a real terminal (tmux): each warning once, a progress bar that
leaves the warning lines whole, and help texts that show every word they were given."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from strikeparse.cli import app

STRIKEPARSE = Path(sys.executable).parent / "strikeparse"
BAD_BYTES_REPORT = (
    b"Drone strike on Kyiv\n\nKYIV, May 4, 2025 - A drone hit a house in Kyiv \xff\xfe killing 3 people, the mayor said.\n"
    b"Air defence downed 12 drones over the city.\n"
)
WARNING = "invalid UTF-8: 2 undecodable byte sequence(s) were replaced with U+FFFD"


# --- help texts ---------------------------------------------------------------------------------------------------------


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """(path, command) of every command and sub-command (typer's groups, whichever click it runs on)."""
    found: list[tuple[tuple[str, ...], Any]] = []
    for name, command in sorted(group.commands.items()):
        found.append(((*prefix, name), command))
        if hasattr(command, "commands"):
            found.extend(_commands(command, (*prefix, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_every_command_is_checked():
    assert {" ".join(path) for path, _ in COMMANDS} >= {"parse", "summary", "explain", "eval", "rules", "rules list", "rules test", "rules check"}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS])
def test_help_shows_every_bracketed_word_it_was_given(path: tuple[str, ...], command: Any):
    # Rich markup took "[dask]" for a style and printed "Needs strikeparse." instead.
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    shown = re.sub(r"[\s│╭╮╰╯─]+", " ", result.stdout)
    texts = [command.help or ""] + [getattr(param, "help", None) or "" for param in command.params]
    for text in texts:
        for token in re.findall(r"\\?\[[^\]\s]+\]", text):
            assert token.lstrip("\\") in shown, (path, token)
    assert "\\[" not in shown


# --- a real terminal ----------------------------------------------------------------------------------------------------

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None or not STRIKEPARSE.exists(), reason="needs tmux and the installed command")


class Terminal:
    """A detached tmux session of fixed size on its own server; run() waits for a marker line."""

    def __init__(self, width: int = 160, height: int = 50) -> None:
        self.socket = f"strikeparse-test-{uuid.uuid4().hex[:8]}"
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t")
        self.tmux("set-option", "-t", "t", "history-limit", "20000")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def run(self, command: str, timeout: float = 120) -> list[str]:
        tag = uuid.uuid4().hex[:6]
        self.tmux("send-keys", "-t", "t", f"echo START-{tag}; {command}; echo END-{tag}", "Enter")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = [line.rstrip() for line in self.tmux("capture-pane", "-t", "t", "-p", "-J", "-S", "-").splitlines()]
            if f"END-{tag}" in lines:
                return lines[lines.index(f"START-{tag}") + 1 : lines.index(f"END-{tag}")]
            time.sleep(0.2)
        raise AssertionError(f"{command!r} did not finish in {timeout} s")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal():
    term = Terminal()
    try:
        yield term
    finally:
        term.close()


@needs_tmux
def test_a_table_on_the_terminal_shows_each_warning_once(terminal: Terminal, tmp_path: Path):
    report = tmp_path / "mangled.txt"
    report.write_bytes(BAD_BYTES_REPORT)
    lines = terminal.run(f"NO_COLOR=1 {STRIKEPARSE} parse {shlex.quote(str(report))} --width 150")
    assert sum(WARNING in line for line in lines) == 1, lines
    assert any("Kyiv" in line and "killed" in line for line in lines), lines


@needs_tmux
def test_json_on_the_terminal_still_warns_on_stderr(terminal: Terminal, tmp_path: Path):
    report = tmp_path / "mangled.txt"
    report.write_bytes(BAD_BYTES_REPORT)
    lines = terminal.run(f"{STRIKEPARSE} parse {shlex.quote(str(report))} --format jsonl")
    assert sum(f"strikeparse: warning: {report}: {WARNING}" in line for line in lines) == 1, lines


@needs_tmux
def test_a_warning_heavy_summary_keeps_every_warning_line_whole_beside_the_bar(terminal: Terminal, tmp_path: Path):
    samples = Path(__file__).resolve().parent.parent / "samples"
    body = b"\n".join(path.read_bytes() for path in sorted(samples.glob("*.txt"))[:8])
    names = [f"report-{i:02d}.txt" for i in range(40)]
    for name in names:
        (tmp_path / name).write_bytes(body + b"\n" + BAD_BYTES_REPORT)
    lines = terminal.run(f"NO_COLOR=1 {STRIKEPARSE} summary {shlex.quote(str(tmp_path))} --width 150")
    for name in names:
        expected = f"strikeparse: warning: {tmp_path / name}: {WARNING}"
        assert sum(line == expected for line in lines) == 1, (expected, lines)
    warning_lines = [line for line in lines if "warning" in line]
    assert all(line.startswith("strikeparse: warning: ") for line in warning_lines), warning_lines
    assert not any("parsing" in line or "━━━━━━━━━━━━━━━━━━━━" in line and "/40" in line for line in lines), lines
    assert "40 reports" in lines, lines
