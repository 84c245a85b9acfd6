"""The same parse on a Dask cluster: many machines, the same reports, in input order.

Needs the optional extra ``pip install 'strikeparse[dask]'`` (dask[bag],
distributed, fsspec) on the client and on every worker, with the same
strikeparse version. This module imports without it; its functions raise
MissingDaskError (an ImportError) when it is missing.

Inputs. Local files and folders are named exactly as a local run names them
(strikeparse.read.expand_inputs), so the ``source`` field is the same; a local
glob (``'reports/*.txt'``, quoted) is expanded too. An argument with a protocol
(``s3://``, ``gs://``, ``file://``...) is read through fsspec: a file, a folder
(its report files, recursively, sorted) or a glob URL (sorted matches); the
source of a file found that way is its full URL. Inputs are listed on the client
and read on the workers, so local paths must be visible to the workers at the
same absolute path (always true for ``--dask local``), and object stores need
their fsspec back-end (s3fs, gcsfs) and credentials on both. Standard input
(``-``) is read on the client and sent with its task.

Rules. The user's rule files (``--rules`` and $STRIKEPARSE_RULES, read on the
client) are sent to the workers as text and rebuilt there with
strikeparse.rules.build_ruleset on top of the worker's built-in rules. The
result must have the client's fingerprint (strikeparse.rules.RuleSet), else the
worker runs another strikeparse version and the run stops with
RulesMismatchError rather than give different reports.

Failures. Bytes are decoded by strikeparse.read (same warnings), and an input
that cannot be read or parsed becomes a ParseFailure in its place (an error
record ``{"source": ..., "error": ...}`` in parse_bag), never a lost batch. A
task whose code raises is retried (``retries``); a task whose worker dies is
rescheduled by the scheduler (up to its ``distributed.scheduler.allowed-failures``);
if a batch still kills its workers, its inputs are retried one by one, so only
the input that kills workers is lost, as a ParseFailure.
"""

from __future__ import annotations

import functools
import glob
import logging
import math
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_RULES, EXIT_USAGE, InputError, StrikeparseError
from .model import Report
from .read import DEFAULT_MAX_BYTES, REPORT_SUFFIXES, STDIN, STDIN_SOURCE, Input, document_from_bytes, expand_inputs, read_bytes, read_limited
from .rules import build_ruleset, builtin_rule_files, rule_sources

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

    from .pipeline import Parser

__all__ = ["MissingDaskError", "ParseFailure", "RulesMismatchError", "connect", "parse_bag", "parse_outcomes", "run"]

DEFAULT_RETRIES = 2
# Batches in flight per worker thread: enough to keep every worker busy while
# the client waits for the oldest batch, few enough to bound memory.
_IN_FLIGHT_PER_THREAD = 4
_MAX_BATCH = 64
_GLOB_CHARS = frozenset("*?[")
_QUIET_TRACKER = "ignore:resource_tracker:UserWarning"


class MissingDaskError(StrikeparseError, ImportError):
    exit_code = EXIT_USAGE

    def __init__(self, missing: str) -> None:
        super().__init__(f"--dask needs the Dask extra ({missing} is not installed): pip install 'strikeparse[dask]'")


class RulesMismatchError(StrikeparseError):
    """A worker's built-in rules differ from the client's: another strikeparse version."""

    exit_code = EXIT_RULES


class ClusterError(StrikeparseError):
    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class ParseFailure:
    """An input that gave no report, in its place in the output order."""

    source: str
    message: str  # what went wrong, without the source
    shown: str  # the error line of a local run (after "error: ")

    def __str__(self) -> str:
        return self.shown

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": self.message}

    @classmethod
    def of(cls, exc: StrikeparseError, source: str) -> ParseFailure:
        message = exc.message if isinstance(exc, InputError) else str(exc)
        return cls(source, message, str(exc))


@dataclass(frozen=True)
class Job:
    """One input for a worker: where to read it, and the name a local run gives it."""

    source: str
    url: str | None  # an fsspec URL or an absolute local path; None when data holds the bytes
    name: str | None  # the file name, which says whether it is a web page
    data: bytes | None = None  # standard input, read on the client


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs besides its jobs; sent once per run."""

    user_rules: tuple[tuple[str, str], ...]  # (path, text) of the user's rule files
    fingerprint: str  # of the client's whole rule set
    max_bytes: int = DEFAULT_MAX_BYTES
    date_hint: str | None = None
    storage_options: dict[str, Any] = field(default_factory=dict)


def _require_dask() -> None:
    for module in ("dask", "distributed", "fsspec"):
        try:
            __import__(module)
        except ImportError:
            raise MissingDaskError(module) from None


# --------------------------------------------------------------------------- client side: rules and inputs


def prepare_settings(
    rules: Iterable[str | Path] = (),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_hint: str | None = None,
    storage_options: dict[str, Any] | None = None,
) -> WorkerSettings:
    """Read and check the rules here (a bad rule file stops the run before any worker starts)."""
    user = tuple(rule_sources(rules, builtin=False))
    return WorkerSettings(user, _checked_fingerprint((*builtin_rule_files(), *user)), max_bytes, date_hint, dict(storage_options or {}))


@functools.lru_cache(maxsize=4)
def _checked_fingerprint(sources: tuple[tuple[str, str], ...]) -> str:
    # Compiling the rules takes about a second: a program that starts many runs with the same rules pays it once.
    return build_ruleset(sources).fingerprint


def plan_jobs(args: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, storage_options: dict[str, Any] | None = None) -> list[Job | ParseFailure]:
    """Every input the arguments name, in the order a local run parses them."""
    options = dict(storage_options or {})
    out: list[Job | ParseFailure] = []
    for arg in args:
        if arg == STDIN:
            out.append(_stdin_job(max_bytes))
        elif "://" in arg:
            out.extend(_url_jobs(arg, options))
        elif not os.path.lexists(arg) and _GLOB_CHARS & set(arg):
            out.extend(_local_glob_jobs(arg))
        else:
            out.extend(_local_jobs(arg))
    return out


def _stdin_job(max_bytes: int) -> Job | ParseFailure:
    try:
        return Job(STDIN_SOURCE, None, None, read_bytes(Input(STDIN_SOURCE, None), max_bytes))
    except InputError as exc:
        return ParseFailure.of(exc, STDIN_SOURCE)


def _local_jobs(arg: str) -> Iterator[Job | ParseFailure]:
    for item in expand_inputs([arg]):
        if isinstance(item, InputError):
            yield ParseFailure.of(item, item.source)
        elif item.path is not None:
            yield Job(item.source, str(item.path.absolute()), item.path.name)


def _local_glob_jobs(pattern: str) -> Iterator[Job | ParseFailure]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield ParseFailure.of(InputError(pattern, "no files match this pattern"), pattern)
    for match in matches:
        yield from _local_jobs(match)


def _url_jobs(arg: str, storage_options: dict[str, Any]) -> list[Job | ParseFailure]:
    import fsspec

    def failure(message: str) -> list[Job | ParseFailure]:
        return [ParseFailure.of(InputError(arg, message), arg)]

    try:
        fs, path = fsspec.core.url_to_fs(arg, **storage_options)
        if _GLOB_CHARS & set(path):
            matches = fs.glob(path, detail=True)
            if not matches:
                return failure("no files match this pattern")
            out: list[Job | ParseFailure] = []
            for match, info in sorted(matches.items()):
                if info.get("type") == "directory":
                    out.extend(_url_folder_jobs(fs, match, fs.unstrip_protocol(match)))
                else:
                    url = fs.unstrip_protocol(match)
                    out.append(Job(url, url, _basename(match)))
            return out
        if fs.isdir(path):
            return _url_folder_jobs(fs, path, arg)
        if fs.exists(path):
            return [Job(arg, arg, _basename(path))]
        return failure("no such file or folder")
    except ImportError as exc:  # fsspec names the back-end to install (s3fs, gcsfs...)
        return failure(f"cannot read this kind of URL here: {exc}")
    except (OSError, ValueError) as exc:
        return failure(f"cannot list: {exc}")


def _url_folder_jobs(fs: Any, root: str, shown: str) -> list[Job | ParseFailure]:
    root = root.rstrip("/")
    found = []
    for path in sorted(fs.find(root)):
        relative = path[len(root) :].strip("/").split("/")
        if Path(path).suffix.lower() in REPORT_SUFFIXES and not any(part.startswith(".") for part in relative):
            found.append(path)
    if not found:
        return [ParseFailure.of(InputError(shown, f"no report files ({', '.join(REPORT_SUFFIXES)}) in this folder"), shown)]
    return [Job(fs.unstrip_protocol(p), fs.unstrip_protocol(p), _basename(p)) for p in found]


def _basename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _batches(jobs: Sequence[Job | ParseFailure], size: int) -> list[list[Job | ParseFailure]]:
    return [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]


def default_batch_size(jobs: int, threads: int) -> int:
    """Several batches per worker thread (for balance and streaming), at most _MAX_BATCH inputs each."""
    return max(1, min(_MAX_BATCH, math.ceil(jobs / (max(threads, 1) * 8))))


# --------------------------------------------------------------------------- worker side


_PARSERS: dict[str, Parser] = {}
_PARSERS_LOCK = threading.Lock()


def _parser_for(settings: WorkerSettings) -> Parser:
    """One Parser per rule set per worker process, built on the first batch and kept."""
    from .cache import parser_from_sources

    with _PARSERS_LOCK:
        parser = _PARSERS.get(settings.fingerprint)
        if parser is None:
            parser = parser_from_sources([*builtin_rule_files(), *settings.user_rules])
            if parser.ruleset.fingerprint != settings.fingerprint:
                raise RulesMismatchError(
                    "a Dask worker's built-in rules differ from this machine's: install the same strikeparse version on the workers"
                )
            if len(_PARSERS) >= 4:  # a long-lived worker serving many rule sets keeps only the latest few
                _PARSERS.pop(next(iter(_PARSERS)))
            _PARSERS[settings.fingerprint] = parser
    return parser


def parse_batch(batch: Iterable[Job | ParseFailure], settings: WorkerSettings) -> list[Report | ParseFailure]:
    """Runs on a worker: each job's report, or its failure, in order."""
    parser = _parser_for(settings)
    out: list[Report | ParseFailure] = []
    for job in batch:
        if isinstance(job, ParseFailure):
            out.append(job)
            continue
        try:
            data = job.data if job.data is not None else _read(job, settings)
            out.append(parser.parse(document_from_bytes(data, job.source, job.name, settings.date_hint)))
        except StrikeparseError as exc:
            out.append(ParseFailure.of(exc, job.source))
        except Exception as exc:  # a bug on one input must not cost the batch
            out.append(
                ParseFailure(job.source, f"internal error: {type(exc).__name__}: {exc}", f"{job.source}: internal error: {type(exc).__name__}: {exc}")
            )
    return out


def _read(job: Job, settings: WorkerSettings) -> bytes:
    """The bytes of one input through fsspec, with strikeparse.read's limits and messages."""
    import fsspec

    assert job.url is not None
    try:
        fs, path = fsspec.core.url_to_fs(job.url, **settings.storage_options)
        return read_limited(job.source, lambda: fs.size(path), lambda: fs.open(path, "rb"), settings.max_bytes)
    except ImportError as exc:
        raise InputError(job.source, f"cannot read this kind of URL on the worker: {exc}") from None
    except OSError as exc:  # raised while finding the file system, before read_limited
        raise InputError(job.source, f"cannot read: {exc.strerror or exc}") from None


# --------------------------------------------------------------------------- the CLI's stream


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A Client for a scheduler address (tcp://host:8786), or for a new LocalCluster
    ('local' or 'local:N' worker processes) that is closed with the client."""
    _require_dask()
    from distributed import Client, LocalCluster

    if address != "local" and not address.startswith("local:"):
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        with client:
            yield client
        return
    workers_text = address.partition(":")[2]
    if workers_text and not (workers_text.isdigit() and int(workers_text) > 0):
        raise ClusterError(f"--dask local:N needs a number of worker processes, not {workers_text!r}")
    workers = int(workers_text) if workers_text else (os.cpu_count() or 1)
    # Ctrl-C and a closed pipe end the CLI at once (os._exit), leaving the worker processes'
    # semaphores to multiprocessing's resource tracker, which would then print a multi-line
    # warning on stderr. The tracker takes its -W options from sys.warnoptions when it starts.
    if _QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(_QUIET_TRACKER)
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR) as cluster,
        Client(cluster) as client,
    ):
        yield client


def parse_outcomes(
    client: Client,
    args: Sequence[str],
    rules: Iterable[str | Path] = (),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_hint: str | None = None,
    storage_options: dict[str, Any] | None = None,
    retries: int = DEFAULT_RETRIES,
    batch_size: int | None = None,
) -> Iterator[Report | ParseFailure]:
    """Each input's Report or ParseFailure, in input order, as soon as it and those before it are done.

    The rules are checked and the inputs listed before this returns (a RuleError
    is raised here, not half-way through the output); then batches are parsed on
    the cluster, a bounded number in flight.
    """
    settings = prepare_settings(rules, max_bytes=max_bytes, date_hint=date_hint, storage_options=storage_options)
    return _outcomes(client, plan_jobs(args, max_bytes=max_bytes, storage_options=storage_options), settings, retries, batch_size)


def _outcomes(
    client: Client, jobs: list[Job | ParseFailure], settings: WorkerSettings, retries: int, batch_size: int | None = None
) -> Iterator[Report | ParseFailure]:
    threads = sum(client.nthreads().values()) or 1
    batches = _batches(jobs, batch_size or default_batch_size(len(jobs), threads))
    return _stream(client, batches, settings, retries, threads * _IN_FLIGHT_PER_THREAD)


def run(
    address: str,
    args: Sequence[str],
    rules: Iterable[str | Path] = (),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_hint: str | None = None,
    storage_options: dict[str, Any] | None = None,
    retries: int = DEFAULT_RETRIES,
) -> Iterator[Report | ParseFailure]:
    """What `strikeparse parse --dask ADDRESS` parses: connect (or start a LocalCluster), then parse_outcomes.

    Everything that can stop the run before the first report (no Dask, a bad
    rule file, no scheduler) is raised here, before the caller writes anything;
    the cluster is closed when the returned stream ends or is closed.
    """
    _require_dask()
    # Rules and inputs first: a bad rule file stops the run before any cluster starts.
    settings = prepare_settings(rules, max_bytes=max_bytes, date_hint=date_hint, storage_options=storage_options)
    jobs = plan_jobs(args, max_bytes=max_bytes, storage_options=storage_options)
    stack = ExitStack()
    client = stack.enter_context(connect(address))
    try:
        outcomes = _outcomes(client, jobs, settings, retries)
    except BaseException:
        stack.close()
        raise
    return _closing(stack, outcomes)


def _closing(stack: ExitStack, outcomes: Iterator[Report | ParseFailure]) -> Iterator[Report | ParseFailure]:
    with stack:
        yield from outcomes


def _stream(
    client: Client, batches: list[list[Job | ParseFailure]], settings: WorkerSettings, retries: int, window: int
) -> Iterator[Report | ParseFailure]:
    from distributed import Future

    settings_future = client.scatter(settings, broadcast=True)
    pending = iter(batches)
    in_flight: deque[tuple[list[Job | ParseFailure], Future]] = deque()

    def submit_more() -> None:
        while len(in_flight) < window:
            batch = next(pending, None)
            if batch is None:
                return
            in_flight.append((batch, client.submit(parse_batch, batch, settings_future, retries=retries, pure=False)))

    submit_more()
    while in_flight:
        batch, future = in_flight.popleft()
        results = _result_or_isolate(client, batch, future, settings_future, retries)
        future.release()
        submit_more()
        yield from results


def _result_or_isolate(
    client: Client, batch: list[Job | ParseFailure], future: Any, settings_future: Any, retries: int
) -> list[Report | ParseFailure]:
    results = _result(future)
    if results is not None:
        return results
    if len(batch) == 1:
        return [_killed(batch[0])]
    # The batch killed its workers each time it ran: run its inputs one per task, so only the culprit is lost.
    singles = [client.submit(parse_batch, [job], settings_future, retries=retries, pure=False) for job in batch]
    out: list[Report | ParseFailure] = []
    for job, single in zip(batch, singles, strict=True):
        out.extend(_result(single) or [_killed(job)])
    return out


def _result(future: Any) -> list[Report | ParseFailure] | None:
    """A task's outcomes, or None when its workers died each time it ran."""
    from distributed import KilledWorker

    try:
        return list(future.result())
    except KilledWorker:
        return None
    except StrikeparseError:
        raise
    except Exception as exc:  # the scheduler went away, the task was cancelled...
        raise ClusterError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from None


def _killed(job: Job | ParseFailure) -> ParseFailure:
    if isinstance(job, ParseFailure):
        return job
    message = "a Dask worker died each time it parsed this input"
    return ParseFailure(job.source, message, f"{job.source}: {message}")


# --------------------------------------------------------------------------- the Python entry point


def parse_bag(
    paths: Sequence[str],
    rules: Iterable[str | Path] = (),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_hint: str | None = None,
    storage_options: dict[str, Any] | None = None,
    partition_size: int | None = None,
) -> dask.bag.Bag:
    """A Dask bag of one dict per input, in input order: the report (``Report.to_dict()``,
    the same JSON a local run writes) or, for an input that failed, an error record
    ``{"source": SOURCE, "error": MESSAGE}`` (no report has an "error" key).

    paths are read as ``strikeparse parse --dask`` reads them (local files, folders and
    globs; fsspec URLs and glob URLs); rules are extra rule files, checked here. Compute
    with a distributed Client to run on the cluster, e.g. ``bag.compute(retries=2)``.
    """
    _require_dask()
    import dask
    import dask.bag as db

    settings = prepare_settings(rules, max_bytes=max_bytes, date_hint=date_hint, storage_options=storage_options)
    jobs = plan_jobs(paths, max_bytes=max_bytes, storage_options=storage_options)
    size = partition_size or default_batch_size(len(jobs), threads=4)
    bag = db.from_sequence(jobs, partition_size=size) if jobs else db.from_sequence([], npartitions=1)
    # One key for the settings, shared by every partition, not a copy in each task.
    return bag.map_partitions(parse_batch, dask.delayed(settings, traverse=False)).map(_record)


def _record(outcome: Report | ParseFailure) -> dict[str, Any]:
    return outcome.to_dict()
