"""Regenerate the countries, territories and continents of plugins/atelier/data/privacy/places.yml.

    pip install babel                    # build time only (not a runtime dependency)
    python benchmarks/build_places.py    # rewrites the last block of places.yml; deterministic
    python benchmarks/build_places.py --check   # exit 1 if the block differs from Babel's

The names are the Unicode CLDR's territory names as Babel ships them
(`babel.Locale(lang).territories`, Unicode licence), French first then English, in Babel's
order (its territory codes: world regions by number, then countries by ISO 3166 code). Left
out: codes that are no place (`EU` European Union, `EZ` euro zone, `UN` United Nations, `QO`
outlying Oceania, `XA`/`XB` pseudo-locales, `XK` a user-assigned code, `ZZ` unknown region);
names written with a parenthesis, an ampersand or a comma (« Myanmar (Birmanie) », "Trinidad &
Tobago": not how a sheet writes them); and names already in the file above the block or
earlier in it (matched as the guard matches, without accents or case).

The block is everything after its two comment lines (`MARKER` below) to the end of the file;
the hand-kept entries above it are left as they are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from atelier.core.privacy.names import fold  # noqa: E402

PLACES = REPO / "plugins" / "atelier" / "data" / "privacy" / "places.yml"
LANGS = ("fr", "en")
NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"})
MARKER = (
    "  # Countries, territories and continents: their names in French and in English, from the\n"
    "  # Unicode CLDR (as Babel ships it: `babel.Locale(lang).territories`)\n"
)


def territory_names(known: set[str]) -> list[str]:
    """The CLDR names to add, in order, skipping the folded names in `known`."""
    import babel  # build time only

    names: list[str] = []
    seen = set(known)
    for lang in LANGS:
        for code, name in babel.Locale(lang).territories.items():
            if code in NOT_PLACES or any(c in name for c in "(&,"):
                continue
            key = fold(name)
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def build(text: str) -> str:
    """`text` (places.yml) with its CLDR block rebuilt."""
    head, marker, _ = text.partition(MARKER)
    if not marker:
        raise SystemExit(f"{PLACES}: the CLDR block's comment is missing")
    known = {fold(line[4:]) for line in head.splitlines() if line.startswith("  - ")}
    return head + MARKER + "".join(f"  - {name}\n" for name in territory_names(known))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = PLACES.read_text(encoding="utf-8")
    rebuilt = build(text)
    if args.check:
        same = rebuilt == text
        print(f"{PLACES.relative_to(REPO)}: {'up to date' if same else 'differs from Babel'}")
        raise SystemExit(0 if same else 1)
    PLACES.write_text(rebuilt, encoding="utf-8")
    print(f"{PLACES.relative_to(REPO)}: {len(rebuilt.split(MARKER)[1].splitlines())} CLDR names")


if __name__ == "__main__":
    main()
