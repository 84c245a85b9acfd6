"""Run regex rules over a text with a time limit, turning matches into Evidence."""

from __future__ import annotations

import bisect
import time
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
    # the document's time budget (limits.document_budget): when it is spent, every rule
    # left returns nothing at once, and the stage and rules it cut short are named
    deadline: float | None = None
    budget: float = 0.0
    stage: str = ""
    cut_stages: list[str] = field(default_factory=list)
    cut_rules: list[str] = field(default_factory=list)

    def start_budget(self, seconds: float, characters: int = 0) -> None:
        """Start the document's clock. A rule's own time limit grows with the text as
        the budget does (per million characters), so that a long clean document is read
        whole and only a slow rule or the budget cuts it short."""
        self.budget, self.deadline = seconds, time.monotonic() + seconds
        self.timeout *= max(1.0, characters / 1_000_000)

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def seconds_for_a_rule(self) -> float:
        """The rules' time limit, or less when the document's budget has less left."""
        if self.deadline is None:
            return self.timeout
        return max(min(self.timeout, self.deadline - time.monotonic()), 1e-3)

    def cut_short(self, rule_id: str) -> None:
        if self.stage and self.stage not in self.cut_stages:
            self.cut_stages.append(self.stage)
        if rule_id not in self.cut_rules:
            self.cut_rules.append(rule_id)

    def budget_warning(self) -> str | None:
        if not self.cut_rules:
            return None
        shown = ", ".join(self.cut_rules[:5]) + (f" and {len(self.cut_rules) - 5} more" if len(self.cut_rules) > 5 else "")
        return (
            f"ran out of its time budget of {self.budget:g}s in the {self.cut_stages[0] if self.cut_stages else 'parse'} stage"
            f" (stages cut short: {', '.join(self.cut_stages) or 'none'}; rules: {shown}); what was read before is reported"
            f" ($STRIKEPARSE_DOCUMENT_BUDGET, seconds per million characters, raises it)"
        )

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
    if log.out_of_time():
        log.cut_short(rule.id)
        return
    seconds = log.seconds_for_a_rule()
    end = len(text) if endpos is None else endpos
    try:
        if rule.prefilter is not None and end - pos >= PREFILTER_MIN_CHARS:
            yield from scan(rule.compiled, rule.prefilter, log.index(text), pos, end, seconds, trusted=rule.path.startswith("<builtin>"))
        else:
            yield from rule.compiled.finditer(text, pos, end, timeout=seconds)
    except TimeoutError:
        if log.out_of_time():
            log.cut_short(rule.id)
        else:
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
