"""Near-duplicate sheets: golden cases on the sample sheets, then ordering, threshold, limit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import shutil
import unicodedata

import pytest

from atelier.core import knowledge
from atelier.core.duplicates import (
    LIMIT,
    THRESHOLD,
    W_TITLE,
    DuplicateIndex,
    Match,
    body_text,
    find_duplicates,
    sheet_words,
    title_words,
    words,
)
from atelier.core.model import Sheet
from atelier.core.vocabulary import normalize
from conftest import REPO, SECTIONS_EN, SECTIONS_FR


@pytest.fixture(scope="module")
def samples() -> dict[str, Sheet]:
    """The sample sheets of the repository, by id (every one of them read)."""
    kb, _ = knowledge.load(REPO)
    assert len(kb.sheets) == len(list((REPO / "practices").rglob("*.md"))) > 0
    return kb.sheets


def _make(sheet_id: str, title: str, body: str = "", summary: str = "", **fields: object) -> Sheet:
    values: dict[str, object] = {
        "id": sheet_id,
        "path": f"practices/{sheet_id}.md",
        "title": title,
        "summary": summary,
        "subjects": ("francais",),
        "levels": ("fr-6e",),
        "authors": ("Claire M.",),
        "date": dt.date(2025, 1, 1),
        "what_went_wrong": (),
        "body": body,
        "body_line": 1,
        **fields,
    }
    return Sheet(**values)  # type: ignore[arg-type]


def _edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


# (a) The same practice submitted again under a new file name: title reworded, two typos
# fixed (the copy had "utilisés", "quatres"), a word changed and a sentence added.
EDITS = (
    (
        'title: "Dictée négociée en 6e : des négociations deux fois plus longues que prévu"',
        'title: "Une dictée négociée en sixième qui a duré deux fois plus longtemps que prévu"',
    ),
    ("Plusieurs ont utilisé spontanément", "Plusieurs ont utilisés spontanément"),
    ("À 25 minutes de négociation, quatre groupes", "À 25 minutes de négociation, quatres groupes"),
    ("J'enseigne depuis huit ans", "J'enseigne depuis neuf ans"),
    (
        "lors d'une séance de l'atelier.\n",
        "lors d'une séance de l'atelier. Je l'ai refaite cette année avec une autre 6e.\n",
    ),
)


@pytest.fixture(scope="module")
def edited_copy(tmp_path_factory: pytest.TempPathFactory) -> Sheet:
    """dictee-negociee-6e.md copied to a new file with small edits, read like any sheet."""
    root = tmp_path_factory.mktemp("copy")
    shutil.copytree(REPO / "communities", root / "communities")
    (root / "practices").mkdir()
    source = (REPO / "practices" / "dictee-negociee-6e.md").read_text(encoding="utf-8")
    copy = root / "practices" / "dictee-negociee-sixieme.md"
    copy.write_text(_edit(source, *EDITS), encoding="utf-8")
    kb, _ = knowledge.load(root)
    return kb.sheets["dictee-negociee-sixieme"]


def test_edited_copy_is_a_duplicate(samples: dict[str, Sheet], edited_copy: Sheet) -> None:
    found = DuplicateIndex(samples.values()).matches(edited_copy)
    assert found == [Match("dictee-negociee-6e", 0.94, 0.47, 0.94)]
    assert found[0].score >= 0.8


def _generic_copy(sheet: Sheet, rng: random.Random) -> Sheet:
    """A copy with a reworded title, three misspelt words and an added sentence."""
    body = sheet.body.split(" ")
    for _ in range(3):
        i = rng.randrange(len(body))
        body[i] = body[i] + "s"
    added = "Cette fiche reprend une séance déjà décrite, refaite avec un autre groupe."
    head, _, tail = sheet.title.partition(":")
    return dataclasses.replace(
        sheet,
        id=sheet.id + "-copie",
        title=f"{tail.strip()} ({head.strip()})" if tail else "Reprise : " + sheet.title,
        body=" ".join(body) + "\n\n" + added + "\n",
    )


def test_every_sample_copied_with_edits_scores_high(samples: dict[str, Sheet]) -> None:
    index = DuplicateIndex(samples.values())
    rng = random.Random(13)
    for sheet in samples.values():
        found = index.matches(_generic_copy(sheet, rng))
        assert found, sheet.id
        assert found[0].id == sheet.id
        assert found[0].score >= 0.8, (sheet.id, found[0])
        assert len(found) == 1  # nothing else comes close


def test_samples_are_all_distinct(samples: dict[str, Sheet]) -> None:
    """(b) The samples are distinct practices, some on one subject: all well below 0.6."""
    assert find_duplicates(samples.values(), samples.values()) == {}
    index = DuplicateIndex(samples.values())
    for sheet in samples.values():  # each still matches itself under another id
        again = dataclasses.replace(sheet, id=sheet.id + "-bis")
        assert index.matches(again) == [Match(sheet.id, 1.0, 1.0, 1.0)]
    low = DuplicateIndex(samples.values(), threshold=0.01)
    best = max(m.score for sheet in samples.values() for m in low.matches(sheet, limit=1))
    assert best == 0.12  # situation-probleme-fractions-1re-secondaire ↔ correction-commune-sae


TRANSLATION_BODY = """
## Context

A Year 7 class (6e) of 27 pupils, four and a half hours of French a week. In October, agreement
within the noun phrase was still very shaky in their writing, although most pupils could recite
the rule without hesitating. I have been teaching for eight years, but this was my first
negotiated dictation: I had heard about it in the spring, at one of the workshop's meetings.

## What I intended

To get pupils to put their spelling reasoning into words rather than correcting mistakes one by
one. The principle: I dictate, everyone writes alone, then in groups of four the pupils must
agree on a single version, justifying every choice. Above all I wanted them to get into the
habit of finding the head noun and working back to the determiners and adjectives.

## What went wrong

- **Time.** After 25 minutes of negotiation, four groups out of seven were still on the second
  sentence. I stopped everyone: nobody negotiated the last two sentences.
- **The pen.** In two groups, the pupil holding the sheet wrote their own version while the
  others were still talking. Whoever writes decides, and the others quickly understood that
  their opinion changed nothing.
- **The pooling.** There were 8 minutes left. I corrected on the board, quickly, and gave the
  justifications myself. That was exactly what I wanted to avoid.
"""


def test_translation_is_not_a_duplicate(samples: dict[str, Sheet]) -> None:
    """(c) The English version of a French sheet shares its practice, not its words."""
    original = samples["dictee-negociee-6e"]
    translation = dataclasses.replace(
        original,
        id="negotiated-dictation-year-7",
        lang="en",
        translation_of=original.id,
        title="Negotiated dictation in 6e: negotiations twice as long as planned",
        summary=(
            "A negotiated dictation in groups of four to make pupils reason about agreement in "
            "the noun phrase. The discussions were rich, but the lesson overran and the pooling "
            "was rushed."
        ),
        what_went_wrong=(
            "I had planned 15 minutes of negotiation: after 25 minutes, four groups out of seven "
            "had not finished the second sentence, and I had to stop everyone.",
        ),
        body=TRANSLATION_BODY,
    )
    assert DuplicateIndex(samples.values()).matches(translation) == []
    low = DuplicateIndex([original], threshold=0.01).matches(translation)
    assert low == [Match("dictee-negociee-6e", 0.01, 0.05, 0.0)]


# -- normalisation -------------------------------------------------------------------------


def test_words_fold_case_accents_and_marks() -> None:
    assert words("**Élèves** _motivés_ : `Ça` marche — [lien](https://x.org/a) !") == [
        "eleves", "motives", "ca", "marche", "lien", "https", "x", "org", "a",
    ]  # fmt: skip
    assert title_words(_make("a", "L'oral : d'abord à deux")) == ["oral", "abord", "deux"]


def test_words_are_vocabulary_normalize_then_split(samples: dict[str, Sheet]) -> None:
    """Folding word by word gives what `vocabulary.normalize` gives on the whole text."""
    for sheet in samples.values():
        text = "\n".join((sheet.title, sheet.summary, *sheet.what_went_wrong, sheet.body))
        assert words(text) == re.findall(r"[^\W_]+", normalize(text)), sheet.id
    decomposed = unicodedata.normalize("NFD", "Élèves négociée cœur")
    assert words(decomposed) == words("Élèves négociée cœur") == ["eleves", "negociee", "cœur"]


def test_sheet_words_drop_scaffold_headings_links_and_html() -> None:
    body = (
        "## Contexte\n\nUne classe.\n\n### Ce qui n’a pas marché :\n\nLe bruit.\n\n"
        "## What went wrong\n\n## Le rôle du secrétaire\n\n"
        "Voir [la grille](https://example.org/grille.pdf) <br> <!-- à compléter --> www.x.org\n"
    )
    got = sheet_words(_make("a", "Titre", body, summary="Résumé.", what_went_wrong=("Raté.",)))
    assert got == [
        "titre", "resume", "rate", "une", "classe", "le", "bruit",
        "le", "role", "du", "secretaire", "voir", "la", "grille",
    ]  # fmt: skip
    assert words(body_text("Si 3 < 4 et 5 > 2, alors <b>oui</b>.")) == [
        "si", "3", "4", "et", "5", "2", "alors", "oui",
    ]  # fmt: skip


def test_shared_scaffold_alone_is_not_similar() -> None:
    """Two sheets with every section heading but different stories share nothing."""
    fr = "".join(f"## {h}\n\nrécit {i} de la première\n" for i, h in enumerate(SECTIONS_FR))
    other = "".join(f"## {h}\n\nautre chose {i} ici\n" for i, h in enumerate(SECTIONS_FR))
    en = "".join(f"## {h}\n\nsomething {i} else\n" for i, h in enumerate(SECTIONS_EN))
    index = DuplicateIndex([_make("a", "Débat mouvant", fr)], threshold=0.01)
    assert index.matches(_make("b", "Oral en binômes", other)) == []
    assert index.matches(_make("c", "Peer review", en)) == []


# -- scoring -------------------------------------------------------------------------------

STORY = " ".join(f"phrase {i} sur la dictee et les accords du groupe nominal." for i in range(30))


def test_identical_sheet_scores_one() -> None:
    index = DuplicateIndex([_make("a", "Dictée négociée en 6e", STORY)])
    assert index.matches(_make("b", "Dictée négociée en 6e", STORY)) == [Match("a", 1.0, 1.0, 1.0)]


def test_title_adds_weight_but_cannot_make_a_duplicate_alone() -> None:
    """score = max(text, 0.3 × title + 0.7 × text): a same title tips a half-rewritten text."""
    kept = STORY.split()[: len(STORY.split()) * 2 // 3]
    rewritten = " ".join(kept) + " " + " ".join(f"passage {i} tout neuf." for i in range(15))
    index = DuplicateIndex([_make("a", "Dictée négociée en 6e", STORY)], threshold=0.01)
    [same_title] = index.matches(_make("b", "Dictée négociée en 6e", rewritten))
    [new_title] = index.matches(_make("c", "Un tout autre titre", rewritten))
    [only_title] = index.matches(_make("d", "Dictée négociée en 6e", "Rien à voir, vraiment."))
    assert same_title.title_score == 1.0
    assert same_title.text_score < THRESHOLD <= same_title.score
    assert same_title.score == round(W_TITLE + (1 - W_TITLE) * same_title.text_score, 2)
    assert new_title.title_score == 0.0
    assert new_title.score == new_title.text_score < THRESHOLD
    assert only_title.title_score == 1.0
    assert only_title.score < THRESHOLD


def test_unknown_words_count_in_the_union() -> None:
    index = DuplicateIndex([_make("a", "Titre commun", STORY)])
    longer = index.matches(_make("b", "Titre commun", STORY + " mots inconnus zzz yyy xxx www"))
    assert 0.8 < longer[0].text_score < 1.0


def test_very_short_texts() -> None:
    index = DuplicateIndex([_make("a", "Oral"), _make("b", ""), _make("c", "Oral deux")])
    assert [m.id for m in index.matches(_make("d", "Oral"))] == ["a"]
    assert index.matches(_make("e", "")) == []


# -- ordering, threshold, limit ------------------------------------------------------------


def _variants() -> list[Sheet]:
    """Copies of STORY with more and more of it replaced: scores 1.0 down to below 0.6."""
    story = STORY.split()
    sheets = []
    for n, cut in enumerate((0, 20, 40, 60, 120)):
        text = " ".join(story[: len(story) - cut] + [f"neuf{n}{i}" for i in range(cut)])
        sheets.append(_make(f"v{n}", "Dictée négociée", text))
    return sheets


def test_best_first_and_ties_by_id() -> None:
    index = DuplicateIndex([*_variants(), _make("a-copie", "Dictée négociée", STORY)])
    found = index.matches(_make("query", "Dictée négociée", STORY), limit=10)
    assert [m.id for m in found] == ["a-copie", "v0", "v1", "v2", "v3"]
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert all(0.0 <= m.score <= 1.0 and m.score == round(m.score, 2) for m in found)


def test_threshold() -> None:
    query = _make("query", "Dictée négociée", STORY)
    every = DuplicateIndex(_variants(), threshold=0.01).matches(query, limit=10)
    assert [m.id for m in every] == ["v0", "v1", "v2", "v3", "v4"]
    for threshold in (0.5, THRESHOLD, 0.8, 1.0):
        found = DuplicateIndex(_variants(), threshold=threshold).matches(query, limit=10)
        assert [m.id for m in found] == [m.id for m in every if m.score >= threshold]
    for wrong in (0.0, -0.1, 1.5):
        with pytest.raises(ValueError, match="threshold"):
            DuplicateIndex([], threshold=wrong)


def test_limit() -> None:
    copies = [_make(f"copie-{i}", "Dictée négociée", STORY) for i in range(6)]
    index = DuplicateIndex(copies)
    query = _make("query", "Dictée négociée", STORY)
    assert [m.id for m in index.matches(query)] == ["copie-0", "copie-1", "copie-2"]
    assert len(index.matches(query)) == LIMIT
    assert len(index.matches(query, limit=5)) == 5
    assert index.matches(query, limit=0) == []


def test_never_the_sheet_itself() -> None:
    copies = [_make("a", "Dictée négociée", STORY), _make("b", "Dictée négociée", STORY)]
    index = DuplicateIndex(copies)
    assert [m.id for m in index.matches(copies[0])] == ["b"]
    assert find_duplicates(copies[:1], copies[:1]) == {}
    assert find_duplicates(copies, copies) == {
        "a": [Match("b", 1.0, 1.0, 1.0)],
        "b": [Match("a", 1.0, 1.0, 1.0)],
    }


def test_deterministic(samples: dict[str, Sheet]) -> None:
    sheets = list(samples.values())
    queries = [_generic_copy(sheet, random.Random(1)) for sheet in sheets]
    first = find_duplicates(queries, sheets, threshold=0.05)
    random.Random(2).shuffle(sheets)
    random.Random(3).shuffle(queries)
    assert find_duplicates(queries, sheets, threshold=0.05) == first
    assert list(first) == sorted(first)


def test_empty_index() -> None:
    index = DuplicateIndex([])
    assert len(index) == 0
    assert index.matches(_make("a", "Dictée négociée", STORY)) == []
    assert find_duplicates([_make("a", "Dictée négociée", STORY)], []) == {}
    assert find_duplicates([], [_make("a", "Dictée négociée", STORY)]) == {}
