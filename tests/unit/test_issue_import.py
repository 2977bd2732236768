"""An issue opened with the « Proposer une pratique » form becomes a sheet the checker accepts.

The issue bodies are written the way GitHub stores a submitted form: ``### <label>``, a blank
line, the answer; ``_No response_`` for an empty optional field; ``- [X]`` for a ticked box.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from atelier.core import issue_import, reader, schema, vocabulary, yamlstrict
from atelier.core.diagnostics import Report
from atelier.core.issue_import import ImportedSheet, parse_issue
from atelier.core.model import Sheet

REPO = Path(__file__).resolve().parents[2]
FORM = REPO / issue_import.FORM_PATH
TODAY = dt.date(2026, 11, 30)
VOCABULARIES, _ = vocabulary.load()

ISSUE = """\
### Titre de la fiche

Cercles de lecture en 2e secondaire : la discussion tombe à plat quand le chapitre n'est pas lu

### Résumé

Des cercles de lecture de quatre élèves, avec des rôles qui tournent chaque semaine.
Dans la moitié des groupes, la discussion s'est arrêtée au bout de cinq minutes.

### Discipline

Français

### Niveau

2e secondaire

### Auteurs ou autrices

Geneviève Tremblay, Anonyme

### Date de la séance

2025-10-21

### Ce qui n'a pas marché

- La moitié des élèves n'avait pas lu le chapitre : leurs groupes n'avaient rien à discuter.
- Les rôles (animateur, questionneur, illustrateur) ont été vécus comme une corvée.
Le retour en grand groupe a manqué de temps.

### Contexte

Une classe de 2e secondaire de 31 élèves, période de 75 minutes, le mardi matin.
Nous lisions un roman jeunesse depuis trois semaines.

### Ce que je voulais faire

Que les élèves discutent du roman entre eux, sans que je mène la discussion.

### Ce que j'ai fait

J'ai formé des groupes de quatre et distribué des fiches de rôle.

Chaque groupe avait 30 minutes, puis un retour en grand groupe.

### Ce qui a marché

Les élèves qui avaient lu ont eu des échanges riches, parfois vifs.

### Pourquoi, à mon avis

Rien ne vérifiait la lecture avant la discussion, et les rôles étaient trop scolaires.

### Ce que je referais autrement

1. Un court billet de lecture à remettre avant la période.
2. Laisser les élèves choisir leurs rôles.

### Mes doutes, mes questions

_No response_

### Communauté de pratique

_No response_

### Mots-clés

Lecture, travail de groupe, #oral

### Avant d'envoyer

- [X] Aucun élève, parent ou collègue n'est identifiable : ni nom, ni initiales, ni code de \
classe, ni nom d'établissement, ni diagnostic rattaché à une personne
- [ ] J'accepte que cette fiche soit publiée sous licence CC BY-SA 4.0, et j'ai le droit de \
partager tout ce qu'elle contient
- [X] J'ai lu la charte : je décris des situations, pas des personnes, sans jugement
"""


def answers() -> dict[str, str]:
    """The answers of ISSUE, by field id."""
    return issue_import.read_fields(ISSUE)


def render(values: dict[str, str], labels: dict[str, str] | None = None) -> str:
    """An issue body as GitHub writes it, from answers by field id (missing: _No response_)."""
    labels = labels or {f.id: f.label for f in issue_import.FIELDS}
    parts = []
    for field in issue_import.FIELDS:
        value = values.get(field.id, "") or issue_import.NO_RESPONSE
        parts.append(f"### {labels[field.id]}\n\n{value}")
    return "\n\n".join(parts) + "\n"


def with_answers(**changes: str) -> str:
    return render({**answers(), **changes})


def check(imported: ImportedSheet) -> tuple[Sheet | None, Report]:
    """Read the imported text with the project's reader and schema, as `atelier check` does."""
    report = Report()
    path = f"practices/{imported.id}.md"
    source = reader.read_bytes(imported.text.encode("utf-8"), path, report)
    sheet = None
    if source is not None:
        sheet = schema.read_sheet(source, imported.id, VOCABULARIES, report, today=TODAY)
    return sheet, report


def front_matter(text: str) -> dict[str, Any]:
    block = text.split("---\n")[1]
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


def test_a_realistic_issue_becomes_a_valid_sheet() -> None:
    imported = parse_issue(ISSUE, VOCABULARIES, today=TODAY)
    sheet, report = check(imported)
    assert [d.render() for d in report.items] == []
    assert sheet is not None
    assert imported.id == "cercles-de-lecture-en-2e-secondaire-la-discussion-tombe-a"
    assert schema.SLUG.match(imported.id) and len(imported.id) <= 60
    assert sheet.title == (
        "Cercles de lecture en 2e secondaire : la discussion tombe à plat quand le chapitre "
        "n'est pas lu"
    )
    assert sheet.summary.startswith("Des cercles de lecture de quatre élèves, avec des rôles")
    assert sheet.subjects == ("francais",)
    assert sheet.levels == ("qc-sec-2",)
    assert sheet.authors == ("Geneviève Tremblay", "Anonyme")
    assert sheet.date == dt.date(2025, 10, 21)
    assert sheet.what_went_wrong == (
        "La moitié des élèves n'avait pas lu le chapitre : leurs groupes n'avaient rien à "
        "discuter.",
        "Les rôles (animateur, questionneur, illustrateur) ont été vécus comme une corvée.",
        "Le retour en grand groupe a manqué de temps.",
    )
    assert sheet.next_time == (
        "Un court billet de lecture à remettre avant la période.",
        "Laisser les élèves choisir leurs rôles.",
    )
    assert sheet.tags == ("lecture", "travail-de-groupe", "oral")
    assert sheet.communities == ()
    # Every recommended section, in order; no « Mes doutes » section for a _No response_.
    headings = [line[3:] for line in sheet.body.split("\n") if line.startswith("## ")]
    assert headings == [s.fr for s in schema.SECTIONS if s.recommended]
    assert "_No response_" not in imported.text
    assert "Chaque groupe avait 30 minutes, puis un retour en grand groupe." in sheet.body


def test_the_notes_tell_the_maintainer_what_to_check() -> None:
    notes = parse_issue(ISSUE, VOCABULARIES, today=TODAY).notes
    assert "« Niveau » : « 2e secondaire » → « qc-sec-2 » (2e secondaire)." in notes
    assert "« Discipline » : « Français » → « francais » (Français)." in notes
    assert (
        "Case non cochée, à faire confirmer : « J'accepte que cette fiche soit publiée sous "
        "licence CC BY-SA 4.0, et j'ai le droit de partager tout ce qu'elle contient »." in notes
    )
    assert not any("Aucun élève" in note for note in notes)  # that box is ticked
    assert not any("vide ou absent" in note for note in notes)  # optional fields are optional


def test_the_front_matter_is_strict_every_string_double_quoted() -> None:
    text = parse_issue(ISSUE, VOCABULARIES, today=TODAY).text
    block = text.split("---\n")[1]
    for line in block.splitlines():
        item = re.fullmatch(r"  - (.*)", line)
        field = re.fullmatch(r"([a-z_]+):(?: (.*))?", line)
        assert item or field, line
        value = item.group(1) if item else field.group(2) if field else None
        if value is None or (field and field.group(1) == "date"):
            continue
        assert re.fullmatch(r'"(?:[^"\\]|\\.)*"|\[("(?:[^"\\]|\\.)*"(, )?)+\]', value), line
    assert front_matter(text)["level"] == "qc-sec-2"


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("4e", ["fr-4e"]),
        ("2e secondaire", ["qc-sec-2"]),
        ("sec 2", ["qc-sec-2"]),
        ("4e, 3e", ["fr-4e", "fr-3e"]),
        ("4e et 3e", ["fr-4e", "fr-3e"]),
        ("Seconde", ["fr-2nde"]),
        ("cégep", ["qc-cegep"]),
        ("fr-cm1", ["fr-cm1"]),
        ("DUT", ["fr-but"]),  # deprecated: its replacement, with a note
    ],
)
def test_levels_are_mapped_to_ids(level: str, expected: list[str]) -> None:
    imported = parse_issue(with_answers(niveau=level), VOCABULARIES, today=TODAY)
    sheet, report = check(imported)
    assert report.error_count == 0, [d.render() for d in report.items]
    assert sheet is not None and list(sheet.levels) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Maths", ["mathematiques"]),
        ("SVT", ["svt"]),
        ("EPS", ["education-physique"]),
        ("NSI", ["informatique"]),
        ("Univers social", ["histoire-geographie"]),
        ("Français, Histoire-géographie", ["francais", "histoire-geographie"]),
    ],
)
def test_subjects_are_mapped_to_ids(subject: str, expected: list[str]) -> None:
    imported = parse_issue(with_answers(discipline=subject), VOCABULARIES, today=TODAY)
    sheet, report = check(imported)
    assert report.error_count == 0, [d.render() for d in report.items]
    assert sheet is not None and list(sheet.subjects) == expected


def test_a_fuzzy_guess_is_flagged_for_checking() -> None:
    notes = parse_issue(with_answers(discipline="Maths"), VOCABULARIES, today=TODAY).notes
    assert (
        "« Discipline » : « Maths » rapproché de « mathematiques » (Mathématiques) : à vérifier."
        in notes
    )


def test_an_unknown_level_is_a_note_and_a_clear_check_error() -> None:
    imported = parse_issue(with_answers(niveau="Formation continue"), VOCABULARIES, today=TODAY)
    assert (
        "« Niveau » : « Formation continue » ne correspond à aucun identifiant connu ; "
        "remplacez « niveau-a-preciser » (la liste : atelier vocabulary)."
    ) in imported.notes
    assert front_matter(imported.text)["level"] == "niveau-a-preciser"
    _, report = check(imported)
    assert [d.render() for d in report.items if d.is_error] == [
        f"practices/{imported.id}.md:5: level: « niveau-a-preciser » n'est pas un niveau connu "
        ": la commande « atelier vocabulary » donne la liste"
    ]


@pytest.mark.parametrize(
    ("field", "value", "placeholder"),
    [
        ("niveau", "Secondaire 2", "niveau-a-preciser"),  # suggest() says qc-sec-5: refused
        ("discipline", "Cuisine", "discipline-a-preciser"),  # suggest() says musique: refused
    ],
)
def test_a_wrong_guess_is_never_written(field: str, value: str, placeholder: str) -> None:
    imported = parse_issue(with_answers(**{field: value}), VOCABULARIES, today=TODAY)
    assert placeholder in imported.text
    assert any(f"« {value} » ne correspond à aucun identifiant" in n for n in imported.notes)
    _, report = check(imported)
    assert report.error_count == 1


def test_missing_required_answers_become_placeholders_the_checker_rejects() -> None:
    body = with_answers(titre="", resume="", auteurs="", date="", ce_qui_na_pas_marche="")
    imported = parse_issue(body, VOCABULARIES, today=TODAY)
    assert imported.id == "fiche-sans-titre"
    for label in ("Titre de la fiche", "Résumé", "Auteurs ou autrices", "Date de la séance"):
        assert f"Champ « {label} » vide ou absent." in imported.notes
    _, report = check(imported)
    errors = {(d.field, d.code) for d in report.items if d.is_error}
    assert errors == {
        ("title", "placeholder"),
        ("summary", "placeholder"),
        ("authors", "placeholder"),
        ("date", "date-format"),
        ("what_went_wrong", "placeholder"),
    }


def test_hostile_values_stay_exact_strings() -> None:
    title = 'Atelier #2 : « débat » et "citations" <script>alert(1)</script> \\ fin'
    summary = "key: value # pas un commentaire, - [ ] pas une case, {a: b}, &ancre *alias"
    imported = parse_issue(
        with_answers(
            titre=title,
            resume=summary,
            auteurs='Anne "la prof" Roy',
            ce_qui_na_pas_marche="no\n1:30\n- yes\n~\n@début",
            mots_cles="<b>gras</b>",
        ),
        VOCABULARIES,
        today=TODAY,
    )
    sheet, report = check(imported)
    assert report.error_count == 0, [d.render() for d in report.items]
    assert sheet is not None
    assert sheet.title == title
    assert sheet.summary == summary
    assert sheet.authors == ('Anne "la prof" Roy',)
    assert sheet.what_went_wrong == ("no", "1:30", "yes", "~", "@début")
    assert sheet.tags == ("b-gras-b",)
    data = front_matter(imported.text)
    assert data["title"] == title and data["summary"] == summary
    assert data["what_went_wrong"] == ["no", "1:30", "yes", "~", "@début"]
    assert schema.SLUG.match(imported.id)


def test_invisible_characters_are_removed_with_a_note() -> None:
    imported = parse_issue(
        with_answers(titre="Débat\u200b mouvant\u202e en 4e"), VOCABULARIES, today=TODAY
    )
    sheet, report = check(imported)
    assert report.error_count == 0
    assert sheet is not None and sheet.title == "Débat mouvant en 4e"
    assert any("caractères invisibles" in note for note in imported.notes)


def test_crlf_bodies_give_the_same_sheet() -> None:
    lf = parse_issue(ISSUE, VOCABULARIES, today=TODAY)
    crlf = parse_issue(ISSUE.replace("\n", "\r\n"), VOCABULARIES, today=TODAY)
    assert crlf == lf
    assert "\r" not in crlf.text


def test_headings_inside_an_answer_do_not_break_the_sections() -> None:
    story = "## Étape 1\nLes rôles.\n\n```\n# un commentaire de code\n```\n### Étape 2\nLa suite."
    imported = parse_issue(with_answers(ce_que_jai_fait=story), VOCABULARIES, today=TODAY)
    sheet, report = check(imported)
    assert report.items == []
    assert sheet is not None
    assert "### Étape 1\nLes rôles." in sheet.body
    assert "# un commentaire de code" in sheet.body
    assert "### Étape 2" in sheet.body
    # A « ### Contexte » typed inside an answer stays in that answer.
    body = with_answers(pourquoi="### Contexte\nJe pense que…")
    assert issue_import.read_fields(body)["pourquoi"] == "### Contexte\nJe pense que…"
    assert issue_import.read_fields(body)["contexte"] == answers()["contexte"]


@pytest.mark.parametrize(
    ("written", "expected", "note"),
    [
        ("2025-10-21", "2025-10-21", None),
        ("21/10/2025", "2025-10-21", "lu comme 2025-10-21 (JJ/MM/AAAA)"),
        ("1er mars 2025", "2025-03-01", "lu comme 2025-03-01 (jour mois année)"),
        ("31/02/2025", '"AAAA-MM-JJ"', "n'est pas une date lisible"),
        ("hier", '"AAAA-MM-JJ"', "n'est pas une date lisible"),
        ("2027-01-01", "2027-01-01", "est dans le futur"),
    ],
)
def test_dates(written: str, expected: str, note: str | None) -> None:
    imported = parse_issue(with_answers(date=written), VOCABULARIES, today=TODAY)
    assert f"\ndate: {expected}\n" in imported.text
    date_notes = [n for n in imported.notes if n.startswith("« Date de la séance »")]
    assert (date_notes == []) if note is None else (note in date_notes[0])


def test_communities_are_found_by_id_or_name_or_left_out() -> None:
    known = {"atelier-lettres-nantes": "Atelier Lettres de Nantes"}

    def community(value: str, communities: dict[str, str] | None) -> object:
        body = with_answers(communaute=value)
        imported = parse_issue(body, VOCABULARIES, today=TODAY, communities=communities)
        return front_matter(imported.text).get("community")

    assert community("atelier-lettres-nantes", known) == "atelier-lettres-nantes"
    assert community("atelier lettres de nantes", known) == "atelier-lettres-nantes"
    assert community("Le groupe du mardi", known) is None
    assert community("atelier-lettres-nantes", None) == "atelier-lettres-nantes"
    assert community("Le groupe du mardi", None) is None


def test_long_titles_give_short_ids() -> None:
    assert issue_import.sheet_id("Œuvres " * 30) == "oeuvres-" * 6 + "oeuvres"  # 55 chars
    assert issue_import.sheet_id("a" * 80) == "a" * 60
    assert issue_import.sheet_id("!!!") == "fiche-sans-titre"


CHARTER = issue_import.CHARTER_PLEDGE


def charter_note(pledges: str) -> list[str]:
    """The notes about the charter's box when the « Avant d'envoyer » answer is `pledges`."""
    notes = parse_issue(with_answers(engagements=pledges), VOCABULARIES, today=TODAY).notes
    return [note for note in notes if CHARTER in note]


@pytest.mark.parametrize(
    "pledges",
    [
        f"- [X] {CHARTER}",
        f"- [x] {CHARTER}",
        f"* [x] {CHARTER}",
        f"+ [x] {CHARTER}",
        f"1. [X] {CHARTER}",
        f"- [ ] Autre chose\n- [X]   {CHARTER}",
        f"Une phrase avant la liste.\n\n- [X] {CHARTER}",
    ],
)
def test_a_ticked_box_counts_lower_or_upper_case(pledges: str) -> None:
    assert charter_note(pledges) == []


@pytest.mark.parametrize(
    ("pledges", "note"),
    [
        (f"- [ ] {CHARTER}", "Case non cochée"),
        (f"```\n- [X] {CHARTER}\n```", "Case absente"),  # a code block is no checkbox
        (f"    - [X] {CHARTER}", "Case absente"),  # nor is indented code
        (f"> - [X] {CHARTER}", "Case absente"),  # nor a quote
        (f"> Citation :\n>\n> - [x] {CHARTER}\n\n- [ ] {CHARTER}", "Case non cochée"),
        (f"[X] {CHARTER}", "Case absente"),  # not a list item
        (f"- [X]{CHARTER}", "Case absente"),  # no space: not a checkbox for GitHub either
    ],
)
def test_a_box_that_is_not_a_ticked_task_list_item_is_not_taken(pledges: str, note: str) -> None:
    assert charter_note(pledges) == [f"{note}, à faire confirmer : « {CHARTER} »."]


def test_a_body_that_is_not_the_form_gives_a_placeholder_sheet() -> None:
    imported = parse_issue("Bonjour, voici ma fiche !", VOCABULARIES, today=TODAY)
    assert imported.notes[0].startswith("Aucun champ du formulaire")
    _, report = check(imported)
    assert report.error_count > 0


def test_pictures_are_flagged() -> None:
    picture = "![photo](https://github.com/user-attachments/assets/0000)"
    notes = parse_issue(with_answers(contexte=picture), VOCABULARIES, today=TODAY).notes
    assert any("images ou des pièces jointes" in note for note in notes)


@given(st.text())
def test_quoted_values_read_back_exactly(value: str) -> None:
    quoted = issue_import.quote(value)
    assert "\n" not in quoted
    assert yaml.safe_load("k: " + quoted) == {"k": value}
    tree = yamlstrict.parse("k: " + quoted)
    assert isinstance(tree, yamlstrict.Map)
    node = tree.items["k"]
    assert isinstance(node, yamlstrict.Scalar) and node.value == value


# -- the form and the parser cannot drift apart ----------------------------------------------


def load_form() -> dict[str, Any]:
    data = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_field_of_the_parser_is_in_the_form_with_the_same_label() -> None:
    form = load_form()
    assert form["name"] == "Proposer une pratique"
    elements = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert list(elements) == [f.id for f in issue_import.FIELDS]  # same fields, same order
    for field in issue_import.FIELDS:
        element = elements[field.id]
        assert element["type"] == field.kind, field.id
        assert element["attributes"]["label"] == field.label, field.id
        if field.kind == "checkboxes":  # required box by box
            options = element["attributes"]["options"]
            assert [option["label"] for option in options] == list(issue_import.PLEDGE_OPTIONS)
            assert all(option["required"] is field.required for option in options)
        else:
            required = element.get("validations", {}).get("required", False)
            assert required is field.required, field.id
    labels = [element["attributes"]["label"] for element in elements.values()]
    assert len(set(labels)) == len(labels)


def test_an_issue_written_from_the_form_labels_is_read_completely() -> None:
    form = load_form()
    labels = {item["id"]: item["attributes"]["label"] for item in form["body"] if "id" in item}
    boxes = next(item for item in form["body"] if item["type"] == "checkboxes")
    ticked = "\n".join(f"- [X] {option['label']}" for option in boxes["attributes"]["options"])
    body = render({**answers(), "engagements": ticked}, labels)
    assert issue_import.read_fields(body).keys() == {f.id for f in issue_import.FIELDS}
    imported = parse_issue(body, VOCABULARIES, today=TODAY)
    assert not any("Case" in note for note in imported.notes)
    _, report = check(imported)
    assert report.items == []
