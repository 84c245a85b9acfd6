"""`strikeparse rules check`: find every problem in rule files, not just the first.

The loader (rules.py) stops at the first error, which is right for a run. A rule
author wants the whole list: YAML errors and unknown keys, duplicate ids, regex
errors with their position in the pattern as written, named groups the rule's
extractor never reads (and names it needs that the pattern lacks), examples the
rule contradicts, and patterns that backtrack catastrophically on probe strings.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from .errors import RuleError
from .model import MUNITION_CLASSES, PLACE_TYPES
from .rules import (
    CLASS_KEYS,
    EXAMPLE_KEYS,
    MACRO_REF,
    MUNITION_KEYS,
    NUMBER_KEYS,
    PLACE_KEYS,
    RULE_KEYS,
    TOP_KEYS,
    Node,
    Rule,
    RuleSet,
    _compile_rule,
    build_ruleset,
    builtin_rule_files,
    expand_macros,
    lexicon_macros,
    parse_yaml,
    plain,
)
from .ruletest import run_examples

_CASUALTY_GROUPS = frozenset({"number", "persons", "killed", "injured", "hospitalized", "missing", "children", "military", "update", "both"})
# The named groups each kind's extractor reads (extract/*.py); kinds not listed read none.
GROUPS_READ: Mapping[str, frozenset[str]] = {
    "casualty": _CASUALTY_GROUPS,
    "no_casualty": _CASUALTY_GROUPS,
    "count": frozenset({"count", "total"}),
    "date": frozenset({"year", "month", "day"}),
    "place_form": frozenset({"name", "city", "span"}),
    "anaphor": frozenset({"country"}),
    "target": frozenset({"noun"}),
    "target_count": frozenset({"number"}),
    "target_status": frozenset(),
    "impact": frozenset({"number", "power", "heating", "water", "gas", "people", "households", "buildings"}),
}
_OUTCOME_GROUPS = ("killed", "injured", "hospitalized", "missing")

# Texts on which a sound pattern finishes in milliseconds and a backtracking one does not.
PROBES: Mapping[str, str] = {
    "'a' x 5000": "a" * 5000,
    "'1 ' x 3000": "1 " * 3000,
    "'killed ' x 2000": "killed " * 2000,
    "'drones ' x 2000": "drones " * 2000,
    "'Kyiv ' x 2000": "Kyiv " * 2000,
    "'1,' x 3000": "1," * 3000,
    "'one hundred and ' x 500": "one hundred and " * 500,
    "' ' x 5000": " " * 5000,
}
_FLAGS = regex.VERBOSE | regex.VERSION1 | regex.IGNORECASE
DEFAULT_PROBE_TIMEOUT = 1.0  # seconds per probe; the slowest built-in rules take about that, in linear time


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    rule_id: str | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        who = f" rule {self.rule_id!r}:" if self.rule_id else ""
        return f"{where}:{who} {self.message}"

    @classmethod
    def of(cls, err: RuleError) -> Problem:
        return cls(err.path, err.line, err.message, err.rule_id, err.column)


@dataclass
class _PendingRule:
    path: str
    text: str  # the file's text, to point into patterns
    fields: dict[str, Node]
    line: int


@dataclass
class _Collected:
    macros: dict[str, tuple[str, str, int]]  # name -> (pattern, path, line)
    rules: list[_PendingRule]
    munitions: list[tuple[str, int, dict[str, Any]]]  # (path, line, entry)


def check_sources(sources: Sequence[tuple[str, str]], probe_timeout: float = DEFAULT_PROBE_TIMEOUT) -> list[Problem]:
    """Every problem in `sources` ((path, text) pairs), checked together with the built-in rules
    (whose macros, number words and ids they may use or replace)."""
    base = builtin_rule_files()
    base_paths = {path for path, _ in base}
    checked = [(p, t) for p, t in sources if p not in base_paths]
    problems: list[Problem] = []
    collected = _Collected({}, [], [])
    for path, text in [*base, *checked]:
        _collect_file(path, text, collected, problems if path not in base_paths else [])
    wanted = {p for p, _ in checked} or base_paths  # no files given: check the built-in rules
    macros = {name: pattern for name, (pattern, _path, _line) in collected.macros.items()}
    origins = {name: (path, line) for name, (_pattern, path, line) in collected.macros.items()}
    for name, (pattern, path, line) in collected.macros.items():
        if path not in wanted:
            continue
        try:
            regex.compile(expand_macros(pattern, macros, path, line, f"macro {name}"), regex.VERBOSE | regex.VERSION1)
        except RuleError as err:
            problems.append(Problem.of(err))
        except regex.error as exc:
            problems.append(Problem(path, line, f"macro {name}: bad regex: {_regex_message(exc)}"))
    compiled: list[Rule] = []
    seen: dict[str, str] = {}
    for pending in collected.rules:
        rule_id = _peek(pending.fields, "id")
        is_checked = pending.path in wanted
        if is_checked and isinstance(rule_id, str):
            if rule_id in seen and seen[rule_id] != pending.path and seen[rule_id] in wanted:
                problems.append(Problem(pending.path, pending.fields["id"].line, f"duplicate rule id (also in {seen[rule_id]})", rule_id))
            seen.setdefault(rule_id, pending.path)
        rule = _compile_checked(pending, macros, origins, problems if is_checked else [])
        if rule is not None and is_checked:
            compiled.append(rule)
    ruleset = _ruleset_for_examples([*base, *checked])
    for rule in compiled:
        problems.extend(_group_problems(rule))
        if ruleset is not None:
            problems.extend(Problem(rule.path, f.example.line, f"example contradicts the rule: {f.message} (sentence: {f.example.text!r})", rule.id)
                            for f in run_examples(ruleset, [rule]))
        problems.extend(_probe(rule.compiled, rule.path, rule.line, rule.id, probe_timeout))
    for path, line, entry in collected.munitions:
        if path in wanted:
            problems.extend(_munition_problems(path, line, entry, probe_timeout))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0))


def _ruleset_for_examples(sources: Sequence[tuple[str, str]]) -> RuleSet | None:
    """The rule set the examples run against (for number words); None when the files do not load."""
    try:
        return build_ruleset(sources)
    except RuleError:
        try:
            return build_ruleset(builtin_rule_files())
        except RuleError:
            return None


# --------------------------------------------------------------------------- structure


def _peek(fields: Mapping[str, Node], key: str) -> Any:
    node = fields.get(key)
    return None if node is None else node.value


def _unknown_keys(node: Node, allowed: Sequence[str], path: str, what: str, rule_id: str | None = None) -> Iterator[Problem]:
    for key, value in node.value.items():
        if key not in allowed:
            yield Problem(path, value.line, f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})", rule_id, value.column)


def _collect_file(path: str, text: str, out: _Collected, problems: list[Problem]) -> None:
    try:
        root = parse_yaml(text, path)
    except RuleError as err:
        problems.append(Problem.of(err))
        return
    if root is None:
        return
    if not isinstance(root.value, dict):
        problems.append(Problem(path, root.line, "a rule file must be a mapping", column=root.column))
        return
    problems.extend(_unknown_keys(root, TOP_KEYS, path, "a rule file"))
    top: dict[str, Node] = root.value
    macros = top.get("macros")
    if macros is not None and macros.value is not None:
        if not isinstance(macros.value, dict):
            problems.append(Problem(path, macros.line, "macros must be a mapping", column=macros.column))
        else:
            for name, node in macros.value.items():
                if not regex.fullmatch(r"[A-Z][A-Z0-9_]*", name):
                    problems.append(Problem(path, node.line, f"macro names are UPPER_CASE, not {name!r}", column=node.column))
                elif not isinstance(node.value, str) or not node.value.strip():
                    problems.append(Problem(path, node.line, f"macro {name} must be a non-empty string", column=node.column))
                else:
                    out.macros[name] = (node.value, path, node.line)
    lexicon = top.get("lexicon")
    if lexicon is not None and lexicon.value is not None:
        try:
            out.macros.update({name: (pattern, path, line) for name, (pattern, line) in lexicon_macros(lexicon, path).items()})
        except RuleError as err:
            problems.append(Problem.of(err))
    ids: dict[str, int] = {}
    for item in _list(top.get("rules"), path, "rules", problems):
        if not isinstance(item.value, dict):
            problems.append(Problem(path, item.line, "a rule must be a mapping", column=item.column))
            continue
        rule_id = _peek(item.value, "id")
        who = rule_id if isinstance(rule_id, str) else None
        problems.extend(_unknown_keys(item, RULE_KEYS, path, "a rule", who))
        for example in _list(item.value.get("examples"), path, "examples", problems):
            if isinstance(example.value, dict):
                problems.extend(_unknown_keys(example, EXAMPLE_KEYS, path, "an example", who))
        if who is None:
            problems.append(Problem(path, item.line, "a rule needs an id (a non-empty string)", column=item.column))
            continue
        if who in ids:
            problems.append(Problem(path, item.value["id"].line, f"duplicate rule id in this file (first at line {ids[who]})", who))
            continue
        ids[who] = item.value["id"].line
        fields = {k: v for k, v in item.value.items() if k in RULE_KEYS}
        if "examples" in fields and isinstance(fields["examples"].value, list):
            examples = fields["examples"]
            examples = fields["examples"] = Node([_known_only(e, EXAMPLE_KEYS) for e in examples.value], examples.line, examples.column)
        out.rules.append(_PendingRule(path, text, fields, item.line))
    for key, allowed in (("munitions", MUNITION_KEYS), ("munition_classes", CLASS_KEYS), ("places", PLACE_KEYS)):
        name_key = "class" if key == "munition_classes" else "name"
        names: dict[str, int] = {}
        for item in _list(top.get(key), path, key, problems):
            if not isinstance(item.value, dict):
                problems.append(Problem(path, item.line, f"an entry of {key} must be a mapping", column=item.column))
                continue
            problems.extend(_unknown_keys(item, allowed, path, f"an entry of {key}"))
            name = _peek(item.value, name_key)
            if not isinstance(name, str) or not name.strip():
                problems.append(Problem(path, item.line, f"{name_key} of an entry of {key} must be a non-empty string", column=item.column))
                continue
            if name in names:
                first = names[name]
                problems.append(Problem(path, item.value[name_key].line, f"duplicate {key} entry {name!r} in this file (first at line {first})"))
                continue
            names[name] = item.value[name_key].line
            problems.extend(_entry_values(key, item, name, path))
            if key == "munitions":
                out.munitions.append((path, item.line, {k: plain(v) for k, v in item.value.items()}))
    numbers = top.get("numbers")
    if numbers is not None and isinstance(numbers.value, dict):
        problems.extend(_unknown_keys(numbers, NUMBER_KEYS, path, "numbers"))


def _known_only(node: Node, allowed: Sequence[str]) -> Node:
    """The node without unknown keys (already reported), so the rest of the rule is still checked."""
    if not isinstance(node.value, dict):
        return node
    return Node({k: v for k, v in node.value.items() if k in allowed}, node.line, node.column)


def _entry_values(key: str, item: Node, name: str, path: str) -> Iterator[Problem]:
    fields: dict[str, Node] = item.value
    if key in ("munitions", "munition_classes"):
        klass = _peek(fields, "class")
        if klass not in MUNITION_CLASSES:
            node = fields.get("class", item)
            yield Problem(path, node.line, f"{name}: unknown munition class {klass!r} (known: {', '.join(MUNITION_CLASSES)})", column=node.column)
    if key == "places" and "type" in fields and fields["type"].value not in PLACE_TYPES:
        node = fields["type"]
        yield Problem(path, node.line, f"{name}: unknown place type {node.value!r} (known: {', '.join(PLACE_TYPES)})", column=node.column)


def _list(node: Node | None, path: str, what: str, problems: list[Problem]) -> list[Node]:
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        problems.append(Problem(path, node.line, f"{what} must be a list", column=node.column))
        return []
    return list(node.value)


# --------------------------------------------------------------------------- patterns


def _regex_message(exc: regex.error) -> str:
    return str(getattr(exc, "msg", None) or exc)


def _compile_checked(
    pending: _PendingRule, macros: Mapping[str, str], origins: Mapping[str, tuple[str, int]], problems: list[Problem]
) -> Rule | None:
    fields, path = pending.fields, pending.path
    rule_id = str(fields["id"].value)
    pattern_node = fields.get("pattern")
    if pattern_node is not None and isinstance(pattern_node.value, str) and pattern_node.value.strip():
        located = _locate_regex_error(pattern_node, macros, path, rule_id, pending.text)
        if located is not None:
            problems.append(located)
            return None
    try:
        return _compile_rule(fields, pending.line, macros, path, origins)
    except RuleError as err:
        problems.append(Problem.of(err))
        return None


def _locate_regex_error(node: Node, macros: Mapping[str, str], path: str, rule_id: str, file_text: str) -> Problem | None:
    """A regex error with its position in the pattern as written (and in the file), or None when it compiles."""
    pattern = str(node.value)
    for ref in MACRO_REF.finditer(pattern):
        if ref.group(1) not in macros:
            line, column = _file_position(node, pattern, ref.start(), file_text)
            return Problem(path, line, f"unknown macro {ref.group(0)} at position {ref.start()} of the pattern", rule_id, column)
    try:
        regex.compile(expand_macros(pattern, macros, path, node.line, rule_id), _FLAGS)
        return None
    except RuleError as err:
        return Problem.of(err)
    except regex.error as exc:
        full_error = exc
    # Each {{MACRO}} compiles on its own (checked apart), so swap it for an atom of the same length:
    # an error that remains is in the rule's own text, at the same position as written.
    neutral = MACRO_REF.sub(lambda m: "(?:" + "x" * (len(m.group(0)) - 4) + ")", pattern)
    try:
        regex.compile(neutral, _FLAGS)
    except regex.error as exc:
        pos = getattr(exc, "pos", None)
        if pos is not None:
            pos = min(pos, len(pattern))
            line, column = _file_position(node, pattern, pos, file_text)
            near = pattern[max(0, pos - 12) : pos + 12].replace("\n", " ")
            return Problem(path, line, f"bad regex at position {pos} of the pattern (near {near!r}): {_regex_message(exc)}", rule_id, column)
        return Problem(path, node.line, f"bad regex: {_regex_message(exc)}", rule_id)
    used = ", ".join(dict.fromkeys(m.group(0) for m in MACRO_REF.finditer(pattern)))
    where = f" at position {full_error.pos} of the expanded pattern" if getattr(full_error, "pos", None) is not None else ""
    return Problem(path, node.line, f"bad regex{where}, where the pattern meets its macros ({used}): {_regex_message(full_error)}", rule_id)


def _file_position(node: Node, pattern: str, pos: int, file_text: str) -> tuple[int, int | None]:
    """Line and column in the file of character `pos` of a pattern (exact for block and plain
    scalars and for quoted ones without escapes)."""
    lines = file_text.splitlines()
    if not 0 < node.line <= len(lines):
        return node.line, None
    head = lines[node.line - 1][node.column - 1 : node.column]
    line_in_pattern = pattern.count("\n", 0, pos)
    column_in_line = pos - (pattern.rfind("\n", 0, pos) + 1)
    if head in ("|", ">"):
        content_line = node.line + 1 + line_in_pattern
        if content_line > len(lines):
            return node.line, None
        first = next((t for t in lines[node.line :] if t.strip()), "")
        indent = len(first) - len(first.lstrip(" "))  # the block's indentation is its first line's
        return content_line, indent + column_in_line + 1
    if head in ("'", '"'):
        return node.line + line_in_pattern, (node.column + 1 + column_in_line) if line_in_pattern == 0 else None
    return node.line + line_in_pattern, (node.column + column_in_line) if line_in_pattern == 0 else None


def _group_problems(rule: Rule) -> Iterator[Problem]:
    defined = {name for name in rule.compiled.groupindex if not name.startswith("_")}  # _m_*: the loader's own macro groups
    read = GROUPS_READ.get(rule.kind, frozenset())
    for name in sorted(defined - read):
        known = f"it reads: {', '.join(sorted(read))}" if read else "it reads none"
        yield Problem(rule.path, rule.line, f"named group {name!r} is never read by the {rule.kind} extractor ({known}); make it (?:...)", rule.id)
    for name in sorted(_needed(rule) - defined):
        yield Problem(rule.path, rule.line, f"the {rule.kind} extractor needs a group {name!r}, which the pattern does not define", rule.id)
    if rule.kind == "casualty" and not defined & {"number", "persons"} and not rule.set.get("refers_back"):
        yield Problem(rule.path, rule.line, "a casualty rule needs a group 'number' or 'persons' (the figure); it yields nothing", rule.id)
    if rule.kind == "casualty" and not rule.set.get("outcome") and not rule.set.get("part") and not defined & set(_OUTCOME_GROUPS):
        groups = " / ".join(_OUTCOME_GROUPS)
        yield Problem(rule.path, rule.line, f"a casualty rule needs set: {{outcome: ...}} or a group {groups}; it yields nothing", rule.id)
    if rule.kind in GROUPS_READ or rule.kind in ("no_casualty",):
        return
    for example in rule.examples:
        for key in example.expect:
            if key not in defined:
                yield Problem(rule.path, example.line, f"the example expects a group {key!r}, which the pattern does not define", rule.id)


def _needed(rule: Rule) -> set[str]:
    if rule.kind == "date":
        return {"year", "month", "day"}
    if rule.kind == "count" and not rule.set.get("zero"):
        return {"count"}
    if rule.kind in ("target", "impact", "target_count"):
        return {"noun"} if rule.kind == "target" else {"number"}
    if rule.kind == "place_form" and rule.set.get("form") != "skip":
        return {"name"}
    return set()


def _probe(compiled: regex.Pattern[str], path: str, line: int, rule_id: str | None, timeout: float) -> Iterator[Problem]:
    """A pattern whose time on a probe grows faster than the probe (catastrophic backtracking),
    told from a large pattern that is only slow per character, by timing the probe whole and,
    when that runs over, its quarter and half: a linear scan takes about twice as long on twice
    the text, a backtracking one far longer."""
    for label, probe in PROBES.items():
        spent = _time_on(compiled, probe, timeout)
        if spent is not None and spent <= timeout:
            continue
        quarter, half = _time_on(compiled, probe[: len(probe) // 4], timeout), _time_on(compiled, probe[: len(probe) // 2], timeout)
        if quarter is not None and half is not None and half <= _LINEAR_GROWTH * max(quarter, 1e-3):
            continue  # linear, if slow: the document's time budget bounds such rules
        verb = "ran" if spent is None else "took"
        message = f"the pattern {verb} over {timeout:g}s on the probe {label}, growing faster than the text (catastrophic backtracking?)"
        yield Problem(path, line, message, rule_id)
        return


_LINEAR_GROWTH = 3.0  # twice the text in at most this many times the time reads as linear


def _time_on(compiled: regex.Pattern[str], text: str, timeout: float) -> float | None:
    """Seconds a full scan of text takes, or None when it runs past timeout."""
    started = time.perf_counter()
    try:
        for _ in compiled.finditer(text, timeout=timeout):
            pass
    except TimeoutError:
        return None
    return time.perf_counter() - started


def _munition_problems(path: str, line: int, entry: Mapping[str, Any], timeout: float) -> Iterator[Problem]:
    """A catalog entry's own `patterns` compile (as the munition matcher compiles them) and finish quickly."""
    name = str(entry.get("name"))
    raw = entry.get("patterns") or []
    for pattern in [raw] if isinstance(raw, str) else raw:
        try:
            compiled = regex.compile(str(pattern), regex.IGNORECASE | regex.VERBOSE | regex.VERSION1)
        except regex.error as exc:
            where = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
            yield Problem(path, line, f"munition {name}: bad pattern {pattern!r}{where}: {_regex_message(exc)}")
            continue
        if compiled.groupindex:
            names = ", ".join(compiled.groupindex)
            yield Problem(path, line, f"munition {name}: named groups in a catalog pattern are never read ({names}); use (?:...)")
        for problem in _probe(compiled, path, line, None, timeout):
            yield Problem(problem.path, problem.line, f"munition {name}: {problem.message}")


def check_files(paths: Sequence[str], probe_timeout: float = DEFAULT_PROBE_TIMEOUT) -> list[Problem]:
    """check_sources over files on disk; a file that cannot be read is a problem, not a stop."""
    sources: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                sources.append((path, handle.read()))
        except FileNotFoundError:
            problems.append(Problem(path, None, "no such rule file"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, None, f"cannot read rule file: {exc}"))
    return problems + check_sources(sources, probe_timeout)
