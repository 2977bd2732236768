"""Regressions of issue 8 (one reading): every check reads the body as Markdown reads it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from atelier.core import issue_import, links, reader, safety, schema
from atelier.core.diagnostics import Report
from atelier.core.document import parse
from atelier.core.model import Sheet
from atelier.core.reader import Source

FRONT = "---\ntitle: Test\nlevel: fr-4e\n---\n"  # the body starts on file line 5
BODY_LINE = 5


def source(body: str) -> Source:
    report = Report()
    read = reader.read_text(FRONT + body, "practices/test.md", report)
    assert read is not None, report.items
    return read


def codes(report: Report) -> list[tuple[int, str]]:
    return [(item.line, item.code) for item in report.items]


# -- the reproduced bug: a `# comment` in a fence ended the section ---------------------------


def test_section_text_reads_past_a_comment_in_a_code_fence() -> None:
    body = (
        "## Mes doutes, mes questions\n\n"
        "```python\n# comment\nprint('x')\n```\n\n"
        "Comment faire parler les *timides* ?\n\n"
        "## Ressources\n\nRien.\n"
    )
    assert schema.section_text(body, schema.QUESTIONS) == "Comment faire parler les timides ?"
    assert schema.section_text(parse(body), schema.QUESTIONS) == (
        "Comment faire parler les timides ?"
    )


def test_section_text_in_english_keeps_subheadings_and_link_text() -> None:
    body = (
        "## Open questions for the community\n\n### Groups\n\n"
        "How do I [pair them](id:x)?\n\n## Resources\n\nNone.\n"
    )
    assert schema.section_text(body, schema.QUESTIONS) == "Groups How do I pair them?"
    assert schema.section_text("## Contexte\n\nRien.\n", schema.QUESTIONS) == ""


# -- headings: code is not a heading, setext is -----------------------------------------------


def test_headings_in_code_do_not_count_and_setext_headings_do() -> None:
    fenced = "```\n## Contexte\n```\n\n    ## Ce que je voulais faire\n"
    report = Report()
    schema.check_body(source(fenced), report)
    missing = [item.args["section"] for item in report.items]
    assert "Contexte" in missing and "Ce que je voulais faire" in missing

    setext = "Contexte\n========\n\nUn texte.\n\nCe que j'ai fait\n----------------\n\nDu texte.\n"
    report = Report()
    schema.check_body(source(setext), report)
    missing = [item.args["section"] for item in report.items]
    assert "Contexte" not in missing and "Ce que j'ai fait" not in missing
    assert "Ce qui a marché" in missing


# -- safety: HTML and links as Markdown makes them ----------------------------------------------


def test_html_and_links_in_code_are_not_warned_about() -> None:
    body = (
        "```html\n<script>alert(1)</script>\n[x](javascript:alert(1))\n```\n\n"
        "    <iframe src=x></iframe>\n\n"
        "Du `<script>` en ligne.\n"
    )
    report = Report()
    safety.scan_body(source(body), report)
    assert report.items == []


def test_autolinks_and_escaped_brackets_are_not_html() -> None:
    report = Report()
    safety.scan_body(
        source("Voir <https://exemple.fr> et \\<élève\\> ou <claire@exemple.fr>.\n"), report
    )
    assert report.items == []


def test_html_blocks_are_found_with_their_lines() -> None:
    body = 'Texte.\n\n<div>\n<p onclick="x()">a</p>\n<script>alert(1)</script>\n</div>\n'
    report = Report()
    safety.scan_body(source(body), report)
    assert codes(report) == [(BODY_LINE + 3, "html-dropped"), (BODY_LINE + 4, "html-dropped")]
    assert "onclick" in report.items[0].text("en")
    assert "<script>" in report.items[1].text("en")


def test_dropped_html_messages_agree_in_gender() -> None:
    body = '<p onclick="x()">a</p>\n\n<script>alert(1)</script>\n'
    report = Report()
    safety.scan_body(source(body), report)
    attribute, tag = (item.text("fr") for item in report.items)
    assert attribute.startswith("l'attribut onclick de <p> sera supprimé à la publication")
    assert tag.startswith("la balise <script> sera supprimée à la publication")
    assert report.items[1].text("en").startswith("the <script> tag will be removed")


def test_dangerous_links_in_admonitions_and_references_are_warned_about() -> None:
    body = (
        '!!! note "Attention"\n'
        "    Un [lien](javascript:alert(1)) dans une note.\n\n"
        "[r]: vbscript:x\n\n"
        "Et [celui-ci][r], [une fiche](id:autre), <javascript:alert(2)>.\n"
    )
    report = Report()
    safety.scan_body(source(body), report)
    assert [(d.line, d.code, d.args["value"]) for d in report.items] == [
        (BODY_LINE + 1, "url-scheme", "javascript:alert(1)"),
        (BODY_LINE + 5, "url-scheme", "vbscript:x"),
        (BODY_LINE + 5, "url-scheme", "javascript:alert(2)"),
    ]


def test_snippet_includes_are_refused_even_in_code() -> None:
    body = '```\n--8<-- "mkdocs.yml"\n```\n\nTexte --8<-- <script>x</script>\n'
    report = Report()
    safety.scan_body(source(body), report)
    assert codes(report) == [(BODY_LINE + 1, "snippet"), (BODY_LINE + 4, "snippet")]


# -- links between sheets -----------------------------------------------------------------------


def _sheet(body: str, body_line: int = BODY_LINE) -> Sheet:
    return Sheet(
        id="a",
        path="practices/a.md",
        title="A",
        summary="",
        subjects=(),
        levels=(),
        authors=(),
        date=dt.date(2026, 1, 1),
        what_went_wrong=(),
        body=body,
        body_line=body_line,
    )


def test_links_in_admonitions_are_found_on_their_line_and_rewritten() -> None:
    paths = {"a": "practices/a.md", "b": "practices/b.md"}
    body = 'Intro.\n\n??? tip "Voir aussi"\n    La fiche [B](id:b) et\n    [encore](b.md#fin).\n'
    sheet = _sheet(body)
    report = Report()
    found = links.scan(sheet, paths, report)
    assert [(link.target, link.line) for link in found] == [
        ("b", BODY_LINE + 3),
        ("b", BODY_LINE + 4),
    ]
    assert report.items == []
    assert links.rewrite(body, sheet, paths) == body.replace("id:b", "b.md")


def test_a_link_in_indented_code_is_not_a_link() -> None:
    paths = {"a": "practices/a.md"}
    report = Report()
    assert links.scan(_sheet("Texte.\n\n    [x](id:nulle-part)\n"), paths, report) == []
    assert report.items == []


# -- the reading travels with the sheet ---------------------------------------------------------


def test_the_reader_keeps_front_matter_lines_and_reads_the_body_once() -> None:
    read = source("\n## Contexte\n\nTexte.\n")
    assert read.front_matter == ((2, "title: Test"), (3, "level: fr-4e"))
    assert read.document is read.document
    assert read.document.headings[0].line == BODY_LINE + 1
    assert read.document.body == read.body


def test_a_sheet_built_without_a_reading_reads_its_own_body() -> None:
    sheet = _sheet("## Contexte\n\n[x](id:b)\n")
    assert sheet.document.headings[0].line == BODY_LINE
    assert sheet.front_matter == ()
    other = dataclasses.replace(sheet, body="## Autre\n")
    assert [h.text for h in other.document.headings] == ["Autre"]
    assert other == dataclasses.replace(other, front_matter=((2, "x: y"),))  # not compared


def test_an_issue_form_heading_in_a_code_block_is_not_a_field() -> None:
    body = (
        "### Titre de la fiche\n\nUn titre\n\n"
        "### Résumé\n\n```\n### Contexte\n```\n\n"
        "### Contexte\n\nLa classe.\n"
    )
    fields = issue_import.read_fields(body)
    assert fields["resume"] == "```\n### Contexte\n```"
    assert fields["contexte"] == "La classe."
