"""Output formats for `strikeparse summary`: Rich tables, JSON, CSV.

The summary is ready only after every report is read, so each format is one
function that writes a whole Summary to the stream it is given.

CSV is long ("tidy"): one row per figure, `section,munition,class,country,
oblast,date,measure,low,high`, so that one file holds all three tables and
pandas can pivot any of them; `high` is empty for "no upper bound".
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import IO, Any

from ..model import STATUSES
from ..summary import CASUALTY_OUTCOMES, Figure, Summary
from . import SummaryFormat

CSV_COLUMNS = ("section", "munition", "class", "country", "oblast", "date", "measure", "low", "high", "category", "kind", "unit")
RANGE_NOTE = "a-b: figures of the same date may overlap (at least a, at most b); n+: no upper bound"


def write_json(summary: Summary, stream: IO[str], *, color: bool = True, width: int | None = None) -> None:
    stream.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")


def csv_rows(summary: Summary) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(base: dict[str, Any], measure: str, figure: Figure | None) -> None:
        if figure is not None:
            rows.append({**base, "measure": measure, "low": figure.low, "high": figure.high})

    for m in summary.munitions:
        base = {"section": "munitions", "munition": m.name, "class": m.munition_class}
        add(base, "reports", Figure(m.reports, m.reports))
        for status in STATUSES:
            add(base, status, m.figure(status))
    for o in summary.oblasts:
        base = {"section": "oblasts", "country": o.country, "oblast": o.oblast}
        add(base, "reports", Figure(o.reports, o.reports))
        add(base, "times_struck", o.times_struck)
        for outcome in CASUALTY_OUTCOMES:
            add(base, outcome, o.figure(outcome))
    for d in summary.dates:
        add({"section": "dates", "date": d.date}, "reports", Figure(d.reports, d.reports))
    for t in summary.targets:
        base = {"section": "targets", "category": t.category, "country": t.country, "oblast": t.oblast}
        add(base, "reports", Figure(t.reports, t.reports))
        add(base, "things", t.things)
        for status, n in t.statuses:
            add(base, status, Figure(n, n))
    for i in summary.impacts:
        base = {"section": "impacts", "kind": i.kind, "unit": i.unit, "country": i.country, "oblast": i.oblast}
        add(base, "reports", Figure(i.reports, i.reports))
        add(base, "figure", i.figure)
    return rows


def write_csv(summary: Summary, stream: IO[str], *, color: bool = True, width: int | None = None) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(summary))


def write_table(summary: Summary, stream: IO[str], *, color: bool = True, width: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from .console import OutputConsole

    console = OutputConsole(file=stream, no_color=not color, width=width, highlight=False, force_terminal=None if color else False)

    def cell(figure: Figure | None) -> str:
        return "" if figure is None else str(figure)

    console.print(Text(f"{summary.reports} report{'s' if summary.reports != 1 else ''}", style="bold"))
    munitions = Table(title="Munitions", title_justify="left", show_edge=False)
    # The figures are stacked in one cell, one status a line, so that a
    # range is never cut short and the table reads at 80 columns.
    munitions.add_column("munition", no_wrap=True)
    munitions.add_column("class")
    munitions.add_column("reports", justify="right")
    munitions.add_column("figures")
    for m in summary.munitions:
        figures = "\n".join(f"{status} {m.figure(status)}" for status in STATUSES if m.figure(status) is not None)
        munitions.add_row(m.name, (m.munition_class or "").replace("_", " "), str(m.reports), figures)
    if munitions.row_count:
        console.print(munitions)
    oblasts = Table(title="Places by oblast", title_justify="left", show_edge=False)
    oblasts.add_column("oblast / region", no_wrap=True)
    oblasts.add_column("country")
    for col in ("days struck", "places struck", "killed", "injured"):
        oblasts.add_column(col, justify="right", no_wrap=col in ("killed", "injured"))
    for o in summary.oblasts:
        oblasts.add_row(o.label, o.country or "", str(o.times_struck), str(len(o.places_struck)), cell(o.killed), cell(o.injured))
    if oblasts.row_count:
        console.print(oblasts)
    targets = Table(title="What was hit", title_justify="left", show_edge=False)
    targets.add_column("category", no_wrap=True)
    targets.add_column("oblast / region")
    targets.add_column("reports", justify="right")
    targets.add_column("things", justify="right", no_wrap=True)
    targets.add_column("status")
    for t in summary.targets:
        place = t.oblast or (f"({t.country} as a whole)" if t.country else "(no place)")
        targets.add_row(t.category.replace("_", " "), place, str(t.reports), str(t.things), ", ".join(f"{s} {n}" for s, n in t.statuses))
    if targets.row_count:
        console.print(targets)
    impacts = Table(title="Impacts", title_justify="left", show_edge=False)
    for col in ("impact", "unit", "oblast / region", "reports", "figure"):
        impacts.add_column(col, justify="right" if col in ("reports", "figure") else "left", no_wrap=col == "figure")
    for i in summary.impacts:
        place = i.oblast or (f"({i.country} as a whole)" if i.country else "(no place)")
        impacts.add_row(i.kind.replace("_", " "), i.unit, place, str(i.reports), str(i.figure))
    if impacts.row_count:
        console.print(impacts)
    dates = Table(title="Reports per date", title_justify="left", show_edge=False)
    dates.add_column("date")
    dates.add_column("reports", justify="right")
    for d in summary.dates:
        dates.add_row(d.date or "(no date)", str(d.reports))
    if dates.row_count:
        console.print(dates)
    console.print(Text(RANGE_NOTE, style="dim"))


Writer = Callable[..., None]

WRITERS: dict[SummaryFormat, Writer] = {
    SummaryFormat.table: write_table,
    SummaryFormat.json: write_json,
    SummaryFormat.csv: write_csv,
}


def write_summary(summary: Summary, fmt: SummaryFormat, stream: IO[str], *, color: bool = True, width: int | None = None) -> None:
    WRITERS[fmt](summary, stream, color=color, width=width)
