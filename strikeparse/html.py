"""Web pages -> article text, so that saved pages and `curl` output parse like text.

A page is reduced to its headline and article body with trafilatura (the optional
extra `strikeparse[html]`); navigation, adverts, comments and footers are dropped.
Everything downstream sees only the extracted text: evidence offsets and lines
index it, not the HTML.

`is_html` is the one place that decides whether an input is a web page: by its
file suffix, or, for standard input and other suffixes, by `<!doctype html` or
`<html` near the start of the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError

HTML_SUFFIXES = (".html", ".htm")
# How far into the text to look for the opening tag: past a BOM, an XML
# declaration and a comment or two, but not into a text report that quotes HTML.
_SNIFF_CHARS = 1024
_MARKERS = ("<!doctype html", "<html")


@dataclass(frozen=True)
class Article:
    """What was extracted from a page: the text to parse and the page's own date."""

    text: str
    published: str | None  # YYYY-MM-DD from the page's metadata, if any


def is_html(name: str | None, text: str) -> bool:
    """True for a file named *.html / *.htm, or text that opens as an HTML document."""
    if name is not None and name.lower().endswith(HTML_SUFFIXES):
        return True
    head = text[:_SNIFF_CHARS].lower()
    return any(marker in head for marker in _MARKERS)


def extract_article(html: str, source: str) -> Article:
    """The page's headline and article body as plain text (paragraphs separated by blank lines).

    Raises InputError naming the input when trafilatura is not installed, or when
    the page has no article text.
    """
    try:
        import trafilatura
    except ImportError:
        # ImportError, not only ModuleNotFoundError: a half-installed lxml raises the former.
        raise InputError(source, "is a web page; reading HTML needs trafilatura: pip install 'strikeparse[html]'") from None
    body = trafilatura.extract(html, include_comments=False, include_tables=False, include_links=False, include_images=False)
    if not body or not body.strip():
        raise InputError(source, "web page has no article text")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata is not None else ""
    published = metadata.date if metadata is not None and metadata.date else None
    # The headline goes first, as in a text report, so that the title and any
    # figures in it are read; trafilatura leaves it out of the body.
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return Article(text="\n\n".join(paragraphs) + "\n", published=published)
