"""The one place that knows the stage order:
read -> segment -> extract -> resolve -> attribute and reconcile -> Report.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from .attribute import PlaceUse, attribute, background_sentences, build_context, dated_elsewhere, opens_with_headline
from .extract.casualties import CasualtyFinding, find_casualties
from .extract.counts import CountFinding, find_counts
from .extract.dates import date_with_year_of_path, find_date
from .extract.munitions import MunitionCatalog, find_munitions, munition_phrases
from .extract.numbers import NumberTables
from .extract.places import find_places
from .extract.runner import RunLog
from .extract.targets import find_impacts, find_targets
from .gazetteer import Gazetteer
from .limits import document_budget
from .model import Document, Munition, MunitionMention, Report
from .prefilter import KeywordFinder, words_of
from .reconcile import count_warnings, reconcile
from .resolve import disambiguate
from .rules import RuleSet
from .segment import segment

_HEADLINE_MAX_WORDS = 25
_SENTENCE_END_AT_LINE_END = regex.compile(r"[.;:]$")


@dataclass(frozen=True)
class Parser:
    """Rules and the data built from them, made once and used for every document."""

    ruleset: RuleSet

    @cached_property
    def tables(self) -> NumberTables:
        return NumberTables.from_ruleset(self.ruleset)

    @cached_property
    def catalog(self) -> MunitionCatalog:
        return MunitionCatalog.build(self.ruleset)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load(self.ruleset)

    @cached_property
    def keyword_finder(self) -> KeywordFinder | None:
        """One automaton for the keywords of every prefilter (fast path, pyahocorasick)."""
        if not self.ruleset.accelerated:
            return None
        prefilters = [rule.prefilter for rule in self.ruleset.rules] + list(self.catalog.prefilters.values())
        return KeywordFinder.build(words_of(prefilters))

    def warm(self) -> None:
        """Build the tables, catalog, gazetteer and keyword automaton now rather than at the
        first document (before the parser is cached on disk or handed to worker processes)."""
        _ = self.tables, self.catalog, self.keyword_finder
        self.gazetteer.has_key("")

    def parse(self, doc: Document) -> Report:
        return self.explain(doc).report

    def explain(self, doc: Document) -> Explanation:
        """The report together with the findings it was built from (for `strikeparse explain`)."""
        text = doc.text
        log = RunLog(finder=self.keyword_finder)
        log.start_budget(document_budget(len(text)), len(text))
        log.stage = "segmenting"
        seg = segment(text)
        log.stage = "places"
        mentions = disambiguate(find_places(text, self.ruleset, self.gazetteer, seg.line_starts, log), self.gazetteer, seg)
        log.stage = "background"
        background = background_sentences(text, seg, self.ruleset, log)
        in_background = lambda offset: (s := seg.sentence_at(offset)) is not None and s.index in background  # noqa: E731
        log.stage = "dates"
        date, date_offset = find_date(text, self.ruleset, log, seg.line_of, in_background, lambda offset: seg.line_starts[seg.line_of(offset) - 1])
        date_warnings: tuple[str, ...] = ()
        if date is None and doc.date_hint is None and doc.path_date:
            date, date_offset = date_with_year_of_path(text, doc.path_date, in_background)
            if date:
                date_warnings = (f"date {date}: the text gives day and month only; the year is the file path's ({doc.path_date}), check it",)
        background |= dated_elsewhere(text, seg, date or doc.date_hint)
        log.stage = "context"
        ctx = build_context(text, seg, mentions, self.ruleset, log, background, self.gazetteer)
        log.stage = "munitions"
        munition_mentions = find_munitions(text, self.catalog, seg.line_starts, log)
        phrases = munition_phrases(text, self.catalog, log=log)
        log.stage = "counts"
        counts = find_counts(text, seg, phrases, self.ruleset, self.tables, log, self.catalog.class_of)
        log.stage = "casualties"
        casualties = find_casualties(text, self.ruleset, self.tables, seg.line_starts, log, seg.sentence_start)
        log.stage = "targets"
        target_findings = find_targets(text, seg, self.ruleset, self.tables, log, ctx.is_background)
        impact_findings = find_impacts(text, seg, self.ruleset, self.tables, log, target_findings, ctx.is_background)
        log.stage = "attribution"
        locations, casualty_records, count_records, targets, impacts = attribute(text, ctx, casualties, counts, target_findings, impact_findings)
        totals, reconcile_warnings = reconcile(casualty_records, headline=opens_with_headline(seg))
        budget_warning = log.budget_warning()
        if budget_warning:
            log.warnings.append(budget_warning)
        report = Report(
            source=doc.source,
            title=title_of(text),
            date=date or doc.date_hint,
            munitions=tuple(_munitions(munition_mentions)),
            munition_counts=tuple(count_records),
            locations=tuple(locations),
            casualties=tuple(casualty_records),
            casualty_totals=tuple(totals),
            warnings=(*doc.warnings, *date_warnings, *log.warnings, *reconcile_warnings, *count_warnings(count_records)),
            targets=tuple(targets),
            impacts=tuple(impacts),
        )
        return Explanation(report, ctx.uses, tuple(munition_mentions), tuple(counts), tuple(casualties), date_offset)


@dataclass(frozen=True)
class Explanation:
    """A report and the intermediate findings behind it: what each matched piece of text became."""

    report: Report
    places: tuple[PlaceUse, ...]  # every place mention with its role (launch site, title, ...) or None
    munitions: tuple[MunitionMention, ...]
    counts: tuple[CountFinding, ...]
    casualties: tuple[CasualtyFinding, ...]
    date_offset: int | None  # where the report's date was read, if it was


def _munitions(mentions: list[MunitionMention]) -> list[Munition]:
    by_name: dict[str, list[MunitionMention]] = {}
    for m in mentions:
        by_name.setdefault(m.name, []).append(m)
    return [Munition(name, ms[0].munition_class, tuple(m.evidence for m in ms)) for name, ms in by_name.items()]


def title_of(text: str) -> str | None:
    """The first non-empty line, if it reads as a headline (short, no final full stop)."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("[") or len(line.split()) > _HEADLINE_MAX_WORDS or _SENTENCE_END_AT_LINE_END.search(line):
            return None
        return line
    return None


_DEFAULT: Parser | None = None


def default_parser() -> Parser:
    """The built-in rules and $STRIKEPARSE_RULES, built for the fast path and kept on disk,
    as the CLI's (strikeparse/cache.py; STRIKEPARSE_PLAIN=1 gives the plain path)."""
    global _DEFAULT
    if _DEFAULT is None:
        from .cache import load_parser

        _DEFAULT = load_parser()
    return _DEFAULT


def parse_text(text: str, source: str = "<text>", parser: Parser | None = None, date_hint: str | None = None) -> Report:
    return (parser or default_parser()).parse(Document(source=source, text=text, date_hint=date_hint))
