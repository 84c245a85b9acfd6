"""Munition models and class words in a text: mentions with evidence, and phrases for counts.

The catalog (``rules/munitions.yaml``, spec "Munition") becomes one compiled pattern of
model spellings (`MunitionCatalog.model_pattern`) and one of class words
(`MunitionCatalog.class_pattern`). From each alias the pattern also accepts:

* hyphen, space or nothing between letters and digits: "Kh-101", "Kh 101", "Kh101";
* "X-" and Cyrillic "Х-" for "Kh-", and Cyrillic look-alike letters anywhere (С-300, Х-101);
* a plural "s" ("Shaheds", "Iskander-Ms") and a "-type"/"-class" tail ("Shahed-type");
* slash lists: every part that is an alias is a model ("X-101/X-555", "Iskander-M/KN-23"),
  and a bare part takes the family of the part before it ("Kh-101/555/55" is Kh-101,
  Kh-555, Kh-55; "Shahed-136/131"; "S-300/400"). Each part is its own mention whose
  evidence is that part of the text only; a part that names no model ("Kh-556") gives none.

Matching is leftmost-longest (POSIX), so "Geran-3" beats "Geran" and "Kh-555" beats "Kh-55".

`find_munitions` returns every mention, sorted and non-overlapping:

* a model: ``name`` = canonical name, ``is_model`` True, rule ``munition.<slug of name>``;
* a class word that heads no model ("drones", "cruise missiles"): ``name`` = the class id,
  ``is_model`` False, rule ``munition-class.<class>``. A class noun that heads a model
  ("Kh-101 *cruise missiles*") belongs to that model's phrase and gives no mention of its
  own; neither does one headed by an air-defence system ("Patriot missiles"), nor one that
  names an organisation rather than a weapon ("anti-aircraft missile forces").

Air-defence systems and aircraft are not munitions (spec, GUIDELINES rule 5). The catalog
format has no place for a negative list, so `NON_MUNITIONS` below holds them: they are
matched too, and a model spelling inside one, or a class noun it heads, is dropped.

**Ambiguous family names.** A bare alias such as "Iskander" that is also the stem of an
entry of another class ("Iskander-K" is a cruise missile, the alias sits on Iskander-M, a
ballistic missile) is resolved (1) by the class noun of its own phrase ("Iskander cruise
missiles" -> Iskander-K, "Iskander ballistic missile" -> Iskander-M), else (2) by
`resolve_document`: when the rest of the document names exactly one member of the family
(explicitly or by step 1), that one ("Iskander missiles" in a headline over "Iskander cruise
missiles" in the body is Iskander-K), else (3) the entry that lists the bare alias, which is
the spec's default (Iskander-M). Such mentions carry the rule ``munition.<slug of family>``
("munition.iskander") so that the doc-level pass can find them and an analyst can see that
the name came from resolution, not from the spelling.

`munition_phrases` groups model mentions with the class noun heading them ("three
*Iskander cruise missiles*", "48 *Shahed-136/131 strike UAVs*", "*drones of the Shahed
type*", "over 300 *cruise missiles, ballistic missiles and drones*") into `Phrase` records
that a count is built on; `Phrase.resolved` applies GUIDELINES rule 2 (model when all of
it is one model, otherwise a class).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

import regex

from ..errors import RuleError
from ..model import MUNITION_CLASSES, Evidence, MunitionMention
from ..prefilter import Prefilter, analyse, scan
from ..rules import RuleSet
from ..segment import line_starts as _line_starts
from .runner import RunLog

__all__ = [
    "NON_MUNITIONS",
    "CatalogModel",
    "MunitionCatalog",
    "Phrase",
    "find_munitions",
    "munition_phrases",
    "resolve_document",
    "mixed_class",
]

# Air-defence systems, interceptors and aircraft: named beside munitions in strike reports
# but never munitions themselves (spec "Munition"; GUIDELINES 5). They are matched so that
# "Patriot missiles", "IRIS-T missiles" or "interceptor drones" give no class mention and
# "Su-34" or "Tu-22M3" can never be read as a model. Kept in code rather than in the YAML
# because the rule-file format (rules.py TOP_KEYS) has no key for a negative list.
NON_MUNITIONS: tuple[str, ...] = (
    r"Patriot(?:\s+PAC-[23](?:\s+MSE)?)?",
    r"Iron\s+Dome",
    r"David's\s+Sling",
    r"IRIS-T(?:\s+SLM)?",
    r"NASAMS",
    r"THAAD",
    r"SAMP/T",
    r"Aster(?:\s+\d+)?",
    r"Arrow[-\s]?[23]",
    r"Crotale",
    r"Gepard",
    r"Skynex",
    r"Hawk\s+(?=(?:air|missile|system|launcher|battery))",
    r"Stinger",
    r"Avenger",
    r"Pantsir(?:-S1)?",
    r"Buk(?:-M\d)?",
    r"Tor(?:-M\d)?(?=\s+(?:air|system|launcher|complex))",
    r"interceptors?",
    r"interceptor\s+(?:missiles?|drones?|UAVs?)",
    r"air[-\s]+defen[cs]e",
    r"anti[-\s]+missile",
    r"anti[-\s]+drone",
    r"missile[-\s]+defen[cs]e",
    # aircraft and guns: Su-34, MiG-31K, Tu-22M3, Tu-95MS, Il-76, A-50, F-16, M-777 howitzers
    r"(?:Su|MiG|Mig|Tu|Il|Ka|Mi|An|Yak|Be)-\d+\w*",
    r"A-50U?",
    r"F-(?:16|15|35|18|22)\w*",
    r"Mirage(?:\s+2000)?",
    r"M-?777s?",
    r"howitzers?",
)

_HYPHEN = "-\u2010\u2011\u2012\u2013"  # - ‐ ‑ ‒ –
_SEP_OPT = rf"[{_HYPHEN}\s]?"
_SEP_REQ = rf"(?:[{_HYPHEN}]|\s+)"
_TAIL = rf"(?:[{_HYPHEN}\s](?:type|class|like|series|family)\b)"
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
# Not followed by a variant marker: bare "Iskander" must not match inside "Iskander-M".
_RIGHT = rf"(?!\w)(?![{_HYPHEN}](?:\d|(?-i:[A-Z]{{1,3}})\d*\b))"

# Latin letters and the Cyrillic letters that look like them (Ukrainian І included).
_HOMOGLYPHS: Mapping[str, str] = {
    "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "i": "і", "k": "к", "m": "м",
    "o": "о", "p": "р", "t": "т", "x": "х", "y": "у",
}  # fmt: skip
_TO_LATIN = str.maketrans({cy: la for la, cy in _HOMOGLYPHS.items()} | {cy.upper(): la for la, cy in _HOMOGLYPHS.items()})

# Words that may stand between a number and the head noun, or between a model and its head.
_MODIFIER = r"""(?:
    (?:russian|iranian|north\s+korean|houthi|hezbollah|israeli|ukrainian|enemy|hostile)(?:-(?:made|designed|built|produced|supplied|launched|backed))?
  | attack|strike|kamikaze|suicide|combat|decoy|imitation|dummy|jet(?:-powered|-propelled)?|loitering|fpv|one-way
  | (?:long|short|medium|close|intermediate)[-\s]range
  | anti-ship|anti-radiation|(?:sea|air|ground|ship|submarine|land)-(?:launched|based)
  | high-precision|precision(?:-guided)?|guided|unguided|heavy|aero-?ballistic|hypersonic|supersonic|subsonic
  | tactical|strategic|operational-tactical|reconnaissance|surveillance
  | (?:air|surface|ground)-to-(?:surface|ground|air)
  | more|other|additional|further|new|modified|upgraded|improved|various|different
)"""
_MOD_GAP = regex.compile(rf"(?:[\s{_QUOTES}]|-|\b{_MODIFIER}\b)*", regex.I | regex.X)
_CONNECTOR = r"(?:,|/|&|\band/or\b|\band\b|\bor\b|\bas\s+well\s+as\b|\bplus\b)"
_CONN_GAP = regex.compile(rf"(?:[\s{_QUOTES}]|-|\b{_MODIFIER}\b)*{_CONNECTOR}(?:[\s{_QUOTES}]|{_CONNECTOR}|-|\b{_MODIFIER}\b)*", regex.I | regex.X)
_MODS_BEFORE = regex.compile(rf"(?<![\w{_HYPHEN}])(?:{_MODIFIER}[\s{_QUOTES}]+)+\Z", regex.I | regex.X)
_OF_THE = regex.compile(r"\s+of\s+(?:the\s+)?\Z", regex.I)
_TYPE_AFTER = regex.compile(r"\s*[-\s](?:types?|class|models?)\b", regex.I)
_SLASH_PART = regex.compile(rf"/\s?(?P<part>\d{{1,4}}(?-i:[A-Z]{{0,3}})\d?|(?-i:[A-Z]{{1,3}})\d{{0,2}})s?(?!\w)(?![{_HYPHEN}]\w)")
# A slash part that names no catalog model ("Kh-101/Kh-556"): the phrase goes on, mixed.
_UNKNOWN_PARTS = regex.compile(rf"(?:/\s?[\p{{L}}\d][\p{{L}}\d{_HYPHEN}]*)+")
# A noun after the phrase that makes it a modifier ("drone attack", "missile debris").
_ATTRIBUTIVE = regex.compile(
    r"""[\s-]+(?:attacks?|strikes?|raids?|assaults?|barrages?|terror|campaigns?|waves?|salvos?|fire
      |debris|fragments?|wreckage|parts|remains|alerts?|alarms?|threats?|danger|warnings?|sirens?
      |launch(?:es|ers?)?\b|sites?|bases?|carriers?|complex(?:es)?|systems?|units?|forces|troops|crews?|operators?
      |defen[cs]es?|shields?|programs?|programmes?|production|plants?|factory|factories|industry|makers?|manufacturers?
      |components|technology|stocks?|stockpiles?|arsenals?|supplies|deliveries|engines?)\b""",
    regex.I | regex.X,
)
# Of those, the nouns after which a bare class word is no weapon at all ("missile forces").
_NOT_A_WEAPON = regex.compile(
    r"""[\s-]+(?:forces|troops|units?|crews?|operators?|defen[cs]es?|shields?|programs?|programmes?|production
      |plants?|factory|factories|industry|makers?|manufacturers?|technology|stocks?|stockpiles?|arsenals?
      |supplies|deliveries|sirens?|alerts?|alarms?|danger|threats?|warnings?)\b""",
    regex.I | regex.X,
)
_DRONE_LIKE = frozenset({"drone"})


def slug(name: str) -> str:
    return regex.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# Patterns used per mention, compiled once (a call like regex.sub(pattern, ...) looks its
# pattern up in the regex module's memo on every call).
_SEPARATOR_RUN = regex.compile(rf"[{_HYPHEN}\s]+")
_TAIL_AT_END = regex.compile(rf"{_TAIL}\Z", regex.I)
_LAST_WORD = regex.compile(r"[\p{L}\d]+\Z")


def _normalize(spelling: str) -> str:
    """A key for comparing spellings: Latin letters, lower case, no separators, Kh = X."""
    s = spelling.translate(_TO_LATIN).lower()
    s = _SEPARATOR_RUN.sub("", s)
    return s.replace("kh", "x")


def _strip_inflection(spelling: str) -> str:
    s = _TAIL_AT_END.sub("", spelling)
    return s


def _letter(ch: str) -> str:
    low = ch.lower()
    if low in _HOMOGLYPHS:
        return "[" + regex.escape(ch) + _HOMOGLYPHS[low] + "]"
    return regex.escape(ch)


def alias_regex(alias: str) -> str:
    """The pattern for one alias, without its boundaries (see the module docstring)."""
    tokens = regex.findall(r"\p{L}+|\d+|[^\p{L}\d]+", alias.strip())
    out: list[str] = []
    prev_kind = ""
    for i, tok in enumerate(tokens):
        if tok[0].isalpha():
            kind = "L"
        elif tok[0].isdigit():
            kind = "D"
        else:
            kind = "S"
        if kind == "S":
            if _SEPARATOR_RUN.fullmatch(tok):
                nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                switch = bool(nxt) and prev_kind in "LD" and (nxt[0].isdigit() != (prev_kind == "D"))
                out.append(_SEP_OPT if switch else _SEP_REQ)
            else:
                out.append(regex.escape(tok))
        else:
            if prev_kind in ("L", "D") and kind != prev_kind:
                out.append(_SEP_OPT)  # "3M22" ~ "3M-22"
            nxt = tokens[i + 2] if i + 2 < len(tokens) and not tokens[i + 1][0].isalnum() else (tokens[i + 1] if i + 1 < len(tokens) else "")
            if kind == "L" and tok.lower() == "kh" and nxt[:1].isdigit():
                out.append(r"(?:[KК][hHнН]|[XХ])")
            elif kind == "L":
                out.append("".join(_letter(c) for c in tok))
            else:
                out.append(tok)
        prev_kind = kind
    return "".join(out)


def _term_regex(term: str) -> str:
    words = _SEPARATOR_RUN.split(term.strip())
    return rf"[{_HYPHEN}\s]+".join(regex.escape(w) for w in words)


@dataclass(frozen=True)
class CatalogModel:
    name: str
    munition_class: str
    aliases: tuple[str, ...]
    patterns: tuple[str, ...]
    origin: str = ""

    @property
    def rule(self) -> str:
        return f"munition.{slug(self.name)}"


@dataclass(frozen=True)
class MunitionCatalog:
    models: tuple[CatalogModel, ...]
    classes: Mapping[str, tuple[str, ...]]  # class id -> terms
    model_pattern: regex.Pattern[str]
    class_pattern: regex.Pattern[str]
    non_munition_pattern: regex.Pattern[str]
    by_key: Mapping[str, int]  # normalized alias or name -> index into models
    families: Mapping[str, tuple[int, ...]]  # normalized bare family alias -> members; first = default
    family_names: Mapping[str, str]  # normalized family -> family slug ("iskander")
    class_ids: tuple[str, ...] = field(default=())
    # "model", "class", "non_munition" -> where that pattern can match (fast path only)
    prefilters: Mapping[str, Prefilter] = field(default_factory=dict)

    @classmethod
    def build(cls, ruleset: RuleSet) -> MunitionCatalog:
        """The catalog of a rule set; cached per `ruleset.fingerprint`."""
        for e in (*ruleset.munitions, *ruleset.munition_classes):
            klass = e.data.get("class")
            if klass not in MUNITION_CLASSES:
                raise RuleError(e.path, e.line, f"unknown munition class {klass!r} (known: {', '.join(MUNITION_CLASSES)})")
        frozen = tuple((e.key, _freeze(e.data), f"{e.path}:{e.line}") for e in ruleset.munitions)
        classes = tuple((e.key, _freeze(e.data)) for e in ruleset.munition_classes)
        catalog = _build(ruleset.fingerprint, frozen, classes)
        if not ruleset.accelerated:
            return catalog
        patterns = {"model": catalog.model_pattern, "class": catalog.class_pattern, "non_munition": catalog.non_munition_pattern}
        found = {name: analyse(pattern) for name, pattern in patterns.items()}
        return replace(catalog, prefilters={name: pf for name, pf in found.items() if pf is not None})

    @classmethod
    def from_entries(cls, munitions: Iterable[Mapping[str, Any]], classes: Iterable[Mapping[str, Any]]) -> MunitionCatalog:
        """A catalog from plain mappings (tests, tools); not cached."""
        frozen = tuple((str(m["name"]), _freeze(m), "") for m in munitions)
        frozen_classes = tuple((str(c["class"]), _freeze(c)) for c in classes)
        return _build.__wrapped__("", frozen, frozen_classes)

    @cached_property
    def user_pattern_origins(self) -> tuple[str, ...]:
        """Where the models with users' own `patterns:` come from (none: the catalog's
        patterns are all built-in, trusted not to backtrack without end)."""
        return tuple(dict.fromkeys(m.origin for m in self.models if m.patterns and not m.origin.startswith("<builtin>")))

    def model(self, name: str) -> CatalogModel | None:
        for m in self.models:
            if m.name == name:
                return m
        return None

    def lookup(self, spelling: str) -> CatalogModel | None:
        """The model a spelling names ("X-101", "Kh 555", "Shaheds"), or None."""
        key = _normalize(_strip_inflection(spelling))
        index = self.by_key.get(key)
        if index is None and key.endswith("s"):
            index = self.by_key.get(key[:-1])
        return None if index is None else self.models[index]

    def class_of(self, name: str) -> str | None:
        if name in MUNITION_CLASSES:
            return name
        m = self.model(name)
        return m.munition_class if m else None


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


@lru_cache(maxsize=8)
def _build(
    _fingerprint: str,
    munitions: tuple[tuple[str, Any, str], ...],
    classes: tuple[tuple[str, Any], ...],
) -> MunitionCatalog:
    models: list[CatalogModel] = []
    for name, frozen, origin in munitions:
        data = dict(frozen)
        klass = str(data.get("class", "missile"))
        patterns = _as_list(data.get("patterns"))
        # the name is a spelling too, unless the entry has patterns (then it is one only if listed)
        aliases = tuple(dict.fromkeys([*([] if patterns else [name]), *_as_list(data.get("aliases"))]))
        models.append(CatalogModel(name, klass, aliases, tuple(patterns), origin))
    by_key: dict[str, int] = {}
    for i, m in enumerate(models):
        for alias in (m.name, *m.aliases):
            by_key[_normalize(alias)] = i  # a later entry with the same spelling wins, like rules.py
    # families: a bare alias that is the stem of another entry's name of another class
    families: dict[str, tuple[int, ...]] = {}
    family_names: dict[str, str] = {}
    for i, m in enumerate(models):
        for alias in m.aliases:
            if not regex.fullmatch(r"\p{L}[\p{L}\s]*", alias):
                continue
            stem = regex.compile(rf"{regex.escape(alias)}[{_HYPHEN}\s]\w", regex.I)
            members = [j for j, other in enumerate(models) if j != i and stem.match(other.name)]
            if members and any(models[j].munition_class != m.munition_class for j in members):
                key = _normalize(alias)
                families[key] = (i, *members)
                family_names[key] = slug(alias)
    parts: list[str] = []
    for i, m in enumerate(models):
        alts = sorted({alias_regex(a) for a in m.aliases}, key=len, reverse=True)
        alts += [f"(?:{p})" for p in m.patterns]
        parts.append(rf"(?P<m{i}>(?:{'|'.join(alts)})(?:{_TAIL}|s)?)")
    model_source = rf"(?<![\w{_HYPHEN}])(?:{'|'.join(parts) or '(?!)'}){_RIGHT}"
    class_terms: dict[str, tuple[str, ...]] = {}
    cparts: list[str] = []
    for k, (klass, frozen) in enumerate(classes):
        terms = tuple(_as_list(dict(frozen).get("terms")))
        class_terms[klass] = terms
        alts = sorted({_term_regex(t) for t in terms}, key=len, reverse=True)
        if alts:
            cparts.append(rf"(?P<c{k}>(?:{'|'.join(alts)})s?)")
    class_source = rf"(?<![\w{_HYPHEN}])(?:{'|'.join(cparts) or '(?!)'})(?![\w{_HYPHEN}])"
    flags = regex.IGNORECASE | regex.VERBOSE | regex.VERSION1 | regex.POSIX
    non = rf"(?<![\w{_HYPHEN}])(?:{'|'.join(NON_MUNITIONS)})(?![\w{_HYPHEN}])"
    return MunitionCatalog(
        models=tuple(models),
        classes=class_terms,
        model_pattern=regex.compile(model_source, flags),
        class_pattern=regex.compile(class_source, flags),
        non_munition_pattern=regex.compile(non, regex.VERSION1 | regex.POSIX),
        by_key=by_key,
        families=families,
        family_names=family_names,
        class_ids=tuple(klass for klass, _ in classes),
    )


# --------------------------------------------------------------------------- scanning


@dataclass
class _Hit:
    start: int
    end: int
    kind: str  # "M" model, "C" class word, "N" non-munition
    index: int = -1  # model index for "M"
    klass: str = ""  # class id for "M" and "C"
    family: str = ""  # normalized family key when the spelling is an ambiguous bare family name
    plural: bool = False
    inner: list[_Hit] = field(default_factory=list)  # class words inside a model spelling
    name: str = ""  # resolved model name


@dataclass(frozen=True)
class Phrase:
    """A munition noun phrase: the span a count's number stands before.

    start, end   offsets of the phrase: from its first modifier ("Russian", "attack",
                 "Shahed-type", "Iranian-designed") to its head noun or last model
    models       canonical model names in it, in text order, repeats removed
    head_class   class id of the head noun ("cruise missiles" -> cruise_missile); for a
                 list of class nouns ("drones and missiles") their combined class (see
                 `mixed_class`); None when no class noun heads the models ("seven Shaheds")
    resolved     what a count of this phrase names (GUIDELINES 2): the model when all of it
                 is one model, else a class: the head noun's, else the models' shared class,
                 aerial_target for drones mixed with missiles, missile for mixed missiles
    plural       the head noun (or model spelling) is plural, or the phrase lists several
    attributive  the phrase modifies a following noun ("drone attack", "missile debris"):
                 a number before it counts attacks, not munitions
    mixed        a model is coordinated with a non-model ("Shahed and decoy drones")
    mentions     the MunitionMentions inside the phrase (models, or the class words)
    """

    start: int
    end: int
    models: tuple[str, ...]
    head_class: str | None
    resolved: str
    plural: bool
    attributive: bool = False
    mixed: bool = False
    mentions: tuple[MunitionMention, ...] = ()

    def text(self, document: str) -> str:
        return document[self.start : self.end]


class _SpanIndex:
    """Hits sorted by start, asked which overlap or contain a span: a bisect and a few
    neighbours rather than a scan of every hit, so that a document dense with munition
    words costs linear time. Hits are short (a spelling), so only those starting within
    the longest hit's length before a span can reach it."""

    def __init__(self, hits: Sequence[_Hit]) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]
        self.longest = max((h.end - h.start for h in self.hits), default=0)

    def near(self, a: _Hit) -> Iterator[_Hit]:
        lo = bisect.bisect_left(self.starts, a.start - self.longest)
        hi = bisect.bisect_left(self.starts, a.end)
        return iter(self.hits[lo:hi])

    def overlaps(self, a: _Hit) -> bool:
        return any(a.start < h.end and h.start < a.end for h in self.near(a))

    def containing(self, a: _Hit) -> _Hit | None:
        return next((h for h in self.near(a) if h.start <= a.start and a.end <= h.end), None)


def _timed(which: str, text: str, catalog: MunitionCatalog, log: RunLog) -> Iterator[regex.Match[str]]:
    """The matches of one of the catalog's patterns ("model", "class", "non_munition") under
    the rules' time limit: a user's `patterns:` may backtrack catastrophically."""
    pattern: regex.Pattern[str] = getattr(catalog, f"{which}_pattern")
    key = f"munition-catalog:{which}"
    if key in log.timed_out_rules:  # it already cost one time limit on this input: not again
        return
    if log.out_of_time():
        log.cut_short(key)
        return
    seconds = log.seconds_for_a_rule()
    prefilter = catalog.prefilters.get(which)
    try:
        if prefilter is not None:
            trusted = not catalog.user_pattern_origins
            yield from scan(pattern, prefilter, log.index(text), 0, len(text), seconds, trusted=trusted)
        else:
            yield from pattern.finditer(text, timeout=seconds)
    except TimeoutError:
        if log.out_of_time():
            log.cut_short(key)
            return
        log.timed_out_rules.add(key)
        users = catalog.user_pattern_origins
        whose = f" (user patterns: from {', '.join(users)})" if users else ""
        log.note_once(
            "munition-catalog",
            f"the munition catalog{whose} timed out after {seconds:g}s; munitions past that point were skipped for this input",
        )


def _scan(text: str, catalog: MunitionCatalog, log: RunLog) -> list[_Hit]:
    non = [_Hit(m.start(), m.end(), "N") for m in _timed("non_munition", text, catalog, log)]
    non_index = _SpanIndex(non)
    models: list[_Hit] = []
    for m in _timed("model", text, catalog, log):
        group = m.lastgroup or ""
        if not group.startswith("m"):
            continue
        hit = _Hit(m.start(), m.end(), "M", int(group[1:]))
        if non_index.overlaps(hit):
            continue
        spelled = m.group()
        model = catalog.models[hit.index]
        hit.klass = model.munition_class
        key = _normalize(_strip_inflection(spelled))
        hit.plural = key not in catalog.by_key and key.endswith("s") and key[:-1] in catalog.by_key
        if hit.plural:
            key = key[:-1]
        if key in catalog.families:
            hit.family = key
        models.append(hit)
        # slash list: "Kh-101/555/55", "Shahed-136/131", "Iskander-M/K", "S-300/400"
        core = _strip_inflection(spelled)
        prefix = _LAST_WORD.sub("", core)
        pos = hit.end
        while prefix:
            part = _SLASH_PART.match(text, pos)
            if part is None:
                break
            index = catalog.by_key.get(_normalize(prefix + part.group("part")))
            if index is not None:
                sub = _Hit(part.start("part"), part.end("part"), "M", index, catalog.models[index].munition_class)
                if not non_index.overlaps(sub):
                    models.append(sub)
            pos = part.end()
    models = _non_overlapping(models)
    model_index = _SpanIndex(models)
    classes: list[_Hit] = []
    for m in _timed("class", text, catalog, log):
        group = m.lastgroup or ""
        if not group.startswith("c"):
            continue
        klass = catalog.class_ids[int(group[1:])]
        hit = _Hit(m.start(), m.end(), "C", klass=klass, plural=_is_plural(m.group()))
        if non_index.overlaps(hit):
            continue
        host = model_index.containing(hit)
        if host is not None:
            host.inner.append(hit)
        elif not model_index.overlaps(hit):
            classes.append(hit)
    return sorted([*models, *classes, *non], key=lambda h: (h.start, -h.end))


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    out: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _is_plural(spelled: str) -> bool:
    last = _SEPARATOR_RUN.split(spelled.strip())[-1]
    return last.endswith("s") and not last.endswith("ss")


_MISSILE_KINDS = frozenset({"missile", "cruise_missile", "ballistic_missile", "hypersonic_missile", "anti_aircraft_missile"})


def mixed_class(classes: Iterable[str]) -> str:
    """One class id for several: the class itself when all agree, aerial_target when drones
    (or aerial targets) mix with missiles, bombs or rockets, else `missile`."""
    found = set(classes)
    if not found:
        return "missile"
    if len(found) == 1:
        return next(iter(found))
    if found & (_DRONE_LIKE | {"aerial_target"}):
        return "aerial_target"
    return "missile"


# --------------------------------------------------------------------------- phrases


@dataclass
class _Draft:
    hits: list[_Hit]
    start: int
    end: int
    heads: list[_Hit]
    mixed: bool = False
    non_munition: bool = False
    listed: list[_Hit] = field(default_factory=list)  # class nouns of a catch-all list after the models

    @property
    def models(self) -> list[_Hit]:
        return [h for h in self.hits if h.kind == "M"]


def _drafts(text: str, hits: list[_Hit]) -> list[_Draft]:
    drafts: list[_Draft] = []
    i = 0
    while i < len(hits):
        first = hits[i]
        d = _Draft([first], first.start, first.end, [*first.inner] if first.kind == "M" else [first] if first.kind == "C" else [])
        d.non_munition = first.kind == "N"
        j = i + 1
        while j < len(hits):
            nxt = hits[j]
            gap = text[d.end : nxt.start]
            if nxt.start < d.end:
                j += 1
                continue
            if nxt.kind == "N":
                break
            if d.non_munition:
                # "Patriot missiles", "air defence missiles": the class noun is the system's
                if nxt.kind == "C" and not d.heads and _MOD_GAP.fullmatch(gap):
                    d.hits.append(nxt)
                    d.heads.append(nxt)
                    d.end = nxt.end
                    j += 1
                break
            if not d.heads:
                unknown = _UNKNOWN_PARTS.match(text, d.end) if d.models else None
                if unknown is not None and unknown.end() <= nxt.start and _MOD_GAP.fullmatch(text, unknown.end(), nxt.start):
                    d.mixed = True  # "Kh-101/Kh-556 missiles": a part names no model we know
                    gap = ""
                if nxt.kind == "M" and d.models and _MOD_GAP.fullmatch(gap) and _DESCRIPTIVE.fullmatch(text, nxt.start, nxt.end):
                    # "five JDAM guided aerial bombs": a model's alias that is only a description heads the model
                    # before it rather than naming a second one
                    nxt.kind = "C"
                    d.hits.append(nxt)
                    d.heads.append(nxt)
                elif nxt.kind == "M" and (_MOD_GAP.fullmatch(gap) or _CONN_GAP.fullmatch(gap)):
                    d.hits.append(nxt)
                    d.heads.extend(nxt.inner)
                elif nxt.kind == "C" and _MOD_GAP.fullmatch(gap):
                    d.hits.append(nxt)
                    d.heads.append(nxt)
                elif nxt.kind == "C" and d.models and _CONN_GAP.fullmatch(gap):
                    d.hits.append(nxt)  # "Shahed and decoy drones"
                    d.heads.append(nxt)
                    d.mixed = True
                else:
                    break
            elif not d.models and nxt.kind == "C" and _CONN_GAP.fullmatch(gap):
                d.hits.append(nxt)  # "cruise missiles, ballistic missiles and drones"
                d.heads.append(nxt)
            elif not d.models and nxt.kind == "M" and _FROM_LAUNCHER.fullmatch(gap) and _launcher_follows(text, hits, j, d):
                # "12 rockets fired from Grad multiple rocket launchers", "6 rockets of the US-made HIMARS
                # multiple launch rocket system": the rockets are that model's
                d.hits.append(nxt)
                while j + 1 < len(hits) and hits[j + 1].kind == "C" and _MOD_GAP.fullmatch(text[hits[j].end : hits[j + 1].start]):
                    j += 1
                    nxt = hits[j]
                launcher = _LAUNCHER_WORD.match(text, nxt.end)
                d.end = launcher.end() if launcher else nxt.end
                j += 1
                continue
            elif not d.models and nxt.kind == "M" and _OF_THE.fullmatch(gap) and _type_follows(text, nxt.end, nxt):
                # "decoy drones of the Gerbera type"
                d.hits.append(nxt)
                while j + 1 < len(hits) and hits[j + 1].kind == "M" and _CONN_GAP.fullmatch(text[hits[j].end : hits[j + 1].start]):
                    j += 1
                    d.hits.append(hits[j])
                    nxt = hits[j]
                after = _TYPE_AFTER.match(text, nxt.end)
                d.end = after.end() if after else nxt.end
                others = _AND_OTHER_TYPES.match(text, d.end)
                if others is not None:  # "UAVs of the Shahed type and other types": not all of one model
                    d.mixed = True
                    d.end = others.end()
                    while j + 1 < len(hits) and hits[j + 1].start < d.end:
                        j += 1
                j += 1
                continue
            else:
                break
            d.end = nxt.end
            j += 1
        if d.models and d.heads and not d.non_munition:
            j = _catch_all_list(text, hits, j, d)
        m = _MODS_BEFORE.search(text, max(0, d.start - 120), d.start)
        if m is not None and not d.non_munition:
            d.start = m.start()
        drafts.append(d)
        i = j
    return drafts


def _catch_all_list(text: str, hits: list[_Hit], j: int, d: _Draft) -> int:
    """ "571 Shahed strike UAVs, Gerbera-type decoy drones and drones of other types": a list of kinds
    that ends in a catch-all is one mixed phrase (the count is the class's); returns the next hit."""
    end, k = d.end, j
    taken: list[_Hit] = []
    while k < len(hits) and hits[k].kind in ("M", "C") and hits[k].start >= end:
        gap = text[end : hits[k].start]
        if taken and not _CONNECTOR_IN.search(gap):
            joined = _MOD_GAP.fullmatch(gap) or _TYPE_GAP.fullmatch(gap)  # a kind's own words: "Gerbera-type decoy drones"
        else:
            joined = _CONN_GAP.fullmatch(gap)  # the next kind of the list: ", Gerbera", " and drones"
        if not joined:
            break
        taken.append(hits[k])
        end = hits[k].end
        k += 1
    catch_all = _OTHER_TYPES.match(text, end)
    if not taken or not (catch_all or _OTHER_WORD.search(text, d.end, end)):
        return j
    d.hits.extend(taken)
    d.heads.extend(h for h in taken if h.kind == "C")
    d.listed.extend(h for h in taken if h.kind == "C")
    d.mixed = True
    d.end = catch_all.end() if catch_all else end
    return k


_CONNECTOR_IN = regex.compile(rf"{_CONNECTOR}", regex.I)
_TYPE_GAP = regex.compile(rf"\s*-?\s*(?:types?|class)\b(?:[\s{_QUOTES}]|-|\b{_MODIFIER}\b)*", regex.I | regex.X)
_OTHER_TYPES = regex.compile(r"\s+of\s+(?:other|various|different|unidentified|unknown)\s+(?:types?|kinds?|models?)\b", regex.I)
_OTHER_WORD = regex.compile(r"\bother\b", regex.I)
_AND_OTHER_TYPES = regex.compile(
    r"\s*,?\s+(?:and|or|as\s+well\s+as)\s+(?:of\s+)?(?:other|various|different|unidentified|unknown)\s+(?:types?|kinds?|models?)\b"
    r"(?:\s+of\s+(?:drones?|UAVs?|missiles?|unmanned\s+aerial\s+vehicles?))?",
    regex.I,
)


_DESCRIPTIVE = regex.compile(r"(?-i:[a-z]+(?:\s+[a-z]+)+)", regex.I)
_FROM_LAUNCHER = regex.compile(r"\s+(?:(?:fired|launched)\s+)?(?:from|of)\s+(?:the\s+|a\s+)?(?:[\w-]+-(?:made|supplied|built)\s+)?", regex.I)
_LAUNCHER_WORD = regex.compile(r"[\s-]+(?:multiple\s+)?(?:launch\s+)?(?:rocket\s+)?(?:launchers?|systems?|complex(?:es)?|MLRS)\b", regex.I)


def _launcher_follows(text: str, hits: list[_Hit], j: int, d: _Draft) -> bool:
    """Whether the model at hits[j] names the launcher of the class noun(s) before it, of that class:
    "rockets fired from Grad launchers" (a launcher word, or a class term of launchers, after the model)."""
    model = hits[j]
    if {h.klass for h in d.heads} != {model.klass}:
        return False
    nxt = hits[j + 1] if j + 1 < len(hits) else None
    if nxt is not None and nxt.kind == "C" and nxt.klass == model.klass and _MOD_GAP.fullmatch(text[model.end : nxt.start]):
        return _LAUNCHER_WORD.search(text, nxt.start, nxt.end + 1) is not None or _LAUNCHER_WORD.match(text, nxt.end) is not None
    return _LAUNCHER_WORD.match(text, model.end) is not None


def _type_follows(text: str, end: int, hit: _Hit) -> bool:
    if _TAIL_AT_END.search(text[hit.start : hit.end]):
        return True
    return _TYPE_AFTER.match(text, end) is not None


def _resolve_in_phrase(d: _Draft, catalog: MunitionCatalog) -> None:
    """Step 1 for ambiguous family names: the class noun of the phrase decides."""
    head_classes = {h.klass for h in d.heads}
    for h in d.models:
        h.name = catalog.models[h.index].name
        if not h.family:
            continue
        members = catalog.families[h.family]
        chosen = [j for j in members if catalog.models[j].munition_class in head_classes]
        if len(chosen) == 1:
            h.name = catalog.models[chosen[0]].name
            h.index = chosen[0]
            h.klass = catalog.models[chosen[0]].munition_class
            h.family = ""


def _line_of(starts: Sequence[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _analyse(
    text: str, catalog: MunitionCatalog, starts: Sequence[int], log: RunLog | None = None
) -> tuple[list[MunitionMention], list[tuple[_Draft, list[int]]]]:
    """Mentions (resolved for the whole document) and drafts with the indexes of their mentions.

    The pipeline asks twice per document (mentions, then phrases): the answer is kept in
    the document's RunLog, so the catalog's patterns run over a text once."""
    key = ("munitions", id(text), id(catalog))
    if log is not None and key in log.memo:
        kept_text, result = log.memo[key]
        if kept_text is text:
            return result  # type: ignore[return-value]
    result = _analyse_once(text, catalog, starts, log)
    if log is not None:
        log.memo[key] = (text, result)
    return result


def _analyse_once(
    text: str, catalog: MunitionCatalog, starts: Sequence[int], log: RunLog | None
) -> tuple[list[MunitionMention], list[tuple[_Draft, list[int]]]]:
    hits = _scan(text, catalog, log if log is not None else RunLog())
    drafts = _drafts(text, hits)
    mentions: list[MunitionMention] = []
    owners: list[tuple[_Draft, list[int]]] = []
    for d in drafts:
        if d.non_munition:
            continue
        _resolve_in_phrase(d, catalog)
        own: list[int] = []
        if d.models:
            for h in d.models:
                rule = f"munition.{catalog.family_names[h.family]}" if h.family else f"munition.{slug(h.name)}"
                own.append(len(mentions))
                mentions.append(_mention(text, starts, h.start, h.end, h.name, h.klass, True, rule))
            for h in d.listed:  # "... and imitator drones of various types": a kind of its own, read too
                own.append(len(mentions))
                mentions.append(_mention(text, starts, h.start, h.end, h.klass, h.klass, False, f"munition-class.{h.klass}"))
        else:
            if _NOT_A_WEAPON.match(text, d.end):
                continue
            for h in d.heads:
                own.append(len(mentions))
                mentions.append(_mention(text, starts, h.start, h.end, h.klass, h.klass, False, f"munition-class.{h.klass}"))
        owners.append((d, own))
    resolved = resolve_document(mentions, catalog)
    return resolved, owners


def _mention(text: str, starts: Sequence[int], start: int, end: int, name: str, klass: str, is_model: bool, rule: str) -> MunitionMention:
    evidence = Evidence(text=text[start:end], start=start, end=end, line=_line_of(starts, start), rule=rule)
    return MunitionMention(name=name, munition_class=klass, evidence=evidence, is_model=is_model)


def resolve_document(mentions: Sequence[MunitionMention], catalog: MunitionCatalog) -> list[MunitionMention]:
    """Step 2 for ambiguous family names ("Iskander"): the rest of the document decides.

    A mention whose rule is ``munition.<family>`` (a bare family name whose own phrase gave
    no class) takes the one member of the family that the document names elsewhere,
    explicitly ("Iskander-K") or by a phrase ("Iskander cruise missiles"). When the document
    names none, or several, it keeps the entry that lists the bare alias (Iskander-M, per
    the spec). Other mentions are returned unchanged; order is kept.
    """
    by_rule = {f"munition.{name}": key for key, name in catalog.family_names.items()}
    out = list(mentions)
    spelled_out = {o.name for o in mentions if o.is_model and o.evidence.rule not in by_rule}  # once, not per mention
    for i, m in enumerate(out):
        key = by_rule.get(m.evidence.rule)
        if key is None or not m.is_model:
            continue
        members = {catalog.models[j].name for j in catalog.families[key]}
        named = members & spelled_out
        default = catalog.models[catalog.families[key][0]]
        target = catalog.model(next(iter(named))) if len(named) == 1 else default
        if target is not None and target.name != m.name:
            out[i] = replace(m, name=target.name, munition_class=target.munition_class)
    return out


def find_munitions(text: str, catalog: MunitionCatalog, line_starts: Sequence[int] | None = None, log: RunLog | None = None) -> list[MunitionMention]:
    """Every munition mention in `text`, sorted by start, non-overlapping, resolved for the document."""
    starts = _line_starts(text) if line_starts is None else line_starts
    mentions, _ = _analyse(text, catalog, starts, log)
    return sorted(mentions, key=lambda m: m.evidence.start)


def munition_phrases(text: str, catalog: MunitionCatalog, line_starts: Sequence[int] | None = None, log: RunLog | None = None) -> list[Phrase]:
    """The munition noun phrases of `text`, sorted by start (see `Phrase`)."""
    starts = _line_starts(text) if line_starts is None else line_starts
    mentions, owners = _analyse(text, catalog, starts, log)
    phrases: list[Phrase] = []
    for d, own in owners:
        mine = tuple(mentions[k] for k in own)
        models = tuple(dict.fromkeys(m.name for m in mine if m.is_model))
        head_classes = [h.klass for h in d.heads]
        head_class = mixed_class(head_classes) if head_classes else None
        model_classes = [m.munition_class for m in mine if m.is_model]
        if models and len(models) == 1 and not d.mixed:
            resolved = models[0]
        elif models:
            if d.mixed:
                resolved = mixed_class([*model_classes, *head_classes])
            elif head_class is not None and not (head_class == "missile" and _MISSILE_KINDS.issuperset(model_classes)):
                resolved = head_class
            else:
                # "Kh-59/Kh-69 missiles": the bare "missiles" says less than the models' shared class
                resolved = mixed_class(model_classes)
        else:
            resolved = head_class or "missile"
        plural = len(models) > 1 or len(d.heads) > 1 or any(h.plural for h in d.heads) or (not d.heads and any(h.plural for h in d.models))
        attributive = _ATTRIBUTIVE.match(text, d.end) is not None
        phrases.append(Phrase(d.start, d.end, models, head_class, resolved, plural, attributive, d.mixed, mine))
    return sorted(phrases, key=lambda p: p.start)
