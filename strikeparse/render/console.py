"""The Rich console the table renderers write through."""

from __future__ import annotations

from rich.console import Console


class OutputConsole(Console):
    """A console whose closed pipe is the CLI's to handle: Rich's own handler exits 1, and a
    reader that goes away (`| head -1`) must leave strikeparse exiting 0, as every other format does."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError
