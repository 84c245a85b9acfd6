"""The command line: options, inputs, renderer choice and exit codes. Nothing else."""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .errors import EXIT_INPUT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, InputError, RuleError, StrikeparseError
from .model import Report
from .progress import write_line
from .read import DEFAULT_MAX_BYTES, STDIN, expand_inputs, read_document
from .render import EventsFormat, OutputFormat, Renderer, SummaryFormat, events_renderer_for, renderer_for

if TYPE_CHECKING:
    from .batch import Rendered
    from .pipeline import Parser

app = typer.Typer(
    name="strikeparse",
    help=(
        "Turn English reports of missile and drone strikes into structured, checkable data.\n\n"
        "Example: strikeparse parse reports/ --format csv > records.csv"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Inspect the loaded rules.\n\nExample: strikeparse rules list | grep casualty", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

# Options shared by the commands that read reports (parse, summary): declared once.
PathsArgument = Annotated[list[str] | None, typer.Argument(help="Report files, folders (searched recursively) or - for standard input.")]
DateOption = Annotated[str | None, typer.Option("--date", help="The date (YYYY-MM-DD) for reports that state none.")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colours in tables (NO_COLOR is honoured too).")]
WidthOption = Annotated[int | None, typer.Option("--width", help="Table width in columns (default: the terminal's).")]
RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules", "-r", help="A YAML rule file to add to the built-in rules (repeatable); a rule with the same id replaces the built-in one."
    ),
]


def _error(message: str) -> None:
    write_line(f"strikeparse: {message}")


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
    paths: PathsArgument = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format (default: table on a terminal, else jsonl).", case_sensitive=False),
    ] = None,
    rules: RulesOption = None,
    date: DateOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Parse on a Dask cluster: a scheduler address (tcp://host:8786), or local[:N] for N local worker processes. "
            "Paths may then be fsspec URLs and globs (s3://bucket/reports/*.txt). Needs strikeparse\\[dask].",
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parse this many files at once, in worker processes (default: the number of cores).")
    ] = None,
) -> None:
    """Parse reports and print one report per input.

    Example: strikeparse parse reports/ --format jsonl | jq '.casualty_totals'
    """
    fmt = output_format or (OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl)
    renderer = renderer_for(fmt, color=_use_color(no_color), width=width)
    # A table prints each report's warnings under it; on the terminal stderr also goes to, once is enough.
    echo_warnings = not (fmt is OutputFormat.table and _stdout_and_stderr_share_a_terminal())
    _render_reports(renderer, paths, rules, date, max_bytes, dask, jobs, echo_warnings)


@app.command()
def events(
    paths: PathsArgument = None,
    output_format: Annotated[EventsFormat, typer.Option("--format", "-f", help="csv (default) or jsonl.", case_sensitive=False)] = EventsFormat.csv,
    rules: RulesOption = None,
    date: DateOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parse this many files at once, in worker processes (default: the number of cores).")
    ] = None,
) -> None:
    """Dataset rows: one per (date, struck place), in ACLED's and UCDP GED's columns, with evidence offsets.

    Example: strikeparse events reports/ > events.csv
    """
    _render_reports(events_renderer_for(output_format), paths, rules, date, max_bytes, None, jobs, True)


def _render_reports(
    renderer: Renderer,
    paths: list[str] | None,
    rules: list[Path] | None,
    date: str | None,
    max_bytes: int,
    dask: str | None,
    jobs: int | None,
    echo_warnings: bool,
) -> NoReturn:
    """Parse the inputs and write each report through the renderer; the exit code says whether every input was read."""
    _check_date(date)
    args = _input_args(paths)
    batch = _Batch()
    reports: Iterator[Report | Rendered]
    if dask is None:
        # JSON is written out in the workers that parse (pre_render): see batch.Rendered
        pre_render = getattr(renderer, "pre_render", None)
        reports = _each_report(
            args, _make_parser(rules), max_bytes, date, batch, output_at_end=False, jobs=_jobs(jobs), rules=rules, render=pre_render,
            echo_warnings=echo_warnings,
        )
    else:
        reports = _each_report_on_dask(dask, args, rules, max_bytes, date, batch, echo_warnings=echo_warnings)
    renderer.begin(sys.stdout)
    for report in reports:
        try:
            with _whole_write():
                if isinstance(report, Report):
                    renderer.write(report)
                else:
                    renderer.write_rendered(report.text)  # type: ignore[attr-defined]
        except BrokenPipeError:
            _quiet_broken_pipe()
    try:
        renderer.end()
    except BrokenPipeError:
        _quiet_broken_pipe()
    raise typer.Exit(EXIT_INPUT_FAILED if batch.failed else EXIT_OK)


@app.command()
def summary(
    paths: PathsArgument = None,
    output_format: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help="Output format (default: table on a terminal, else json).", case_sensitive=False),
    ] = None,
    rules: RulesOption = None,
    date: DateOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    no_color: NoColorOption = False,
    width: WidthOption = None,
) -> None:
    """Aggregate many reports: munitions by model, places by oblast, reports per date.

    Figures of the same date that may overlap are shown as ranges (largest-sum), not added.

    Example: strikeparse summary reports/ --format csv > summary.csv
    """
    from .render.summary import write_summary
    from .summary import summarize

    _check_date(date)
    args = _input_args(paths)
    parser = _make_parser(rules)
    batch = _Batch()
    reports = _each_report(args, parser, max_bytes, date, batch, output_at_end=True)
    result = summarize(r for r in reports if isinstance(r, Report))  # no `render`: all are Reports
    fmt = output_format or (SummaryFormat.table if sys.stdout.isatty() else SummaryFormat.json)
    try:
        write_summary(result, fmt, sys.stdout, color=_use_color(no_color), width=width)
    except BrokenPipeError:
        _quiet_broken_pipe()
    raise typer.Exit(EXIT_INPUT_FAILED if batch.failed else EXIT_OK)


def _input_args(paths: list[str] | None) -> list[str]:
    args = list(paths or [])
    if not args:
        if sys.stdin.isatty():
            _error("error: give report files or folders, or - to read standard input")
            raise typer.Exit(EXIT_USAGE)
        args = [STDIN]
    return args


def _make_parser(rules: list[Path] | None) -> Parser:
    from .cache import load_parser  # built once per rule change and kept on disk
    from .limits import document_budget, rule_timeout

    try:
        rule_timeout()  # a bad STRIKEPARSE_RULE_TIMEOUT stops the run here, once, not on every input
        document_budget(0)  # and so does a bad STRIKEPARSE_DOCUMENT_BUDGET
        return load_parser(rules or [])
    except RuleError as exc:
        _error(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None


@dataclass
class _Batch:
    failed: bool = False  # an input could not be read: exit 1 at the end


def _each_report(
    args: list[str], parser: Parser, max_bytes: int, date: str | None, batch: _Batch, *, output_at_end: bool, jobs: int = 1,
    rules: list[Path] | None = None,
    render: Callable[[Report], str] | None = None,
    echo_warnings: bool = True,
) -> Iterator[Report | Rendered]:
    """The report of every readable input, in order (as Rendered text with `render`);
    errors and warnings go to stderr as they happen."""
    from .batch import Failure, parse_all
    from .progress import should_show_progress, track

    items = list(expand_inputs(args))
    show = should_show_progress(
        len(items), stderr_is_terminal=sys.stderr.isatty(), stdout_is_terminal=sys.stdout.isatty(), output_at_end=output_at_end
    )
    jobs = min(jobs, sum(1 for item in items if not isinstance(item, InputError)))  # no pool for one file
    outcomes = parse_all(parser, track(items, enabled=show), jobs=jobs, max_bytes=max_bytes, date=date, rule_files=rules or [], render=render)
    for report in outcomes:
        if isinstance(report, Failure):
            _error(f"error: {report}")
            batch.failed = True
            continue
        yield report
        # After the caller has written the report, so that a warning follows its report.
        for warning in report.warnings if echo_warnings else ():
            _error(f"warning: {report.source}: {warning}")


def _each_report_on_dask(
    address: str, args: list[str], rules: list[Path] | None, max_bytes: int, date: str | None, batch: _Batch, *, echo_warnings: bool = True
) -> Iterator[Report]:
    """--dask: the same reports, errors and warnings as _each_report, parsed on a Dask cluster (strikeparse/dask.py)."""
    from . import dask as on_dask  # deferred: the core install has no Dask, and this module imports it only when run

    try:
        outcomes = on_dask.run(address, args, rules or [], max_bytes=max_bytes, date_hint=date)
    except StrikeparseError as exc:  # no Dask extra, a bad rule file, no scheduler
        _error(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None

    def reports() -> Iterator[Report]:
        try:
            for outcome in outcomes:
                if isinstance(outcome, on_dask.ParseFailure):
                    _error(f"error: {outcome}")
                    batch.failed = True
                    continue
                yield outcome
                for warning in outcome.warnings if echo_warnings else ():
                    _error(f"warning: {outcome.source}: {warning}")
        except StrikeparseError as exc:  # the cluster failed, or its workers run another strikeparse
            _error(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None

    return reports()


def _stdout_and_stderr_share_a_terminal() -> bool:
    try:
        return sys.stdout.isatty() and sys.stderr.isatty() and os.ttyname(sys.stdout.fileno()) == os.ttyname(sys.stderr.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return False


def _jobs(requested: int | None) -> int:
    from .batch import default_jobs
    from .cache import plain_mode

    if plain_mode():
        return 1
    return requested if requested is not None else default_jobs()


def _check_date(value: str | None) -> None:
    """--date must be a real YYYY-MM-DD date: else one line on stderr and exit 2."""
    import datetime as dt

    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        pass
    else:
        if len(value) == 10:
            return
    _error(f"error: --date must be YYYY-MM-DD, not {value!r}")
    raise typer.Exit(EXIT_USAGE)


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


@rules_app.command("test")
def rules_test(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Rule files whose examples to run (default: the built-in rules and $STRIKEPARSE_RULES).")
    ] = None,
) -> None:
    """Run the examples rules carry: sentences that must match (with the values they must yield) and must not.

    Every failure is printed with the rule id, file:line, the sentence, what was expected and what the rule
    gave; exit 1 on any failure. Over the built-in rules, a rule with no positive example is a failure too.

    Example: strikeparse rules test my-rules.yaml
    """
    from .rules import load_rules
    from .ruletest import run_examples, uncovered

    try:
        ruleset = load_rules(files or [], env=not files)
    except RuleError as exc:
        _error(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None
    tested = {str(p) for p in files} if files else None
    rules = [r for r in ruleset.rules if tested is None or r.path in tested]
    failures = [str(f) for f in run_examples(ruleset, rules)]
    failures += [
        f"{r.origin}: rule {r.id!r}: has no positive example (every built-in rule needs one)"
        for r in uncovered(ruleset) if r.path.startswith("<builtin>/") and r in rules
    ]
    for failure in failures:
        typer.echo(failure)
    examples = sum(len(r.examples) for r in rules)
    typer.echo(f"rules test: {len(rules)} rules, {examples} examples, {len(failures)} failure{'s' * (len(failures) != 1)}")
    raise typer.Exit(EXIT_INPUT_FAILED if failures else EXIT_OK)


@rules_app.command("check")
def rules_check(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Rule files to check, with the built-in rules they build on (default: the built-in rules).")
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a pattern may take on one pathological probe string.")] = 1.0,
) -> None:
    """Check rule files and print every problem as file:line[:column]: rule 'id': message.

    Finds YAML errors, unknown keys, duplicate ids, regex errors (with their position in the pattern), named
    groups the rule's extractor never reads or needs but lacks, examples the rule contradicts, and patterns that
    backtrack catastrophically on probe strings such as 'a' x 5000. Exit 1 on any problem, 0 when clean.

    Example: strikeparse rules check my-rules.yaml
    """
    from .rulecheck import check_files, check_sources

    problems = check_files([str(p) for p in files], timeout) if files else check_sources([], timeout)
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"rules check: {len(problems)} problem{'s' * (len(problems) != 1)}" if problems else "rules check: no problems")
    raise typer.Exit(EXIT_INPUT_FAILED if problems else EXIT_OK)


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id or a catalog name, as `strikeparse rules list` prints them.")],
    rules: RulesOption = None,
    expanded: Annotated[bool, typer.Option("--expanded", help="Show the pattern with its {{MACROS}} expanded.")] = False,
) -> None:
    """Print one rule (file, line, kind, description, pattern as written, set values, examples) or catalog entry.

    Example: strikeparse rules show casualty.death-toll
    """
    from difflib import get_close_matches

    from .render.ruleinfo import describe_entry, describe_rule

    ruleset = _load_rules(rules)
    rule = ruleset.get(rule_id)
    if rule is not None:
        typer.echo(describe_rule(rule, expanded=expanded))
        return
    for what, entries in (("munition", ruleset.munitions), ("munition class", ruleset.munition_classes), ("place", ruleset.places)):
        for entry in entries:
            if entry.key == rule_id:
                typer.echo(describe_entry(what, entry))
                return
    names = [r.id for r in ruleset.rules] + [e.key for e in (*ruleset.munitions, *ruleset.munition_classes, *ruleset.places)]
    close = get_close_matches(rule_id, names, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see: strikeparse rules list)"
    _error(f"error: no rule or catalog entry {rule_id!r}{hint}")
    raise typer.Exit(EXIT_USAGE)


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def explain(
    path: Annotated[str, typer.Argument(metavar="FILE", help="One report file, or - for standard input.")],
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text: highlighted in the terminal; json: the same as data.")
    ] = ExplainFormat.text,
    rules: RulesOption = None,
    date: DateOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (NO_COLOR is honoured too).")] = False,
    width: Annotated[int | None, typer.Option("--width", help="Width in columns (default: the terminal's).")] = None,
) -> None:
    """Show every match in a report: the text highlighted, each match numbered and labelled with its rule id,
    the value it resolved to and the report records it fed; then the records.

    Example: strikeparse explain report.txt --rules my-rules.yaml
    """
    from .explain import explain as explain_document
    from .render.explain import write_json, write_terminal

    _check_date(date)
    items = list(expand_inputs([path]))
    if len(items) != 1:
        _error(f"error: {path}: explain takes one report file, not a folder")
        raise typer.Exit(EXIT_USAGE)
    item = items[0]
    parser = _make_parser(rules)
    try:
        if isinstance(item, InputError):
            raise item
        explained = explain_document(parser, read_document(item, max_bytes, date))
    except StrikeparseError as exc:
        _error(f"error: {exc}")
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    try:
        if output_format is ExplainFormat.json:
            write_json(explained, sys.stdout)
        else:
            write_terminal(explained, sys.stdout, color=_use_color(no_color), width=width)
    except BrokenPipeError:
        _quiet_broken_pipe()


@app.command("eval")
def eval_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A folder of NAME.txt reports with NAME.gold.yaml annotations.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print each document's misses and extras per field.")] = False,
    rules: RulesOption = None,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text: score.py's table; json: the same as data.")
    ] = ExplainFormat.text,
    minimum: Annotated[float | None, typer.Option("--min", help="Exit 1 when the mean F1 is below this.")] = None,
) -> None:
    """Score the rules against gold annotations (the form of docs/annotation-guidelines.md): precision, recall
    and F1 per field, micro-averaged over documents, and the mean F1, as the project's scorer computes them.

    Example: strikeparse eval samples/ -v --rules my-rules.yaml
    """
    import json

    from .evaluate import EvalError, evaluate, parse_with

    parser = _make_parser(rules)
    try:
        result = evaluate(folder, parse_with(parser))
    except EvalError as exc:
        _error(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    for note in result.notes:
        _error(f"warning: {note}")
    if output_format is ExplainFormat.json:
        typer.echo(json.dumps(result.to_dict() if verbose else {**result.to_dict(), "misses": []}, indent=2))
    else:
        for miss in result.misses if verbose else ():
            typer.echo(str(miss))
        typer.echo(result.table())
    raise typer.Exit(EXIT_INPUT_FAILED if minimum is not None and result.mean_f1 < minimum else EXIT_OK)


def main() -> NoReturn:
    """Entry point: Ctrl-C exits 130 and a closed pipe exits quietly, never with a traceback."""
    signal.signal(signal.SIGINT, _on_interrupt)
    _utf8_stdout()
    try:
        app()
    except SystemExit as exc:
        _flush_stdout()
        raise exc from None
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as exc:  # the output could not be written (a full disk): say so, no traceback
        _output_failed(exc)
    _flush_stdout()
    sys.exit(EXIT_OK)


class _Interrupt:
    writing = False  # a report is being written: Ctrl-C waits for its last byte
    pending = False  # Ctrl-C came while it was


@contextmanager
def _whole_write() -> Iterator[None]:
    """Ctrl-C during a report's write stops right after it, so output never ends in a partial line."""
    _Interrupt.writing = True
    try:
        yield
    finally:
        _Interrupt.writing = False
    if _Interrupt.pending:
        _stop_interrupted()


def _utf8_stdout() -> None:
    # Data written to a pipe or file is UTF-8 whatever the locale says (JSON must be, and an
    # ASCII or Latin-1 locale would otherwise end in a traceback); a terminal that cannot
    # show a character gets '?'.
    if not isinstance(sys.stdout, io.TextIOWrapper):
        return
    if sys.stdout.isatty():
        sys.stdout.reconfigure(errors="replace")
    else:
        sys.stdout.reconfigure(encoding="utf-8", errors="strict")


def _on_interrupt(_signum: int, _frame: object) -> None:
    if _Interrupt.writing:
        _Interrupt.pending = True
        return
    # Every report already written was flushed whole, so stopping here leaves no partial line.
    _stop_interrupted()


def _stop_interrupted() -> NoReturn:
    # os.write, not sys.stderr: the signal may have come in the middle of a sys.stderr write.
    with suppress(OSError):
        os.write(2, b"strikeparse: interrupted\n")
    _end_workers()
    os._exit(EXIT_INTERRUPTED)


def _end_workers() -> None:
    # --jobs workers ignore Ctrl-C and would outlive os._exit, parsing on and holding
    # the output pipe open (a `| head` pipeline would never see it close).
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None:
        for child in multiprocessing.active_children():
            child.kill()


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as exc:
        _output_failed(exc)


def _output_failed(exc: OSError) -> NoReturn:
    if exc.errno == errno.EPIPE:
        _quiet_broken_pipe()
    _error(f"error: cannot write the output: {exc.strerror or exc}")
    _exit_without_output(EXIT_INPUT_FAILED)


def _quiet_broken_pipe() -> NoReturn:
    # The reader (head, less) went away: nothing more to say, and no traceback.
    _exit_without_output(EXIT_OK)


def _exit_without_output(code: int) -> NoReturn:
    # what is still buffered for stdout has nowhere to go: point it at /dev/null, so that exiting
    # raises no second error, and stop the workers
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    _end_workers()
    os._exit(code)
