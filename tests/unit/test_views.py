"""Typed views (site/views.py, site/browse.py): what each template receives, made once per build."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from atelier.core import knowledge, related, taxonomy
from atelier.core.knowledge import KnowledgeBase
from atelier.site import browse
from atelier.site.strings import STRINGS
from atelier.site.views import (
    CommunityLink,
    ProblemsPage,
    RelatedLink,
    SheetCard,
    SheetLink,
    SiteViews,
    TermLink,
)
from conftest import community, default_body, sheet, write_files

SITE = "https://example.org/atelier/"


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    """Three related French sheets (one cites another), an English one, a draft, a community."""
    write_files(
        tmp_path / "practices",
        {
            "debat.md": sheet(
                date="2025-03-14",
                tags=["oral"],
                community="cdp-lettres",
                outcome="mixed",
                related=["oral-3e"],
                body=default_body() + "\n## Ressources\n\n[Les exposés](id:oral-3e)\n",
            ),
            "oral-3e.md": sheet(
                title="Exposés oraux en 3e",
                level="fr-3e",
                tags=["oral"],
                date="2025-02-01",
                what_went_wrong=["Les exposés ont débordé : trop longs."],
            ),
            "lecture-4e.md": sheet(title="Lecture à voix haute", tags=["oral"], date="2025-01-05"),
            "peer-review.md": sheet(
                title="Peer review in Year 9",
                summary="Students reviewed each other's essays.",
                subject="anglais",
                level="fr-3e",
                lang="en",
                date="2024-12-01",
            ),
            "brouillon.md": sheet(title="Pas encore prête", date="2025-05-01", status="draft"),
        },
    )
    write_files(tmp_path / "communities", {"cdp-lettres.md": community()})
    base, report = knowledge.load(tmp_path)
    assert report.errors == []
    return base


def test_a_sheet_page_is_typed_and_holds_no_raw_front_matter(kb: KnowledgeBase) -> None:
    views = SiteViews(kb, "Atelier", SITE)
    debat = kb.sheets["debat"]
    page = views.sheet(debat, related.compute(kb)["debat"])
    assert page.card is views.card(debat)  # the listings' card, not a copy
    assert (
        page.title
        == page.card.title
        == "Débat mouvant en 4e\u202f: trois élèves monopolisent la parole"
    )
    assert page.meta_description == page.card.summary
    assert page.card.subjects == (TermLink("francais", "Français", "subjects/francais/"),)
    assert page.outcome == TermLink("mixed", "Mitigé", "outcomes/mixed/")
    assert page.tags == (TermLink("oral", "oral", "tags/oral/"),)
    assert page.communities == (
        CommunityLink("cdp-lettres", "Atelier Lettres de test", "communities/cdp-lettres/"),
    )
    assert page.related[0] == RelatedLink(
        "oral-3e", "practices/oral-3e/", "fr", "Exposés oraux en 3e", "choisie par l'auteur·rice"
    )
    assert [link.id for link in page.related] == ["oral-3e", "lecture-4e"]
    assert page.related[1].why == "même niveau · même discipline · 1 mot-clé commun"
    assert page.t is STRINGS["fr"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.card = page.card  # type: ignore[misc]


def test_backlinks_and_head_data_come_with_the_sheet_page(kb: KnowledgeBase) -> None:
    views = SiteViews(kb, "Atelier", SITE)
    cited = views.sheet(kb.sheets["oral-3e"])
    assert cited.backlinks == (
        SheetLink("debat", "practices/debat/", "fr", views.card(kb.sheets["debat"]).title),
    )
    assert cited.what_went_wrong == ("Les exposés ont débordé\u202f: trop longs.",)  # typeset
    assert cited.json_ld.startswith('<script type="application/ld+json">')
    data = json.loads(
        cited.json_ld.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    )
    assert data["url"] == SITE + "practices/oral-3e/"
    assert ("og:site_name", "Atelier") in cited.open_graph
    english = views.sheet(kb.sheets["peer-review"])
    assert english.t is STRINGS["en"]
    assert english.card.subjects[0].label == "English"


def test_cards_are_made_once_per_build_and_shared_by_every_listing(kb: KnowledgeBase) -> None:
    views = SiteViews(kb)
    taxonomies = taxonomy.build(kb)
    listing = views.listing("fr")
    term = browse.term_page(views, taxonomies, taxonomies["tag"]["oral"])
    home = browse.home(views, taxonomies)
    shared = views.community(kb.communities["cdp-lettres"]).sheets
    debat = views.card(kb.sheets["debat"])
    for cards in (listing.sheets, term.sheets, home.latest, shared):
        assert any(card is debat for card in cards)
    assert [card.id for card in listing.sheets] == ["debat", "oral-3e", "lecture-4e", "peer-review"]
    # another build makes its own: nothing is cached on the knowledge base
    assert SiteViews(kb).card(kb.sheets["debat"]) is not debat
    assert SiteViews(kb).card(kb.sheets["debat"]) == debat


def test_a_card_says_what_a_listing_shows(kb: KnowledgeBase) -> None:
    card = SiteViews(kb).card(kb.sheets["peer-review"])
    assert card == SheetCard(
        id="peer-review",
        url="practices/peer-review/",
        title="Peer review in Year 9",
        summary="Students reviewed each other's essays.",
        lang="en",
        date="2024-12-01",
        date_human="December 1, 2024",
        subjects=(TermLink("anglais", "English", "subjects/anglais/"),),
        levels=(TermLink("fr-3e", "Troisième — France (grade 9)", "levels/fr-3e/"),),
        first_wrong="Les élèves timides ne se sont pas déplacés.",
        draft=False,
    )


def test_every_page_view_gives_the_plugin_a_title_and_a_description(kb: KnowledgeBase) -> None:
    views = SiteViews(kb)
    taxonomies = taxonomy.build(kb)
    pages = {
        "community": views.community(kb.communities["cdp-lettres"]),
        "listing": views.listing("fr"),
        "communities": views.communities("fr"),
        "problems": ProblemsPage(t=STRINGS["fr"], path="practices/casse.md"),
        "terms": browse.taxonomy_index(kb, taxonomies, "level"),
        "term": browse.term_page(views, taxonomies, taxonomies["level"]["fr-4e"]),
        "coverage": browse.coverage(kb, taxonomies),
        "lessons": browse.lessons(kb, taxonomies),
        "questions": browse.open_questions(views),
        "search": browse.search_page(kb, taxonomies),
    }
    titles = {name: (view.title, view.meta_description) for name, view in pages.items()}
    assert titles == {
        "community": ("Atelier Lettres de test", pages["community"].domain),
        "listing": ("Toutes les fiches", ""),
        "communities": ("Communautés de pratique", ""),
        "problems": ("practices/casse.md", ""),
        "terms": ("Niveaux", ""),
        "term": ("Quatrième (4e, collège)", ""),
        "coverage": ("Couverture : disciplines × niveaux", ""),
        "lessons": ("Ce qui n'a pas marché", ""),
        "questions": ("Questions ouvertes", ""),
        "search": ("Rechercher", ""),
    }
    for view in pages.values():
        assert dataclasses.is_dataclass(view)
        assert dataclasses.fields(view)[0].name == "t"  # every template finds its strings


def test_both_languages_have_every_string() -> None:
    assert set(STRINGS["fr"]) == set(STRINGS["en"])
    for kind in (*related.WEIGHTS, "explicit"):
        assert "why_" + kind.replace("-", "_") in STRINGS["en"], kind


def test_the_search_page_lists_the_most_used_tags_and_links_to_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tags grow with the site: the search page shows the most used ones only (its size stays
    flat), says how many it leaves out, and links to the page of every tag. A facet with a
    vocabulary (levels) shows every value in use."""
    monkeypatch.setattr(browse, "OPEN_FACET_SHOWN", 3)
    files = {
        f"f{i}.md": sheet(
            title=f"Fiche {i}",
            tags=[f"t{i}", "commun"] + (["deux"] if i < 2 else []),
            level="fr-4e" if i % 2 else "fr-3e",
        )
        for i in range(5)
    }
    write_files(tmp_path / "practices", files)
    kb, report = knowledge.load(tmp_path)
    assert not report.errors
    page = browse.search_page(kb, taxonomy.build(kb))
    facets = {facet.id: facet for facet in page.facets}
    tags = facets["tag"]
    # "commun" (5 sheets) and "deux" (2) first by use, then the first of the 1-sheet tags;
    # shown in the facet's own order.
    assert [value.id for value in tags.values] == ["commun", "deux", "t0"]
    assert (tags.more, tags.index_url) == (4, "tags/")
    assert {value.id for value in facets["level"].values} == {"fr-3e", "fr-4e"}
    assert facets["level"].more == 0
