"""Reconcile casualty figures into one best figure per (outcome, location, group).

Spec "CasualtyTotal": a repeated figure is one figure; digits beat vague words;
a later update ("rose to") replaces earlier figures (the highest update
is taken as the latest, since tolls rise and live blogs run newest first); otherwise the tightest
bounds the figures support (highest low, lowest high). Background figures are
left out. Where the bounds contradict each other, the event's own figure is kept:
a figure bounded on both sides ("seven were killed") over an open-ended larger one
("more than 4,000 killed", most often a running total the rules did not recognise),
else the one with the highest low; the total is marked `conflicting_figures` and a
warning says so. A total carries the review reasons of the figures it was made from.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import OUTCOMES, REVIEW_REASONS, Casualty, CasualtyTotal, MunitionCount, figure_text


def reconcile(casualties: Sequence[Casualty], headline: bool = False) -> tuple[list[CasualtyTotal], list[str]]:
    """One total per (outcome, place, group). `headline`: the report's line 1 is a headline, whose
    figures alone, in a report whose body gives figures, are marked headline_only."""
    groups: dict[tuple[str, str | None, str], list[Casualty]] = {}
    for c in casualties:
        if not c.background:
            groups.setdefault((c.outcome, c.location, c.group), []).append(c)
    totals: list[CasualtyTotal] = []
    warnings: list[str] = []
    body_has_figures = headline and any(c.evidence.line > 1 and not c.background for c in casualties)
    for (outcome, location, group), figures in groups.items():
        updates = [f for f in figures if f.update]
        if updates:
            # tolls rise: the highest update is the latest, in chronological text and in live blogs written newest first
            last = max(updates, key=lambda f: (f.low or f.high or 0, f.evidence.start))
            # figures stated after the update are newer only if they go beyond it ("had counted seven" is older)
            figures = [last, *[f for f in figures if f.evidence.start > last.evidence.start and (f.low or 0) > (last.low or 0)]]
        precise = [f for f in figures if f.qualifier != "vague"]
        figures = precise or figures
        lows = [f.low for f in figures if f.low is not None]
        highs = [f.high for f in figures if f.high is not None]
        low = max(lows) if lows else None
        high = min(highs) if highs else None
        reasons = {r for f in figures for r in f.review}
        if body_has_figures and all(f.evidence.line == 1 and not f.update for f in figures):
            reasons.add("headline_only")  # "Strikes kill at least 38 across Gaza": the body's own figures may say it otherwise
        if low is not None and high is not None and low > high:
            bounded = [f for f in figures if f.low is not None and f.high is not None]
            best = max(bounded or [f for f in figures if f.low is not None], key=lambda f: f.low or 0)
            low, high = best.low, best.high
            reasons = {*best.review, "conflicting_figures"}
            where = location or "the whole report"
            warnings.append(
                f"conflicting {outcome} figures for {where} ({group}): kept {figure_text(low, high)} from {best.evidence.text!r}"
            )
        review = tuple(r for r in REVIEW_REASONS if r in reasons)
        totals.append(CasualtyTotal(outcome, location, group, low, high, review))
    order = {o: i for i, o in enumerate(OUTCOMES)}
    totals.sort(key=lambda t: (t.location is not None, t.location or "", order[t.outcome], t.group))
    return totals, warnings


def count_warnings(counts: Sequence[MunitionCount]) -> list[str]:
    launched: dict[str, int] = {}
    intercepted: dict[str, int] = {}
    for c in counts:
        if c.background:
            continue
        if c.status == "launched":
            launched[c.munition] = max(launched.get(c.munition, 0), c.count)
        elif c.status == "intercepted":
            intercepted[c.munition] = max(intercepted.get(c.munition, 0), c.count)
    return [
        f"{name}: {intercepted[name]} intercepted is more than the {launched[name]} launched"
        for name in sorted(intercepted)
        if name in launched and intercepted[name] > launched[name]
    ]
