"""The fast path (inlined patterns, the disk cache, worker processes) gives byte-identical
output to the plain path (STRIKEPARSE_PLAIN=1: the rules as written, built afresh, one process)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from strikeparse import cache
from strikeparse.model import Document

ROOT = Path(__file__).resolve().parent.parent  # not from conftest: tests/ may or may not be a package
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

EXTRA_EVAL = ROOT / "tests" / "extra_eval"
DEV = SHARED / "eval" / "dev"


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    _load_make_corpus().write_corpus(out, total_mb=0.03, seed=3, mean_kb=2.0, per_folder=5)
    return out


def _texts(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


@pytest.fixture(scope="module")
def plain_parser():
    from strikeparse.rules import rule_sources

    return cache.build_parser(rule_sources(env=False), fast=False)


@pytest.fixture(scope="module")
def fast_parser(tmp_path_factory):
    """Built, written to a fresh cache, and read back: the parser a warm start uses."""
    folder = tmp_path_factory.mktemp("fast-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRIKEPARSE_CACHE_DIR", str(folder))
        mp.delenv("STRIKEPARSE_RULES", raising=False)
        mp.delenv("STRIKEPARSE_PLAIN", raising=False)
        cache.load_parser()  # cold: builds and writes
        assert list(folder.glob("parser-*.pickle")), "the parser was not cached"
        warm = cache.load_parser()  # warm: read from disk
    return warm


def _same_json(paths: list[Path], plain_parser, fast_parser) -> None:
    from strikeparse.render.json import dumps

    assert paths
    for path in paths:
        doc = Document(source=str(path), text=path.read_text(encoding="utf-8"))
        assert dumps(fast_parser.parse(doc)) == dumps(plain_parser.parse(doc)), path


def test_fast_parser_equals_plain_on_samples(plain_parser, fast_parser):
    _same_json(_texts(SAMPLES), plain_parser, fast_parser)


def test_fast_parser_equals_plain_on_extra_eval(plain_parser, fast_parser):
    _same_json(_texts(EXTRA_EVAL), plain_parser, fast_parser)


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not present (fresh clone)")
def test_fast_parser_equals_plain_on_dev_set(plain_parser, fast_parser):
    _same_json(_texts(DEV), plain_parser, fast_parser)


def test_fast_parser_equals_plain_on_generated_corpus(plain_parser, fast_parser, generated_corpus):
    _same_json(_texts(generated_corpus), plain_parser, fast_parser)


def test_cached_parser_has_the_same_patterns(plain_parser, fast_parser):
    """Patterns rebuilt from the cache are the patterns the inline form compiles to."""
    from strikeparse.rules import rule_sources

    inline = cache.build_parser(rule_sources(env=False), fast=True)
    for built, loaded in zip(inline.ruleset.rules, fast_parser.ruleset.rules, strict=True):
        assert (loaded.id, loaded.compiled.pattern, loaded.compiled.flags) == (built.id, built.compiled.pattern, built.compiled.flags)
        assert loaded.compiled.groupindex == built.compiled.groupindex
        text = "At least 12 people were killed and 30 injured in Kharkiv; 5 drones were shot down."
        assert [m.span() for m in loaded.compiled.finditer(text)] == [m.span() for m in built.compiled.finditer(text)]
    assert len(plain_parser.ruleset.rules) == len(fast_parser.ruleset.rules)


def test_a_changed_rule_file_makes_a_new_cache_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_code_stamp", lambda: "fixed")
    monkeypatch.setenv("STRIKEPARSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("STRIKEPARSE_RULES", raising=False)
    rule_file = tmp_path / "mine.yaml"
    rule_file.write_text("rules:\n  - id: strike.mine\n    kind: strike\n    pattern: 'obliterated'\n", encoding="utf-8")
    first = cache.load_parser([rule_file])
    assert first.ruleset.get("strike.mine") is not None
    rule_file.write_text("rules:\n  - id: strike.mine\n    kind: strike\n    pattern: 'flattened'\n", encoding="utf-8")
    second = cache.load_parser([rule_file])
    assert second.ruleset.get("strike.mine").pattern == "flattened"
    assert len(list((tmp_path / "cache").glob("parser-*.pickle"))) == 2


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_code_stamp", lambda: "fixed")  # the key must not change while the test runs
    monkeypatch.setenv("STRIKEPARSE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("STRIKEPARSE_RULES", raising=False)
    cache.load_parser()
    (entry,) = tmp_path.glob("parser-*.pickle")
    entry.write_bytes(b"not a pickle")
    parser = cache.load_parser()
    assert parser.ruleset.rules
    assert entry.read_bytes() != b"not a pickle"  # written afresh


def test_a_bad_rule_file_is_still_an_error_with_the_cache(tmp_path, monkeypatch):
    from strikeparse.errors import RuleError

    monkeypatch.setenv("STRIKEPARSE_CACHE_DIR", str(tmp_path))
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    kind: strike\n    pattern: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bad regex"):
        cache.load_parser([bad])
    assert not list(tmp_path.glob("parser-*.pickle"))


def _cli(args: list[str], env_extra: dict[str, str], cache_dir: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("STRIKEPARSE_PLAIN", "STRIKEPARSE_RULES")}
    env.update(STRIKEPARSE_CACHE_DIR=str(cache_dir), **env_extra)
    return subprocess.run([sys.executable, "-m", "strikeparse", *args], capture_output=True, env=env, check=False, cwd=ROOT)


def test_jobs_two_equals_jobs_one_and_plain(generated_corpus, tmp_path):
    """Order, reports, warnings and errors: the same bytes with two workers as with none."""
    inputs = [str(SAMPLES), str(generated_corpus), str(tmp_path / "missing.txt")]
    plain = _cli(["parse", "--format", "jsonl", *inputs], {"STRIKEPARSE_PLAIN": "1"}, tmp_path / "c")
    one = _cli(["parse", "--format", "jsonl", "--jobs", "1", *inputs], {}, tmp_path / "c")
    two = _cli(["parse", "--format", "jsonl", "--jobs", "2", *inputs], {}, tmp_path / "c")
    assert plain.returncode == one.returncode == two.returncode == 1  # the missing file
    from strikeparse.read import REPORT_SUFFIXES

    reports = [p for folder in (SAMPLES, generated_corpus) for p in folder.rglob("*") if p.suffix in REPORT_SUFFIXES]
    assert plain.stdout.count(b"\n") == len(reports)
    assert one.stdout == plain.stdout
    assert two.stdout == plain.stdout
    assert two.stderr == one.stderr == plain.stderr


@pytest.mark.parametrize("fmt", ["json", "csv", "geojson"])
def test_every_format_is_the_same_with_two_workers(fmt, tmp_path):
    """JSON is written out in the workers (batch.Rendered), the other formats in the parent:
    either way the bytes are those of one process."""
    one = _cli(["parse", "--format", fmt, "--jobs", "1", str(SAMPLES)], {}, tmp_path / "c")
    two = _cli(["parse", "--format", fmt, "--jobs", "2", str(SAMPLES)], {}, tmp_path / "c")
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout and len(one.stdout) > 1000
    assert two.stderr == one.stderr


def test_jobs_reads_standard_input_in_order(tmp_path):
    sample = SAMPLES / "reuters-odesa-kyiv-energy.txt"
    env = {k: v for k, v in os.environ.items() if k != "STRIKEPARSE_PLAIN"}
    env["STRIKEPARSE_CACHE_DIR"] = str(tmp_path)
    args = [sys.executable, "-m", "strikeparse", "parse", "--format", "jsonl"]
    inputs = [str(SAMPLES / "governor-telegram-sumy.txt"), "-", str(sample)]
    one = subprocess.run([*args, "--jobs", "1", *inputs], input=sample.read_bytes(), capture_output=True, env=env, check=True)
    two = subprocess.run([*args, "--jobs", "2", *inputs], input=sample.read_bytes(), capture_output=True, env=env, check=True)
    assert two.stdout == one.stdout
    assert b'"source": "<stdin>"' in two.stdout.splitlines()[1]


def test_a_warm_one_file_json_run_imports_only_what_it_needs(tmp_path):
    """No Rich for JSON, no YAML with a warm cache, no pydantic (typer 0.29 would bring it),
    no worker pool machinery for one input: each is start-up time a shell loop pays per file."""
    code = (
        "import sys\n"
        "from strikeparse.cli import main\n"
        f"sys.argv = ['strikeparse', 'parse', '--format', 'jsonl', {str(SAMPLES / 'governor-telegram-sumy.txt')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('rich', 'yaml', 'pydantic', 'concurrent', 'multiprocessing')\n"
        "sys.stderr.write(' '.join(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy})) or 'NONE')\n"
    )
    env = dict(os.environ, STRIKEPARSE_CACHE_DIR=str(tmp_path))
    env.pop("STRIKEPARSE_PLAIN", None)
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=False)
    assert "rich" not in cold.stderr.decode()
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=False)
    assert warm.stderr.decode().endswith("NONE"), warm.stderr
