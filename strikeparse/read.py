"""Inputs -> Documents: which files a path names, and how their bytes are decoded.

Decoding policy (evidence offsets always index the decoded text):
- a UTF-8 byte-order mark is removed; UTF-16/32 with a BOM is decoded as such;
- otherwise UTF-8. Mostly-valid UTF-8 stays UTF-8: when the valid multi-byte
  characters are at least as many as the invalid bytes, or when a legacy code
  page would turn the invalid bytes into stray symbols rather than letters in
  words and typographic punctuation, the bad bytes become U+FFFD, with a warning;
- only text that is not UTF-8 is given a legacy code page, the one
  charset-normalizer finds (Windows-1252 or -1251 where it reads the same), with
  a warning that names the guess and the detector's own measures of it;
- a file with NUL bytes that is not UTF-16/32 is binary and gives an InputError.

A web page (see html.is_html) is then reduced to its article text, which is
what the offsets index.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import re
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
            p
            for p in path.rglob("*")
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
    as_utf8 = data.decode("utf-8", errors="replace")
    invalid = as_utf8.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for char in as_utf8 if char >= "\x80" and char != "\ufffd")
    replaced = (as_utf8, (f"invalid UTF-8: {invalid:,} undecodable byte sequence(s) were replaced with U+FFFD",))
    if valid_multibyte >= invalid:
        return replaced
    guess = _legacy_code_page(data)
    if guess is None:
        return replaced
    text, encoding, measures = guess
    return text, (f"not UTF-8: decoded as {encoding} (guessed by charset-normalizer: {measures})",)


# Non-ASCII characters a legacy code page gives in real text besides letters.
_TYPOGRAPHIC = frozenset(
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac"  # quotes, dashes, ellipsis, bullet, euro
    "\u00ab\u00bb\u00b0\u00b7\u00a7\u00a9\u00ae\u00a0\u2116\u00b1\u00bd"  # guillemets, degree, section, no-break space, numero
)
_PREFERRED_NAMES = {"cp1252": "Windows-1252", "cp1251": "Windows-1251"}


def _legacy_code_page(data: bytes) -> tuple[str, str, str] | None:
    """(text, code page, the detector's measures), or None when no code page reads as text.

    The detector picks the code page; the check that its non-ASCII characters are
    letters inside words or typographic punctuation keeps a few stray bytes in
    English text ("\xff\xfe") from making a whole report Windows-1252.
    """
    from charset_normalizer import from_bytes  # deferred: only text that is not UTF-8 needs it

    match = from_bytes(data).best()
    if match is None:
        return None
    same_text = [match.encoding, *match.could_be_from_charset]
    encoding = next((name for name in _PREFERRED_NAMES if name in same_text), match.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if not _reads_as_text(text):
        return None
    shown = _PREFERRED_NAMES.get(encoding, encoding)
    measures = f"{match.percent_chaos:.0f}% mess, {match.percent_coherence:.0f}% language coherence"
    return text, shown, measures


def _reads_as_text(text: str) -> bool:
    """Its non-ASCII characters are typographic punctuation or letters of words.

    In a text mostly in another script (Cyrillic, Greek) any letter will do; in
    Latin-script text an accented letter stands in a word with ASCII letters ("café").
    """
    if not all(char < "\x80" or char in _TYPOGRAPHIC or char.isalpha() for char in text):
        return False
    letters = [char for char in text if char.isalpha()]
    foreign = sum(1 for char in letters if char >= "\x80")
    if letters and foreign / len(letters) > 0.3:
        return True
    return all(word.isascii() or (word.isalpha() and any(char.isascii() for char in word)) for word in _WORDS.findall(text))


_WORDS = re.compile(r"[^\W\d_]+")


_PATH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_/.]?)(?P<month>0[1-9]|1[0-2])(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_path(path: str) -> str | None:
    """The last date a file's path spells ("2025-11-18-kyiv.txt", "2025/11/18/x.txt", "20251118.txt"), ISO."""
    for match in reversed(list(_PATH_DATE.finditer(path))):
        try:
            return dt.date(int(match.group("year")), int(match.group("month")), int(match.group("day"))).isoformat()
        except ValueError:
            continue
    return None


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
    return Document(source=source, text=text, warnings=warnings, date_hint=date_hint, path_date=date_in_path(source) if name else None)
