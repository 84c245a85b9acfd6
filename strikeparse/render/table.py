"""Rich tables for people: per report, munitions with counts, places (struck
marked), casualty totals, what was hit and what it cost; readable at 80 columns."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Report, figure_text


class TableRenderer:
    def __init__(self, color: bool = True, width: int | None = None) -> None:
        self.color = color
        self.width = width

    def begin(self, stream: IO[str]) -> None:
        self.console = Console(file=stream, no_color=not self.color, width=self.width, highlight=False, force_terminal=None if self.color else False)

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
        totals = Table(title="Casualties", title_justify="left", show_edge=False)
        for col in ("outcome", "place", "group", "figure", "check"):
            totals.add_column(col, justify="right" if col == "figure" else "left")
        for t in report.casualty_totals:
            check = Text("? " + ", ".join(r.replace("_", " ") for r in t.review), style="yellow") if t.review else ""
            totals.add_row(t.outcome, t.location or "(whole report)", t.group, figure_text(t.low, t.high), check)
        if totals.row_count:
            c.print(totals)
        hit = Table(title="What was hit", title_justify="left", show_edge=False)
        for col in ("category", "what", "status", "place", "check"):
            hit.add_column(col)
        for target in report.targets:
            check = Text("? " + ", ".join(r.replace("_", " ") for r in target.review), style="yellow") if target.review else ""
            hit.add_row(target.category.replace("_", " "), target.name, target.status, target.location or "(whole report)", check)
        if hit.row_count:
            c.print(hit)
        impacts = Table(title="Impacts", title_justify="left", show_edge=False)
        for col in ("impact", "unit", "place", "figure", "check"):
            impacts.add_column(col, justify="right" if col == "figure" else "left")
        for impact in report.impacts:
            check = Text("? " + ", ".join(r.replace("_", " ") for r in impact.review), style="yellow") if impact.review else ""
            impacts.add_row(
                impact.kind.replace("_", " "), impact.unit, impact.location or "(whole report)", figure_text(impact.low, impact.high), check
            )
        if impacts.row_count:
            c.print(impacts)
        background = sum(f.background for f in report.casualties) + sum(f.background for f in report.munition_counts)
        if background:
            c.print(Text(f"{background} background figure(s) (earlier attacks, running totals) left out of the totals", style="dim"))
        for warning in report.warnings:
            c.print(Text(f"warning: {warning}", style="yellow"))
        c.print()

    def end(self) -> None:
        pass
