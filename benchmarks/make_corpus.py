# ruff: noqa: E501
"""Write a large synthetic corpus of strike reports for benchmarking `strikeparse parse`.

The reports imitate the real ones in samples/: a headline, a dateline, sentences with
munition counts and statuses, places (oblasts, cities, districts), casualty figures in
digits and words, background paragraphs, quotes, and the typographic punctuation of
news wires (’ “ ” – — … and non-breaking spaces). The output depends only on the seed
and the sizes, so two runs with the same arguments write the same bytes.

    python benchmarks/make_corpus.py OUT_DIR --total-mb 100 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

CITIES = (
    "Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv", "Sumy", "Chernihiv", "Kherson", "Mykolaiv",
    "Kryvyi Rih", "Poltava", "Vinnytsia", "Khmelnytskyi", "Ternopil", "Rivne", "Lutsk", "Uzhhorod", "Ivano-Frankivsk",
    "Bila Tserkva", "Fastiv", "Brovary", "Bucha", "Irpin", "Kremenchuk", "Pavlohrad", "Nikopol", "Marhanets",
    "Kramatorsk", "Sloviansk", "Pokrovsk", "Kostiantynivka", "Izium", "Kupiansk", "Chuhuiv", "Okhtyrka", "Shostka",
    "Konotop", "Nizhyn", "Uman", "Cherkasy", "Kropyvnytskyi", "Zhytomyr", "Korosten", "Berdychiv", "Synelnykove",
    "Belgorod", "Kursk", "Bryansk", "Taganrog", "Rostov-on-Don", "Voronezh", "Novorossiysk", "Sanaa", "Hodeidah",
)
OBLASTS = (
    "Kharkiv", "Odesa", "Dnipropetrovsk", "Zaporizhzhia", "Sumy", "Chernihiv", "Kherson", "Mykolaiv", "Donetsk",
    "Poltava", "Kyiv", "Lviv", "Vinnytsia", "Khmelnytskyi", "Cherkasy", "Kirovohrad", "Zhytomyr", "Rivne", "Volyn",
)
DISTRICTS = ("Darnytskyi", "Shevchenkivskyi", "Solomianskyi", "Kyivskyi", "Sviatoshynskyi", "Dniprovskyi", "Osnovianskyi")
MODELS = (
    "Shahed-136", "Shahed", "Geran-2", "Gerbera", "Kh-101", "Kh-555", "Kh-59", "Kh-22", "Kh-31P", "Kalibr",
    "Iskander-M", "Iskander-K", "KN-23", "Kinzhal", "S-300", "Zircon", "Oniks", "Lancet", "Orlan-10", "KAB-500",
)
CLASS_NOUNS = (
    "drones", "attack drones", "Shahed-type attack UAVs", "cruise missiles", "ballistic missiles", "guided aerial bombs",
    "missiles", "strike UAVs", "decoy drones", "unmanned aerial vehicles", "rockets", "glide bombs",
)
NUMBER_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "dozens of", "at least 12", "more than 40", "up to 30", "about 60", "nearly 100", "a dozen",
)
OFFICIALS = ("Oleh Syniehubov", "Ivan Fedorov", "Serhiy Lysak", "Vitali Klitschko", "Mykola Kalashnyk", "Oleh Kiper", "Ihor Terekhov")
AGENCIES = ("Reuters", "AP", "AFP", "Ukrinform", "Suspilne", "Kyiv Independent", "Ukrainska Pravda")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
STATUSES = (
    "were shot down", "were destroyed by air defences", "were intercepted", "were suppressed by electronic warfare",
    "disappeared from radar", "hit their targets", "were downed over the {oblast} region", "were neutralised",
)
FILLER = (
    "The attack came as diplomats met in {city} to discuss a possible ceasefire, officials said.",
    "Moscow did not comment on the report, and {agency} could not independently verify the claims.",
    "Power was restored to most households by the evening, the energy company said on {weekday}.",
    "Rescuers worked through the night to clear the rubble of a five\u2011storey building.",
    "\u201cThe enemy continues to terrorise civilians,\u201d {official} wrote on Telegram.",
    "Schools in the area switched to remote learning for the rest of the week\u2026",
    "The {agency} report, published on {weekday}, cited local authorities and emergency services.",
    "Ukraine\u2019s foreign ministry called on partners to supply more air defence systems.",
    "Air raid alerts lasted for more than four hours in several regions \u2013 including the capital.",
    "Photos published by the State Emergency Service showed firefighters at a burning warehouse.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ReportWriter:
    """One report at a time from a seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: tuple[str, ...]) -> str:
        return self.rng.choice(items)

    def number(self) -> str:
        return str(self.rng.randint(2, 140)) if self.rng.random() < 0.6 else self.pick(NUMBER_WORDS)

    def fill(self, template: str) -> str:
        return template.format(
            city=self.pick(CITIES), oblast=self.pick(OBLASTS), agency=self.pick(AGENCIES), weekday=self.pick(WEEKDAYS),
            official=self.pick(OFFICIALS), district=self.pick(DISTRICTS),
        )

    def headline(self) -> str:
        kind = self.pick(("drone", "missile", "drone and missile", "bomb"))
        verb = self.pick(("kills", "injures", "hits", "damages", "wounds"))
        what = self.pick((f"{self.rng.randint(2, 30)} in {self.pick(CITIES)}", f"energy site in {self.pick(OBLASTS)} region", f"homes in {self.pick(CITIES)}"))
        return f"Russian {kind} attack {verb} {what}"

    def dateline(self) -> str:
        city = self.pick(CITIES).upper()
        date = f"{self.pick(MONTHS)} {self.rng.randint(1, 28)}, {self.rng.randint(2022, 2026)}"
        return f"{city}, {date} ({self.pick(AGENCIES)}) \u2013 "

    def count_sentence(self) -> str:
        n, m = self.rng.randint(20, 150), self.rng.randint(1, 19)
        model = self.pick(MODELS)
        form = self.rng.randrange(5)
        if form == 0:
            return f"Russia launched {n} {self.pick(CLASS_NOUNS)} and {self.number()} {model} missiles overnight, the air force said."
        if form == 1:
            return f"Of them, {max(1, n - m)} {self.fill(self.pick(STATUSES))}, while {m} others {self.pick(STATUSES).format(oblast=self.pick(OBLASTS))}."
        if form == 2:
            return f"\u2013 {n} {self.pick(CLASS_NOUNS)} of the {model} type;"
        if form == 3:
            return f"Air defences downed {self.number()} of the {n} {self.pick(CLASS_NOUNS)} over the {self.pick(OBLASTS)}, Sumy and {self.pick(OBLASTS)} regions."
        return f"The military said {self.number()} {model} {self.pick(CLASS_NOUNS)} struck {self.pick(CITIES)} and the surrounding area."

    def casualty_sentence(self) -> str:
        form = self.rng.randrange(6)
        place = self.pick(CITIES)
        if form == 0:
            return f"{self.number().capitalize()} people were killed and {self.number()} injured in {place}, {self.pick(OFFICIALS)} said."
        if form == 1:
            return f"In the {self.pick(DISTRICTS)} district of {place}, a {self.rng.randint(18, 90)}\u2011year\u2011old woman and her son were wounded."
        if form == 2:
            return f"The death toll in {place} has risen to {self.rng.randint(3, 60)}, including {self.pick(NUMBER_WORDS[:8])} children, the regional administration said."
        if form == 3:
            return f"No one was killed in the {self.pick(OBLASTS)} Oblast, but {self.number()} people were hospitalized."
        if form == 4:
            return f"\u201cAt least {self.rng.randint(2, 25)} civilians were injured,\u201d Governor {self.pick(OFFICIALS)} said on {self.pick(WEEKDAYS)}."
        return f"A man was killed when debris fell on a house in {place}\u00a0district, and {self.number()} more are missing."

    def background_sentence(self) -> str:
        year = self.rng.randint(2022, 2025)
        return f"Since February {year}, Russian strikes on {self.pick(CITIES)} have killed more than {self.rng.randint(100, 5000):,} civilians, according to the UN."

    def report(self, target_bytes: int) -> str:
        parts = [self.headline(), "", self.dateline() + self.count_sentence() + " " + self.casualty_sentence()]
        size = sum(len(p.encode()) + 1 for p in parts)
        while size < target_bytes:
            sentences = []
            for _ in range(self.rng.randint(2, 5)):
                roll = self.rng.random()
                if roll < 0.3:
                    sentences.append(self.count_sentence())
                elif roll < 0.55:
                    sentences.append(self.casualty_sentence())
                elif roll < 0.65:
                    sentences.append(self.background_sentence())
                else:
                    sentences.append(self.fill(self.pick(FILLER)))
            paragraph = " ".join(sentences)
            parts.extend(["", paragraph])
            size += len(paragraph.encode()) + 2
        parts.extend(["", f"(Reporting by {self.pick(OFFICIALS)}; Editing by {self.pick(OFFICIALS)})", ""])
        return "\n".join(parts)


def write_corpus(out: Path, total_mb: float, seed: int, mean_kb: float = 4.0, per_folder: int = 1000) -> tuple[int, int]:
    """Write reports under `out` until `total_mb` megabytes; returns (files, bytes)."""
    rng = random.Random(seed)
    writer = ReportWriter(rng)
    limit = int(total_mb * 1_000_000)
    written = files = 0
    while written < limit:
        size = max(400, int(rng.expovariate(1 / (mean_kb * 1000))))
        body = writer.report(min(size, limit - written + 400)).encode("utf-8")
        folder = out / f"{files // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"report-{files:06d}.txt").write_bytes(body)
        written += len(body)
        files += 1
    return files, written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write (created)")
    ap.add_argument("--total-mb", type=float, default=100.0, help="total size in MB (10^6 bytes) [100]")
    ap.add_argument("--mean-kb", type=float, default=4.0, help="mean report size in kB [4]")
    ap.add_argument("--seed", type=int, default=7, help="random seed [7]")
    args = ap.parse_args(argv)
    files, size = write_corpus(args.out, args.total_mb, args.seed, args.mean_kb)
    print(f"wrote {files} reports, {size / 1e6:.1f} MB, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
