"""Document text -> lines, sentences and clauses, as offsets into the text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

import regex

# A sentence ends at . ! ? (and closing quotes) before white space and an upper-case
# letter, digit or opening quote, unless the dot ends a known abbreviation.
_SENTENCE_END = regex.compile(r"""(?<=[.!?]["'”’)]?(?:\[\d{1,3}\])?)\s+(?=["'“‘(\[]?[\p{Lu}\d•\-–—])""")
_ABBREVIATIONS = regex.compile(
    r"""(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gov|Govs|Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|St|No|Nos|Sen|Rep|Rev|vs|approx|est|Jr|Sr|Inc|Corp|Co|Ltd|Dept|Univ|Adm|Cmdr)
         |\b[A-Z](?:\.[A-Z])+|\b[ap]\.m|\b[A-Z])\.["'”’]?$""",
    regex.VERBOSE,
)
# A blank line between two lines: where a paragraph (a post's block, a list) ends.
BLANK_LINE = regex.compile(r"\n[ \t\u00a0]*\r?\n")
# Clause boundaries inside a sentence: where a new subject or a new event tends to start.
_CLAUSE_BREAK = regex.compile(
    r"""\s*;\s*|\s+[—–]\s+|,\s+(?=(?:while|whereas|but|although|though|as|after|before|when|where|which|who|and\s+(?:the|a|an|its|his|her|their|he|she|they|it)\b|saying|adding)\b)
        |\s+(?=(?:while|whereas|after|before|when)\s|as\s(?!well\b|many\b|much\b|part\b|a\s+result\b|the\s+(?:main|primary|first|last|only)\b|targets?\b|such\b|of\b|if\b|though\b|soon\b|long\b|far\b|it\s+did\b))(?<!\b(?:such|as|just|well|soon|long|far|same|so)\s+)""",
    regex.VERBOSE | regex.IGNORECASE,
)


# A "sentence" longer than this is not one (a scraped page's run-on line, a word list):
# it is cut at white space into pieces of at most this length, so that the work done
# per sentence stays bounded and a document's work grows linearly with its length.
# The longest sentence of every evaluation set and sample is under 500 characters.
MAX_SENTENCE = 2000


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int  # 1-based line of the start
    index: int
    paragraph: int
    clauses: tuple[Span, ...]

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


@dataclass(frozen=True)
class Segmented:
    text: str
    line_starts: tuple[int, ...]
    sentences: tuple[Sentence, ...]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None

    def sentence_start(self, offset: int) -> int:
        sentence = self.sentence_at(offset)
        return sentence.start if sentence is not None else offset

    def clause_at(self, offset: int) -> Span | None:
        sentence = self.sentence_at(offset)
        if sentence is None:
            return None
        for clause in sentence.clauses:
            if clause.start <= offset < clause.end:
                return clause
        return Span(sentence.start, sentence.end)


def line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    for match in regex.finditer(r"\r\n|\r|\n", text):
        starts.append(match.end())
    return tuple(starts)


def segment(text: str) -> Segmented:
    starts = line_starts(text)
    sentences: list[Sentence] = []
    paragraph = 0
    previous_blank = True
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        line = text[start:end].rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        if previous_blank or stripped[:1] in "-•–—*":
            paragraph += 1
        previous_blank = False
        line_end = start + len(line)
        offset = start + (len(line) - len(line.lstrip()))
        for s_start, s_end in _bounded(text, _split_sentences(text, offset, line_end)):
            sentences.append(Sentence(s_start, s_end, i + 1, len(sentences), paragraph, _clauses(text, s_start, s_end)))
    return Segmented(text, starts, tuple(sentences))


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        head = text[max(cursor, match.start() - 12) : match.start()]
        if _ABBREVIATIONS.search(head):
            continue
        if match.start() > cursor:
            out.append((cursor, match.start()))
        cursor = match.end()
    tail_end = end
    while tail_end > cursor and text[tail_end - 1].isspace():
        tail_end -= 1
    if tail_end > cursor:
        out.append((cursor, tail_end))
    return out


def _bounded(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each piece, cut at the last white space before MAX_SENTENCE (or at it, with none) while it is longer."""
    out = []
    for start, end in pieces:
        while end - start > MAX_SENTENCE:
            cut = max(text.rfind(" ", start + 1, start + MAX_SENTENCE), text.rfind("\t", start + 1, start + MAX_SENTENCE))
            cut = cut if cut > start else start + MAX_SENTENCE
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def _clauses(text: str, start: int, end: int) -> tuple[Span, ...]:
    spans = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if match.start() > cursor:
            spans.append(Span(cursor, match.start()))
        cursor = match.end()
    if end > cursor:
        spans.append(Span(cursor, end))
    return tuple(spans) or (Span(start, end),)
