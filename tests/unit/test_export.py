"""Machine-readable outputs: api/practices.json (core/export.py), JSON-LD and Open Graph
(site/head.py), Atom feeds (site/feeds.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from atelier.core import export, knowledge, taxonomy, urls
from atelier.core.knowledge import KnowledgeBase
from atelier.site import feeds, head
from conftest import community, sheet, write_files

SITE = "https://example.org/atelier/"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "</script><script>alert(1)</script> & <!-- co"


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    """Four published sheets (France, Québec, English, hostile title) and one newer draft."""
    write_files(
        tmp_path / "practices",
        {
            "debat.md": sheet(
                date="2025-03-14",
                tags=["oral", "argumentation"],
                duration_minutes=55,
                community="cdp-lettres",
                outcome="mixed",
                challenges=["engagement"],
                next_time=["Donner un rôle à chaque élève."],
            ),
            "fractions-sec2.md": sheet(
                title="Fractions en 2e secondaire",
                subject="mathematiques",
                level="qc-sec-2",
                date="2025-04-01",
                duration_minutes=90,
                related=["debat"],
            ),
            "peer-review.md": sheet(
                title="Peer review in Year 9",
                summary="Students reviewed each other's essays.",
                subject="anglais",
                level="fr-3e",
                lang="en",
                date="2025-02-01",
                license="CC-BY-4.0",
                what_went_wrong=["Feedback stayed vague."],
            ),
            "hostile.md": sheet(
                title=HOSTILE,
                summary="<b>résumé</b> & co",
                level="fr-cycle-3",
                date="2025-01-10",
                what_went_wrong=["<script>alert('point')</script>", "a & b"],
            ),
            "brouillon.md": sheet(title="Pas encore prête", date="2025-05-01", status="draft"),
        },
    )
    write_files(tmp_path / "communities", {"cdp-lettres.md": community()})
    base, report = knowledge.load(tmp_path)
    assert [d.render("en") for d in report.items] == []
    return base


# --- absolute ---------------------------------------------------------------------------------


def test_absolute_joins_the_site_url_or_falls_back_to_the_root() -> None:
    assert urls.absolute(SITE, "practices/a/") == "https://example.org/atelier/practices/a/"
    assert urls.absolute("https://example.org", "/practices/a/") == (
        "https://example.org/practices/a/"
    )
    assert urls.absolute(None, "practices/a/") == "/practices/a/"
    assert urls.absolute(SITE, "") == SITE


# --- JSON-LD ----------------------------------------------------------------------------------


def test_json_ld_describes_a_sheet(kb: KnowledgeBase) -> None:
    data = head.json_ld(kb.sheets["debat"], kb, SITE)
    assert data == {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": "Débat mouvant en 4e : trois élèves monopolisent la parole",
        "description": "Un débat où les élèves se déplacent selon leur avis ; la parole a été "
        "captée.",
        "url": "https://example.org/atelier/practices/debat/",
        "educationalLevel": [
            {
                "@type": "DefinedTerm",
                "name": "Quatrième (4e, collège)",
                "termCode": "fr-4e",
                "inDefinedTermSet": "ISCED 2011 level 2",
            }
        ],
        "about": [{"@type": "Thing", "name": "Français"}],
        "author": [{"@type": "Person", "name": "Claire Martin"}],
        "dateCreated": "2025-03-14",
        "license": "https://creativecommons.org/licenses/by-sa/4.0/",
        "inLanguage": "fr",
        "learningResourceType": "lesson plan",
        "keywords": ["oral", "argumentation"],
        "timeRequired": "PT55M",
        "isPartOf": [
            {
                "@type": "Collection",
                "name": "Atelier Lettres de test",
                "url": "https://example.org/atelier/communities/cdp-lettres/",
            }
        ],
    }


def test_json_ld_uses_quebec_french_labels_and_hour_durations(kb: KnowledgeBase) -> None:
    data = head.json_ld(kb.sheets["fractions-sec2"], kb, None)
    assert data["inLanguage"] == "fr-CA"
    assert data["about"] == [{"@type": "Thing", "name": "Mathématique"}]
    assert data["educationalLevel"][0]["name"] == "2e secondaire"
    assert data["timeRequired"] == "PT1H30M"
    assert data["url"] == "/practices/fractions-sec2/"
    assert "keywords" not in data and "isPartOf" not in data


def test_json_ld_english_sheet_and_a_level_without_single_isced(kb: KnowledgeBase) -> None:
    english = head.json_ld(kb.sheets["peer-review"], kb, SITE)
    assert english["inLanguage"] == "en"
    assert english["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "timeRequired" not in english
    cycle = head.json_ld(kb.sheets["hostile"], kb, SITE)["educationalLevel"][0]
    assert cycle["termCode"] == "fr-cycle-3"
    assert "inDefinedTermSet" not in cycle  # cycle 3 spans ISCED 1 and 2


class _ScriptReader(HTMLParser):
    """Collects the elements and the text of each <script> as a browser would split them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self.scripts:
            self.scripts[-1] += data


def test_json_ld_script_cannot_be_closed_by_contributor_text(kb: KnowledgeBase) -> None:
    data = head.json_ld(kb.sheets["hostile"], kb, SITE)
    data["description"] += " \u2028\u2029"
    element = head.json_ld_script(data)
    assert element.startswith('<script type="application/ld+json">')
    assert element.endswith("</script>")
    inner = element[len('<script type="application/ld+json">') : -len("</script>")]
    for char in "<>&\u2028\u2029":
        assert char not in inner
    assert "\\u003c/script\\u003e" in inner
    parser = _ScriptReader()
    parser.feed(element)
    parser.close()
    assert parser.tags == ["script"]  # one element: the title did not open another
    assert json.loads(parser.scripts[0]) == data


# --- Open Graph -------------------------------------------------------------------------------


def test_open_graph_pairs(kb: KnowledgeBase) -> None:
    assert head.open_graph(kb.sheets["debat"], "Atelier", SITE) == [
        ("og:type", "article"),
        ("og:title", "Débat mouvant en 4e : trois élèves monopolisent la parole"),
        ("og:description", kb.sheets["debat"].summary),
        ("og:url", "https://example.org/atelier/practices/debat/"),
        ("og:site_name", "Atelier"),
        ("og:locale", "fr_FR"),
        ("article:published_time", "2025-03-14"),
        ("article:tag", "oral"),
        ("article:tag", "argumentation"),
    ]


@pytest.mark.parametrize(
    ("sheet_id", "locale"),
    [("fractions-sec2", "fr_CA"), ("peer-review", "en_US"), ("debat", "fr_FR")],
)
def test_open_graph_locale(kb: KnowledgeBase, sheet_id: str, locale: str) -> None:
    pairs = dict(head.open_graph(kb.sheets[sheet_id], "Atelier", None))
    assert pairs["og:locale"] == locale
    assert pairs["og:url"] == f"/practices/{sheet_id}/"


def test_open_graph_values_stay_raw(kb: KnowledgeBase) -> None:
    pairs = dict(head.open_graph(kb.sheets["hostile"], "Atelier", SITE))
    assert pairs["og:title"] == HOSTILE  # the template escapes, not this function


# --- api/practices.json -----------------------------------------------------------------------


def _practices(kb: KnowledgeBase) -> dict[str, object]:
    related = {
        "debat": ["fractions-sec2", "brouillon"],
        "fractions-sec2": ["debat"],
    }
    backlinks = {"debat": ["fractions-sec2", "brouillon"]}
    return export.practices_json(kb, taxonomy.build(kb), related, backlinks, SITE)


def test_practices_json_shape(kb: KnowledgeBase) -> None:
    data = _practices(kb)
    assert data["generated_by"] == "Atelier"
    assert data["version"] == 1
    assert data["count"] == 4
    practices = data["practices"]
    assert isinstance(practices, list)
    assert [p["id"] for p in practices] == ["fractions-sec2", "debat", "peer-review", "hostile"]
    assert practices[1] == {
        "id": "debat",
        "title": "Débat mouvant en 4e : trois élèves monopolisent la parole",
        "url": "https://example.org/atelier/practices/debat/",
        "aliases": [],
        "summary": kb.sheets["debat"].summary,
        "subject": ["francais"],
        "level": ["fr-4e"],
        "community": ["cdp-lettres"],
        "tags": ["oral", "argumentation"],
        "challenges": ["engagement"],
        "outcome": "mixed",
        "lang": "fr",
        "date": "2025-03-14",
        "authors": ["Claire Martin"],
        "license": "CC-BY-SA-4.0",
        "what_went_wrong": list(kb.sheets["debat"].what_went_wrong),
        "next_time": ["Donner un rôle à chaque élève."],
        "worries": [],
        "tried_on": None,
        "related": ["fractions-sec2"],
        "referenced_by": ["fractions-sec2"],
    }
    assert practices[0]["related"] == ["debat"]
    assert practices[2]["related"] == [] and practices[2]["referenced_by"] == []
    json.dumps(data)  # plain data only


def test_practices_json_never_shows_a_draft(kb: KnowledgeBase) -> None:
    text = json.dumps(_practices(kb), ensure_ascii=False)
    assert "brouillon" not in text
    assert "Pas encore prête" not in text


def test_practices_json_taxonomies_match_the_sheets(kb: KnowledgeBase) -> None:
    data = _practices(kb)
    taxonomies = data["taxonomies"]
    assert isinstance(taxonomies, dict)
    assert list(taxonomies) == ["subject", "level", "community", "tag", "challenge", "outcome"]
    assert taxonomies["subject"]["mathematiques"] == {
        "label": "Mathématiques",
        "url": "https://example.org/atelier/subjects/mathematiques/",
        "practices": ["fractions-sec2"],
    }
    assert taxonomies["community"]["cdp-lettres"]["label"] == "Atelier Lettres de test"
    practices = data["practices"]
    assert isinstance(practices, list)
    for name, terms in taxonomies.items():
        carried = {p["id"]: _values(p, name) for p in practices}
        assert set(terms) == set().union(*carried.values()), name
        for term_id, term in terms.items():
            # Newest first, as the practices list itself.
            expected = [sheet_id for sheet_id, ids in carried.items() if term_id in ids]
            assert term["practices"] == expected, (name, term_id)
    assert set(taxonomies["outcome"]) == {"mixed"}


def _values(practice: dict[str, object], taxonomy_name: str) -> set[str]:
    """The ids a practice of the export carries in one taxonomy."""
    value = practice[_FIELDS[taxonomy_name]]
    if isinstance(value, list):
        return set(value)
    return {value} if isinstance(value, str) else set()


_FIELDS = {"subject": "subject", "level": "level", "community": "community", "tag": "tags",
           "challenge": "challenges", "outcome": "outcome"}  # fmt: skip


# --- Atom -------------------------------------------------------------------------------------


def _feed(
    kb: KnowledgeBase,
    site_url: str | None = SITE,
    *,
    updated: dt.date | None = None,
    limit: int = 50,
) -> str:
    return feeds.atom_feed(
        list(kb.sheets.values()),  # in no particular order, drafts included: the feed sorts
        title="Atelier : nouvelles fiches",
        feed_path="feed.xml",
        site_url=site_url,
        lang="fr",
        updated=updated,
        limit=limit,
    )


def _link(entry: ET.Element) -> str | None:
    link = entry.find(f"{ATOM}link")
    assert link is not None
    return link.get("href")


def test_atom_feed_parses_with_entries_newest_first(kb: KnowledgeBase) -> None:
    text = _feed(kb)
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<feed ")
    feed = ET.fromstring(text)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/atelier/feed.xml"
    assert feed.findtext(f"{ATOM}title") == "Atelier : nouvelles fiches"
    assert feed.findtext(f"{ATOM}updated") == "2025-04-01T00:00:00Z"  # newest published sheet
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "https://example.org/atelier/feed.xml", "alternate": SITE}

    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [
        f"{SITE}practices/{i}/" for i in ("fractions-sec2", "debat", "peer-review", "hostile")
    ]
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Fractions en 2e secondaire"
    assert first.findtext(f"{ATOM}updated") == "2025-04-01T00:00:00Z"
    assert _link(first) == f"{SITE}practices/fractions-sec2/"
    assert [a.findtext(f"{ATOM}name") for a in first.findall(f"{ATOM}author")] == ["Claire Martin"]
    assert first.findtext(f"{ATOM}summary") == kb.sheets["fractions-sec2"].summary
    content = first.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert content.text == (
        "<ul><li>Les élèves timides ne se sont pas déplacés.</li>"
        "<li>Le débat a duré deux fois plus longtemps que prévu.</li></ul>"
    )
    assert entries[2].get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_atom_feed_escapes_hostile_text(kb: KnowledgeBase) -> None:
    text = _feed(kb)
    assert "<script" not in text
    feed = ET.fromstring(text)
    assert not [e for e in feed.iter() if not e.tag.startswith(ATOM)]  # no foreign element
    hostile = feed.findall(f"{ATOM}entry")[-1]
    assert hostile.findtext(f"{ATOM}title") == HOSTILE
    assert hostile.findtext(f"{ATOM}summary") == "<b>résumé</b> & co"
    # Once the feed is read, the HTML content still shows the points as text, not markup.
    assert hostile.findtext(f"{ATOM}content") == (
        "<ul><li>&lt;script&gt;alert('point')&lt;/script&gt;</li><li>a &amp; b</li></ul>"
    )


def test_atom_feed_is_deterministic_and_limited(kb: KnowledgeBase) -> None:
    assert _feed(kb) == _feed(kb)
    feed = ET.fromstring(_feed(kb, limit=2, updated=dt.date(2025, 6, 1)))
    assert feed.findtext(f"{ATOM}updated") == "2025-06-01T00:00:00Z"
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
        "Fractions en 2e secondaire",
        "Débat mouvant en 4e : trois élèves monopolisent la parole",
    ]


def test_atom_feed_without_site_url_uses_tag_uris(kb: KnowledgeBase) -> None:
    feed = ET.fromstring(_feed(kb, site_url=None))
    assert feed.findtext(f"{ATOM}id") == "tag:atelier,2026:feed.xml"
    entry = feed.findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}id") == "tag:atelier,2026:practices/fractions-sec2/"
    assert _link(entry) == "/practices/fractions-sec2/"


def test_atom_feed_drops_characters_xml_cannot_carry(kb: KnowledgeBase) -> None:
    # YAML escapes ("\x01") let such characters into a title; the feed must still parse.
    broken = dataclasses.replace(kb.sheets["debat"], title="a\x01b")
    text = feeds.atom_feed([broken], title="t", feed_path="feed.xml", site_url=None, lang="fr")
    assert ET.fromstring(text).findtext(f"{ATOM}entry/{ATOM}title") == "ab"


def test_an_empty_atom_feed_is_still_valid() -> None:
    text = feeds.atom_feed([], title="t", feed_path="feed.xml", site_url=SITE, lang="en")
    feed = ET.fromstring(text)
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert feed.findall(f"{ATOM}entry") == []
