"""The parser, built once per rule change and kept on disk, so that a one-file run starts fast.

Building a Parser means reading the YAML rule files, expanding and compiling ~50 rule
patterns, building the munition catalog's patterns and the gazetteer's name sets: about
a second, or several with the fast (inlined) pattern form. The built Parser is pickled
to `<cache dir>/parser-<key>.pickle`:

* the key hashes the rule files (path and text, as `RuleSet.fingerprint` does), the
  package version and sources, the gazetteer data file, the regex module's version and
  the Python version, so that any change to what the parser is made of makes a new file;
* the regex module cannot pickle compiled patterns (it recompiles them on load), so each
  pattern is stored as the arguments its compiler handed to the C engine (opcodes, group
  tables), recorded while the parser is built, and rebuilt by the same C call at its
  first use (LazyPattern): the same object `regex.compile` makes, without its slow
  Python-side parse and optimise, and only for the rules a report gives work to;
* the cache dir is $STRIKEPARSE_CACHE_DIR, else $XDG_CACHE_HOME/strikeparse, else
  ~/.cache/strikeparse. STRIKEPARSE_NO_CACHE=1 turns the cache off; a cache that cannot
  be read or written is ignored (the parser is built as without it).

STRIKEPARSE_PLAIN=1 turns off every acceleration (this cache, the inlined pattern form,
the prefilter and worker processes): the plain path that the fast one must equal.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .pipeline import Parser

CACHE_FORMAT = 2


def plain_mode() -> bool:
    """True when STRIKEPARSE_PLAIN asks for the plain path (no accelerations at all)."""
    return os.environ.get("STRIKEPARSE_PLAIN", "") not in ("", "0")


def cache_dir() -> Path | None:
    if plain_mode() or os.environ.get("STRIKEPARSE_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("STRIKEPARSE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "strikeparse"


def build_parser(sources: Sequence[tuple[str, str]], *, fast: bool | None = None) -> Parser:
    """A Parser with everything built (rules, catalog, gazetteer, number tables)."""
    from .pipeline import Parser
    from .rules import build_ruleset

    fast = not plain_mode() if fast is None else fast
    parser = Parser(build_ruleset(sources, inline_macros=fast))
    parser.warm()
    return parser


def load_parser(extra: Iterable[str | Path] = ()) -> Parser:
    """The Parser for the built-in rules, $STRIKEPARSE_RULES and `extra` rule files.

    From the disk cache when it holds one for exactly these rule files, else built (and
    then cached). Raises RuleError for a bad rule file, exactly as building would.
    """
    from .rules import rule_sources

    return parser_from_sources(rule_sources(extra))


def parser_from_sources(sources: Sequence[tuple[str, str]]) -> Parser:
    """The Parser for these rule files (as `rule_sources` gives them), through the disk cache."""
    folder = cache_dir()
    if folder is None:
        return build_parser(sources)
    path = folder / f"parser-{cache_key(sources)}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    from . import pipeline  # noqa: F401 - its modules' patterns are the memo seeds, not the build's

    at_import = _memo_keys()
    with _recording_patterns() as recorded:
        parser = build_parser(sources)
    _write(path, parser, recorded, _memo_seeds(recorded, at_import))
    return parser


def cache_key(sources: Sequence[tuple[str, str]]) -> str:
    import regex

    digest = hashlib.sha256()
    for part in (str(CACHE_FORMAT), __version__, regex.__version__, sys.version, _code_stamp()):
        digest.update(part.encode() + b"\0")
    for path, text in sources:
        digest.update(path.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()[:32]


def _code_stamp() -> str:
    """The package's own sources and data: a parser pickled by other code is not reused."""
    # size and modification time, not contents: read at every start, so it must be cheap;
    # an edit or a reinstall changes them
    package = resources.files("strikeparse")
    parts = []
    for entry in sorted(Path(str(package)).rglob("*.py")):
        stat = entry.stat()
        parts.append(f"{entry.relative_to(str(package))}:{stat.st_size}:{stat.st_mtime_ns}")
    data = Path(str(package)) / "data" / "gazetteer.tsv.gz"
    if data.exists():
        stat = data.stat()
        parts.append(f"data:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


# --------------------------------------------------------------------------- compiled patterns


class _Recorder:
    """Stands in for the regex module's C engine while a parser is built: records the
    arguments of every pattern it compiles, keyed by (pattern text, flags)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.seen: dict[tuple[str, int], tuple[Any, ...]] = {}

    def compile(self, *args: Any) -> Any:
        self.seen[(args[0], args[1])] = args
        return self._engine.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


@contextlib.contextmanager
def _recording_patterns() -> Iterator[dict[tuple[str, int], tuple[Any, ...]]]:
    import regex._main as regex_main

    engine = regex_main._regex  # type: ignore[attr-defined]
    recorder = _Recorder(engine)
    regex_main._regex = recorder  # type: ignore[attr-defined]
    try:
        yield recorder.seen
    finally:
        regex_main._regex = engine  # type: ignore[attr-defined]


def _pattern_from_engine(args: tuple[Any, ...]) -> Any:
    import regex._main as regex_main

    return regex_main._regex.compile(*args)  # type: ignore[attr-defined]


def _pack(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Engine arguments in a form quick to unpickle: the opcode list (thousands of ints) as
    the bytes of an array, the flags as a plain int (not an enum member)."""
    from array import array

    code = array("I", args[2])
    return (args[0], int(args[1]), code.tobytes(), *args[3:]) if code.itemsize == 4 else args


def _unpack(packed: tuple[Any, ...]) -> tuple[Any, ...]:
    from array import array

    if not isinstance(packed[2], bytes):
        return packed
    return (packed[0], packed[1], array("I", packed[2]).tolist(), *packed[3:])


class LazyPattern:
    """A compiled pattern read from the cache, made by the engine when first used.

    Most rules never run on a given report (the prefilter finds no keyword for them), so
    making all ~130 patterns at start-up would cost a one-file run ~25 ms for nothing.
    At first use the pattern's methods are copied onto the instance: later calls go
    straight to the compiled pattern, with no indirection.
    """

    _FORWARDED = ("match", "search", "finditer", "fullmatch", "findall", "sub", "subn", "split", "scanner")

    def __init__(self, args: tuple[Any, ...]) -> None:
        self._args = args

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_args", "_real"):
            raise AttributeError(name)
        real = self.__dict__.get("_real")
        if real is None:
            real = self.__dict__["_real"] = _pattern_from_engine(_unpack(self._args))
            for method in self._FORWARDED:
                self.__dict__[method] = getattr(real, method)
        return getattr(real, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyPattern, (self._args,)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0][:40]!r}...)"


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, recorded: dict[tuple[str, int], tuple[Any, ...]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.recorded = recorded

    def reducer_override(self, obj: Any) -> Any:
        import regex

        if not isinstance(obj, regex.Pattern):
            return NotImplemented
        args = self.recorded.get((obj.pattern, obj.flags))
        if args is None:  # compiled before recording began (regex's own memo): compile again, recorded
            with _recording_patterns() as seen:
                regex.compile(obj.pattern, obj.flags, cache_pattern=False)
            args = seen[(obj.pattern, obj.flags)]
            self.recorded[(obj.pattern, obj.flags)] = args
        return LazyPattern, (_pack(args),)


# --------------------------------------------------------------------------- regex's own memo
#
# The modules of the pipeline compile ~100 patterns when imported, and the regex module
# keeps every compiled pattern in a memo keyed by (pattern, flags, ...). The cache file
# starts with those patterns (as engine arguments) so that, put into the memo before the
# pipeline is imported, each of those compiles is a dict look-up.

_Seed = tuple[str, int, int, tuple[Any, ...]]  # pattern, flags as given, regex.DEFAULT_VERSION, engine arguments


def _memo_keys() -> set[Any]:
    import regex._main as regex_main

    return set(regex_main._cache)  # type: ignore[attr-defined]


def _memo_seeds(recorded: dict[tuple[str, int], tuple[Any, ...]], keys: set[Any]) -> list[_Seed]:
    """Seeds for the memo entries `keys` (those the modules made when imported)."""
    import regex
    import regex._main as regex_main

    seeds: list[_Seed] = []
    for key, compiled in list(regex_main._cache.items()):  # type: ignore[attr-defined]
        if key not in keys:
            continue
        pattern, kind, flags, named_lists, version, locale = key
        if kind is not str or named_lists or locale is not None:
            continue
        args = recorded.get((compiled.pattern, compiled.flags))
        if args is None:
            with _recording_patterns() as seen:
                regex.compile(pattern, flags, cache_pattern=False)
            args = seen.get((compiled.pattern, compiled.flags))
        if args is not None:
            seeds.append((pattern, flags, version, args))
    return seeds


def _seed_memo(seeds: list[_Seed]) -> None:
    import regex._main as regex_main

    memo, named_args, locale_sensitive = regex_main._cache, regex_main._named_args, regex_main._locale_sensitive  # type: ignore[attr-defined]
    default_version = regex_main.DEFAULT_VERSION
    if len(memo) + len(seeds) >= regex_main._MAXCACHE:  # type: ignore[attr-defined]
        return  # the memo would be shrunk at once: not worth it
    for pattern, flags, version, args in seeds:
        if version != default_version:
            continue
        memo[(pattern, str, flags, frozenset(), version, None)] = _pattern_from_engine(args)
        named_args[(pattern, str, flags)] = frozenset()
        locale_sensitive[(str, pattern)] = False


def _write(path: Path, parser: Parser, recorded: dict[tuple[str, int], tuple[Any, ...]], seeds: list[_Seed]) -> None:
    try:
        buffer = io.BytesIO()
        pickle.dump(seeds, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        _Pickler(buffer, recorded).dump(parser)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole to a temporary file, then renamed: a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".parser-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)
        _prune(path)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only a slower next start
        with contextlib.suppress(Exception):
            os.unlink(tmp)  # type: ignore[possibly-undefined]


def _read(path: Path) -> Parser | None:
    try:
        with path.open("rb") as handle:
            _seed_memo(pickle.load(handle))
            # imported only now, after the memo is seeded: its modules' patterns are look-ups
            from .pipeline import Parser

            got = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, stale or damaged: build afresh
        return None
    return got if isinstance(got, Parser) else None


KEEP_FILES = 8


def _prune(latest: Path) -> None:
    """Keep the newest few parsers (one per rule-file combination in use)."""
    files = sorted(latest.parent.glob("parser-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        with contextlib.suppress(OSError):
            old.unlink()
