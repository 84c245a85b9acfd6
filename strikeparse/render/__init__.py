"""Output formats. Each renderer writes reports to the stream it is given, one
report at a time as soon as it is ready, and never prints on its own."""

from __future__ import annotations

from enum import StrEnum
from typing import IO, Protocol

from ..model import Report


class Renderer(Protocol):
    def begin(self, stream: IO[str]) -> None: ...
    def write(self, report: Report) -> None: ...
    def end(self) -> None: ...


class SummaryFormat(StrEnum):
    """Formats of `strikeparse summary` (render/summary.py); here, so that the CLI can
    declare its options without importing the summary module."""

    table = "table"
    json = "json"
    csv = "csv"


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    events = "events"  # dataset rows as CSV (strikeparse/events.py), as `strikeparse events` writes them


class EventsFormat(StrEnum):
    """Formats of `strikeparse events`."""

    csv = "csv"
    jsonl = "jsonl"


def events_renderer_for(fmt: EventsFormat) -> Renderer:
    from .events import EventsCsvRenderer, EventsJsonLinesRenderer

    return EventsCsvRenderer() if fmt is EventsFormat.csv else EventsJsonLinesRenderer()


def renderer_for(fmt: OutputFormat, *, color: bool = True, width: int | None = None) -> Renderer:
    # Imports are deferred so that JSON output never loads Rich.
    if fmt is OutputFormat.table:
        from .table import TableRenderer

        return TableRenderer(color=color, width=width)
    if fmt is OutputFormat.json:
        from .json import JsonRenderer

        return JsonRenderer()
    if fmt is OutputFormat.jsonl:
        from .json import JsonLinesRenderer

        return JsonLinesRenderer()
    if fmt is OutputFormat.csv:
        from .csv import CsvRenderer

        return CsvRenderer()
    if fmt is OutputFormat.events:
        return events_renderer_for(EventsFormat.csv)
    from .geojson import GeoJsonRenderer

    return GeoJsonRenderer()
