"""Regenerate the privacy guard's word lists in plugins/atelier/data/privacy/.

    pip install -e '.[gazetteer]'        # names-dataset, spacy-lookups-data (build time only)
    python benchmarks/build_gazetteer.py  # needs about 3 GB of memory, 1-2 minutes

Writes two files, both read by `atelier.core.privacy.names` (see the README beside them):

- `first_names.tsv.gz`: the first names within a rank cut-off in the countries whose names are
  common in French and Québec classrooms (and English Canada), one per line:
  `name<TAB>best rank<TAB>country of that rank<TAB>gender (M, F or X)`. The source is the
  names-dataset package (aggregate counts per country; no individual is in it or in this file).
- `english_words.txt.gz`: lowercase English words, unless written capitalised more than four
  times as often (common words, not names: « will », « click », « workflow », not « john »),
  from spaCy's lexeme probabilities (spacy-lookups-data, `en_lexeme_prob`). English has no
  official spaCy pipeline on PyPI: this list and the gazetteer are how English sheets (and
  English words in French sheets) are read.

Run it again after changing the cut-offs below; the output is deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "plugins" / "atelier" / "data" / "privacy"

# Country (ISO 3166 alpha-2, as names-dataset spells them) → rank cut-off. The dataset ranks the
# first names of each country by frequency; beyond a few thousand, the tail is noisy (nicknames,
# words, typing mistakes). France and Canada go deepest: they are where the sheets are written.
CUTOFFS: dict[str, int] = {
    # where the sheets come from
    "FR": 6000, "CA": 5000, "BE": 2500, "CH": 2500, "LU": 800,
    # English-speaking classrooms and names common in Québec and France
    "US": 3000, "GB": 2500, "IE": 800,
    # Maghreb and the Middle East (Arabic names common in France and Québec)
    "MA": 2500, "DZ": 2500, "TN": 2000, "LY": 800, "EG": 1500, "LB": 1500, "SY": 1000,
    "IQ": 600, "JO": 600, "PS": 600,
    # West and Central Africa (the countries the dataset has), the Horn, Indian Ocean
    "CM": 2500, "BF": 1500, "BI": 1000, "DJ": 1000, "NG": 1500, "GH": 1000, "ET": 600,
    "SD": 600, "MU": 1500,
    # Haiti; Vietnam has no data of its own: Vietnamese names rank high in MO and SG
    "HT": 3000, "MO": 400, "SG": 800,
    # Portugal and Brazil, Turkey, Southern Europe
    "PT": 2000, "BR": 1500, "TR": 2000, "IT": 1500, "ES": 1500, "GR": 600, "AL": 600,
    "RS": 600, "PL": 800, "MD": 600,
    # Latin America (Québec and France welcome many), South Asia, Iran, Afghanistan, Philippines
    "MX": 1200, "CO": 1000, "PE": 800, "CL": 800, "SV": 600, "GT": 600, "HN": 600,
    "IN": 1200, "BD": 800, "IR": 1000, "AF": 800, "PH": 1000,
}  # fmt: skip

_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?$")
# Words that are never first names in a sentence (articles, pronouns, prepositions): the
# dataset has them because people filled the form with them. The runtime has its own lists
# of common words; this only keeps the file small and clean.
_NOT_NAMES = frozenset(
    {"a", "an", "and", "as", "at", "be", "by", "de", "del", "der", "des", "di", "do", "du", "el",
     "en", "et", "la", "las", "le", "les", "los", "ma", "me", "mi", "mo", "my", "ne", "no",
     "non", "not", "of", "on", "or", "ou", "oui", "sa", "se", "si", "son", "ta", "te", "the",
     "to", "tu", "un", "una", "une", "van", "von", "we", "ya", "yes", "you"}
)  # fmt: skip


def first_names() -> list[tuple[str, int, str, str]]:
    from names_dataset import NameDataset  # loads ~1 GB of pickled dictionaries

    dataset = NameDataset(load_last_names=False)
    rows: dict[str, tuple[int, str, str]] = {}
    for name, info in dataset.first_names.items():
        if not _NAME.match(name) or name.casefold() in _NOT_NAMES or len(name) < 2:
            continue
        best: tuple[int, str] | None = None
        for country, rank in info["rank"].items():
            cutoff = CUTOFFS.get(country)
            kept = cutoff is not None and rank is not None and rank <= cutoff
            if kept and (best is None or rank < best[0]):
                best = (int(rank), country)
        if best is None:
            continue
        gender = info.get("gender") or {}
        female, male = gender.get("F", 0.0), gender.get("M", 0.0)
        sex = "F" if female >= 0.8 else "M" if male >= 0.8 else "X"
        key = name
        if key not in rows or best[0] < rows[key][0]:
            rows[key] = (best[0], best[1], sex)
    return sorted((name, *values) for name, values in rows.items())


def english_words(floor: float) -> list[str]:
    """Lowercase words above `floor`, unless mostly written capitalised (names: « john »)."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        prob: dict[str, float] = json.load(text)
    words = []
    for word, p in prob.items():
        if p < floor or not word.isalpha() or not word.islower() or not word.isascii():
            continue
        if len(word) < 2:
            continue
        capitalised = prob.get(word.capitalize(), -30.0)
        # A word even if often capitalised (« rose », « mason »); « john », « april » are
        # written capitalised more than four times as often: names (or months) first.
        if p >= capitalised - 1.5:
            words.append(word)
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--english-floor",
        type=float,
        default=-15.0,
        help="lowest log-probability of an English word kept (default -15)",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    names = first_names()
    target = OUT / "first_names.tsv.gz"
    # mtime=0: the same input gives the same bytes.
    with (
        open(target, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped,
    ):
        zipped.write("".join(f"{n}\t{r}\t{c}\t{g}\n" for n, r, c, g in names).encode())
    print(f"{target.relative_to(REPO)}: {len(names)} first names, {target.stat().st_size} bytes")

    words = english_words(args.english_floor)
    target = OUT / "english_words.txt.gz"
    with (
        open(target, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped,
    ):
        zipped.write("".join(f"{w}\n" for w in words).encode())
    print(f"{target.relative_to(REPO)}: {len(words)} English words, {target.stat().st_size} bytes")


if __name__ == "__main__":
    sys.exit(main())
