"""Inputs -> Documents: which files a path names, and how their bytes are decoded.

Decoding policy (evidence offsets always index the decoded text):
- a UTF-8 byte-order mark is removed; UTF-16/32 with a BOM is decoded as such;
- otherwise UTF-8; if that fails, Windows-1251 when the bytes look Cyrillic,
  else Windows-1252, with a warning that the encoding was guessed;
- bytes no encoding explains are replaced (U+FFFD), with a warning;
- a file with NUL bytes that is not UTF-16/32 is binary and gives an InputError.

A web page (see html.is_html) is then reduced to its article text, which is
what the offsets index.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .html import extract_article, is_html
from .model import Document

REPORT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
STDIN = "-"
STDIN_SOURCE = "<stdin>"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Input:
    """One input to parse: a file path, or standard input."""

    source: str  # as the user gave it (a file found in a folder: folder/relative path)
    path: Path | None  # None for standard input


def expand_inputs(args: list[str]) -> Iterator[Input | InputError]:
    """Files as given, folders as their report files (recursive, sorted), '-' as stdin.

    Yields an InputError in place of a path that names nothing readable, so that
    the caller reports it and goes on with the rest.
    """
    for arg in args:
        if arg == STDIN:
            yield Input(STDIN_SOURCE, None)
            continue
        try:
            yield from _expand_path(arg)
        except OSError as exc:  # a name too long, a folder that cannot be listed...
            yield InputError(display_name(arg), f"cannot read: {exc.strerror or exc}")


def _expand_path(arg: str) -> Iterator[Input | InputError]:
    path = Path(arg)
    if path.is_dir():
        # Paths only (not contents): each file is read when its turn comes.
        found = sorted(
            p for p in path.rglob("*")
            if p.suffix.lower() in REPORT_SUFFIXES and p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            yield InputError(display_name(arg), f"no report files ({', '.join(REPORT_SUFFIXES)}) in this folder")
        for p in found:
            yield Input(display_name(str(p)), p)
    elif path.exists():
        yield Input(display_name(arg), path)
    else:
        yield InputError(display_name(arg), "no such file or folder")


def display_name(name: str) -> str:
    """A path as valid Unicode for reports and messages: bytes a file name holds that are not
    UTF-8 (surrogate escapes, as Python reads them) are shown as \\xNN, so that the
    output stays valid UTF-8 JSON."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def read_bytes(item: Input, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if item.path is None:
        return read_limited(item.source, lambda: None, lambda: contextlib.nullcontext(sys.stdin.buffer), max_bytes)
    path = item.path
    return read_limited(item.source, lambda: path.stat().st_size, lambda: path.open("rb"), max_bytes)


def read_limited(
    source: str, size: Callable[[], int | None], open_binary: Callable[[], contextlib.AbstractContextManager[BinaryIO]], max_bytes: int
) -> bytes:
    """At most `max_bytes` of one input: refused by its size first where that is known, and never
    read past the limit; OS errors become one InputError naming the input. Local files, standard
    input and fsspec URLs (strikeparse.dask) all read through here."""
    try:
        known = size()
        if known is not None and known > max_bytes:
            raise InputError(source, f"file is {known:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
        with open_binary() as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(source, f"input is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)")
    return data


def decode(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Bytes -> (text, warnings) by the policy in the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            warnings: tuple[str, ...]
            try:
                text, warnings = data.decode(encoding), ()
            except UnicodeDecodeError:
                text = data.decode(encoding, errors="replace")
                warnings = (f"bytes that are not valid {encoding.removesuffix('-sig')} were replaced with U+FFFD",)
            return text.removeprefix("\ufeff"), warnings
    if b"\x00" in data:
        raise InputError(source, "binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    if _looks_cyrillic_1251(data):
        return data.decode("cp1251", errors="replace"), ("not UTF-8: decoded as Windows-1251 (guessed)",)
    try:
        text = data.decode("cp1252")
        return text, ("not UTF-8: decoded as Windows-1252 (guessed)",)
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, ("invalid UTF-8: undecodable bytes were replaced with U+FFFD",)


def _looks_cyrillic_1251(data: bytes) -> bool:
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    cyrillic = sum(1 for b in high if b >= 0xC0)  # А..я in Windows-1251
    return cyrillic / len(high) > 0.6 and len(high) / max(len(data), 1) > 0.2


def read_document(item: Input, max_bytes: int = DEFAULT_MAX_BYTES, date_hint: str | None = None) -> Document:
    return document_from_bytes(read_bytes(item, max_bytes), item.source, item.path.name if item.path else None, date_hint)


def document_from_bytes(data: bytes, source: str, name: str | None, date_hint: str | None = None) -> Document:
    """Bytes read from anywhere (a file, stdin, an fsspec URL on a Dask worker) -> Document.

    name is the file's name (None for stdin): it says whether the input is a web page.
    """
    text, warnings = decode(data, source)
    if is_html(name, text):
        # A web page is parsed as its article text; the page's own date is a
        # better hint than --date, which is one date for a whole batch.
        article = extract_article(text, source)
        text, date_hint = article.text, article.published or date_hint
    return Document(source=source, text=text, warnings=warnings, date_hint=date_hint)
