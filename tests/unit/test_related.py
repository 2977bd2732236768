"""Related sheets (explicit, then scored), the sentence that says why (site/views.py), and
backlinks ("cité par")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from atelier.core import knowledge, related
from atelier.core.knowledge import KnowledgeBase
from atelier.core.related import LIMIT, MIN_SCORE, WEIGHTS, Related, RelatedIndex
from atelier.site.views import why_related
from conftest import community, default_body, sheet, write_files

W = WEIGHTS

# The sheet every ranking test looks from: maths, 4e, three tags, two challenges, a community.
TARGET: dict[str, Any] = {
    "title": "La fiche de départ",
    "subject": "mathematiques",
    "level": "fr-4e",
    "tags": ["fractions", "oral", "jeu"],
    "challenges": ["timing", "engagement"],
    "community": "cdp-maths",
    "date": "2024-09-01",
}
# Candidates, each with what it shares with TARGET and the score that gives (by WEIGHTS).
CANDIDATES: dict[str, dict[str, Any]] = {
    # same level, same subject, 2 tags
    "forte": {"subject": "mathematiques", "level": "fr-4e", "tags": ["fractions", "oral"]},
    # 2e secondaire (Québec) is equivalent to 4e; same subject; 1 tag
    "equivalente": {"subject": "mathematiques", "level": "qc-sec-2", "tags": ["jeu"]},
    # same level, same subject
    "meme-classe": {"subject": "mathematiques", "level": "fr-4e"},
    # a tag, a challenge and the community; neither subject nor level
    "voisine": {
        "subject": "svt",
        "level": "fr-cm1",
        "tags": ["fractions"],
        "challenges": ["timing"],
        "community": "cdp-maths",
    },
    # the subject alone: exactly MIN_SCORE
    "discipline": {"subject": "mathematiques", "level": "fr-cm1"},
    # a single tag: below MIN_SCORE
    "un-mot": {"subject": "svt", "level": "fr-cm1", "tags": ["oral"]},
    # a challenge and the community: below MIN_SCORE
    "presque": {
        "subject": "svt",
        "level": "fr-cm1",
        "challenges": ["engagement"],
        "community": "cdp-maths",
    },
    # nothing in common with anyone
    "etrangere": {"subject": "histoire-geographie", "level": "fr-2nde"},
}
SCORES = {
    "forte": W["level"] + W["subject"] + 2 * W["tag"],
    "equivalente": W["equivalent-level"] + W["subject"] + W["tag"],
    "meme-classe": W["level"] + W["subject"],
    "voisine": W["tag"] + W["challenge"] + W["community"],
    "discipline": W["subject"],
    "un-mot": W["tag"],
    "presque": W["challenge"] + W["community"],
    "etrangere": 0.0,
}
# The ranking the fixture is designed for: strictly decreasing scores, no tie to break.
RANKED = ["forte", "equivalente", "meme-classe", "voisine", "discipline"]
# A draft that shares everything with TARGET: never related to anything published.
DRAFT = {**TARGET, "title": "Un brouillon", "status": "draft", "community": None}
DATES = ["2025-01-05", "2025-02-05", "2025-03-05", "2025-04-05", "2025-05-05", "2025-06-05"]


def write_and_load(root: Path, sheets: dict[str, str]) -> KnowledgeBase:
    write_files(root / "practices", {f"{k}.md": v for k, v in sheets.items()})
    write_files(root / "communities", {"cdp-maths.md": community(name="Maths en partage")})
    kb, report = knowledge.load(root)
    assert [d.render() for d in report.errors] == []
    return kb


def ranking_sheets(**target: Any) -> dict[str, str]:
    sheets = {"cible": sheet(**{**TARGET, **target}), "brouillon": sheet(**DRAFT)}
    for number, (sheet_id, fields) in enumerate(CANDIDATES.items()):
        fields = {"tags": None, "challenges": None, "community": None, **fields}
        title = f"Fiche {sheet_id}"
        sheets[sheet_id] = sheet(title=title, date=f"2023-0{number + 1}-15", **fields)
    return sheets


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return write_and_load(tmp_path_factory.mktemp("related"), ranking_sheets())


def ids(items: list[Related]) -> list[str]:
    return [item.id for item in items]


# --- the fixture is what the tests say it is -------------------------------------------------


def test_the_fixture_ranking_is_unambiguous() -> None:
    ranked = sorted(SCORES, key=SCORES.__getitem__, reverse=True)
    assert ranked[: len(RANKED)] == RANKED
    scores = [SCORES[i] for i in RANKED]
    assert scores == sorted(set(scores), reverse=True)  # strictly decreasing
    assert all(SCORES[i] < MIN_SCORE for i in CANDIDATES if i not in RANKED)
    assert SCORES["discipline"] >= MIN_SCORE
    assert len(RANKED) == LIMIT


# --- computed related sheets ---------------------------------------------------------------


def test_computed_related_sheets_follow_the_weighted_score(kb: KnowledgeBase) -> None:
    found = RelatedIndex(kb).for_sheet(kb.sheets["cible"])
    assert ids(found) == RANKED
    assert [item.score for item in found] == [SCORES[i] for i in RANKED]


def test_sheets_below_the_minimum_score_are_never_related(kb: KnowledgeBase) -> None:
    found = RelatedIndex(kb).for_sheet(kb.sheets["cible"], limit=20)
    assert ids(found) == RANKED  # un-mot (one tag) and presque (challenge + community) left out
    assert all(item.score >= MIN_SCORE for item in found)


def test_a_sheet_sharing_nothing_gets_no_computed_related(kb: KnowledgeBase) -> None:
    assert RelatedIndex(kb).for_sheet(kb.sheets["etrangere"]) == []
    assert related.compute(kb)["etrangere"] == []


def test_never_the_sheet_itself_nor_a_draft(kb: KnowledgeBase) -> None:
    for sheet_id, items in related.compute(kb, limit=20).items():
        assert sheet_id not in ids(items)
        assert "brouillon" not in ids(items)


def test_at_most_five_related_sheets(kb: KnowledgeBase) -> None:
    computed = related.compute(kb)
    assert set(computed) == set(kb.sheets)  # drafts too, for the preview
    assert all(len(items) <= LIMIT == 5 for items in computed.values())
    # a draft previews its related sheets too: first the sheet it copies, then the same ones
    assert ids(computed["brouillon"])[:4] == ["cible", *RANKED[:3]]


def test_equivalent_levels_across_systems_count(kb: KnowledgeBase) -> None:
    index = RelatedIndex(kb)
    from_france = index.for_sheet(kb.sheets["cible"])[1]
    assert from_france.id == "equivalente"
    assert from_france.reasons == (("equivalent-level", 1), ("subject", 1), ("tag", 1))
    from_quebec = index.for_sheet(kb.sheets["equivalente"])[0]
    assert from_quebec.id == "cible"
    assert from_quebec.score == SCORES["equivalente"]
    assert why_related(from_quebec, "fr").startswith("niveau équivalent (autre système scolaire)")


# --- explicit related sheets ---------------------------------------------------------------


def test_explicit_related_come_first_in_their_order(tmp_path: Path) -> None:
    kb = write_and_load(tmp_path, ranking_sheets(related=["presque", "meme-classe"]))
    found = RelatedIndex(kb).for_sheet(kb.sheets["cible"])
    # presque scores too little to be computed, but the author chose it; meme-classe is not
    # repeated among the computed ones
    assert ids(found) == ["presque", "meme-classe", "forte", "equivalente", "voisine"]
    assert [item.reasons for item in found[:2]] == [(("explicit", 1),)] * 2
    assert why_related(found[0], "fr") == "choisie par l'auteur·rice"
    assert why_related(found[0], "en") == "chosen by the author"
    assert why_related(found[2], "fr") == "même niveau · même discipline · 2 mots-clés communs"


def test_explicit_related_alone_fill_the_limit(tmp_path: Path) -> None:
    chosen = ["etrangere", "un-mot", "presque", "discipline", "voisine", "forte"]
    kb = write_and_load(tmp_path, ranking_sheets(related=chosen))
    assert ids(RelatedIndex(kb).for_sheet(kb.sheets["cible"])) == chosen[:LIMIT]


# --- ties and determinism ------------------------------------------------------------------

# Seven sheets as close to the target as each other, their dates in no alphabetical order.
TIED_DATES = {
    "t-a": "2020-01-01",
    "t-b": "2024-05-01",
    "t-c": "2021-06-01",
    "t-d": "2025-02-01",
    "t-e": "2022-03-01",
    "t-f": "2023-04-01",
    "t-g": "2019-07-01",
}
NEWEST_FIVE = ["t-d", "t-b", "t-f", "t-e", "t-c"]


def tied_sheets() -> dict[str, str]:
    sheets = {"t-cible": sheet(subject="mathematiques", level="fr-4e", date="2018-01-01")}
    for sheet_id, date in TIED_DATES.items():
        sheets[sheet_id] = sheet(title=sheet_id, subject="mathematiques", level="fr-4e", date=date)
    return sheets


def test_ties_go_to_the_newer_sheet(tmp_path: Path) -> None:
    kb = write_and_load(tmp_path, tied_sheets())
    found = RelatedIndex(kb).for_sheet(kb.sheets["t-cible"])
    assert ids(found) == NEWEST_FIVE
    assert {item.score for item in found} == {W["level"] + W["subject"]}


def test_two_computations_give_the_same_result(tmp_path: Path) -> None:
    first = related.compute(write_and_load(tmp_path / "one", tied_sheets()))
    second = related.compute(write_and_load(tmp_path / "two", tied_sheets()))
    assert first == second
    kb = write_and_load(tmp_path / "three", ranking_sheets())
    assert related.compute(kb) == related.compute(kb)


# --- explanations --------------------------------------------------------------------------

EXPLAINED = {
    "forte": (
        "même niveau · même discipline · 2 mots-clés communs",
        "same level · same subject · 2 shared tags",
    ),
    "equivalente": (
        "niveau équivalent (autre système scolaire) · même discipline · 1 mot-clé commun",
        "equivalent level (other school system) · same subject · 1 shared tag",
    ),
    "meme-classe": ("même niveau · même discipline", "same level · same subject"),
    "voisine": (
        "1 mot-clé commun · 1 difficulté commune · même communauté",
        "1 shared tag · 1 shared challenge · same community",
    ),
    "discipline": ("même discipline", "same subject"),
}


@pytest.mark.parametrize("sheet_id", RANKED)
def test_why_related_gives_one_line_in_french_and_english(kb: KnowledgeBase, sheet_id: str) -> None:
    item = {i.id: i for i in RelatedIndex(kb).for_sheet(kb.sheets["cible"])}[sheet_id]
    french, english = EXPLAINED[sheet_id]
    assert why_related(item, "fr") == french
    assert why_related(item, "en") == english


def test_why_related_plurals_and_unknown_language() -> None:
    item = Related("x", 5.0, (("tag", 3), ("challenge", 2)))
    assert why_related(item, "fr") == "3 mots-clés communs · 2 difficultés communes"
    assert why_related(item, "en") == "3 shared tags · 2 shared challenges"
    assert why_related(item, "de") == "3 shared tags · 2 shared challenges"  # English by default
    assert why_related(Related("x", 1.0, (("challenge", 1),)), "fr") == "1 difficulté commune"


def test_why_related_falls_back_to_english_for_an_equivalent_level() -> None:
    item = Related("x", 2.0, (("equivalent-level", 1),))
    assert why_related(item, "de") == "equivalent level (other school system)"


# --- backlinks -----------------------------------------------------------------------------


def with_paragraph(paragraph: str) -> str:
    return f"\n## Contexte\n\n{paragraph}\n" + default_body()


def line_of(text: str, needle: str) -> int:
    """The file line (from 1) of the first line containing `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_sheet_cited_three_ways_is_listed_once(tmp_path: Path) -> None:
    sheets = {
        "citee": sheet(title="Citée", date="2025-01-01"),
        "citante": sheet(
            title="Citante",
            related=["citee"],
            body=with_paragraph("Voir [la fiche](id:citee), puis [encore](citee.md)."),
        ),
        "autre": sheet(title="Autre", body=with_paragraph("[Une autre](id:citee#contexte).")),
        "brouillon": sheet(
            title="Brouillon",
            status="draft",
            related=["citee"],
            body=with_paragraph("[x](id:citee)"),
        ),
    }
    kb = write_and_load(tmp_path, sheets)
    from_citante = [(link.source, link.target) for link in kb.links if link.source == "citante"]
    assert from_citante == [("citante", "citee")] * 2  # both body links are found
    assert kb.backlinks["citee"] == ["autre", "citante"]  # once each; the draft is not there
    assert kb.backlinks["citante"] == []
    assert "brouillon" not in kb.backlinks  # drafts have no page to list citers on


def test_a_link_to_an_unknown_id_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = sheet(body=with_paragraph("Voir [la fiche](id:inexistante-zzz)."))
    write_files(tmp_path / "practices", {"fiche.md": text})
    _, report = knowledge.load(tmp_path)
    line = line_of(text, "id:inexistante-zzz")
    assert [d.render() for d in report.errors] == [
        f"practices/fiche.md:{line}: le lien « id:inexistante-zzz » renvoie à une fiche qui "
        "n'existe pas : après « id: », écrivez le nom du fichier de la fiche, sans « .md »"
    ]


def test_a_misspelt_id_link_suggests_the_right_one(tmp_path: Path) -> None:
    text = sheet(body=with_paragraph("Voir [la fiche](id:debat-mouvan)."))
    write_files(
        tmp_path / "practices", {"fiche.md": text, "debat-mouvant.md": sheet(title="Débat")}
    )
    _, report = knowledge.load(tmp_path)
    line = line_of(text, "id:debat-mouvan)")
    assert [d.render() for d in report.errors] == [
        f"practices/fiche.md:{line}: le lien « id:debat-mouvan » renvoie à une fiche qui "
        "n'existe pas — vouliez-vous dire « id:debat-mouvant » ?"
    ]


def test_a_published_sheet_linking_to_a_draft_is_an_error(tmp_path: Path) -> None:
    text = sheet(title="Publiée", body=with_paragraph("Voir [le brouillon](id:brouillon)."))
    draft = sheet(title="Brouillon", status="draft", body=with_paragraph("[x](id:autre-draft)"))
    other = sheet(title="Autre brouillon", status="draft")
    write_files(
        tmp_path / "practices",
        {"publiee.md": text, "brouillon.md": draft, "autre-draft.md": other},
    )
    _, report = knowledge.load(tmp_path)
    line = line_of(text, "id:brouillon")
    # a draft linking to a draft is fine: only the published sheet is wrong
    assert [d.render() for d in report.errors] == [
        f"practices/publiee.md:{line}: « brouillon » est un brouillon, non publié : "
        "retirez-le ou attendez sa publication"
    ]


def test_related_sheets_come_from_the_cache_until_an_input_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ranking is kept under the hash of what it reads: a body edit reuses it, a tag edit
    (or any compared field) computes it again, and never gives a stale answer."""
    from atelier.core.cache import BuildCache

    files = {
        "a.md": sheet(title="A", tags=["oral"], date="2025-01-03"),
        "b.md": sheet(title="B", tags=["oral"], date="2025-01-02"),
        "c.md": sheet(title="C", tags=["jeu"], subject="mathematiques", level="fr-cm1",
                      date="2025-01-01"),
    }  # fmt: skip
    write_files(tmp_path / "practices", files)
    store = tmp_path / "cache"

    def ranked() -> dict[str, list[Related]]:
        kb, report = knowledge.load(tmp_path)
        assert not report.errors
        cache = BuildCache(store)
        found = related.for_site(kb, cache)
        cache.save()
        assert found == related.compute(kb)
        return found

    first = ranked()
    calls: list[int] = []
    original = related.compute
    monkeypatch.setattr(related, "compute", lambda kb, *a, **k: calls.append(1) or original(kb))
    write_files(
        tmp_path / "practices",
        {"a.md": files["a.md"].replace("## Contexte", "## Contexte\n\nUn mot de plus.")},
    )
    assert ranked() == first and calls == [1]  # only the check's own compute ran
    # C now shares A's and B's subject, level and tag.
    write_files(
        tmp_path / "practices", {"c.md": sheet(title="C", tags=["oral"], date="2025-01-01")}
    )
    changed = ranked()
    assert changed != first and calls == [1, 1, 1]  # computed again, then checked


def test_two_processes_rank_as_one(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """compute() ranks half of the sheets in a forked worker (core/parallel.in_halves)."""
    monkeypatch.setenv("ATELIER_PARALLEL", "off")
    alone = related.compute(kb)
    monkeypatch.setenv("ATELIER_PARALLEL", "on")
    shared = related.compute(kb)
    assert list(shared) == list(alone) and shared == alone
