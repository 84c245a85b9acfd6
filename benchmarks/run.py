"""Measure `strikeparse parse --format jsonl` over a corpus: MB/s, reports/s, peak memory,
and the time of a one-file run on a warm cache.

    python benchmarks/make_corpus.py /tmp/corpus --total-mb 100
    python benchmarks/run.py /tmp/corpus --jobs 1 --jobs 2

Each run is a fresh `strikeparse` process (the installed entry point next to this
Python, or --cmd). Peak memory is sampled from /proc every 0.1 s: the sum of the
proportional set sizes (PSS) of the process and its workers, which is what the run holds
in memory as a whole (pages the forked workers share with the parent count once), and
the largest resident set of any one of them. CPU is user + system seconds of the process
and its workers; wall-clock figures on a busy machine are worth checking against it.
Output goes to /dev/null: the benchmark measures parsing, not a disk.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPORT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


def corpus_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in task.read_text().split())
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(sum of PSS, largest RSS) over a process tree, in kB; PSS shares a page among the
    processes that map it, so the sum is what the run as a whole holds in memory."""
    pss = rss = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = max(rss, int(line.split()[1]))
    return pss, rss


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, int, float]:
    """(wall s, cpu s, peak MB of all processes together, exit code, peak MB of the largest
    one) of one run; memory is sampled every 0.1 s from /proc (0 where there is none)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:  # in a thread, so that the wall clock stops when the run does
        while not done.wait(0.1):
            total, largest = _memory_kb(child.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    child.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    peak_total, peak_one = peaks
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak_total / 1024, child.returncode, peak_one / 1024


def default_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("strikeparse")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "strikeparse"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a folder of reports (see make_corpus.py)")
    ap.add_argument("--jobs", type=int, action="append", help="--jobs values to measure (repeatable) [1 and the number of cores]")
    ap.add_argument("--one-file", type=Path, help="the file for the one-file run [the corpus's first file]")
    ap.add_argument("--repeat", type=int, default=5, help="one-file runs; the best is reported [5]")
    ap.add_argument("--cmd", help="the strikeparse command [the one installed beside this Python]")
    ap.add_argument("--cache-dir", type=Path, help="STRIKEPARSE_CACHE_DIR for the runs [a fresh temporary folder]")
    args = ap.parse_args(argv)

    cmd = shlex.split(args.cmd) if args.cmd else default_cmd()
    env = dict(os.environ)
    # A warm start is one with Python's bytecode cache too, as after `pip install` (some
    # sandboxes and CI images set PYTHONDONTWRITEBYTECODE, which makes every start compile
    # the package's modules again: ~50 ms that no installed user pays).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["STRIKEPARSE_CACHE_DIR"] = str(args.cache_dir or tempfile.mkdtemp(prefix="strikeparse-bench-cache-"))
    files, size = corpus_size(args.corpus)
    if not files:
        print(f"no report files in {args.corpus}", file=sys.stderr)
        return 2
    one = args.one_file or min(p for p in args.corpus.rglob("*.txt"))
    mb = size / 1e6
    print(f"corpus: {args.corpus}: {files} files, {mb:.1f} MB")

    # The first run builds the parser cache; it is reported as the cold start.
    wall, cpu, *_ = timed([*cmd, "parse", "--format", "jsonl", str(one)], env)
    print(f"one file, cold cache: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms cpu")
    best = min(timed([*cmd, "parse", "--format", "jsonl", str(one)], env)[:2] for _ in range(args.repeat))
    print(f"one file, warm cache: {best[0] * 1000:.0f} ms wall, {best[1] * 1000:.0f} ms cpu (best of {args.repeat})")

    for jobs in args.jobs or [1, os.cpu_count() or 1]:
        wall, cpu, peak, code, largest = timed([*cmd, "parse", "--format", "jsonl", "--jobs", str(jobs), str(args.corpus)], env)
        print(
            f"--jobs {jobs}: {wall:.1f} s wall, {cpu:.1f} s cpu, {mb / wall:.2f} MB/s, {files / wall:.0f} reports/s, "
            f"peak memory {peak:.0f} MB (all processes, PSS; largest process {largest:.0f} MB RSS), exit {code}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
