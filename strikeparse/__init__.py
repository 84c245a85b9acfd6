"""strikeparse: English reports of missile and drone strikes -> structured, checkable data."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_parser", "load_rules", "parse_path", "parse_text"]


def __getattr__(name: str) -> object:
    # Deferred so that `strikeparse --version` and the CLI start fast.
    if name in ("parse_text", "parse_path", "load_parser"):
        from . import api

        return getattr(api, name)
    if name == "load_rules":
        from .rules import load_rules

        return load_rules
    raise AttributeError(name)
