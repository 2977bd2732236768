"""Search records (site/search_record.py): the small HTML document Pagefind indexes per sheet."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from atelier.core import knowledge, taxonomy
from atelier.core.knowledge import KnowledgeBase
from atelier.site import search_record
from atelier.site.search_record import (
    FACETS,
    Record,
    by_language,
    facet_values,
    indexed_body,
    record,
)
from conftest import community, sheet, write_files

HOSTILE = '</title><script>alert(1)</script> & "quotes"'
BODY = '<h2 id="contexte">Contexte</h2><p>Le récit.</p>'


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    """A French sheet with every facet, a Québec one, an English one and a hostile one."""
    write_files(
        tmp_path / "practices",
        {
            "debat.md": sheet(
                date="2025-03-14",
                tags=["oral", "debat"],
                community="cdp-lettres",
                outcome="mixed",
                challenges=["oral-participation"],
            ),
            "fractions-sec2.md": sheet(
                title="Fractions en 2e secondaire",
                subject="mathematiques",
                level="qc-sec-2",
                date="2025-04-01",
            ),
            "peer-review.md": sheet(
                title="Peer review in Year 9",
                summary="Students reviewed each other's essays.",
                subject="anglais",
                level="fr-3e",
                lang="en",
                date="2025-02-01",
                what_went_wrong=["Feedback stayed vague."],
            ),
            "hostile.md": sheet(
                title=HOSTILE,
                summary="<b>résumé</b> & co",
                tags=["x"],
                date="2025-01-10",
                what_went_wrong=["<img src=x onerror=alert(2)>"],
            ),
        },
    )
    write_files(tmp_path / "communities", {"cdp-lettres.md": community()})
    base, report = knowledge.load(tmp_path)
    assert report.errors == []
    return base


_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr"})


class _Document(HTMLParser):
    """A record read back as a browser (and Pagefind) would: elements, attributes, text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[int, str] = {}  # element index → its direct text
        self._open: list[int] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in _VOID:
            self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            index = self._open[-1]
            self.text[index] = self.text.get(index, "") + data

    def with_attribute(self, name: str) -> list[tuple[str, dict[str, str | None], str]]:
        """(tag, attributes, text) of every element carrying `name`."""
        return [
            (tag, attrs, self.text.get(i, ""))
            for i, (tag, attrs) in enumerate(self.elements)
            if name in attrs
        ]

    def meta(self) -> dict[str, str]:
        """Pagefind's metadata: `data-pagefind-meta="key"` takes the element's text,
        `"key:value"` the value."""
        found = {}
        for _, attrs, text in self.with_attribute("data-pagefind-meta"):
            key, _, value = str(attrs["data-pagefind-meta"]).partition(":")
            found[key] = value or text
        return found

    def filters(self) -> set[str]:
        return {
            str(a["data-pagefind-filter"])
            for _, a, _ in self.with_attribute("data-pagefind-filter")
        }


def test_a_record_is_the_sheet_with_its_facets_as_filters(kb: KnowledgeBase) -> None:
    item = record(kb.sheets["debat"], kb, BODY)
    assert item.url == "practices/debat/"
    assert item.lang == "fr"
    document = _Document(item.html)
    assert document.elements[0] == ("html", {"lang": "fr"})
    assert document.meta() == {
        "date": "2025-03-14",
        "title": "Débat mouvant en 4e : trois élèves monopolisent la parole",
        "summary": "Un débat où les élèves se déplacent selon leur avis ; la parole a été captée.",
        "levels": "Quatrième (4e, collège)",  # the label, not the id
    }
    assert document.filters() == {
        "subject:francais",
        "level:fr-4e",
        "community:cdp-lettres",
        "tag:oral",
        "tag:debat",
        "challenge:oral-participation",
        "outcome:mixed",
        "lang:fr",
    }
    # the filters and the sort key are out of the text and excerpts
    [(_, hidden, _)] = document.with_attribute("data-pagefind-sort")
    assert hidden == {"data-pagefind-ignore": None, "data-pagefind-sort": "date:2025-03-14"}
    assert item.date == "2025-03-14"  # the index's parts hold the newest first
    assert indexed_body(BODY) in item.html  # the sanitized body, less its anchors


def test_the_title_and_the_failures_weigh_more_than_the_body(kb: KnowledgeBase) -> None:
    document = _Document(record(kb.sheets["debat"], kb, BODY).html)
    weights = {tag: int(str(a["data-pagefind-weight"])) for tag, a, _ in
               document.with_attribute("data-pagefind-weight")}  # fmt: skip
    assert weights == {
        "h1": search_record.TITLE_WEIGHT,
        "p": search_record.SUMMARY_WEIGHT,
        "ul": search_record.WRONG_WEIGHT,
    }
    assert search_record.TITLE_WEIGHT > search_record.WRONG_WEIGHT > search_record.SUMMARY_WEIGHT
    assert search_record.SUMMARY_WEIGHT > 1  # Pagefind's weight of ordinary text


def test_labels_follow_the_sheet_language_and_school_system(kb: KnowledgeBase) -> None:
    quebec = _Document(record(kb.sheets["fractions-sec2"], kb, "").html)
    assert quebec.meta()["levels"] == "2e secondaire"
    assert "Mathématique" in record(kb.sheets["fractions-sec2"], kb, "").html  # fr-CA label
    english = record(kb.sheets["peer-review"], kb, "")
    assert english.lang == "en"
    assert _Document(english.html).elements[0] == ("html", {"lang": "en"})
    assert "lang:en" in _Document(english.html).filters()
    assert "<p>English</p>" in english.html  # the subject's English label


def test_contributor_text_is_escaped_and_reads_back_unchanged(kb: KnowledgeBase) -> None:
    item = record(kb.sheets["hostile"], kb, "")
    assert "<script>" not in item.html
    assert "<img" not in item.html and "<b>" not in item.html
    document = _Document(item.html)
    assert [tag for tag, _ in document.elements].count("script") == 0
    meta = document.meta()
    assert meta["title"] == HOSTILE  # text for Pagefind, exactly as written
    assert meta["summary"] == "<b>résumé</b> & co"
    [(_, _, title)] = [e for e in document.with_attribute("data-pagefind-weight") if e[0] == "h1"]
    assert title == HOSTILE


def test_facets_are_the_taxonomies_and_the_language(kb: KnowledgeBase) -> None:
    assert (*(t.name for t in taxonomy.TAXONOMIES), "lang") == FACETS
    debat = kb.sheets["debat"]
    assert facet_values(debat, "lang") == ("fr",)
    assert facet_values(debat, "tag") == ("oral", "debat")
    assert facet_values(kb.sheets["fractions-sec2"], "outcome") == ()


def test_records_by_language_put_french_first() -> None:
    records = [
        Record(f"practices/{n}/", lang, "") for n, lang in enumerate(["en", "de", "fr", "en", "fr"])
    ]
    grouped = by_language(records)
    assert list(grouped) == ["fr", "de", "en"]
    assert [r.url for r in grouped["en"]] == ["practices/0/", "practices/3/"]
    assert by_language([]) == {}


def test_the_index_gets_the_body_without_permalinks_or_anchors() -> None:
    """A heading's ¶ link would be text of excerpts, and every `id` an anchor of each result
    in the index a reader downloads: neither is used by the search page."""
    body = (
        '<h2 id="contexte">Contexte<a class="headerlink" href="#contexte" title="Lien permanent"'
        ' rel="noopener noreferrer">¶</a></h2>\n<p>Le mot id="x" reste, <a href="#n" id="r">ici'
        '</a>.</p><p data-id="k" class="a">Fin</p>'
    )
    assert indexed_body(body) == (
        '<h2>Contexte</h2>\n<p>Le mot id="x" reste, <a href="#n">ici</a>.</p>'
        '<p data-id="k" class="a">Fin</p>'
    )
