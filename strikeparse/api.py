"""The Python API: parse_text, parse_path, load_parser, load_rules (re-exported by the package)."""

from __future__ import annotations

from pathlib import Path

from .cache import load_parser
from .model import Report
from .pipeline import Parser, default_parser, parse_text
from .read import DEFAULT_MAX_BYTES, Input, read_document
from .rules import load_rules

__all__ = ["Parser", "Report", "load_parser", "load_rules", "parse_path", "parse_text"]


def parse_path(path: str | Path, parser: Parser | None = None, max_bytes: int = DEFAULT_MAX_BYTES, date_hint: str | None = None) -> Report:
    """Parse one report file (decoded by the same policy as the CLI)."""
    doc = read_document(Input(str(path), Path(path)), max_bytes, date_hint)
    return (parser or default_parser()).parse(doc)
