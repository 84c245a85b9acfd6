"""GeoJSON: one FeatureCollection over all inputs, one Point per located place per report.

Coordinates are [lon, lat] (RFC 7946). Properties carry the report's source,
the place, whether it was struck, and the casualty totals, munition counts,
targets and impacts attributed to it, so that QGIS and geojson.io show them as they are.
"""

from __future__ import annotations

import json
from typing import IO, Any

from ..model import Report


def features(report: Report) -> list[dict[str, Any]]:
    out = []
    for loc in report.locations:
        p = loc.place
        if p.lat is None or p.lon is None:
            continue
        totals = [t.to_dict() for t in report.casualty_totals if t.location == p.name]
        counts = [{k: v for k, v in c.to_dict().items() if k != "evidence"} for c in report.munition_counts if c.location == p.name]
        targets = [{k: v for k, v in t.to_dict().items() if k != "evidence"} for t in report.targets if t.location == p.name]
        impacts = [{k: v for k, v in i.to_dict().items() if k != "evidence"} for i in report.impacts if i.location == p.name]
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "source": report.source,
                    "title": report.title,
                    "date": report.date,
                    "name": p.name,
                    "type": p.type,
                    "admin1": p.admin1,
                    "country": p.country,
                    "struck": loc.struck,
                    "mentions": len(loc.mentions),
                    "casualty_totals": totals,
                    "munition_counts": counts,
                    "targets": targets,
                    "impacts": impacts,
                },
            }
        )
    return out


class GeoJsonRenderer:
    def begin(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        stream.write('{"type": "FeatureCollection", "features": [')

    def write(self, report: Report) -> None:
        for feature in features(report):
            self.stream.write(("," if self.count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
            self.count += 1
        self.stream.flush()

    def end(self) -> None:
        self.stream.write("\n]}\n")
        self.stream.flush()
