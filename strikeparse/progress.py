"""A progress bar for batches: on stderr, only for a person watching a terminal.

The bar never touches stdout (data only), and is left out when stderr is not a
terminal (a log file, CI, a pipe) or when reports are being drawn on the same
terminal as they are parsed (they are the progress, and a live bar would tear
the tables).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # Rich is imported only when a bar is drawn: JSON output never loads it
    from rich.console import Console

T = TypeVar("T")

# The bar being drawn, if any: stderr lines are printed through it (write_line).
_live_console: Console | None = None

# Fewer inputs than this finish before a bar is worth drawing.
MIN_INPUTS_FOR_PROGRESS = 2


def should_show_progress(inputs: int, *, stderr_is_terminal: bool, stdout_is_terminal: bool, output_at_end: bool) -> bool:
    """True when a bar helps: many inputs, stderr a terminal, and stdout not drawing reports meanwhile."""
    if inputs < MIN_INPUTS_FOR_PROGRESS or not stderr_is_terminal:
        return False
    return output_at_end or not stdout_is_terminal


def track(items: Sequence[T], *, enabled: bool, description: str = "parsing", console: Console | None = None) -> Iterator[T]:
    """Yield the items, advancing a transient bar on stderr (or `console`) when enabled."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        transient=True,
    ) as progress:
        global _live_console
        _live_console = progress.console
        try:
            task = progress.add_task(description, total=len(items))
            for item in items:
                yield item
                progress.advance(task)
        finally:
            _live_console = None


def write_line(line: str) -> None:
    """One line on stderr, whole: above the bar while one is drawn, as it is otherwise.

    Rich would word-wrap a line printed beside its bar at the terminal's width and read
    "[...]" in it as markup; soft wrap and plain Text leave it as written, for the
    terminal to wrap.
    """
    console = _live_console
    if console is None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
        return
    from rich.text import Text

    console.print(Text(line), soft_wrap=True)
