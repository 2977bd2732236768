"""One reading of a body: headings, links, HTML, comments, code, text runs, sections."""

from __future__ import annotations

import time

from atelier.core.document import Code, Comment, Heading, Html, Link, TextRun, parse

BODY_LINE = 10  # the body starts on file line 10, as after a 7-line front matter


def test_headings_atx_and_setext_with_file_lines() -> None:
    doc = parse("# Titre\n\n## Contexte ##\n\nUn texte\nsur deux lignes\n=====\n\nSous\n---\n", 10)
    assert doc.headings == (
        Heading(1, "Titre", 10),
        Heading(2, "Contexte", 12),
        Heading(1, "Un texte sur deux lignes", 14),
        Heading(2, "Sous", 18),
    )


def test_hash_line_in_a_fence_is_code_not_a_heading() -> None:
    body = "## Mes doutes\n\n```python\n# comment\n## encore\n```\n\nMa question ?\n"
    doc = parse(body, BODY_LINE)
    assert [h.text for h in doc.headings] == ["Mes doutes"]
    assert doc.code == (Code("python", "# comment\n## encore\n", 12, True),)
    section = doc.section("Mes doutes")
    assert section is not None
    assert section.end_line == 17
    assert "Ma question ?" in section.source


def test_tilde_fence_and_longer_fence() -> None:
    body = "~~~\n# pas un titre\n```\n## toujours pas\n~~~\n\n````md\n```\n# non\n```\n````\n"
    doc = parse(body)
    assert doc.headings == ()
    assert [c.info for c in doc.code] == ["", "md"]


def test_headings_links_and_html_in_code_are_ignored() -> None:
    body = (
        "Texte.\n\n"
        "```\n# titre\n[lien](id:dedans) <script>x</script> <!-- c -->\n```\n\n"
        "    # indenté\n    [lien](id:indente) <b>gras</b>\n\n"
        "Du `[code](id:span) <i>` en ligne.\n"
    )
    doc = parse(body, BODY_LINE)
    assert doc.headings == ()
    assert doc.links == ()
    assert doc.html == ()
    assert doc.comments == ()
    assert [c.fenced for c in doc.code] == [True, False]
    assert doc.code[1] == Code("", "# indenté\n[lien](id:indente) <b>gras</b>\n", 17, False)


def test_links_with_kinds_titles_lines_and_offsets() -> None:
    body = (
        'Voir [la fiche](id:debat "Débat") et\n'
        "[l'autre\nfiche](../autre.md#plan), ![schéma](img/a.png),\n"
        "<https://exemple.fr> et [réf][r].\n\n"
        "[r]: <sub/x.md>\n"
    )
    doc = parse(body, BODY_LINE)
    assert [(x.target, x.text, x.line, x.kind) for x in doc.links] == [
        ("id:debat", "la fiche", 10, "link"),
        ("../autre.md#plan", "l'autre fiche", 12, "link"),  # the line of its address
        ("img/a.png", "schéma", 12, "image"),
        ("https://exemple.fr", "https://exemple.fr", 13, "autolink"),
        ("sub/x.md", "réf", 13, "link"),
    ]
    assert doc.links[0].title == "Débat"
    assert doc.links[4].reference and not doc.links[0].reference
    written = [body[x.start : x.end] if x.start >= 0 else None for x in doc.links]
    assert written == ["id:debat", "../autre.md#plan", "img/a.png", None, "<sub/x.md>"]
    assert doc.definitions == (Link("sub/x.md", "r", 15, "link", None, True, 134, 144),)


def test_reference_definitions_used_or_not_and_duplicates() -> None:
    body = '[a][x]\n\n[x]: un.md\n[X]: deux.md "T"\n[y]:\n  <trois.md>\n\n```\n[z]: code.md\n```\n'
    doc = parse(body, BODY_LINE)
    assert [(x.target, x.line) for x in doc.links] == [("un.md", 10)]  # the first wins
    assert [(x.target, x.text, x.line, x.title) for x in doc.definitions] == [
        ("un.md", "x", 12, None),
        ("deux.md", "X", 13, "T"),
        ("trois.md", "y", 15, None),
    ]
    assert [body[x.start : x.end] for x in doc.definitions] == ["un.md", "deux.md", "<trois.md>"]


def test_escapes_and_entities_in_destinations() -> None:
    doc = parse("[a](id:un\\_deux) [b](x&amp;y.md) [c](javascript:alert(1))\n")
    assert [x.target for x in doc.links] == ["id:un_deux", "x&y.md", "javascript:alert(1)"]


def test_html_blocks_inline_html_comments_and_escapes() -> None:
    body = (
        '<div class="note">\nBonjour <!-- caché -->\n</div>\n\n'
        "Un <span>mot</span>, \\<pas une balise\\>, <https://a.fr>, <!-- note\nsur deux -->.\n\n"
        "<!-- seul -->\n"
    )
    doc = parse(body, BODY_LINE)
    assert doc.html == (
        Html('<div class="note">\nBonjour <!-- caché -->\n</div>', 10, True),
        Html("<span>", 14, False),
        Html("</span>", 14, False),
    )
    assert doc.comments == (
        Comment("caché", 11),
        Comment("note\nsur deux", 14),
        Comment("seul", 17),
    )


def test_admonitions_are_containers_not_indented_code() -> None:
    body = (
        "## Contexte\n\n"
        '!!! note "Une *remarque*"\n'
        "    Voir [la fiche](id:debat) et\n"
        "    <b>ceci</b>.\n\n"
        "??? tip\n"
        "    ```\n    # code\n    ```\n\n"
        '???+ warning "Ouvert"\n'
        "    Texte [b](b.md).\n"
    )
    doc = parse(body, BODY_LINE)
    assert [(x.target, x.line) for x in doc.links] == [("id:debat", 13), ("b.md", 22)]
    assert [body[x.start : x.end] for x in doc.links] == ["id:debat", "b.md"]
    assert doc.html == (Html("<b>", 14, False), Html("</b>", 14, False))
    assert doc.code == (Code("", "# code\n", 17, True),)
    runs = [(r.text, r.line, r.kind) for r in doc.runs if r.kind != "heading"]
    assert runs == [
        ("Une remarque", 12, "paragraph"),  # the title written; "Tip" is not in the file
        ("Voir la fiche et\nceci.", 13, "paragraph"),
        ("# code\n", 18, "code"),
        ("Ouvert", 21, "paragraph"),
        ("Texte b.", 22, "paragraph"),
    ]
    assert {r.section for r in doc.runs} == {"Contexte"}


def test_footnotes_and_definition_lists() -> None:
    body = "Texte[^1].\n\nTerme\n:   Définition [d](id:def)\n\n[^1]: Note de Claire [n](n.md)\n"
    doc = parse(body, BODY_LINE)
    assert [(x.target, x.line) for x in doc.links] == [("id:def", 13), ("n.md", 15)]
    assert [(r.text, r.line) for r in doc.runs] == [
        ("Texte.", 10),
        ("Terme", 12),
        ("Définition d", 13),
        ("Note de Claire n", 15),
    ]


def test_tables() -> None:
    body = "| Élève | Note |\n|---|---|\n| [Léa](id:lea) | **12** |\n"
    doc = parse(body, BODY_LINE)
    assert [(r.text, r.line, r.kind) for r in doc.runs] == [
        ("Élève", 10, "table"),
        ("Note", 10, "table"),
        ("Léa", 12, "table"),
        ("12", 12, "table"),
    ]
    assert [(x.target, x.line, body[x.start : x.end]) for x in doc.links] == [
        ("id:lea", 12, "id:lea")
    ]


def test_runs_keep_line_breaks_and_sections() -> None:
    body = (
        "Avant.\n\n"
        "## Contexte\n\n"
        "Une *classe* de `4e\nB` avec\n[Jean\nDupont](id:x) <br>\nici.\n\n"
        "## Ce qui n'a pas marché\n\n"
        "- Léa s'est tue.\n"
    )
    doc = parse(body, BODY_LINE)
    assert doc.runs[0] == TextRun("Avant.", 10, "paragraph", None)
    run = doc.runs[2]
    assert run.text == "Une classe de 4e\nB avec\nJean\nDupont \nici."
    assert run.section == "Contexte"
    assert run.line_at(run.text.index("Dupont")) == 17
    assert run.line_at(run.text.index("ici")) == 18
    assert doc.runs[-1] == TextRun("Léa s'est tue.", 22, "paragraph", "Ce qui n'a pas marché")


def test_sections_and_preamble() -> None:
    body = "# Titre\n\nIntro.\n\n## Contexte\n\nA\n\n### Détail\n\nB\n\n## Ressources\n\nC\n"
    doc = parse(body, BODY_LINE)
    assert [(s.title, s.level, s.line, s.end_line) for s in doc.sections] == [
        (None, 0, 10, 13),
        ("Contexte", 2, 14, 21),
        ("Ressources", 2, 22, 24),
    ]
    assert doc.sections[1].source == "\nA\n\n### Détail\n\nB\n"
    detail = doc.section("détail")
    assert detail is not None and detail.level == 3 and detail.source == "\nB\n"
    assert doc.section("  RESSOURCES ") is not None
    assert doc.section("Absente") is None


def test_section_titles_compare_without_accents_case_or_punctuation() -> None:
    doc = parse("## Mes doutes,  mes QUESTIONS\n\nPourquoi ?\n")
    found = doc.section("Mes doutes, mes questions")
    assert found is not None and found.title == "Mes doutes,  mes QUESTIONS".replace("  ", " ")
    assert doc.section("Ce qui n’a pas marché") is None


def test_no_preamble_when_body_starts_with_a_section() -> None:
    doc = parse("\n## Contexte\nTexte\n")
    assert [s.title for s in doc.sections] == ["Contexte"]
    assert parse("").sections == ()


def test_crlf_input_reads_like_lf() -> None:
    assert parse("## A\r\n\r\n[x](id:y)\r\n").links == parse("## A\n\n[x](id:y)\n").links


def test_link_dataclass_defaults() -> None:
    assert Link("u", "t", 1, "link") == Link("u", "t", 1, "link", None, False, -1, -1)


def test_hostile_input_is_linear() -> None:
    for text in ("[" * 20000, "*a " * 20000, "<a " * 20000, "[a]" * 20000 + "\n\n[a]: x"):
        started = time.perf_counter()
        parse(text)
        small = time.perf_counter() - started
        started = time.perf_counter()
        parse(text * 4)
        large = time.perf_counter() - started
        assert large < 12 * small + 0.5, text[:10]


def _bracket_span_by_character(text: str) -> int:
    """The bracket cost as first written, one character at a time (the reference)."""
    span, squares, rounds = 0, [], []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char == "\\":
            index += 1
        elif char == "[":
            squares.append(index)
        elif char == "]" and squares:
            span += index - squares.pop()
        elif char == "(" and (rounds or (index and text[index - 1] == "]")):
            rounds.append(index)
        elif char == ")" and rounds:
            span += index - rounds.pop()
        index += 1
    return span + sum(end - start for start in squares) + sum(end - start for start in rounds)


def test_the_bracket_cost_is_the_character_by_character_one() -> None:
    import random

    from atelier.core.document import _bracket_span

    draw = random.Random(9)
    texts = ["", "\\", "a\\", "\\]", "\\](", "](x)", "[a](b)", "[[[", "((", "\\\\[x]", "é[à](ç)\n"]
    texts += ["".join(draw.choice("[]()\\ab\n") for _ in range(draw.randrange(60)))
              for _ in range(3000)]  # fmt: skip
    for text in texts:
        assert _bracket_span(text) == _bracket_span_by_character(text), repr(text)
