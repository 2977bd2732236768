"""Workshops on the built site (issue 10, step 2): pages, index, community and sheet pages,
the « Questions ouvertes » page, the printable pack, calendars, JSON-LD, search and open data."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import zoneinfo
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from atelier.core import knowledge
from atelier.core.settings import Settings
from atelier.site import search_record
from conftest import build_site, community, make_site, sheet, write_files

PROJET_BODY = "".join(
    f"\n## {heading}\n\nUn paragraphe du projet, section {n}.\n"
    for n, heading in enumerate(
        ("Contexte", "Ce que je veux essayer", "Ce que je crains",
         "Mes questions pour la communauté"), start=1
    )
)  # fmt: skip

HELD = """---
title: "Séance de janvier <b>en ligne</b>"
summary: "Deux fiches discutées, dont un projet."
community: cdp-lettres
start: 2025-01-16T18:00:00-05:00
end: 2025-01-16T20:00:00-05:00
timezone: America/Toronto
place: "Montréal, une salle de bibliothèque"
online: "https://example.org/seance"
facilitators: ["Anne B."]
protocol: codeveloppement
sheets: [debat, projet-ecriture]
status: held
---

Neuf participants.<script>alert("x")</script>

## [Le débat mouvant](id:debat)

Le groupe propose de donner des rôles. Voir aussi [le projet](id:projet-ecriture).

## La fiche de Léa

Fiche : [Ateliers d'écriture](id:projet-ecriture)

Le groupe propose une seule question par relecture.
"""

PLANNED = """---
title: "Analyse de pratiques de 2030"
community: cdp-qc
start: 2030-03-02T09:00:00+01:00
end: 2030-03-02T10:30:00+01:00
timezone: Europe/Paris
online: "https://example.org/visio"
protocol: gease
sheets: [projet-attente]
status: planned
---
"""

CANCELLED = """---
title: "Séance annulée de février"
community: cdp-lettres
start: 2025-02-01T14:00:00+01:00
end: 2025-02-01T16:00:00+01:00
timezone: Europe/Paris
place: "Nantes"
status: cancelled
---

## Pourquoi

Trop peu d'inscrits.
"""

HELD_ID, PLANNED_ID, CANCELLED_ID = "2025-01-16-janvier", "2030-03-02-gease", "2025-02-01-annulee"
SITE_URL = "https://example.org/atelier/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workshops-site")
    make_site(
        root,
        {
            "debat": sheet(community="cdp-lettres"),
            "projet-ecriture": sheet(
                title="Ateliers d'écriture en 4e, avant de les lancer",
                outcome="not-yet-tried",
                what_went_wrong=None,
                worries=["Que les relectures deviennent une chasse aux fautes."],
                body=PROJET_BODY,
                date="2024-12-01",
            ),
            "projet-attente": sheet(
                title="Un conseil de coopération en 6e année",
                outcome="not-yet-tried",
                what_went_wrong=None,
                worries=["Que le conseil tourne au tribunal."],
                body=PROJET_BODY,
                date="2024-11-01",
            ),
        },
        {"cdp-lettres": community(), "cdp-qc": community(name="Communauté QC", region="qc")},
        config={"site_url": SITE_URL},
    )
    write_files(
        root / "workshops",
        {f"{HELD_ID}.md": HELD, f"{PLANNED_ID}.md": PLANNED, f"{CANCELLED_ID}.md": CANCELLED},
    )
    return build_site(root)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def main(html: str) -> str:
    """The page's own content (Material's <article>), without navigation."""
    return html[html.index('<article class="md-content__inner') : html.rindex("</article>")]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def headings(html: str) -> _Headings:
    parser = _Headings()
    parser.feed(html)
    return parser


def assert_heading_order(html: str) -> None:
    levels = headings(main(html)).levels
    assert levels and levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_the_workshop_page(built: Path) -> None:
    html = page(built, f"workshops/{HELD_ID}")
    content = main(html)
    assert "Séance de janvier &lt;b&gt;en ligne&lt;/b&gt;" in content  # escaped
    assert "<script>alert" not in html  # sanitised body
    assert '<time datetime="2025-01-16T18:00:00-05:00"' in content
    assert "16 janvier 2025, 18 h 00 – 20 h 00" in content
    assert "heure de Toronto, UTC-05:00" in content
    assert "data-atelier-start" in content and "atelier-localtime.js" in html
    assert "Montréal, une salle de bibliothèque" in content
    assert 'href="https://example.org/seance"' in content
    # The protocol's steps, timed from the start.
    assert "Exposé de la préoccupation" in content and "(18 h 00, 15 min)" in content
    assert "(18 h 15, 15 min)" in content
    # The sheets, with their part of the retour, whose anchors exist on the page.
    assert 'href="../../practices/debat/"' in content
    ids = headings(content).ids
    retours = re.findall(r'<a href="#([^"]+)">ce que le groupe a proposé</a>', content)
    assert len(retours) == 2 and all(anchor in ids for anchor in retours)
    # `id:` links of the body point at the sheet pages.
    assert 'href="../../practices/projet-ecriture/"' in content and "id:" not in content
    assert 'href="event.ics"' in content and 'href="pack/"' in content
    assert_heading_order(html)


def test_the_workshop_page_carries_an_event(built: Path) -> None:
    html = page(built, f"workshops/{HELD_ID}")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2025-01-16T18:00:00-05:00"
    assert data["endDate"] == "2025-01-16T20:00:00-05:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in data["location"]} == {"Place", "VirtualLocation"}
    assert data["organizer"]["name"] == "Atelier Lettres de test"
    assert data["url"] == SITE_URL + f"workshops/{HELD_ID}/"
    cancelled = page(built, f"workshops/{CANCELLED_ID}")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', cancelled, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["@type"] == "Place"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_the_workshops_index(built: Path) -> None:
    html = page(built, "workshops")
    content = main(html)
    upcoming = content.index("À venir")
    past = content.index("Passés")
    assert upcoming < content.index("Analyse de pratiques de 2030") < past
    # Past ones, latest first.
    assert past < content.index("Séance annulée de février") < content.index("Séance de janvier")
    # Per community, without script: a section each, with its calendar.
    assert 'id="c-cdp-lettres"' in content and 'href="#c-cdp-qc"' in content
    assert 'href="../communities/cdp-lettres/calendar.ics"' in content
    assert 'href="../calendar.ics"' in content
    assert_heading_order(html)
    assert "Ateliers" in html  # the navigation entry


def test_a_community_page_lists_its_workshops(built: Path) -> None:
    html = page(built, "communities/cdp-lettres")
    content = main(html)
    assert "Séance de janvier" in content and "Séance annulée de février" in content
    assert "Analyse de pratiques de 2030" not in content
    assert 'href="calendar.ics"' in content
    assert_heading_order(html)
    other = main(page(built, "communities/cdp-qc"))
    assert "Analyse de pratiques de 2030" in other and "À venir" in other


def test_a_sheet_shows_where_it_was_discussed(built: Path) -> None:
    content = main(page(built, "practices/debat"))
    assert "Discutée en atelier" in content
    assert f'href="../../workshops/{HELD_ID}/#le-debat-mouvant"' in content
    assert 'id="le-debat-mouvant"' in main(page(built, f"workshops/{HELD_ID}"))


def test_a_projet_shows_its_path(built: Path) -> None:
    html = page(built, "practices/projet-ecriture")
    content = main(html)
    assert "Le chemin de ce projet" in content
    assert "Que les relectures deviennent une chasse aux fautes." in content
    assert f"../../workshops/{HELD_ID}/#" in content
    assert "Pas encore essayé" in content
    assert_heading_order(html)


def test_open_questions_list_waiting_projets_first(built: Path) -> None:
    html = page(built, "questions")
    content = main(html)
    assert "Projets qui attendent un avis" in content
    waiting = content.index("Un conseil de coopération en 6e année")
    assert waiting < content.index("Autres questions")
    assert "Ateliers d&#39;écriture en 4e" not in content  # discussed: no longer waiting
    assert "Analyse de pratiques de 2030" in content  # the planned workshop that will discuss it
    assert_heading_order(html)


def test_the_printable_pack(built: Path) -> None:
    html = page(built, f"workshops/{HELD_ID}/pack")
    content = main(html)
    assert content.count('class="atelier-pack__sheet"') == 2
    assert "Débat mouvant en 4e" in content and "Ateliers d&#39;écriture en 4e" in content
    assert "Un paragraphe du projet, section 2." in content  # the sheet's full body
    assert "Exposé de la préoccupation" in content
    ids = [i for i in re.findall(r'\bid="([^"]+)"', html)]
    assert len(ids) == len(set(ids))  # the sheets' heading ids do not clash
    assert_heading_order(html)


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_calendars(built: Path) -> None:
    site = _calendar(built / "calendar.ics")
    events = {str(e["uid"]): e for e in site.walk("VEVENT")}
    assert set(events) == {f"{i}@example.org" for i in (HELD_ID, PLANNED_ID, CANCELLED_ID)}
    held = events[f"{HELD_ID}@example.org"]
    start = held.decoded("dtstart")
    # 18:00 in Montréal (Toronto's zone) is midnight in Paris, the next day, in January.
    paris = start.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    assert (paris.date(), paris.hour, paris.minute) == (dt.date(2025, 1, 17), 0, 0)
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 1, 16, 23, 0, tzinfo=dt.UTC)
    assert str(held["url"]) == SITE_URL + f"workshops/{HELD_ID}/"
    assert str(events[f"{CANCELLED_ID}@example.org"]["status"]) == "CANCELLED"
    lettres = _calendar(built / "communities/cdp-lettres/calendar.ics")
    assert {str(e["uid"]) for e in lettres.walk("VEVENT")} == {
        f"{HELD_ID}@example.org",
        f"{CANCELLED_ID}@example.org",
    }
    one = _calendar(built / f"workshops/{PLANNED_ID}/event.ics")
    (event,) = one.walk("VEVENT")
    assert event.decoded("dtstart").astimezone(dt.UTC) == dt.datetime(
        2030, 3, 2, 8, 0, tzinfo=dt.UTC
    )


def test_calendars_are_reproducible(
    tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = built.parent
    first = build_site(root).joinpath("calendar.ics").read_bytes()
    second = build_site(root).joinpath("calendar.ics").read_bytes()
    assert first == second and b"DTSTAMP:20231114T221320Z" in first


def test_open_data(built: Path) -> None:
    data = json.loads((built / "api/workshops.json").read_text(encoding="utf-8"))
    assert data["count"] == 3
    by_id = {w["id"]: w for w in data["workshops"]}
    held = by_id[HELD_ID]
    assert held["start"] == "2025-01-16T18:00:00-05:00"
    assert held["timezone"] == "America/Toronto"
    assert held["sheets"] == ["debat", "projet-ecriture"]
    assert held["discussed"] == ["debat", "projet-ecriture"]
    assert held["ics"] == SITE_URL + f"workshops/{HELD_ID}/event.ics"
    assert by_id[CANCELLED_ID]["status"] == "cancelled"
    practices = json.loads((built / "api/practices.json").read_text(encoding="utf-8"))
    projet = next(p for p in practices["practices"] if p["id"] == "projet-ecriture")
    assert projet["worries"] == ["Que les relectures deviennent une chasse aux fautes."]
    assert projet["tried_on"] is None and projet["outcome"] == "not-yet-tried"


def test_the_search_record_of_a_workshop(built: Path) -> None:
    kb, _ = knowledge.load(Settings(built.parent))
    record = search_record.workshop_record(kb.workshops[HELD_ID], kb, "<p>Le retour</p>")
    assert record.url == f"workshops/{HELD_ID}/"
    assert 'data-pagefind-meta="type:workshop"' in record.html
    assert "Séance de janvier &lt;b&gt;en ligne&lt;/b&gt;" in record.html
    assert "data-pagefind-filter" not in record.html  # no filter: the first search stays small
    assert "Atelier Lettres de test" in record.html


def test_workshops_folder_is_a_setting(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    assert settings.workshops_dir == "workshops"
    assert "workshops" in settings.content_dirs
    kb: Any = knowledge.load(settings)[0]
    assert kb.workshops == {}
