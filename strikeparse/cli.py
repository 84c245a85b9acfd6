"""The command line: options, inputs, renderer choice and exit codes. Nothing else."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import EXIT_INPUT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, InputError, RuleError, StrikeparseError
from .read import DEFAULT_MAX_BYTES, STDIN, expand_inputs, read_document
from .render import OutputFormat, renderer_for

app = typer.Typer(
    name="strikeparse",
    help="Turn English reports of missile and drone strikes into structured, checkable data.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Inspect the loaded rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", "-r", help="A YAML rule file to add to the built-in rules (repeatable); a rule with the same id replaces the built-in one."),
]


def _error(message: str) -> None:
    sys.stderr.write(f"strikeparse: {message}\n")
    sys.stderr.flush()


def _load_rules(paths: list[Path] | None):  # type: ignore[no-untyped-def]
    from .rules import load_rules

    try:
        return load_rules(paths or [])
    except RuleError as exc:
        _error(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None


def _use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ


def _version(value: bool) -> None:
    if value:
        typer.echo(f"strikeparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Turn English reports of missile and drone strikes into structured, checkable data."""


@app.command()
def parse(
    paths: Annotated[list[str] | None, typer.Argument(help="Report files, folders (searched recursively) or - for standard input.")] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format [default: table on a terminal, else jsonl]", case_sensitive=False),
    ] = None,
    rules: RulesOption = None,
    date: Annotated[str | None, typer.Option("--date", help="The date (YYYY-MM-DD) for reports that state none.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours in tables (NO_COLOR is honoured too).")] = False,
    width: Annotated[int | None, typer.Option("--width", help="Table width in columns [default: the terminal's].")] = None,
) -> None:
    """Parse reports and print one report per input.

    Example: strikeparse parse reports/ --format jsonl | jq '.casualty_totals'
    """
    if date is not None and not _valid_date(date):
        _error(f"error: --date must be YYYY-MM-DD, not {date!r}")
        raise typer.Exit(EXIT_USAGE)
    args = list(paths or [])
    if not args:
        if sys.stdin.isatty():
            _error("error: give report files or folders, or - to read standard input")
            raise typer.Exit(EXIT_USAGE)
        args = [STDIN]
    ruleset = _load_rules(rules)
    from .pipeline import Parser

    parser = Parser(ruleset)
    fmt = output_format or (OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl)
    renderer = renderer_for(fmt, color=_use_color(no_color), width=width)
    renderer.begin(sys.stdout)
    failed = False
    for item in expand_inputs(args):
        if isinstance(item, InputError):
            _error(f"error: {item}")
            failed = True
            continue
        try:
            report = parser.parse(read_document(item, max_bytes, date))
        except StrikeparseError as exc:
            _error(f"error: {exc}")
            failed = True
            continue
        try:
            renderer.write(report)
        except BrokenPipeError:
            _quiet_broken_pipe()
        for warning in report.warnings:
            _error(f"warning: {report.source}: {warning}")
    try:
        renderer.end()
    except BrokenPipeError:
        _quiet_broken_pipe()
    raise typer.Exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


def _valid_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@rules_app.command("list")
def rules_list(rules: RulesOption = None) -> None:
    """Print every loaded rule with its kind, id and the file and line it comes from.

    Example: strikeparse rules list --rules my-rules.yaml
    """
    ruleset = _load_rules(rules)
    for rule in ruleset.rules:
        typer.echo(f"{rule.kind:<14} {rule.id:<40} {rule.origin}")
    for entry in ruleset.munitions:
        typer.echo(f"{'munition':<14} {entry.key:<40} {entry.path}:{entry.line}")


def main() -> NoReturn:
    """Entry point: Ctrl-C exits 130 and a closed pipe exits quietly, never with a traceback."""
    signal.signal(signal.SIGINT, _on_interrupt)
    try:
        app()
    except SystemExit as exc:
        _flush_stdout()
        raise exc from None
    except BrokenPipeError:
        _quiet_broken_pipe()
    _flush_stdout()
    sys.exit(EXIT_OK)


def _on_interrupt(_signum: int, _frame: object) -> None:
    # Every report already written was flushed whole, so stopping here leaves no partial line.
    _error("interrupted")
    os._exit(EXIT_INTERRUPTED)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()


def _quiet_broken_pipe() -> NoReturn:
    # The reader (head, less) went away: nothing more to say, and no traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os._exit(EXIT_OK)
