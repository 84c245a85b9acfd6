"""`strikeparse eval`: score the rules against gold annotations, in process.

A folder holds report texts NAME.txt and their gold files NAME.gold.yaml (the form
of docs/annotation-guidelines.md). The metric is the project's scorer's (score.py), redone
here faithfully: per field, the gold and the report each give a set of items
(names compared case-, apostrophe-, hyphen- and space-insensitively, with a
trailing raion/rayon/district dropped); true positives, false positives and false
negatives are summed over documents (micro-average); precision with no items
predicted is 1.0 when nothing was missed; the score is the mean F1 of the fields.
A test holds this module to score.py on the dev set to the third decimal.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import StrikeparseError
from .model import MUNITION_CLASSES
from .read import DEFAULT_MAX_BYTES, REPORT_SUFFIXES, Input, read_document

FIELDS = ("munitions", "counts", "places", "struck", "casualties", "date")
# Scored over the gold files that have the key, and kept out of the mean F1 so that it stays
# comparable with earlier runs (score.py's "extended" fields)
EXTENDED = ("targets", "impacts")
GOLD_SUFFIX = ".gold.yaml"


class EvalError(StrikeparseError):
    """A gold folder that cannot be scored (no gold files, a gold file that is not YAML)."""


def norm(name: Any) -> str | None:
    """Case, apostrophe, hyphen and space insensitive form of a name (score.py's)."""
    if name is None:
        return None
    s = str(name).lower().replace("\u2019", "").replace("'", "").replace("\u02bc", "")
    s = re.sub(r"[\s\-_]+", " ", s).strip()
    return re.sub(r" (raion|rayon|district)$", "", s)


def gold_items(gold: Mapping[str, Any]) -> dict[str, Counter[Any]]:
    places = gold.get("locations") or {}
    struck = {norm(p) for p in places.get("struck") or []}
    mentioned = {norm(p) for p in places.get("mentioned") or []}
    return {
        "munitions": Counter({norm(m) for m in gold.get("munitions") or []}),
        "counts": Counter({(norm(m), int(n), s) for m, n, s in (gold.get("munition_counts") or [])}),
        "places": Counter(struck | mentioned),
        "struck": Counter(struck),
        "casualties": Counter({(o, norm(loc), grp, lo, hi) for o, loc, grp, lo, hi in (gold.get("casualty_totals") or [])}),
        "date": Counter({str(gold.get("date"))} if gold.get("date") else set()),
        "targets": Counter({(c, norm(loc), st) for c, loc, st in (gold.get("targets") or [])}),
        "impacts": Counter({(k, u, norm(loc), lo, hi) for k, u, loc, lo, hi in (gold.get("impacts") or [])}),
    }


def report_items(report: Mapping[str, Any]) -> dict[str, Counter[Any]]:
    """The items of a report in the JSON form of the report format (countries are not places)."""
    places = [loc for loc in report.get("locations") or [] if loc.get("type") != "country"]
    return {
        "munitions": Counter({norm(m["name"]) for m in report.get("munitions") or [] if m["name"] not in MUNITION_CLASSES}),
        "counts": Counter({(norm(c["munition"]), int(c["count"]), c["status"]) for c in report.get("munition_counts") or []}),
        "places": Counter({norm(p["name"]) for p in places}),
        "struck": Counter({norm(p["name"]) for p in places if p.get("struck")}),
        "casualties": Counter({(t["outcome"], norm(t["location"]), t["group"], t["low"], t["high"]) for t in report.get("casualty_totals") or []}),
        "date": Counter({report["date"]} if report.get("date") else set()),
        "targets": Counter({(t["category"], norm(t["location"]), t["status"]) for t in report.get("targets") or []}),
        "impacts": Counter({(i["kind"], i["unit"], norm(i["location"]), i["low"], i["high"]) for i in report.get("impacts") or []}),
    }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1, with score.py's conventions for empty sets."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class Miss:
    document: str
    field: str
    missed: tuple[str, ...]  # in the gold, not in the report
    extra: tuple[str, ...]  # in the report, not in the gold

    def __str__(self) -> str:
        return f"{self.document} {self.field}: missed {list(self.missed)} extra {list(self.extra)}"


@dataclass(frozen=True)
class FieldScore:
    field: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]


@dataclass(frozen=True)
class ReviewShare:
    """How well review marks point at the wrong figures: casualty totals and munition counts
    that are not in the gold (wrong) or are (right), and how many of each carry a review mark."""

    wrong: int = 0
    wrong_marked: int = 0
    right: int = 0
    right_marked: int = 0

    def __add__(self, other: ReviewShare) -> ReviewShare:
        return ReviewShare(
            self.wrong + other.wrong, self.wrong_marked + other.wrong_marked, self.right + other.right, self.right_marked + other.right_marked
        )

    def line(self) -> str:
        return (
            f"review: {self.wrong_marked} of {self.wrong} wrong figures marked, "
            f"{self.right_marked} of {self.right} right ones (casualty totals and counts)"
        )


def review_share(gold: Mapping[str, Any], report: Mapping[str, Any]) -> ReviewShare:
    want = gold_items(gold)
    share = ReviewShare()
    for t in report.get("casualty_totals") or []:
        key = (t["outcome"], norm(t["location"]), t["group"], t["low"], t["high"])
        share += _judged(key in want["casualties"], bool(t.get("review")))
    for c in report.get("munition_counts") or []:
        if not c.get("background"):
            share += _judged((norm(c["munition"]), int(c["count"]), c["status"]) in want["counts"], bool(c.get("review")))
    return share


def _judged(right: bool, marked: bool) -> ReviewShare:
    return ReviewShare(right=1, right_marked=int(marked)) if right else ReviewShare(wrong=1, wrong_marked=int(marked))


@dataclass(frozen=True)
class Evaluation:
    documents: int
    fields: tuple[FieldScore, ...]
    misses: tuple[Miss, ...] = ()
    notes: tuple[str, ...] = field(default=())  # documents without a report, and why
    review: ReviewShare = ReviewShare()
    extended: tuple[tuple[FieldScore, int], ...] = ()  # targets, impacts: (score, documents scored)

    @property
    def mean_f1(self) -> float:
        return sum(f.f1 for f in self.fields) / len(self.fields)

    def score_line(self) -> str:
        """The closing line, in score.py's form."""
        return f"score: F1={self.mean_f1:.3f} " + " ".join(f"{f.field}={f.f1:.3f}" for f in self.fields)

    def table(self) -> str:
        lines = [f"{'field':<11} {'P':>6} {'R':>6} {'F1':>6}   (tp/fp/fn)   documents: {self.documents}"]
        for f in self.fields:
            lines.append(f"{f.field:<11} {f.precision:6.3f} {f.recall:6.3f} {f.f1:6.3f}   {f.tp}/{f.fp}/{f.fn}")
        for f, documents in self.extended:
            scores = f"{f.precision:6.3f} {f.recall:6.3f} {f.f1:6.3f}   {f.tp}/{f.fp}/{f.fn}"
            lines.append(f"{f.field:<11} {scores}   (extended: {documents} documents with the key)")
        lines.append(self.review.line())
        if self.extended:
            parts = (f"{f.field}={f.f1:.3f} (P {f.precision:.3f} R {f.recall:.3f}, {n} documents)" for f, n in self.extended)
            lines.append("extended: " + " ".join(parts))
        lines.append(self.score_line())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "mean_f1": round(self.mean_f1, 6),
            "fields": {f.field: {"precision": f.precision, "recall": f.recall, "f1": f.f1, "tp": f.tp, "fp": f.fp, "fn": f.fn} for f in self.fields},
            "misses": [{"document": m.document, "field": m.field, "missed": list(m.missed), "extra": list(m.extra)} for m in self.misses],
            "notes": list(self.notes),
            "review": dataclasses.asdict(self.review),
            "extended": {
                f.field: {"precision": f.precision, "recall": f.recall, "f1": f.f1, "tp": f.tp, "fp": f.fp, "fn": f.fn, "documents": n}
                for f, n in self.extended
            },
        }


def score(golds: Mapping[str, Mapping[str, Any]], reports: Mapping[str, Mapping[str, Any]], notes: Iterable[str] = ()) -> Evaluation:
    """Score reports (JSON form, by document name) against golds (by document name)."""
    totals = {f: [0, 0, 0] for f in FIELDS + EXTENDED}
    extended_documents = {f: 0 for f in EXTENDED}
    misses: list[Miss] = []
    review = ReviewShare()
    for name, gold in golds.items():
        if name in reports:
            review += review_share(gold, reports[name])
        want = gold_items(gold)
        got = report_items(reports[name]) if name in reports else {f: Counter() for f in FIELDS + EXTENDED}
        for f in EXTENDED:
            extended_documents[f] += f in gold
        for f in FIELDS + tuple(f for f in EXTENDED if f in gold):
            tp = sum((want[f] & got[f]).values())
            fp = sum((got[f] - want[f]).values())
            fn = sum((want[f] - got[f]).values())
            for i, v in enumerate((tp, fp, fn)):
                totals[f][i] += v
            if fp or fn:
                misses.append(Miss(name, f, tuple(sorted(map(str, want[f] - got[f]))), tuple(sorted(map(str, got[f] - want[f])))))
    fields = tuple(FieldScore(f, *totals[f]) for f in FIELDS)
    extended = tuple((FieldScore(f, *totals[f]), extended_documents[f]) for f in EXTENDED if extended_documents[f])
    return Evaluation(len(golds), fields, tuple(misses), tuple(notes), review, extended)


def load_golds(folder: Path) -> dict[str, dict[str, Any]]:
    paths = sorted(folder.glob("*" + GOLD_SUFFIX))
    if not paths:
        raise EvalError(f"{folder}: no *{GOLD_SUFFIX} files (see docs/annotation-guidelines.md for the form)")
    golds: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise EvalError(f"{path}: cannot read the gold file: {exc}".splitlines()[0]) from None
        if not isinstance(data, dict):
            raise EvalError(f"{path}: a gold file must be a mapping")
        golds[path.name[: -len(GOLD_SUFFIX)]] = data
    return golds


def evaluate(folder: Path, parse: Callable[[Input], Mapping[str, Any]], max_bytes: int = DEFAULT_MAX_BYTES) -> Evaluation:
    """Parse every NAME.txt (or NAME.html, NAME.md...) of a gold folder with `parse` and score it.

    `parse` takes an Input and returns the report's JSON form; the CLI passes the
    loaded parser, so `--rules` files are scored too.
    """
    golds = load_golds(folder)
    reports: dict[str, Mapping[str, Any]] = {}
    notes: list[str] = []
    for name in golds:
        # NAME.txt as score.py reads it; a saved page (NAME.html) or other report file where there is none
        path = next((p for suffix in (".txt", *REPORT_SUFFIXES) if (p := folder / f"{name}{suffix}").is_file()), folder / f"{name}.txt")
        if not path.is_file():
            notes.append(f"missing: no report for {name}.txt (no such file)")
            continue
        try:
            reports[name] = parse(Input(str(path), path))
        except StrikeparseError as exc:
            notes.append(f"missing: no report for {name}.txt ({exc})")
    return score(golds, reports, notes)


def parse_with(parser: Any, max_bytes: int = DEFAULT_MAX_BYTES) -> Callable[[Input], Mapping[str, Any]]:
    """A `parse` for evaluate(): the CLI's decoding policy, then the given Parser."""

    def parse(item: Input) -> Mapping[str, Any]:
        return dict(parser.parse(read_document(item, max_bytes)).to_dict())

    return parse
