"""JSON (one array) and JSON Lines (one report object per line)."""

from __future__ import annotations

import json
from typing import IO

from ..model import Report


def dumps(report: Report, indent: int | None = None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)


def _array_item(report: Report) -> str:
    return dumps(report, indent=2).replace("\n", "\n  ")


# Each renderer's `pre_render` is the part of writing a report that needs only the report:
# worker processes run it (strikeparse/batch.py), and `write_rendered` writes its text.


class JsonLinesRenderer:
    pre_render = staticmethod(dumps)

    def begin(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        self.write_rendered(dumps(report))

    def write_rendered(self, text: str) -> None:
        # One write per line, flushed, so a reader never sees a partial line.
        self.stream.write(text + "\n")
        self.stream.flush()

    def end(self) -> None:
        pass


class JsonRenderer:
    pre_render = staticmethod(_array_item)

    def begin(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        stream.write("[")

    def write(self, report: Report) -> None:
        self.write_rendered(_array_item(report))

    def write_rendered(self, body: str) -> None:
        self.stream.write(("," if self.count else "") + "\n  " + body)
        self.stream.flush()
        self.count += 1

    def end(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()
