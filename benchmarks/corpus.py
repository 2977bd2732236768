"""A synthetic but realistic corpus of practice sheets, for benchmarks.

Deterministic: the same `count` and `seed` always give the same files.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from atelier.core import vocabulary


def _vocabulary(lang: str) -> tuple[list[str], list[float]]:
    """The words of the project's own sample sheets in `lang`, with Zipf-like weights: a
    generated corpus then has real words, a long tail of rare ones, and realistic postings."""
    counts: dict[str, int] = {}
    for path in sorted((REPO / "practices").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if ("\nlang: en" in text) != (lang == "en"):
            continue
        for word in re.findall(r"[a-zà-ÿœæ]{3,}", text.split("\n---", 1)[-1].lower()):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, [1.0 / (rank + 10) for rank in range(len(words))]


REPO = Path(__file__).resolve().parents[1]
_FR = _vocabulary("fr")
_EN = _vocabulary("en")
_SECTIONS_EN = (
    "Context", "What I intended", "What I did", "What worked", "What went wrong",
    "Why I think it happened", "What I would do differently",
)  # fmt: skip
_SECTIONS = (
    "Contexte", "Ce que je voulais faire", "Ce que j'ai fait", "Ce qui a marché",
    "Ce qui n'a pas marché", "Pourquoi, à mon avis", "Ce que je referais autrement",
)  # fmt: skip


def _sentence(
    rng: random.Random, words: int = 14, vocabulary: tuple[list[str], list[float]] | None = None
) -> str:
    chosen, weights = vocabulary or _FR
    text = " ".join(rng.choices(chosen, weights, k=words))
    return text[0].upper() + text[1:] + "."


def write(root: Path, count: int, seed: int = 7, communities: int = 12) -> None:
    """Write `count` valid sheets (one in five in English) and a few communities."""
    rng = random.Random(seed)
    vocabularies, _ = vocabulary.load()
    subjects = [t.id for t in vocabularies["subjects"] if not t.deprecated]
    levels = [t.id for t in vocabularies["levels"] if not t.deprecated]
    challenges = [t.id for t in vocabularies["challenges"]]
    tags = [f"mot-cle-{i}" for i in range(150)]
    (root / "practices").mkdir(parents=True, exist_ok=True)
    (root / "communities").mkdir(parents=True, exist_ok=True)
    for c in range(communities):
        (root / "communities" / f"communaute-{c}.md").write_text(
            f'---\nname: "Communauté {c}"\ndomain: "{_sentence(rng)}"\nregion: fr\n'
            f'membership: open\ncontact: "https://example.org/c{c}"\n---\n\n'
            f"## Comment nous fonctionnons\n\n{_sentence(rng)}\n",
            encoding="utf-8",
        )
    for i in range(count):
        english = i % 5 == 4
        words, sections = (_EN, _SECTIONS_EN) if english else (_FR, _SECTIONS)
        label = "Sheet" if english else "Fiche"
        body = "\n".join(
            f"## {title}\n\n"
            + " ".join(_sentence(rng, vocabulary=words) for _ in range(rng.randint(2, 6)))
            + "\n"
            for title in sections
        )
        community = f"communaute-{rng.randrange(communities)}"
        (root / "practices" / f"fiche-{i:05d}.md").write_text(
            "---\n"
            f'title: "{label} {i}: {_sentence(rng, 6, words)[:-1]}"\n'
            f'summary: "{_sentence(rng, vocabulary=words)}"\n'
            f"lang: {'en' if english else 'fr'}\n"
            f"subject: {rng.choice(subjects)}\n"
            f"level: [{', '.join(rng.sample(levels, rng.randint(1, 2)))}]\n"
            f'authors: ["Autrice {i % 97}"]\n'
            f"date: 20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f'what_went_wrong:\n  - "{_sentence(rng, vocabulary=words)}"\n'
            f'  - "{_sentence(rng, vocabulary=words)}"\n'
            f"community: {community}\n"
            f"tags: [{', '.join(rng.sample(tags, rng.randint(1, 4)))}]\n"
            f"challenges: [{', '.join(rng.sample(challenges, rng.randint(1, 3)))}]\n"
            "---\n\n" + body,
            encoding="utf-8",
        )
