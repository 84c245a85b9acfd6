"""Load YAML rule files, keep their source positions, validate and compile them.

A rule file is a mapping with any of these top-level keys:

    macros:            NAME: pattern; used in patterns as {{NAME}}
    lexicon:           NAME: [verb, ...]; its inflections made by rule, as macros
                       {{NAME}} (every form), {{NAME_BASE}}, {{NAME_S}}, {{NAME_PAST}}, {{NAME_ING}}
    rules:             regex rules (id, kind, pattern, ...), see RULE_KEYS
    munitions:         the munition catalog (name, class, aliases)
    munition_classes:  words for munition classes (class, terms)
    places:            gazetteer additions and aliases (name, type, aliases, ...)
    numbers:           number words and vague words

Files given later override earlier ones: a rule with the same id, a catalog
entry with the same name or a macro with the same name replaces the earlier
one. Within one file a repeated id is an error. Every error names the file, the
line and the rule id, and is raised as RuleError (never a traceback).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from .errors import RuleError
from .limits import RULE_TIMEOUT_SECONDS as _DEFAULT_RULE_TIMEOUT

if TYPE_CHECKING:
    import yaml

    from .prefilter import Prefilter

TOP_KEYS = ("macros", "lexicon", "rules", "munitions", "munition_classes", "places", "numbers")
_MACRO_NAME = regex.compile(r"[A-Z][A-Z0-9_]*")  # macros and lexicon entries alike
RULE_KEYS = ("id", "kind", "pattern", "set", "description", "examples", "flags", "priority")
RULE_KINDS = (
    "casualty",  # a casualty figure; groups: number, outcome words, group words
    "no_casualty",  # "no one was killed", "no casualties"
    "count",  # a munition count; groups: count, total, munition
    "status",  # a verb that gives a count its status (set: status)
    "background",  # a clause about earlier attacks or cumulative statistics
    "place_context",  # a phrase that makes a place mention launch site, title, dateline...
    "strike",  # a clause that says something was attacked
    "hedge",  # "may have", "feared", "reportedly": a figure in its clause is marked for review
    "date",  # a stated date
    "place_form",  # "X region", "X district": how a name becomes an oblast, raion...
    "anaphor",  # "the city", "the region", "the capital": a place named before (set: refers)
    "target",  # a thing that can be hit; group noun (set: category, buildings)
    "target_count",  # the number right before a target noun; group number
    "target_status",  # what was done to it (set: status destroyed|damaged|hit|targeted|none)
    "impact",  # a consequence with a number: outage, displaced (set: kind, unit; or groups)
)
EXAMPLE_KEYS = ("text", "expect", "match")
MUNITION_KEYS = ("name", "class", "aliases", "patterns", "description")
CLASS_KEYS = ("class", "terms")
PLACE_KEYS = ("name", "type", "admin1", "country", "lat", "lon", "aliases", "population")
NUMBER_KEYS = ("words", "scales", "vague", "qualifiers", "exact_words")
FLAG_NAMES = {"ignorecase": regex.IGNORECASE, "case_sensitive": 0}
MACRO_REF = regex.compile(r"\{\{([A-Z][A-Z0-9_]*)\}\}")

# How long one rule may run on one text before it is given up: see limits.py.
RULE_TIMEOUT_SECONDS = _DEFAULT_RULE_TIMEOUT


@dataclass(frozen=True)
class Example:
    text: str
    match: bool
    expect: Mapping[str, Any]
    line: int


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    pattern: str  # as written, before macro expansion
    compiled: regex.Pattern[str]
    set: Mapping[str, Any]
    path: str
    line: int
    description: str = ""
    examples: tuple[Example, ...] = ()
    priority: int = 0
    prefilter: Prefilter | None = None  # where in a text it can match (fast path only; prefilter.py)

    @property
    def origin(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class CatalogEntry:
    """A munition model, a munition class's words, or a place: data, not regex."""

    key: str
    data: Mapping[str, Any]
    path: str
    line: int


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    macros: Mapping[str, str]
    munitions: tuple[CatalogEntry, ...]
    munition_classes: tuple[CatalogEntry, ...]
    places: tuple[CatalogEntry, ...]
    numbers: Mapping[str, Any]
    files: tuple[str, ...]
    fingerprint: str = ""
    by_kind: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    accelerated: bool = False  # built for the fast path (inlined macros, prefilters)

    def of_kind(self, kind: str) -> tuple[Rule, ...]:
        return self.by_kind.get(kind, ())

    def get(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None


# --------------------------------------------------------------------------- YAML with positions

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Node:
    """A YAML value with the line (1-based) and column it starts at."""

    value: Any
    line: int
    column: int


def _loader_class() -> type:
    import yaml  # deferred: a parser loaded from the disk cache never reads YAML

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _to_python(node: yaml.Node, path: str) -> Node:
    import yaml

    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag not in _PLAIN_TAGS:
        raise RuleError(path, line, f"the tag {node.tag} is not allowed in rule files", column=column)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, path)
            if not isinstance(key.value, str):
                raise RuleError(path, key.line, f"keys must be strings, not {key.value!r}", column=key.column)
            if key.value in out:
                raise RuleError(path, key.line, f"duplicate key {key.value!r}", column=key.column)
            out[key.value] = _to_python(value_node, path)
        return Node(out, line, column)
    if isinstance(node, yaml.SequenceNode):
        return Node([_to_python(item, path) for item in node.value], line, column)
    constructor = yaml.SafeLoader("")
    return Node(constructor.construct_object(node), line, column)  # type: ignore[no-untyped-call]


def parse_yaml(text: str, path: str) -> Node | None:
    """Compose YAML keeping positions; refuse anchors, aliases and object tags."""
    import yaml

    try:
        for event in yaml.parse(text, Loader=_loader_class()):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
                raise RuleError(path, line, "anchors and aliases are not allowed in rule files", column=column)
        root = yaml.compose(text, Loader=_loader_class())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise RuleError(path, line, f"invalid YAML: {exc.problem or exc.context}", column=column) from None
    except yaml.YAMLError as exc:
        raise RuleError(path, None, f"invalid YAML: {exc}") from None
    return None if root is None else _to_python(root, path)


def plain(node: Node) -> Any:
    """A positioned YAML value as plain Python values."""
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value


def _check_keys(node: Node, allowed: Sequence[str], path: str, what: str, rule_id: str | None = None) -> dict[str, Node]:
    if not isinstance(node.value, dict):
        raise RuleError(path, node.line, f"{what} must be a mapping", rule_id, node.column)
    for key, value in node.value.items():
        if key not in allowed:
            raise RuleError(path, value.line, f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})", rule_id, value.column)
    return node.value


def _string(node: Node | None, path: str, what: str, rule_id: str | None = None) -> str:
    if node is None or not isinstance(node.value, str) or not node.value.strip():
        line = node.line if node else None
        raise RuleError(path, line, f"{what} must be a non-empty string", rule_id)
    return node.value


# --------------------------------------------------------------------------- raw files


@dataclass
class RawFile:
    path: str
    macros: dict[str, tuple[str, int]] = field(default_factory=dict)
    rules: list[tuple[dict[str, Node], int]] = field(default_factory=list)
    munitions: list[CatalogEntry] = field(default_factory=list)
    munition_classes: list[CatalogEntry] = field(default_factory=list)
    places: list[CatalogEntry] = field(default_factory=list)
    numbers: dict[str, Any] = field(default_factory=dict)


def read_rule_file(text: str, path: str) -> RawFile:
    root = parse_yaml(text, path)
    raw = RawFile(path)
    if root is None:
        return raw
    top = _check_keys(root, TOP_KEYS, path, "a rule file")
    if "macros" in top:
        macros = _check_keys(top["macros"], list(top["macros"].value or {}), path, "macros")
        for name, value in macros.items():
            if not _MACRO_NAME.fullmatch(name):
                raise RuleError(path, value.line, f"macro names are UPPER_CASE, not {name!r}")
            raw.macros[name] = (_string(value, path, f"macro {name}"), value.line)
    if "lexicon" in top:
        raw.macros.update(lexicon_macros(top["lexicon"], path))
    seen: set[str] = set()
    for item in _items(top.get("rules"), path, "rules"):
        fields = _check_keys(item, RULE_KEYS, path, "a rule", _peek_id(item))
        rule_id = _string(fields.get("id"), path, "id") if "id" in fields else None
        if rule_id is None:
            raise RuleError(path, item.line, "a rule needs an id")
        if rule_id in seen:
            raise RuleError(path, fields["id"].line, "duplicate rule id in this file", rule_id)
        seen.add(rule_id)
        raw.rules.append((fields, item.line))
    for key, allowed, target in (
        ("munitions", MUNITION_KEYS, raw.munitions),
        ("munition_classes", CLASS_KEYS, raw.munition_classes),
        ("places", PLACE_KEYS, raw.places),
    ):
        names: set[str] = set()
        name_key = "class" if key == "munition_classes" else "name"
        for item in _items(top.get(key), path, key):
            fields = _check_keys(item, allowed, path, f"an entry of {key}")
            name = _string(fields.get(name_key), path, f"{name_key} of an entry of {key}")
            if name in names:
                raise RuleError(path, fields[name_key].line, f"duplicate {key} entry {name!r} in this file")
            names.add(name)
            target.append(CatalogEntry(name, plain(item), path, item.line))
    if "numbers" in top:
        raw.numbers = plain(Node(_check_keys(top["numbers"], NUMBER_KEYS, path, "numbers"), 0, 0))
    return raw


def lexicon_macros(node: Node, path: str) -> dict[str, tuple[str, int]]:
    """A `lexicon:` mapping -> its macros: NAME (every form), NAME_BASE, NAME_S, NAME_PAST, NAME_ING."""
    out: dict[str, tuple[str, int]] = {}
    entries = _check_keys(node, list(node.value or {}), path, "lexicon")
    for name, value in entries.items():
        if not _MACRO_NAME.fullmatch(name):
            raise RuleError(path, value.line, f"lexicon names are UPPER_CASE, not {name!r}")
        verbs = [_string(item, path, f"a verb of lexicon {name}") for item in _items(value, path, f"lexicon {name}")]
        if not verbs:
            raise RuleError(path, value.line, f"lexicon {name} lists no verbs")
        try:
            forms = [inflections(verb) for verb in verbs]
        except ValueError as exc:
            raise RuleError(path, value.line, f"lexicon {name}: {exc}") from None
        for suffix, index in (("", None), ("_BASE", 0), ("_S", 1), ("_PAST", 2), ("_ING", 3)):
            words = {f for verb in forms for f in (verb if index is None else verb[index : index + 1])}
            ordered = sorted(words, key=lambda w: (-len(w), w))  # longest first: "wounded" before "wound"
            out[name + suffix] = ("(?:" + "|".join(regex.escape(w) for w in ordered) + ")", value.line)
    return out


_VOWELS = "aeiou"


def inflections(verb: str) -> tuple[str, str, str, str]:
    """(base, -s, past, -ing) of an English verb by the spelling rules, or as written:
    "kill" -> kill, kills, killed, killing; "injure" -> injured, injuring; "bury" -> buries,
    buried; "stab" -> stabbed; an irregular verb gives its four forms ("hurt hurts hurt hurting")."""
    words = verb.split()
    if len(words) == 4 and verb == verb.lower():
        return words[0], words[1], words[2], words[3]
    if not regex.fullmatch(r"[a-z]+", verb):
        raise ValueError(f"a verb is one lower-case word, or its four forms (base -s past -ing), not {verb!r}")
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s"
    # one syllable ending in one vowel and one consonant doubles it: stab, stabbed
    if regex.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):
        return verb, third, verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    return verb, third, verb + "ed", verb + "ing"


def _peek_id(item: Node) -> str | None:
    if isinstance(item.value, dict) and "id" in item.value and isinstance(item.value["id"].value, str):
        return str(item.value["id"].value)
    return None


def _items(node: Node | None, path: str, what: str) -> list[Node]:
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        raise RuleError(path, node.line, f"{what} must be a list")
    return list(node.value)


# --------------------------------------------------------------------------- compiling


def expand_macros(
    pattern: str, macros: Mapping[str, str], path: str, line: int, rule_id: str | None, _depth: int = 0, *, inline: bool = False
) -> str:
    """Replace {{NAME}} by the macro's pattern.

    With `inline`, every macro is written out in place as `(?:...)`: the pattern takes
    several times longer to compile but matches ten times faster, because the regex
    module does not optimise across subroutine calls. Both forms match the same text
    with the same groups (tests/test_fast_path.py); the compiled inline form is cached
    on disk (strikeparse/cache.py), so its compile cost is paid once per rule change.

    Macros without named groups are defined once at the end of the pattern,
    `(?(DEFINE)(?P<_m_NAME>...))`, and called with `(?&_m_NAME)`: a number phrase
    used four times in a rule is compiled once, which keeps start-up fast.
    Macros with named groups (their groups are read by the extractor) are inlined.
    """
    defined: dict[str, str] = {}

    def expand(text: str, depth: int) -> str:
        if depth > 20:
            raise RuleError(path, line, "macros refer to each other in a loop", rule_id)

        def replace(match: regex.Match[str]) -> str:
            name = match.group(1)
            if name not in macros:
                raise RuleError(path, line, f"unknown macro {{{{{name}}}}}", rule_id)
            body = macros[name]
            if inline or _NAMED_GROUP.search(body) or _has_named_group(body, macros):
                return "(?:" + expand(body, depth + 1) + ")"
            if name not in defined:
                defined[name] = ""  # placeholder first: a macro used inside itself is a loop, caught by depth
                defined[name] = expand(body, depth + 1)
            return f"(?&_m_{name})"

        return MACRO_REF.sub(replace, text)

    body = expand(pattern, _depth)
    if not defined:
        return body
    definitions = "".join(f"(?P<_m_{name}>{text})" for name, text in defined.items())
    return f"(?:{body})(?(DEFINE){definitions})"


_NAMED_GROUP = regex.compile(r"\(\?P?<(?![=!])\w+>")


def _has_named_group(body: str, macros: Mapping[str, str], depth: int = 0) -> bool:
    if depth > 20:
        return False
    for name in MACRO_REF.findall(body):
        inner = macros.get(name, "")
        if _NAMED_GROUP.search(inner) or _has_named_group(inner, macros, depth + 1):
            return True
    return False


def compile_pattern(pattern: str, flags: int, path: str, line: int, rule_id: str | None) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, flags | regex.VERBOSE | regex.VERSION1)
    except regex.error as exc:
        where = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
        raise RuleError(path, line, f"bad regex{where}: {exc.msg if hasattr(exc, 'msg') else exc}", rule_id) from None


def _blame_macro(pattern: str, macros: Mapping[str, str], origins: Mapping[str, tuple[str, int]], seen: set[str] | None = None) -> None:
    """A rule that does not compile may be a macro's fault: name the macro's file and line then."""
    seen = set() if seen is None else seen
    for name in MACRO_REF.findall(pattern):
        if name in seen or name not in macros:
            continue
        seen.add(name)
        _blame_macro(macros[name], macros, origins, seen)
        path, line = origins[name]
        compile_pattern(expand_macros(macros[name], macros, path, line, None), 0, path, line, f"macro {name}")


def _compile_rule(
    fields: dict[str, Node], line: int, macros: Mapping[str, str], path: str, origins: Mapping[str, tuple[str, int]], inline: bool = False
) -> Rule:
    rule_id = _string(fields["id"], path, "id")
    kind = _string(fields.get("kind"), path, "kind", rule_id)
    if kind not in RULE_KINDS:
        raise RuleError(path, fields["kind"].line, f"unknown kind {kind!r} (known: {', '.join(RULE_KINDS)})", rule_id)
    pattern = _string(fields.get("pattern"), path, "pattern", rule_id)
    flags = regex.IGNORECASE
    for flag_node in _items(fields.get("flags"), path, "flags"):
        if flag_node.value not in FLAG_NAMES:
            raise RuleError(path, flag_node.line, f"unknown flag {flag_node.value!r} (known: {', '.join(FLAG_NAMES)})", rule_id)
        if flag_node.value == "case_sensitive":
            flags &= ~regex.IGNORECASE
    expanded = expand_macros(pattern, macros, path, fields["pattern"].line, rule_id, inline=inline)
    try:
        compiled = compile_pattern(expanded, flags, path, fields["pattern"].line, rule_id)
    except RuleError:
        _blame_macro(pattern, macros, origins)
        raise
    set_values = plain(fields["set"]) if "set" in fields else {}
    if not isinstance(set_values, dict):
        raise RuleError(path, fields["set"].line, "set must be a mapping", rule_id)
    examples = []
    for ex in _items(fields.get("examples"), path, "examples"):
        ex_fields = _check_keys(ex, EXAMPLE_KEYS, path, "an example", rule_id)
        text = _string(ex_fields.get("text"), path, "example text", rule_id)
        should_match = bool(ex_fields["match"].value) if "match" in ex_fields else True
        expect = plain(ex_fields["expect"]) if "expect" in ex_fields else {}
        examples.append(Example(text, should_match, expect, ex.line))
    priority = int(fields["priority"].value) if "priority" in fields else 0
    description = str(fields["description"].value) if "description" in fields else ""
    prefilter = None
    if inline:
        from .prefilter import analyse

        prefilter = analyse(compiled)
    return Rule(rule_id, kind, pattern, compiled, set_values, path, line, description, tuple(examples), priority, prefilter)


# --------------------------------------------------------------------------- loading


def builtin_rule_files() -> list[tuple[str, str]]:
    """(display path, text) of the rule files shipped in the package, in load order."""
    folder = resources.files("strikeparse") / "rules"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            out.append((f"<builtin>/{entry.name}", entry.read_text(encoding="utf-8")))
    return out


def user_rule_paths() -> list[Path]:
    """Rule files from $STRIKEPARSE_RULES (paths separated by os.pathsep; folders give their *.yaml)."""
    out: list[Path] = []
    for part in os.environ.get("STRIKEPARSE_RULES", "").split(os.pathsep):
        if not part:
            continue
        p = Path(part)
        out.extend(sorted(p.glob("*.y*ml")) if p.is_dir() else [p])
    return out


def load_rules(extra: Iterable[str | Path] = (), *, builtin: bool = True, env: bool = True) -> RuleSet:
    return build_ruleset(rule_sources(extra, builtin=builtin, env=env))


def rule_sources(extra: Iterable[str | Path] = (), *, builtin: bool = True, env: bool = True) -> list[tuple[str, str]]:
    """(display path, text) of every rule file load_rules would read, in load order.

    As text, so that rules can be sent to other machines (strikeparse.dask) and
    rebuilt there with build_ruleset.
    """
    sources: list[tuple[str, str]] = builtin_rule_files() if builtin else []
    paths = [*(user_rule_paths() if env else []), *[Path(p) for p in extra]]
    for p in paths:
        try:
            sources.append((str(p), p.read_text(encoding="utf-8-sig")))
        except FileNotFoundError:
            raise RuleError(str(p), None, "no such rule file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(str(p), None, f"cannot read rule file: {exc}") from None
    return sources


def build_ruleset(sources: Sequence[tuple[str, str]], *, inline_macros: bool = False) -> RuleSet:
    """The rule set of these rule files; `inline_macros`: see expand_macros."""
    raws = [read_rule_file(text, path) for path, text in sources]
    macros: dict[str, str] = {}
    origins: dict[str, tuple[str, int]] = {}
    for raw in raws:
        macros.update({name: pattern for name, (pattern, _line) in raw.macros.items()})
        origins.update({name: (raw.path, line) for name, (_pattern, line) in raw.macros.items()})
    rules: dict[str, Rule] = {}
    munitions: dict[str, CatalogEntry] = {}
    classes: dict[str, CatalogEntry] = {}
    places: dict[str, CatalogEntry] = {}
    numbers: dict[str, Any] = {}
    for raw in raws:
        for fields, line in raw.rules:
            rule = _compile_rule(fields, line, macros, raw.path, origins, inline_macros)
            rules.pop(rule.id, None)  # a later file's rule replaces the earlier one
            rules[rule.id] = rule
        for entry in raw.munitions:
            munitions[entry.key] = entry
        for entry in raw.munition_classes:
            classes[entry.key] = entry
        for entry in raw.places:
            places[entry.key] = entry
        for key, value in raw.numbers.items():
            if isinstance(value, dict) and isinstance(numbers.get(key), dict):
                numbers[key] = {**numbers[key], **value}
            else:
                numbers[key] = value
    ordered = tuple(rules.values())
    by_kind: dict[str, list[Rule]] = {}
    for rule in ordered:
        by_kind.setdefault(rule.kind, []).append(rule)
    digest = hashlib.sha256()
    for path, text in sources:
        digest.update(path.encode() + b"\0" + text.encode() + b"\0")
    return RuleSet(
        rules=ordered,
        macros=macros,
        munitions=tuple(munitions.values()),
        munition_classes=tuple(classes.values()),
        places=tuple(places.values()),
        numbers=numbers,
        files=tuple(path for path, _ in sources),
        fingerprint=digest.hexdigest(),
        by_kind={k: tuple(sorted(v, key=lambda r: -r.priority)) for k, v in by_kind.items()},
        accelerated=inline_macros,
    )
