"""Links between sheets: `id:` and file links, their checks, their rewriting, backlinks."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from atelier.core import links
from atelier.core.diagnostics import Report
from atelier.core.links import Link
from atelier.core.model import Sheet

BODY_LINE = 10  # every test sheet's body starts on file line 10

PATHS = {
    "debat-mouvant": "practices/debat-mouvant.md",
    "carte-mentale": "practices/sub/carte-mentale.md",
    "jigsaw": "practices/sub/deep/jigsaw.md",
    "brouillon": "practices/brouillon.md",  # a draft or an unreadable sheet: still known
}


def make(
    sheet_id: str = "carte-mentale",
    body: str = "",
    *,
    path: str | None = None,
    related: tuple[str, ...] = (),
) -> Sheet:
    return Sheet(
        id=sheet_id,
        path=path or PATHS.get(sheet_id, f"practices/{sheet_id}.md"),
        title="Une fiche",
        summary="Un résumé.",
        subjects=("francais",),
        levels=("fr-4e",),
        authors=("Claire Martin",),
        date=dt.date(2025, 3, 14),
        what_went_wrong=("Rien.",),
        body=body,
        body_line=BODY_LINE,
        related=related,
    )


def scan(body: str, sheet_id: str = "carte-mentale") -> tuple[list[Link], Report]:
    report = Report()
    found = links.scan(make(sheet_id, body), PATHS, report)
    return found, report


def targets(body: str, sheet_id: str = "carte-mentale") -> list[str]:
    found, report = scan(body, sheet_id)
    assert report.items == []
    return [link.target for link in found]


def messages(body: str, lang: str = "fr") -> list[str]:
    _, report = scan(body)
    return [d.render(lang) for d in report.items]


def rewrite(body: str, sheet_id: str = "carte-mentale") -> str:
    return links.rewrite(body, make(sheet_id, body), PATHS)


# --- Finding links ---------------------------------------------------------------------


def test_id_links_with_and_without_anchor_and_their_lines() -> None:
    body = (
        "\n## Contexte\n\nVoir [le débat](id:debat-mouvant).\nPuis [jigsaw](id:jigsaw#etape-2).\n"
    )
    found, report = scan(body)
    assert report.items == []
    assert found == [
        Link("carte-mentale", "debat-mouvant", BODY_LINE + 3),
        Link("carte-mentale", "jigsaw", BODY_LINE + 4),
    ]


def test_file_links_resolve_from_the_sheets_own_folder() -> None:
    # carte-mentale sits in practices/sub/
    body = (
        '[up](../debat-mouvant.md) [down](deep/jigsaw.md#fin) [title](deep/jigsaw.md "t")\n'
        "[angle](<../debat-mouvant.md>) [dots](./deep/../../debat-mouvant.md)\n"
    )
    assert targets(body) == ["debat-mouvant", "jigsaw", "jigsaw", "debat-mouvant", "debat-mouvant"]


def test_file_links_from_a_deeper_folder() -> None:
    body = "[a](../carte-mentale.md) [b](../../debat-mouvant.md)"
    assert targets(body, "jigsaw") == ["carte-mentale", "debat-mouvant"]


def test_links_to_drafts_and_unreadable_sheets_are_links() -> None:
    assert targets("[d](id:brouillon) [e](../brouillon.md)") == ["brouillon", "brouillon"]


def test_reference_definitions_count() -> None:
    body = (
        "Voir [le débat][d] et [jigsaw][j].\n\n"
        "[d]: id:debat-mouvant\n"
        '[j]: <deep/jigsaw.md#fin> "Le puzzle"\n'
        "   [k]: ../debat-mouvant.md\n"
    )
    found, report = scan(body)
    assert report.items == []
    assert [(link.target, link.line) for link in found] == [
        ("debat-mouvant", BODY_LINE + 2),
        ("jigsaw", BODY_LINE + 3),
        ("debat-mouvant", BODY_LINE + 4),
    ]


def test_a_link_whose_text_wraps_is_found_on_the_line_of_its_address() -> None:
    found, _ = scan("Voir [la fiche sur le\ndébat mouvant](id:debat-mouvant).\n")
    assert found == [Link("carte-mentale", "debat-mouvant", BODY_LINE + 1)]


def test_a_link_around_an_image_or_with_code_in_its_text_is_a_link() -> None:
    body = "[![badge](badge.png)](id:jigsaw) [la fiche `débat`](id:debat-mouvant)"
    assert targets(body) == ["jigsaw", "debat-mouvant"]


@pytest.mark.parametrize(
    "body",
    [
        "```\n[a](id:nulle-part)\n```\n",
        "~~~markdown\n[a](id:nulle-part)\n~~~\n",
        "````md\n```\n[a](id:nulle-part)\n```\n````\n",  # a longer fence holds a shorter one
        "- étape\n\n    ```\n    [a](id:nulle-part)\n    ```\n",  # indented, in a list
        "> ```\n> [a](id:nulle-part)\n> ```\n",  # in a quote
        "```\n[a](id:nulle-part)\n",  # never closed: code to the end
        "`[a](id:nulle-part)`",
        "``[a](id:nulle-part) ` still code``",
        "texte `[a](id:nulle-part)` texte",
        "`code\n[a](id:nulle-part)`",  # a code span may wrap
        "\\[a](id:nulle-part)",  # an escaped bracket opens no link
        "```\n[x]: id:nulle-part\n```",
    ],
    ids=[
        "backticks",
        "tildes",
        "nested-fence",
        "list-fence",
        "quote-fence",
        "unclosed",
        "span",
        "double-span",
        "span-mid-line",
        "wrapped-span",
        "escaped",
        "definition-in-fence",
    ],
)
def test_code_and_escapes_are_ignored(body: str) -> None:
    found, report = scan(body)
    assert found == []
    assert report.items == []


def test_text_after_a_closed_fence_is_read_again() -> None:
    body = "```python\nx = '[a](id:nulle-part)'\n```\n\n[b](id:jigsaw)\n"
    found, _ = scan(body)
    assert found == [Link("carte-mentale", "jigsaw", BODY_LINE + 4)]


def test_an_inline_triple_backtick_is_a_span_not_a_fence() -> None:
    assert targets("```code``` puis [b](id:jigsaw)") == ["jigsaw"]


@pytest.mark.parametrize(
    "destination",
    [
        "https://example.org/fiche.md",
        "http://example.org",
        "mailto:claire@example.org",
        "#une-ancre",
        "",
        "/practices/inconnue.md",  # absolute: MkDocs leaves those alone
        "//example.org/inconnue.md",
        "document.pdf",
        "../../docs/contribuer.md",  # another part of the site
        "../../communities/lettres.md",
        "../index.md",  # the listing page, not a sheet
        "deep/",
    ],
)
def test_other_links_are_not_sheet_links(destination: str) -> None:
    found, report = scan(f"[x]({destination})\n\n[y]: {destination}")
    assert found == []
    assert report.items == []


def test_images_are_not_sheet_links() -> None:
    found, report = scan("![schéma](../debat-mouvant.md) ![photo](id:inconnue)")
    assert found == []
    assert report.items == []


def test_a_link_to_itself_is_ignored() -> None:
    found, report = scan("[ici](id:carte-mentale) [là](carte-mentale.md#haut)")
    assert found == []
    assert report.items == []


def test_footnote_definitions_are_not_reference_definitions() -> None:
    found, report = scan("Texte[^1].\n\n[^1]: id:inconnue")
    assert found == []
    assert report.items == []


# --- Unknown targets: golden messages ------------------------------------------------------


def test_unknown_id_golden_french_with_suggestion() -> None:
    assert messages("\n\nVoir [le débat](id:debat-mouvnt#etape-2).") == [
        "practices/sub/carte-mentale.md:12: le lien « id:debat-mouvnt#etape-2 » renvoie à une "
        "fiche qui n'existe pas — vouliez-vous dire « id:debat-mouvant#etape-2 » ?"
    ]


def test_unknown_id_golden_english_with_suggestion() -> None:
    assert messages("[d](id:Jigsaw)", "en") == [
        "practices/sub/carte-mentale.md:10: the link 'id:Jigsaw' points to a sheet that does "
        "not exist — did you mean 'id:jigsaw'?"
    ]


def test_unknown_id_golden_without_suggestion() -> None:
    body = "[a](id:zzz)"
    assert messages(body) == [
        "practices/sub/carte-mentale.md:10: le lien « id:zzz » renvoie à une fiche qui "
        "n'existe pas : après « id: », écrivez le nom du fichier de la fiche, sans « .md »"
    ]
    assert messages(body, "en") == [
        "practices/sub/carte-mentale.md:10: the link 'id:zzz' points to a sheet that does not "
        "exist: after 'id:', write the sheet's file name, without '.md'"
    ]


def test_unknown_file_golden_french_suggests_the_right_path() -> None:
    # jigsaw is in sub/deep/, not next to carte-mentale
    assert messages("\n[puzzle](jigsaw.md#fin)") == [
        "practices/sub/carte-mentale.md:11: le lien « jigsaw.md#fin » mène à "
        "practices/sub/jigsaw.md, qui n'est pas une fiche — vouliez-vous dire "
        "« deep/jigsaw.md#fin » ?"
    ]


def test_unknown_file_golden_english() -> None:
    assert messages("[d](../debat-mouvan.md)", "en") == [
        "practices/sub/carte-mentale.md:10: the link '../debat-mouvan.md' leads to "
        "practices/debat-mouvan.md, which is not a sheet — did you mean '../debat-mouvant.md'?"
    ]


def test_unknown_file_golden_without_suggestion() -> None:
    body = "[a]: ../zzz.md"
    assert messages(body) == [
        "practices/sub/carte-mentale.md:10: le lien « ../zzz.md » mène à practices/zzz.md, "
        "qui n'est pas une fiche : vérifiez le chemin, qui part du dossier de cette fiche, ou "
        "liez la fiche par son identifiant : « id: » suivi du nom de son fichier, sans « .md »"
    ]
    assert messages(body, "en") == [
        "practices/sub/carte-mentale.md:10: the link '../zzz.md' leads to practices/zzz.md, "
        "which is not a sheet: check the path, which starts from this sheet's folder, or link "
        "the sheet by its id: 'id:' followed by its file name, without '.md'"
    ]


def test_unknown_targets_are_errors_and_known_ones_still_links() -> None:
    found, report = scan("[a](id:zzz) [b](id:jigsaw) [c](../zzz.md)")
    assert found == [Link("carte-mentale", "jigsaw", BODY_LINE)]
    assert report.error_count == 2
    assert all(d.is_error and d.path == "practices/sub/carte-mentale.md" for d in report.items)


# --- Rewriting -----------------------------------------------------------------------------


def test_rewrite_gives_the_generated_pages_address_and_keeps_anchors() -> None:
    body = (
        'Voir [le débat](id:debat-mouvant#etape-2), [puzzle](deep/jigsaw.md "Le puzzle")\n'
        "et [haut](<../debat-mouvant.md#haut>) et [moi](id:carte-mentale#fin).\n"
        "\n"
        "[ref]: ID:jigsaw#a\n"
    )
    assert rewrite(body) == (
        'Voir [le débat](debat-mouvant.md#etape-2), [puzzle](jigsaw.md "Le puzzle")\n'
        "et [haut](debat-mouvant.md#haut) et [moi](carte-mentale.md#fin).\n"
        "\n"
        "[ref]: jigsaw.md#a\n"
    )


def test_rewrite_leaves_everything_else_alone() -> None:
    body = (
        "# Titre\n\n"
        "[site](https://example.org) [mail](mailto:a@b.org) [ancre](#contexte)\n"
        "![image](../debat-mouvant.md) [pdf](fiche.pdf) [guide](../../docs/guide.md)\n"
        "[inconnue](id:zzz) [perdue](../zzz.md) `[code](id:jigsaw)` \\[x](id:jigsaw)\n"
        "\n"
        "```markdown\n[dans le code](id:jigsaw)\n```\n"
        "~~~\n[ref]: id:jigsaw\n~~~\n"
    )
    assert rewrite(body) == body


def test_rewrite_keeps_surrounding_text_byte_for_byte() -> None:
    body = "\n\n  avant [a](id:jigsaw) milieu `x` [b](id:jigsaw)après  \n\n\n"
    assert rewrite(body) == "\n\n  avant [a](jigsaw.md) milieu `x` [b](jigsaw.md)après  \n\n\n"


def test_rewrite_of_a_body_without_links_is_the_same_text() -> None:
    body = "## Contexte\n\nUn paragraphe.\n"
    assert rewrite(body) is body


# --- Backlinks -------------------------------------------------------------------------------


def test_backlinks_merge_related_and_links_without_duplicates_sorted() -> None:
    sheets = [
        make("debat-mouvant", related=("jigsaw", "carte-mentale")),
        make("carte-mentale", related=("jigsaw",)),
        make("jigsaw", related=("jigsaw",)),  # itself: never a backlink
        make("zebre", related=("jigsaw",)),
    ]
    found = [
        Link("carte-mentale", "jigsaw", 12),
        Link("carte-mentale", "jigsaw", 30),
        Link("jigsaw", "debat-mouvant", 11),
        Link("zebre", "carte-mentale", 14),
        Link("jigsaw", "jigsaw", 15),
        Link("brouillon", "jigsaw", 10),  # not among the sheets given (a draft): left out
        Link("zebre", "brouillon", 10),
    ]
    result = links.backlinks(sheets, found)
    assert result == {
        "carte-mentale": ["debat-mouvant", "zebre"],
        "debat-mouvant": ["jigsaw"],
        "jigsaw": ["carte-mentale", "debat-mouvant", "zebre"],
        "zebre": [],
    }
    assert list(result) == sorted(result)


def test_backlinks_from_scanned_bodies() -> None:
    sheets = [
        make("carte-mentale", "[a](id:jigsaw) [b](deep/jigsaw.md)"),
        make("debat-mouvant", "[c](sub/deep/jigsaw.md)"),
        make("jigsaw"),
    ]
    report = Report()
    found = [link for sheet in sheets for link in links.scan(sheet, PATHS, report)]
    assert report.items == []
    assert links.backlinks(sheets, found)["jigsaw"] == ["carte-mentale", "debat-mouvant"]


# --- Speed -------------------------------------------------------------------------------------


@pytest.mark.slow  # ten thousand sheets
def test_ten_thousand_sheets_scan_and_rewrite_quickly() -> None:
    count = 10_000
    paths = {f"fiche-{n}": f"practices/dossier-{n % 50}/fiche-{n}.md" for n in range(count)}
    paragraph = (
        "Un paragraphe de récit, assez long pour ressembler à une vraie fiche, avec `du code`.\n"
    )

    def body(n: int) -> str:
        after, other = (n + 1) % count, (n + 2) % count
        return (
            paragraph * 20
            + f"\nVoir [la suite](id:fiche-{after}) et "
            + f"[l'autre](../dossier-{other % 50}/fiche-{other}.md#fin).\n"
            + "\n```\n[x](id:nulle-part)\n```\n"
            + paragraph * 20
        )

    sheets = [make(f"fiche-{n}", body(n), path=paths[f"fiche-{n}"]) for n in range(count)]
    report = Report()
    started = time.perf_counter()
    found = [link for sheet in sheets for link in links.scan(sheet, paths, report)]
    for sheet in sheets:
        links.rewrite(sheet.body, sheet, paths)
    elapsed = time.perf_counter() - started
    assert report.items == []
    assert len(found) == 2 * count
    assert elapsed < 10  # about 1 s on a laptop; generous for slow CI machines
