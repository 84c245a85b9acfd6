"""Rich tables for people: per report, munitions with counts, places (struck
marked), casualty totals, what was hit and what it cost; readable at 80 columns."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Report, figure_text
from .console import OutputConsole


class TableRenderer:
    def __init__(self, color: bool = True, width: int | None = None) -> None:
        self.color = color
        self.width = width

    def begin(self, stream: IO[str]) -> None:
        self.console = OutputConsole(
            file=stream, no_color=not self.color, width=self.width, highlight=False, force_terminal=None if self.color else False
        )

    def write(self, report: Report) -> None:
        c = self.console
        head = Text(report.source, style="bold")
        if report.date:
            head.append(f"  {report.date}", style="cyan")
        c.print(head)
        if report.title:
            c.print(Text(report.title, style="italic"))
        munitions = Table(title="Munitions", title_justify="left", expand=False, show_edge=False)
        for col in ("munition", "class", "launched", "intercepted", "suppressed", "hit"):
            munitions.add_column(col, justify="right" if col not in ("munition", "class") else "left")
        by_name: dict[str, dict[str, list[str]]] = {}
        for count in report.munition_counts:
            if count.background:
                continue
            cell = by_name.setdefault(count.munition, {})
            value = str(count.count) if count.qualifier == "exact" else f"{count.count} ({count.qualifier.replace('_', ' ')})"
            if count.review:
                value += " ?"
            if value not in cell.setdefault(count.status, []):
                cell[count.status].append(value)
        classes = {m.name: m.munition_class for m in report.munitions}
        names = list(dict.fromkeys([*by_name, *[m.name for m in report.munitions]]))
        for name in names:
            cell = by_name.get(name, {})
            munitions.add_row(name, classes.get(name, name), *(", ".join(cell.get(s, [])) for s in ("launched", "intercepted", "suppressed", "hit")))
        if names:
            c.print(munitions)
        places = Table(title="Places", title_justify="left", show_edge=False)
        places.add_column("place")
        places.add_column("type")
        places.add_column("struck")
        places.add_column("oblast / region")
        for loc in sorted(report.locations, key=lambda loc: (not loc.struck, loc.name)):
            if loc.place.type == "country":
                continue
            admin1 = loc.place.admin1 or ("" if loc.place.known else "(not in gazetteer: no coordinates)")
            places.add_row(loc.name, loc.place.type, Text("STRUCK", style="bold red") if loc.struck else "", admin1)
        if places.row_count:
            c.print(places)
        _print_table(
            c, "Casualties", ("outcome", "place", "group", "figure", "check"),
            [(t.outcome, t.location or "(whole report)", t.group, figure_text(t.low, t.high), _check(t.review)) for t in report.casualty_totals],
        )
        _print_table(
            c, "What was hit", ("category", "what", "status", "place", "check"),
            [(g.category.replace("_", " "), g.name, g.status, g.location or "(whole report)", _check(g.review)) for g in report.targets],
        )
        _print_table(
            c, "Impacts", ("impact", "unit", "place", "figure", "check"),
            [
                (i.kind.replace("_", " "), i.unit, i.location or "(whole report)", figure_text(i.low, i.high), _check(i.review))
                for i in report.impacts
            ],
        )
        background = sum(f.background for f in report.casualties) + sum(f.background for f in report.munition_counts)
        if background:
            c.print(Text(f"{background} background figure(s) (earlier attacks, running totals) left out of the totals", style="dim"))
        for warning in report.warnings:
            c.print(Text(f"warning: {warning}", style="yellow"))
        c.print()

    def end(self) -> None:
        pass


def _check(review: tuple[str, ...]) -> Text | str:
    """The table's mark for a figure to check by hand: "? place from fallback"."""
    return Text("? " + ", ".join(r.replace("_", " ") for r in review), style="yellow") if review else ""


def _print_table(console: Console, title: str, columns: tuple[str, ...], rows: list[tuple[str | Text, ...]]) -> None:
    """One titled table of figures (a "figure" column is right-aligned); nothing when it has no rows."""
    table = Table(title=title, title_justify="left", show_edge=False)
    for col in columns:
        table.add_column(col, justify="right" if col == "figure" else "left")
    for row in rows:
        table.add_row(*row)
    if table.row_count:
        console.print(table)
