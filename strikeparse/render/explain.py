"""`strikeparse explain` output: the text with every match highlighted and numbered,
a legend (rule id, resolved value, records fed) and the report's records; or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from ..explain import Explained, Span
from ..model import figure_text

# Colours by what a match is about; context rules (background, strike, roles) stay quiet.
STYLES: Mapping[str, str] = {
    "casualty": "bold red",
    "no_casualty": "red",
    "count": "bold yellow",
    "status": "yellow",
    "munition": "bold magenta",
    "place": "bold cyan",
    "place_form": "cyan",
    "anaphor": "cyan",
    "date": "bold blue",
    "background": "dim italic",
    "strike": "underline",
    "place_context": "dim underline",
}


def write_json(explained: Explained, stream: IO[str]) -> None:
    json.dump(explained.to_dict(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def value_label(span: Span) -> str:
    """A short reading of what a span resolved to: "killed 4", "Shahed-136 17 intercepted", "Kyiv (city)"."""
    return "; ".join(_one(span.kind, v) for v in span.values if v) or "-"


def _one(kind: str, v: Mapping[str, Any]) -> str:
    if "outcome" in v:
        low, high = v.get("low"), v.get("high")
        figure = figure_text(low, high)
        extra = "" if v.get("group") in (None, "all") else f" {v['group']}"
        return f"{v['outcome']} {figure}{extra}" + (" (update)" if v.get("update") else "")
    if "count" in v and "munition" in v:
        return f"{v['munition']} {v['count']} {v['status']}"
    if "place" in v:
        role = f", {v['role']}" if v.get("role") else ""
        return f"{v['place']} ({v['type']}{role}{', background' if v.get('background') else ''})"
    if "munition" in v:
        return f"{v['munition']} ({v['class']})"
    if "date" in v:
        return str(v["date"])
    return ", ".join(f"{k}={val}" for k, val in v.items())


def write_terminal(explained: Explained, stream: IO[str], *, color: bool = True, width: int | None = None) -> None:
    from rich.text import Text

    from .console import OutputConsole

    console = OutputConsole(file=stream, no_color=not color, width=width, highlight=False, force_terminal=None if color else False)
    console.print(Text(explained.source, style="bold"))
    console.print()
    spans = explained.spans
    body = Text(explained.text)
    for span in spans:
        style = STYLES.get(span.kind, "")
        if style:
            body.stylize(style, span.start, span.end)
    markers: dict[int, list[int]] = {}
    for number, span in enumerate(spans, 1):
        markers.setdefault(span.end, []).append(number)
    pieces = body.divide(sorted(markers))
    out = Text()
    position = 0
    for piece in pieces:
        out.append_text(piece)
        position += len(piece.plain)
        if position in markers:
            out.append("[" + ",".join(map(str, markers.pop(position))) + "]", style="dim")
    console.print(out)
    console.print()
    console.print(Text("Matches", style="bold underline"))
    for number, span in enumerate(spans, 1):
        line = Text(f"[{number}] ", style="dim")
        line.append(f"line {span.line} ", style="dim")
        line.append(repr(span.text), style=STYLES.get(span.kind, ""))
        line.append(f"  {span.rule}", style="green")
        line.append(f"  {value_label(span)}")
        if span.fed:
            line.append("  -> " + "; ".join(f.summary for f in span.fed), style="bold")
        console.print(line)
    console.print()
    console.print(Text("Records", style="bold underline"))
    for record in explained.records():
        console.print(Text(f"{record.record}[{record.index}]: {record.summary}"))
    for warning in explained.report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
