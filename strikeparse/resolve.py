"""Resolve: settle names the gazetteer holds more than once by the report's other places.

"Kyivskyi district" is a district of Kharkiv, Donetsk, Odesa and Poltava; "Zolochiv"
is a town in Lviv Oblast and one in Kharkiv Oblast. The gazetteer ranks them by
population; a report that also names Kharkiv (or Kharkiv Oblast) means Kharkiv's.
The oblast named nearest to the mention wins: in its sentence first, then the most
named in the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .gazetteer import Gazetteer
from .model import Place, PlaceMention
from .segment import Segmented


def _oblast_of(place: Place) -> str | None:
    return place.name if place.type == "oblast" else place.admin1


def disambiguate(mentions: Sequence[PlaceMention], gazetteer: Gazetteer, seg: Segmented) -> list[PlaceMention]:
    alternatives = {id(m): _alternatives(m, gazetteer) for m in mentions}
    settled = [m for m in mentions if len(alternatives[id(m)]) <= 1]
    if len(settled) == len(mentions):
        return list(mentions)
    # a name whose places all lie in one oblast (the city of Zaporizhzhia and two villages of that name)
    # settles the oblast as well as a name held once
    agreed = [m for m in mentions if len({_oblast_of(p) for p in alternatives[id(m)]}) == 1]
    in_report = Counter(o for m in agreed if (o := _oblast_of(m.place)))
    out = []
    for mention in mentions:
        options = alternatives[id(mention)]
        if len(options) > 1:
            sentence = seg.sentence_at(mention.evidence.start)
            nearby = Counter(
                o for m in agreed if sentence is not None and sentence.start <= m.evidence.start < sentence.end and (o := _oblast_of(m.place))
            )
            for votes in (nearby, in_report):
                ranked = [o for o, _ in votes.most_common() if any(p.admin1 == o for p in options)]
                if ranked:
                    best = next(p for p in options if p.admin1 == ranked[0])
                    if best != mention.place:
                        mention = replace(mention, place=best)
                    break
        out.append(mention)
    return out


def _alternatives(mention: PlaceMention, gazetteer: Gazetteer) -> list[Place]:
    """The places a mention may be: those of its canonical name, and those its own spelling names
    ("Khotin" is Khotyn in Chernivtsi Oblast by another spelling, and Khotin in Sumy Oblast)."""
    same = _same_named(mention.place, gazetteer)
    if mention.place.type not in ("city", "district"):
        return same
    # a place whose own name is the spelling, not one that only has it as an old name (Lazurne, once Sofiivka)
    spelled = [p for p in gazetteer.lookup(mention.evidence.text) if p.type == mention.place.type and p.name == mention.evidence.text]
    return list({(p.name, p.admin1): p for p in [*same, *spelled]}.values())


def _same_named(place: Place, gazetteer: Gazetteer) -> list[Place]:
    if place.type not in ("city", "district"):
        return [place]
    return [p for p in gazetteer.lookup(place.name) if p.name == place.name and p.type == place.type]
