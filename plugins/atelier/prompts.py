"""The questions of `atelier new`, asked in the terminal (questionary, built on prompt_toolkit).

Choices come from the vocabularies, with completion over their labels: a teacher types
« quatri » and picks « Quatrième (4e, collège) ». Tests drive it through `input`/`output`.
"""

from __future__ import annotations

from typing import Any

import questionary

from atelier.core.knowledge import KnowledgeBase
from atelier.core.scaffold import Answers
from atelier.core.vocabulary import Vocabulary

TEXTS = {
    "fr": {
        "title": "Titre de la fiche (ce qui s'est passé, en une phrase) :",
        "summary": "Résumé en une ou deux phrases (Entrée pour le faire plus tard) :",
        "subject": "Discipline (tapez le début, Tab pour compléter) :",
        "level": "Niveau (« 4e », « 2e secondaire »… Tab pour compléter) :",
        "community": "Communauté de pratique :",
        "none": "(aucune)",
        "authors": "Auteur·rice·s, séparés par des virgules (un pseudonyme convient) :",
        "wrong": "Ce qui n'a pas marché, point n° {n} (Entrée sur une ligne vide pour finir) :",
        "required": "Une réponse est nécessaire.",
        "unknown": "Choisissez dans la liste (Tab pour compléter).",
    },
    "en": {
        "title": "Title of the sheet (what happened, in one sentence):",
        "summary": "Summary in one or two sentences (Enter to write it later):",
        "subject": "Subject (type the beginning, Tab to complete):",
        "level": "Level ('Secondary 2', '4e'… Tab to complete):",
        "community": "Community of practice:",
        "none": "(none)",
        "authors": "Authors, separated by commas (a pseudonym is fine):",
        "wrong": "What went wrong, point {n} (Enter on an empty line to finish):",
        "required": "An answer is needed.",
        "unknown": "Choose from the list (Tab to complete).",
    },
}


def _choices(vocab: Vocabulary, lang: str) -> dict[str, str]:
    """« Label (id) » → id, for every term still in use."""
    return {f"{t.label(lang)} ({t.id})": t.id for t in vocab if not t.deprecated}


def _pick(message: str, choices: dict[str, str], t: dict[str, str], **io: Any) -> str:
    def valid(text: str) -> bool | str:
        return text in choices or text in choices.values() or t["unknown"]

    answer = questionary.autocomplete(
        message, choices=list(choices), validate=valid, match_middle=True, **io
    ).unsafe_ask()
    return str(choices.get(answer, answer))


def ask(kb: KnowledgeBase, lang: str = "fr", **io: Any) -> Answers:
    """Ask every question; `io` may hold prompt_toolkit `input` and `output` (for tests)."""
    t = TEXTS[lang]

    def required(text: str) -> bool | str:
        return bool(text.strip()) or t["required"]

    title = questionary.text(t["title"], validate=required, **io).unsafe_ask().strip()
    summary = questionary.text(t["summary"], **io).unsafe_ask().strip()
    subject = _pick(t["subject"], _choices(kb.vocabularies["subjects"], lang), t, **io)
    level = _pick(t["level"], _choices(kb.vocabularies["levels"], lang), t, **io)
    communities: tuple[str, ...] = ()
    if kb.communities:
        names = {t["none"]: ""} | {c.name: c.id for c in kb.communities.values()}
        picked = questionary.select(t["community"], choices=list(names), **io).unsafe_ask()
        communities = (names[picked],) if names[picked] else ()
    authors_text = questionary.text(t["authors"], validate=required, **io).unsafe_ask()
    authors = tuple(a.strip() for a in authors_text.split(",") if a.strip())
    wrong: list[str] = []
    while True:
        point = questionary.text(
            t["wrong"].format(n=len(wrong) + 1), validate=None if wrong else required, **io
        ).unsafe_ask()
        if not point.strip():
            break
        wrong.append(point.strip())
    return Answers(title, (subject,), (level,), authors, tuple(wrong), summary=summary,
                   communities=communities, lang=lang)  # fmt: skip
