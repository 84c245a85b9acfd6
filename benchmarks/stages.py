"""Where the time of `strikeparse parse --format jsonl` goes, measured in one process.

    python benchmarks/stages.py /tmp/corpus [--repeat 3]

Reads every report of the folder as the CLI does, then times, each over the whole corpus
(best of --repeat): parsing (rules, places, attribution, reconciliation) with the CLI's
parser, and the two steps of writing a report as JSON: `Report.to_dict()` and the
standard library's C JSON encoder. Writing alone bounds the end-to-end rate: however fast
parsing became, a run could not go faster than the "render only" figure, since the
contracted output (`strikeparse/1`, evidence on every figure) is several times the size
of its input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from strikeparse.cache import load_parser
from strikeparse.read import REPORT_SUFFIXES, Input, read_document


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a folder of reports (see make_corpus.py)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each stage; the best is reported [3]")
    args = ap.parse_args(argv)

    paths = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
    if not paths:
        print(f"no report files in {args.corpus}", file=sys.stderr)
        return 2
    docs = [read_document(Input(str(p), p)) for p in paths]  # the CLI's default size limit
    mb = sum(p.stat().st_size for p in paths) / 1e6
    parser = load_parser()
    parser.parse(docs[0])  # first use makes the patterns; not part of any stage

    reports = [parser.parse(doc) for doc in docs]
    dicts = [r.to_dict() for r in reports]
    out_mb = sum(len(json.dumps(d, ensure_ascii=False).encode()) + 1 for d in dicts) / 1e6

    parse_s = best_of(args.repeat, lambda: [parser.parse(doc) for doc in docs])
    to_dict_s = best_of(args.repeat, lambda: [r.to_dict() for r in reports])
    dumps_s = best_of(args.repeat, lambda: [json.dumps(d, ensure_ascii=False) for d in dicts])

    def rate(seconds: float) -> str:
        return f"{seconds:7.3f} s  {mb / seconds:7.2f} MB/s of input"

    print(f"corpus: {args.corpus}: {len(paths)} reports, {mb:.2f} MB in, {out_mb:.2f} MB of JSON Lines out ({out_mb / mb:.1f}x)")
    print(f"parse (rules, places, attribution): {rate(parse_s)}")
    print(f"Report.to_dict:                     {rate(to_dict_s)}")
    print(f"json.dumps (C encoder):             {rate(dumps_s)}")
    print(f"render only (to_dict + dumps):      {rate(to_dict_s + dumps_s)}  <- no run can beat this")
    print(f"all together:                       {rate(parse_s + to_dict_s + dumps_s)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
