"""Every content folder is read the same way: one file per id, a second one is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier.core import knowledge
from conftest import community, sheet, write_files


@pytest.mark.parametrize(
    ("folder", "text"),
    [("practices", sheet()), ("communities", community(name="Atelier Lettres"))],
)
def test_a_second_file_with_the_same_id_is_an_error_never_a_silent_overwrite(
    tmp_path: Path, folder: str, text: str
) -> None:
    write_files(tmp_path / folder, {"debat.md": text, "2026/debat.md": text})
    kb, report = knowledge.load(tmp_path)
    duplicate = [d for d in report.items if d.code == "id-duplicate"]
    assert [(d.path, d.args["other"]) for d in duplicate] == [
        (f"{folder}/2026/debat.md", f"{folder}/debat.md")
    ]
    assert "debat" in (kb.sheets if folder == "practices" else kb.communities)


def test_a_file_with_an_invalid_id_is_reported_and_not_read(tmp_path: Path) -> None:
    write_files(tmp_path / "communities", {"Mauvais Nom.md": "pas d'en-tête"})
    _, report = knowledge.load(tmp_path)
    assert [d.code for d in report.items] == ["id-invalid"]
