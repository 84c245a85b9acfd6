"""`strikeparse parse --dask` and strikeparse.dask.parse_bag: on a real two-process LocalCluster,
the output must be byte for byte what a local run writes, failures included."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from distributed import Client, KilledWorker, LocalCluster
from typer.testing import CliRunner

from strikeparse import dask as on_dask
from strikeparse.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared is not present (fresh clone)")
REPORT = "KHARKIV, March 3, 2025 - Russia launched 40 drones at Kharkiv overnight. Two people were killed and 12 injured.\n"
USER_RULES = "munitions:\n  - name: Zmiy-7\n    class: drone\n    aliases: [Zmiy-7, Zmiy]\n"


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as client:
        yield client


def run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(app, ["parse", "--format", "jsonl", *args], input=stdin)


def assert_same_as_local(args: list[str], address: str) -> str:
    """Run locally and on the cluster; stdout, stderr and the exit code must be identical."""
    local = run(args)
    distributed = run(["--dask", address, *args])
    assert distributed.stderr == local.stderr
    assert distributed.stdout == local.stdout
    assert distributed.exit_code == local.exit_code
    return local.stdout


def test_samples_are_byte_identical_on_the_cluster(cluster, monkeypatch):
    monkeypatch.chdir(ROOT)
    files = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.glob("*.txt"))
    assert len(files) >= 6
    stdout = assert_same_as_local(files, cluster.scheduler_address)
    assert [json.loads(line)["source"] for line in stdout.splitlines()] == files


@needs_shared
def test_dev_set_is_byte_identical_on_the_cluster(cluster):
    files = sorted(str(p) for p in (SHARED / "eval" / "dev").glob("*.txt"))
    assert files
    stdout = assert_same_as_local(files, cluster.scheduler_address)
    assert len(stdout.splitlines()) == len(files)


def test_failed_inputs_are_errors_in_place_and_the_rest_are_parsed(cluster, tmp_path: Path, monkeypatch):
    reports = tmp_path / "reports"
    (reports / "nested").mkdir(parents=True)
    (reports / "a-good.txt").write_text(REPORT, encoding="utf-8")
    (reports / "b-binary.txt").write_bytes(b"\x00\x01binary")
    (reports / "c-too-big.txt").write_text(REPORT * 40, encoding="utf-8")
    (reports / "nested" / "d-cp1252.txt").write_bytes(REPORT.replace("overnight", "overnight \u2013 caf\u00e9").encode("cp1252"))
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    args = ["--max-bytes", "1000", "reports", "missing.txt", "empty", "reports/nested/d-cp1252.txt"]
    local = run(args)
    assert local.exit_code == 1
    assert "reports/b-binary.txt: binary file" in local.stderr
    assert "reports/c-too-big.txt: file is" in local.stderr
    assert "missing.txt: no such file" in local.stderr
    assert "warning: reports/nested/d-cp1252.txt: not UTF-8" in local.stderr
    stdout = assert_same_as_local(args, cluster.scheduler_address)
    assert [json.loads(line)["source"] for line in stdout.splitlines()] == ["reports/a-good.txt", *["reports/nested/d-cp1252.txt"] * 2]


def test_user_rules_are_shipped_to_the_workers(cluster, tmp_path: Path):
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(USER_RULES, encoding="utf-8")
    report = tmp_path / "zmiy.txt"
    report.write_text("Russia launched five Zmiy-7 drones at Kharkiv overnight.\n", encoding="utf-8")
    stdout = assert_same_as_local(["--rules", str(rules), str(report)], cluster.scheduler_address)
    assert [m["name"] for m in json.loads(stdout)["munitions"]] == ["Zmiy-7"]


def test_standard_input_is_read_here_and_parsed_there(cluster):
    local = run(["-"], stdin=REPORT)
    distributed = run(["--dask", cluster.scheduler_address, "-"], stdin=REPORT)
    assert (distributed.stdout, distributed.stderr, distributed.exit_code) == (local.stdout, local.stderr, 0)
    assert json.loads(distributed.stdout)["source"] == "<stdin>"


def test_a_bad_rule_file_stops_the_run_before_the_cluster_is_used(cluster, tmp_path: Path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  - id: x\n    kind: casualty\n    pattern: '(unclosed'\n", encoding="utf-8")
    result = run(["--dask", cluster.scheduler_address, "--rules", str(rules), str(SAMPLES)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "bad.yaml:" in result.stderr and "'x'" in result.stderr


def test_glob_urls_are_read_through_fsspec(cluster, tmp_path: Path):
    for name in ("one.txt", "two.txt", "skip.md"):
        (tmp_path / name).write_text(REPORT.replace("40", str(len(name))), encoding="utf-8")
    result = run(["--dask", cluster.scheduler_address, f"file://{tmp_path}/*.txt"])
    assert result.exit_code == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in reports] == [f"file://{tmp_path}/one.txt", f"file://{tmp_path}/two.txt"]
    local = [json.loads(line) for line in run([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")]).stdout.splitlines()]
    assert [{**r, "source": None} for r in reports] == [{**r, "source": None} for r in local]
    nothing = run(["--dask", cluster.scheduler_address, f"file://{tmp_path}/*.pdf"])
    assert nothing.exit_code == 1
    assert nothing.stderr == f"strikeparse: error: file://{tmp_path}/*.pdf: no files match this pattern\n"


def test_parse_bag_gives_report_dicts_and_error_records_in_order(client, tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x00")
    bag = on_dask.parse_bag([str(good), str(tmp_path / "missing.txt"), str(binary)], partition_size=1)
    records = bag.compute()
    local = json.loads(run([str(good)]).stdout)
    assert records == [
        local,
        {"source": str(tmp_path / "missing.txt"), "error": "no such file or folder"},
        {"source": str(binary), "error": "binary file (NUL bytes), not a text report"},
    ]


def test_a_worker_killed_mid_run_is_retried_and_nothing_is_lost(client, monkeypatch):
    monkeypatch.chdir(ROOT)
    # enough single-file batches that some are still being parsed when the first comes back
    # (a worker parses a sample in tens of milliseconds)
    files = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.glob("*.txt"))[:4] * 15
    local = run(files).stdout
    outcomes = on_dask.parse_outcomes(client, files, batch_size=1)
    first = next(outcomes)
    # Kill a worker that is parsing, as the kernel's out-of-memory killer would.
    victim = next(worker for worker, keys in sorted(client.processing().items()) if keys)
    os.kill(client.run(os.getpid, workers=[victim])[victim], signal.SIGKILL)
    reports = [first, *outcomes]
    assert victim not in client.scheduler_info()["workers"]
    assert "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in reports) == local


class _Future:
    def __init__(self, outcome):
        self.outcome = outcome

    def result(self):
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


class _Client:
    """Runs a batch of one job at once; the job named 'poison' kills its worker every time."""

    def submit(self, func, batch, settings, **_options):
        if batch[0].source == "poison":
            return _Future(KilledWorker("parse_batch", "tcp://worker", 3))
        return _Future([f"report of {batch[0].source}"])


def test_an_input_that_kills_every_worker_is_a_per_input_error_not_a_lost_batch():
    batch = [on_dask.Job(name, None, None, b"") for name in ("first", "poison", "last")]
    outcomes = on_dask._result_or_isolate(_Client(), batch, _Future(KilledWorker("batch", "tcp://w", 3)), None, retries=2)
    assert outcomes[0] == "report of first"
    assert outcomes[2] == "report of last"
    assert isinstance(outcomes[1], on_dask.ParseFailure)
    assert str(outcomes[1]) == "poison: a Dask worker died each time it parsed this input"
    assert outcomes[1].to_dict() == {"source": "poison", "error": "a Dask worker died each time it parsed this input"}


def test_without_the_extra_dask_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = run(["--dask", "local:2", str(SAMPLES)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "strikeparse: error: --dask needs the Dask extra (distributed is not installed): pip install 'strikeparse[dask]'\n"
    )


def test_local_n_must_be_a_number():
    result = run(["--dask", "local:many", str(SAMPLES)])
    assert result.exit_code == 2
    assert "local:N needs a number of worker processes, not 'many'" in result.stderr


def test_the_core_install_does_not_pull_dask():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"]).lower()
    assert not any(name in core for name in ("dask", "distributed", "fsspec"))
    assert {"dask[bag]", "distributed", "fsspec"} <= {d.split(">")[0] for d in project["optional-dependencies"]["dask"]}
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    script = (
        "import sys, strikeparse\n"
        "from typer.testing import CliRunner\n"
        "from strikeparse.cli import app\n"
        f"result = CliRunner().invoke(app, ['parse', '--format', 'jsonl', {str(sample)!r}])\n"
        "assert result.exit_code == 0 and result.stdout, result.stderr\n"
        "print(sorted(m for m in sys.modules if m == 'strikeparse.dask' or m.split('.')[0] in ('dask', 'distributed', 'fsspec')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
