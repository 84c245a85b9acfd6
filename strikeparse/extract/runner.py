"""Run regex rules over a text with a time limit, turning matches into Evidence."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import regex

from ..limits import rule_timeout
from ..model import Evidence
from ..prefilter import KeywordFinder, TextIndex, scan
from ..rules import Rule

# Below this many characters (a clause, a sentence) a plain regex scan costs less than
# finding the prefilter's candidate runs.
PREFILTER_MIN_CHARS = 400


@dataclass
class RunLog:
    """Warnings gathered while running rules over one document."""

    warnings: list[str] = field(default_factory=list)
    timed_out_rules: set[str] = field(default_factory=set)
    # the prefilter's view of the texts rules ran over (keyword hits, barriers), by id(text)
    indexes: dict[int, TextIndex] = field(default_factory=dict)
    finder: KeywordFinder | None = None  # the parser's keyword automaton, if it has one
    timeout: float = field(default_factory=rule_timeout)  # read once per input, not once per rule
    # results worked out once per text and asked for by two stages (munitions.py)
    memo: dict[tuple[str, int, int], tuple[str, object]] = field(default_factory=dict)

    def index(self, text: str) -> TextIndex:
        found = self.indexes.get(id(text))
        if found is None or found.text is not text:
            found = self.indexes[id(text)] = TextIndex(text, self.finder)
        return found

    def timed_out(self, rule: Rule, seconds: float) -> None:
        self.note_once(rule.id, f"rule {rule.id} ({rule.origin}) timed out after {seconds:g}s and was skipped for this input")

    def note_once(self, key: str, warning: str) -> None:
        # Once per input, though a rule may be run over many windows of it.
        if key not in self.timed_out_rules:
            self.timed_out_rules.add(key)
            self.warnings.append(warning)


def evidence(text: str, start: int, end: int, line_starts: Sequence[int], rule_id: str) -> Evidence:
    return Evidence(text[start:end], start, end, bisect.bisect_right(line_starts, start), rule_id)


def run_rule(rule: Rule, text: str, log: RunLog, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """Every match of one rule; a rule that runs past its time limit gives a warning, not a hang."""
    if rule.id in log.timed_out_rules:  # it already cost one time limit on this input: not again
        return
    seconds = log.timeout
    end = len(text) if endpos is None else endpos
    try:
        if rule.prefilter is not None and end - pos >= PREFILTER_MIN_CHARS:
            yield from scan(rule.compiled, rule.prefilter, log.index(text), pos, end, seconds, trusted=rule.path.startswith("<builtin>"))
        else:
            yield from rule.compiled.finditer(text, pos, end, timeout=seconds)
    except TimeoutError:
        log.timed_out(rule, seconds)


def group_span(match: regex.Match[str], name: str) -> tuple[int, int] | None:
    """Span of a named group that took part in the match (duplicate names: the first that did)."""
    try:
        spans = match.spans(name)
    except (IndexError, regex.error):
        return None
    for span in spans:
        if span[0] >= 0:
            return span
    return None


def group_text(match: regex.Match[str], name: str) -> str | None:
    span = group_span(match, name)
    return None if span is None else match.string[span[0] : span[1]]
