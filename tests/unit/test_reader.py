"""The strict reader: framing, encoding and YAML traps (reliability.md §a.A–C), golden messages."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from atelier.core import reader, yamlstrict
from atelier.core.diagnostics import Report

GOOD = '---\ntitle: "Un titre"\n---\n\n## Contexte\n\nTexte.\n'


def read(data: bytes | str) -> tuple[reader.Source | None, list[str]]:
    report = Report()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    source = reader.read_bytes(raw, "practices/x.md", report)
    return source, [d.render("fr") for d in report.items]


def read_en(data: str) -> list[str]:
    report = Report()
    reader.read_bytes(data.encode("utf-8"), "practices/x.md", report)
    return [d.render("en") for d in report.items]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML back-ends give the same answers (libyaml is used when installed)."""
    if request.param == "python":
        monkeypatch.setattr(yamlstrict, "_Loader", yaml.SafeLoader)
    return str(request.param)


def test_a_good_file_gives_its_front_matter_and_body() -> None:
    source, messages = read(GOOD)
    assert messages == []
    assert source is not None
    assert source.meta.items["title"].value == "Un titre"  # type: ignore[union-attr]
    assert source.body_line == 4
    assert source.body.strip().startswith("## Contexte")


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + GOOD.encode(),  # A.1 BOM, as Windows Notepad saves it
        GOOD.replace("\n", "\r\n").encode(),  # A.2 CRLF
        GOOD.rstrip("\n").split("\n## Contexte")[0].encode(),  # A.12 closing --- at EOF
    ],
    ids=["bom", "crlf", "no-final-newline"],
)
def test_accepted_encodings_and_endings(data: bytes) -> None:
    source, messages = read(data)
    assert messages == []
    assert source is not None
    assert source.meta.items["title"].value == "Un titre"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (  # A.3
            GOOD.replace("\n", "\r").encode(),
            "practices/x.md:1: fins de ligne « CR » seules (ancien format Mac) : enregistrez "
            "le fichier avec des fins de ligne LF",
        ),
        (  # A.4
            '---\ntitle: "Caf\xe9"\n---\n'.encode("latin-1"),
            "practices/x.md:2: le fichier n'est pas en UTF-8 (octet 0xe9 à la position 15) : "
            "enregistrez-le en UTF-8 depuis votre éditeur",
        ),
        (  # A.5
            '---\ntitle: "a\x85b"\n---\nx\n'.encode(),
            "practices/x.md:2: caractère invisible ou de contrôle interdit U+0085 (control) : "
            "supprimez-le",
        ),
        (  # A.6
            '---\ntitle: "abc\u202edef"\n---\nx\n'.encode(),
            "practices/x.md:2: caractère invisible ou de contrôle interdit U+202E "
            "(RIGHT-TO-LEFT OVERRIDE) : supprimez-le",
        ),
        (  # A.7
            b"# Titre\n\nObjectif: faire lire\n",
            "practices/x.md:1: en-tête manquant : une fiche commence par une ligne « --- », "
            "puis les champs (title, summary…), puis une autre ligne « --- »",
        ),
        (  # A.8
            b'---\ntitle: "x"\nsummary: "y"\n',
            "practices/x.md:1: l'en-tête ouvert ligne 1 n'est jamais fermé : ajoutez une ligne "
            "« --- » après le dernier champ",
        ),
        (  # A.9
            b'---\ntitle: "x"\n\n## Contexte\n\nTexte\n\n---\n\nSuite\n',
            "practices/x.md:1: l'en-tête ouvert ligne 1 ne se ferme qu'à la ligne 8, après le "
            "titre Markdown de la ligne 4 : avez-vous oublié la ligne « --- » avant la ligne 4 ?",
        ),
        (  # A.10
            b'---\ntitle: "x"\n...\nTexte\n',
            "practices/x.md:3: l'en-tête se ferme par « ... » : écrivez « --- » à la place",
        ),
        (  # A.11
            b'\n---\ntitle: "x"\n---\nTexte\n',
            "practices/x.md:1: l'en-tête doit commencer par « --- » seul sur la ligne 1 (sans "
            "espace ni ligne vide avant)",
        ),
        (  # A.11
            b'  ---\ntitle: "x"\n---\nTexte\n',
            "practices/x.md:1: l'en-tête doit commencer par « --- » seul sur la ligne 1 (sans "
            "espace ni ligne vide avant)",
        ),
        (  # A.13
            b"---\n- a\n- b\n---\nTexte\n",
            "practices/x.md:2: l'en-tête doit être une suite de lignes « champ: valeur », pas "
            "une liste",
        ),
        (  # A.14
            b"---\n---\nTexte\n",
            "practices/x.md:2: l'en-tête est vide : ajoutez au moins title, summary, subject, "
            "level, authors, date et what_went_wrong",
        ),
        (  # A.16
            b'{"title": "x"}\nTexte\n',
            "practices/x.md:1: en-tête manquant : une fiche commence par une ligne « --- », "
            "puis les champs (title, summary…), puis une autre ligne « --- »",
        ),
    ],
    ids=[
        "bare-cr", "latin1", "nel", "bidi", "no-front-matter", "unclosed", "swallowed",
        "dots", "blank-first", "indented", "list", "empty", "json",
    ],
)  # fmt: skip
def test_framing_errors(data: bytes, expected: str) -> None:
    source, messages = read(data)
    assert source is None
    assert messages == [expected]


def test_huge_file_is_refused_before_parsing() -> None:
    data = GOOD + "x" * (600 * 1024)
    source, messages = read(data)
    assert source is None
    assert messages == [
        "practices/x.md:1: le fichier fait 600 Ko, la limite est 512 Ko : découpez la fiche ou "
        "allégez-la"
    ]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (  # B.24 an unquoted colon
            "title: Maths: fractions",
            "practices/x.md:2: la valeur contient « : » suivi d'une espace, que YAML lit comme "
            "un nouveau champ : mettez toute la valeur entre guillemets doubles",
        ),
        (  # B.25 tab indentation
            "tags:\n\t- a",
            "practices/x.md:3: tabulation utilisée pour l'indentation : utilisez des espaces",
        ),
        (  # C.27
            'title: "A"\nsummary: "s"\ntitle: "B"',
            "practices/x.md:4: le champ « title » apparaît deux fois (déjà ligne 2) : gardez-en "
            "un seul",
        ),
        (  # C.28 billion laughs
            "a: &a [x, x]\nb: [*a, *a]",
            "practices/x.md:2: les ancres YAML (&a) ne sont pas acceptées : supprimez « &a »",
        ),
        (  # C.29 recursive alias
            "a: &a [*a]",
            "practices/x.md:2: les ancres YAML (&a) ne sont pas acceptées : supprimez « &a »",
        ),
        (  # C.30 deep nesting
            "a: " + "[" * 50 + "]" * 50,
            "practices/x.md:2: valeurs imbriquées sur plus de 6 niveaux : simplifiez",
        ),
        (  # C.31 explicit tags
            "a: !!binary aGVsbG8=",
            "practices/x.md:2: l'étiquette YAML !!binary n'est pas acceptée : supprimez-la et "
            "écrivez la valeur comme un texte",
        ),
        (
            "a: !!python/object/apply:os.system [ls]",
            "practices/x.md:2: l'étiquette YAML !!python/object/apply:os.system n'est pas "
            "acceptée : supprimez-la et écrivez la valeur comme un texte",
        ),
        (  # C.32 non-string keys
            "? [a, b]\n: v",
            "practices/x.md:2: un nom de champ doit être un simple mot (comme « title »)",
        ),
        (
            "base: &b {a: 1}\nother:\n  <<: *b",
            "practices/x.md:2: les ancres YAML (&b) ne sont pas acceptées : supprimez « &b »",
        ),
    ],
    ids=[
        "colon", "tab", "duplicate", "laughs", "recursive", "deep", "binary", "python",
        "complex-key", "merge",
    ],
)  # fmt: skip
def test_yaml_traps(front: str, expected: str, parser: str) -> None:
    source, messages = read(f"---\n{front}\n---\nTexte\n")
    assert source is None
    assert messages == [expected]


def test_line_numbers_count_blank_lines() -> None:  # B.26
    _, messages = read('---\n\n\ntitle: "A"\n\ntitle: "B"\n---\nTexte\n')
    assert messages[0].startswith("practices/x.md:6: ")


def test_yaml_11_values_stay_strings_and_remember_their_type() -> None:  # B.17–21
    source, _ = read("---\nlang: no\nduration: 1:30\ncode: 0123\nv: 1.10\nd: 2024-02-30\n---\nx\n")
    assert source is not None
    items = source.meta.items
    assert [(k, v.value, v.implied) for k, v in items.items()] == [  # type: ignore[union-attr]
        ("lang", "no", "bool"),
        ("duration", "1:30", "int"),
        ("code", "0123", "int"),
        ("v", "1.10", "float"),
        ("d", "2024-02-30", "timestamp"),
    ]


def test_english_messages() -> None:
    assert read_en("# Title\n") == [
        "practices/x.md:1: missing front matter: a sheet starts with a '---' line, then its "
        "fields (title, summary…), then another '---' line"
    ]


_HOSTILE = st.text(
    alphabet=st.sampled_from(list("-:#&*!?[]{}|>'\"\t\r\n abcé0123\ufeff\x85")), max_size=120
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_HOSTILE.map(lambda t: "---\n" + t + "\n---\nx\n"), _HOSTILE, st.binary()))
def test_the_reader_never_raises(text: str | bytes) -> None:  # C.34 exception totality
    report = Report()
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    source = reader.read_bytes(raw, "practices/x.md", report)
    assert (source is None) == bool(report.errors)
