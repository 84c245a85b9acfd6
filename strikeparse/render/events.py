"""Dataset rows (strikeparse/events.py): one row per (date, struck place), as CSV or JSON Lines."""

from __future__ import annotations

import csv
import json
from typing import IO

from ..events import EVENT_COLUMNS, event_rows
from ..model import Report


class EventsCsvRenderer:
    def begin(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=EVENT_COLUMNS, lineterminator="\r\n")
        self.writer.writeheader()

    def write(self, report: Report) -> None:
        self.writer.writerows(row.to_dict() for row in event_rows(report))
        self.stream.flush()

    def end(self) -> None:
        pass


class EventsJsonLinesRenderer:
    def begin(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        for row in event_rows(report):
            self.stream.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()

    def end(self) -> None:
        pass
