"""The shell side: every command's --help shows a worked example; completion comes from Typer."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from strikeparse.cli import app


def _command_paths(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    # Typer ships its own copy of click, so groups are found by their `commands`, not by class.
    paths = [prefix]
    commands = getattr(group, "commands", None)
    if commands:
        for name, command in sorted(commands.items()):
            paths += _command_paths(command, (*prefix, name))
    return paths


COMMANDS = _command_paths(typer.main.get_command(app))


def test_every_command_is_found():
    assert {("parse",), ("summary",), ("rules", "list")} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "strikeparse")
def test_help_shows_a_worked_example(path: tuple[str, ...]):
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"strikeparse {' '.join(path)}".strip() in " ".join(result.stdout.split())


def test_completion_options_exist(monkeypatch):
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"})
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
    # The script is for the shell the command runs under (found from the process tree, which
    # has none when the tests run detached): as if run from bash.
    shellingham = pytest.importorskip("shellingham")
    monkeypatch.setattr(shellingham, "detect_shell", lambda *args, **kwargs: ("bash", "/bin/bash"))
    shown = CliRunner().invoke(app, ["--show-completion"], prog_name="strikeparse")
    assert shown.exit_code == 0 and "complete" in shown.stdout, (shown.stdout, shown.stderr, repr(shown.exception))
