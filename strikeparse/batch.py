"""Many inputs -> their reports, in input order, on one process or several (`--jobs N`).

With N > 1 the inputs are parsed by N worker processes. The results come back in input
order and are yielded as soon as the next one in order is done (streaming), and at most
`IN_FLIGHT_PER_JOB * N` inputs are read or parsed at any time, so memory stays bounded
by the number in flight, not by the size of the batch. With N = 1 no pool is made.

Workers inherit the parent's Parser where processes are forked (Linux); elsewhere each
worker loads it from the disk cache (strikeparse/cache.py). A worker never writes to
stdout or stderr: errors come back as `Failure` values and are printed by the caller,
in order, exactly as with one process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .errors import InputError, StrikeparseError
from .model import Document
from .read import Input, read_document

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from .model import Report
    from .pipeline import Parser

IN_FLIGHT_PER_JOB = 4


@dataclass(frozen=True)
class Failure:
    """An input that gave no report; `message` is what the single-process path prints."""

    message: str

    def __str__(self) -> str:
        return self.message


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Rendered:
    """A report already written out by a renderer's `pre_render` (in the worker that parsed
    it): the parent process only writes the text, instead of unpickling a Report of
    hundreds of small objects, which cost it as much as the workers' parsing saved."""

    source: str
    warnings: tuple[str, ...]
    text: str


Outcome = Union["Report", Rendered, Failure]


def parse_one(
    parser: Parser, item: Input | InputError | Document, max_bytes: int, date: str | None, render: Callable[[Report], str] | None = None
) -> Outcome:
    if isinstance(item, InputError):
        return Failure(str(item))
    try:
        report = parser.parse(item if isinstance(item, Document) else read_document(item, max_bytes, date))
    except StrikeparseError as exc:
        return Failure(str(exc))
    except RecursionError:
        return Failure(f"{item.source}: internal error: too deeply nested to parse; the other inputs are parsed")
    except Exception as exc:  # a bug on one input must not cost the others their reports
        return Failure(f"{item.source}: internal error ({type(exc).__name__}: {exc}); the other inputs are parsed; please report this input")
    return report if render is None else Rendered(report.source, report.warnings, render(report))


def parse_all(
    parser: Parser,
    items: Iterable[Input | InputError],
    *,
    jobs: int = 1,
    max_bytes: int,
    date: str | None = None,
    rule_files: Sequence[str | Path] = (),
    render: Callable[[Report], str] | None = None,
) -> Iterator[Outcome]:
    """The outcome of every item, in order. `rule_files` rebuild the parser in workers
    that cannot inherit it (spawned rather than forked). With `render` (a module-level
    function, so that it reaches the workers), reports come as Rendered text."""
    if jobs <= 1:  # the CLI asks for no more jobs than it has inputs
        for item in items:
            yield parse_one(parser, item, max_bytes, date, render)
        return
    yield from _parse_in_pool(parser, items, jobs, max_bytes, date, rule_files, render)


# --------------------------------------------------------------------------- worker processes

_WORKER_PARSER: Parser | None = None


def _init_worker(rule_files: Sequence[str | Path]) -> None:
    global _WORKER_PARSER
    import signal

    # Ctrl-C is the parent's to report (once); the workers end when it does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _WORKER_PARSER is None:  # spawned, not forked: load it (from the disk cache, normally)
        from .cache import load_parser

        _WORKER_PARSER = load_parser(rule_files)


def _work(item: Input | InputError | Document, max_bytes: int, date: str | None, render: Callable[[Report], str] | None) -> Outcome:
    assert _WORKER_PARSER is not None
    return parse_one(_WORKER_PARSER, item, max_bytes, date, render)


def _done(outcome: Outcome) -> Future[Outcome]:
    from concurrent.futures import Future

    future: Future[Outcome] = Future()
    future.set_result(outcome)
    return future


def _pool_context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork shares the built parser with the workers at no cost; it exists on Linux and macOS,
    # where spawn is the safe default only for programs with threads, which this is not.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _parse_in_pool(
    parser: Parser,
    items: Iterable[Input | InputError],
    jobs: int,
    max_bytes: int,
    date: str | None,
    rule_files: Sequence[str | Path],
    render: Callable[[Report], str] | None = None,
) -> Iterator[Outcome]:
    global _WORKER_PARSER
    from concurrent.futures import ProcessPoolExecutor

    context = _pool_context()
    if context.get_start_method() == "fork":
        parser.warm()
        _WORKER_PARSER = parser  # inherited by the forked workers
    pending: deque[Future[Outcome]] = deque()
    limit = IN_FLIGHT_PER_JOB * jobs
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(tuple(rule_files),))
    try:
        for item in items:
            if isinstance(item, InputError):
                pending.append(_done(Failure(str(item))))
            elif item.path is None:
                # Workers have no standard input: it is read here, and parsed there in its turn.
                # Reading it may wait (a pipe still being written), so the reports before it go out first.
                while pending:
                    yield pending.popleft().result()
                try:
                    document = read_document(item, max_bytes, date)
                except StrikeparseError as exc:
                    pending.append(_done(Failure(str(exc))))
                else:
                    pending.append(executor.submit(_work, document, max_bytes, date, render))
            else:
                pending.append(executor.submit(_work, item, max_bytes, date, render))
            while pending and pending[0].done():  # every report as soon as it (and those before it) is done
                yield pending.popleft().result()
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
        if context.get_start_method() == "fork":
            _WORKER_PARSER = None
