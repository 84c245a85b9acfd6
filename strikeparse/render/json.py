"""JSON (one array) and JSON Lines (one report object per line)."""

from __future__ import annotations

import json
from typing import IO

from ..model import Report


def dumps(report: Report, indent: int | None = None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)


class JsonLinesRenderer:
    def begin(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        # One write per line, flushed, so a reader never sees a partial line.
        self.stream.write(dumps(report) + "\n")
        self.stream.flush()

    def end(self) -> None:
        pass


class JsonRenderer:
    def begin(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        stream.write("[")

    def write(self, report: Report) -> None:
        body = dumps(report, indent=2).replace("\n", "\n  ")
        self.stream.write(("," if self.count else "") + "\n  " + body)
        self.stream.flush()
        self.count += 1

    def end(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()
