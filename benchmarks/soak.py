"""A soak (issue 17.6): a corpus of reports with random corruption through `parse --jobs N`.

    python benchmarks/soak.py /tmp/soak --total-mb 100 --jobs 2

Writes a corpus with make_corpus.py, then corrupts a share of its files: truncated
(cut mid-character), bad bytes, NUL bytes mid-file (binary: unreadable), five
one-megabyte lines, and files deleted while the run is going. It runs the installed `strikeparse
parse --format jsonl --jobs N` over the folder, sampling memory (the sum of PSS over
the process and its workers, as benchmarks/run.py does), and checks what a user
relies on:

* every readable report is on stdout, one JSON line each, in input order;
* every unreadable one (binary, deleted) is named on stderr, one `error:` line each;
* the exit status is 1 (some inputs failed);
* no worker process outlives the run.

It prints the figures and exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402
from run import _memory_kb, _tree, default_cmd  # noqa: E402

KINDS = ("truncated", "bad_bytes", "nul", "long_line", "deleted")


def corrupt(folder: Path, share: float, seed: int, max_long_lines: int = 5) -> dict[str, list[Path]]:
    """Corrupt `share` of the files, spread over KINDS; returns the files of each kind."""
    rng = random.Random(seed)
    files = sorted(folder.rglob("*.txt"))
    chosen = rng.sample(files, int(len(files) * share))
    out: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    long_lines = 0
    for i, path in enumerate(chosen):
        kind = KINDS[i % len(KINDS)]
        if kind == "long_line":
            if long_lines >= max_long_lines:
                kind = "bad_bytes"
            long_lines += 1
        data = path.read_bytes()
        if kind == "truncated":
            cut = rng.randrange(1, max(2, len(data)))
            path.write_bytes(data[:cut] + "\u2014".encode()[:2])  # ends inside a character
        elif kind == "bad_bytes":
            spots = sorted(rng.sample(range(len(data)), min(6, len(data))))
            pieces, last = [], 0
            for spot in spots:
                pieces += [data[last:spot], bytes([rng.choice([0x81, 0x8D, 0xFF, 0xFE, 0xC3])])]
                last = spot
            path.write_bytes(b"".join([*pieces, data[last:]]))
        elif kind == "nul":
            middle = len(data) // 2
            path.write_bytes(data[:middle] + b"\x00\x00" + data[middle:])
        elif kind == "long_line":
            body = data.replace(b"\n", b" ")
            path.write_bytes((body * (1_000_000 // max(1, len(body)) + 1))[:1_000_000])
        out[kind].append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the corpus in (created; emptied first)")
    ap.add_argument("--total-mb", type=float, default=100.0)
    ap.add_argument("--share", type=float, default=0.05, help="share of files to corrupt [0.05]")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--long-lines", type=int, default=5, help="one-megabyte lines, at most [5]: each is a megabyte of work on its own")
    args = ap.parse_args(argv)

    if args.out.exists():
        subprocess.run(["rm", "-rf", str(args.out)], check=True)
    write_corpus(args.out, args.total_mb, args.seed)
    kinds = corrupt(args.out, args.share, args.seed, args.long_lines)
    all_files = sorted(args.out.rglob("*.txt"))
    size = sum(p.stat().st_size for p in all_files)
    print(f"corpus: {len(all_files)} files, {size / 1e6:.1f} MB; corrupted: " + ", ".join(f"{k} {len(v)}" for k, v in kinds.items()))

    out_path, err_path = args.out.with_suffix(".jsonl"), args.out.with_suffix(".stderr")
    env = {**os.environ, "STRIKEPARSE_CACHE_DIR": str(args.out.with_suffix(".cache"))}
    subprocess.run([*default_cmd(), "parse", "--format", "jsonl", str(all_files[0])], env=env, capture_output=True)  # warm the cache
    started = time.perf_counter()
    with open(out_path, "wb") as stdout, open(err_path, "wb") as stderr:
        command = [*default_cmd(), "parse", "--format", "jsonl", "--jobs", str(args.jobs), str(args.out)]
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        peak = [0]
        members: set[int] = set()
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _memory_kb(child.pid)[0])
                members.update(_tree(child.pid))

        def delete_later() -> None:  # files deleted while the run is going, after the folder was listed
            time.sleep(1.0)
            for path in kinds["deleted"]:
                path.unlink(missing_ok=True)

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=delete_later, daemon=True)]
        for thread in threads:
            thread.start()
        code = child.wait()
        wall = time.perf_counter() - started
        done.set()
        threads[0].join()
    time.sleep(0.5)
    left = sorted(pid for pid in members if pid != child.pid and Path(f"/proc/{pid}").exists())

    reports = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    errors = [line for line in err_path.read_text(encoding="utf-8", errors="replace").splitlines() if line.startswith("strikeparse: error:")]
    warnings = [line for line in err_path.read_text(encoding="utf-8", errors="replace").splitlines() if line.startswith("strikeparse: warning:")]
    named = {e.split(": ", 3)[2] for e in errors}
    sources = [r["source"] for r in reports]
    nul = {str(p) for p in kinds["nul"]}
    deleted = {str(p) for p in kinds["deleted"]}
    # a file deleted after it was read gives its report; one deleted before, an error
    read_before_deletion = deleted & set(sources)
    expected = [str(p) for p in all_files if str(p) not in nul | deleted or str(p) in read_before_deletion]
    unreadable = nul | (deleted - read_before_deletion)
    checks = {
        "every readable report is out, once, in input order": sources == expected,
        "every unreadable input (binary, deleted) is named on stderr": unreadable <= named,
        "nothing else is an error": named <= unreadable,
        "exit status is 1": code == 1,
        "no worker left": not left,
    }
    print(
        f"--jobs {args.jobs}: {wall:.1f} s, {size / 1e6 / wall:.2f} MB/s, {len(reports)} reports out, {len(errors)} errors "
        f"({len(unreadable)} unreadable inputs), {len(warnings)} warnings, peak memory {peak[0] / 1024:.0f} MB "
        f"(all processes, PSS), exit {code}, workers left {len(left)}"
    )
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
