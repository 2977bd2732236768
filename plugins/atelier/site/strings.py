"""Interface text of the generated pages, in French and English."""

from __future__ import annotations

import datetime as dt
import re

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "what_went_wrong": "Ce qui n'a pas marché",
        "next_time": "La prochaine fois",
        "the_story": "Le récit",
        "subject": "Discipline",
        "level": "Niveau",
        "community": "Communauté",
        "authors": "Auteur·rice·s",
        "date": "Date",
        "duration": "Durée",
        "minutes": "min",
        "group_size": "Groupe",
        "modality": "Modalité",
        "outcome": "Bilan",
        "practice_type": "Type de pratique",
        "challenges": "Difficultés",
        "tags": "Mots-clés",
        "license": "Cette fiche est publiée sous licence",
        "edit": "Proposer une modification de cette fiche",
        "source": "Fichier source",
        "draft": "Brouillon : cette fiche n'est visible qu'en aperçu local, elle ne sera pas "
        "publiée tant que « status: draft » reste dans son en-tête.",
        "problems": "Cette fiche a des problèmes à corriger avant publication",
        "problems_hint": "Corrigez le fichier, la page se recharge toute seule.",
        "details": "En bref",
        "all_sheets": "Toutes les fiches",
        "sheets_count": "fiches",
        "communities": "Communautés de pratique",
        "domain": "Domaine",
        "audience": "Pour qui",
        "how": "Fonctionnement",
        "region": "Territoire",
        "membership": "Adhésion",
        "facilitators": "Animation",
        "cadence": "Rythme",
        "meeting_format": "Format",
        "next_meeting": "Prochaine rencontre",
        "ground_rules": "Règles de fonctionnement",
        "contact": "Nous contacter",
        "status": "Statut",
        "shared_here": "Fiches partagées dans cette communauté",
        "none_yet": "Aucune fiche pour l'instant : la vôtre peut être la première.",
        "language": "Langue",
        "lang_fr": "français",
        "lang_en": "anglais",
        "system_fr": "France",
        "system_qc": "Québec",
        "system_any": "Tous systèmes",
        "taxonomy_subject": "Discipline",
        "taxonomy_subject_plural": "Disciplines",
        "taxonomy_level": "Niveau",
        "taxonomy_level_plural": "Niveaux",
        "taxonomy_community": "Communauté",
        "taxonomy_community_plural": "Communautés",
        "taxonomy_tag": "Mot-clé",
        "taxonomy_tag_plural": "Mots-clés",
        "taxonomy_challenge": "Difficulté",
        "taxonomy_challenge_plural": "Difficultés rencontrées",
        "taxonomy_outcome": "Bilan",
        "taxonomy_outcome_plural": "Bilans",
        "included_level": "Dans « {level} »",
        "equivalent_level": "Niveau équivalent, {system} : {level}",
        "equivalent_hint": "Mêmes âges et même niveau CITE (ISCED) : les programmes diffèrent, "
        "les situations de classe se ressemblent souvent.",
        "coverage": "Couverture : disciplines × niveaux",
        "coverage_hint": "Nombre de fiches par discipline et par niveau. Une case vide est "
        "une invitation : personne n'a encore partagé de pratique ici.",
        "lessons": "Ce qui n'a pas marché",
        "lessons_hint": "Tous les « ce qui n'a pas marché » des fiches, regroupés par "
        "difficulté puis par discipline. Sans jugement : c'est ce qui fait avancer.",
        "questions": "Questions ouvertes",
        "questions_hint": "Des collègues demandent l'avis de la communauté : fiches avec des "
        "doutes ou des questions, ou dont le bilan reste à faire. Les plus récentes d'abord.",
        "no_challenge": "Sans difficulté précisée",
        "related": "Fiches proches",
        "backlinks": "Cité par",
        "latest": "Dernières fiches",
        "browse": "Parcourir",
        "see_all": "Voir toutes les fiches",
        "points_count": "points « ce qui n'a pas marché »",
        "in_other_system": "autre système",
        "feed": "Fil Atom des dernières fiches",
        "contribute": "Proposer une fiche",
        "sheet_word": "fiche",
        "zero_is_singular": "yes",
        "pages": "Pages de la liste",
        "page": "Page",
        "previous": "Précédente",
        "next": "Suivante",
    },
    "en": {
        "what_went_wrong": "What went wrong",
        "next_time": "Next time",
        "the_story": "The story",
        "subject": "Subject",
        "level": "Level",
        "community": "Community",
        "authors": "Authors",
        "date": "Date",
        "duration": "Duration",
        "minutes": "min",
        "group_size": "Group",
        "modality": "Modality",
        "outcome": "Outcome",
        "practice_type": "Practice type",
        "challenges": "Challenges",
        "tags": "Tags",
        "license": "This sheet is published under the licence",
        "edit": "Suggest a change to this sheet",
        "source": "Source file",
        "draft": "Draft: this sheet is shown in the local preview only; it will not be "
        "published while 'status: draft' stays in its front matter.",
        "problems": "This sheet has problems to fix before it can be published",
        "problems_hint": "Fix the file; the page reloads by itself.",
        "details": "At a glance",
        "all_sheets": "All sheets",
        "sheets_count": "sheets",
        "communities": "Communities of practice",
        "domain": "Domain",
        "audience": "Who it is for",
        "how": "How it works",
        "region": "Region",
        "membership": "Membership",
        "facilitators": "Facilitators",
        "cadence": "Cadence",
        "meeting_format": "Format",
        "next_meeting": "Next meeting",
        "ground_rules": "Ground rules",
        "contact": "Contact us",
        "status": "Status",
        "shared_here": "Sheets shared in this community",
        "none_yet": "No sheet yet: yours can be the first.",
        "language": "Language",
        "lang_fr": "French",
        "lang_en": "English",
        "system_fr": "France",
        "system_qc": "Québec",
        "system_any": "All systems",
        "taxonomy_subject": "Subject",
        "taxonomy_subject_plural": "Subjects",
        "taxonomy_level": "Level",
        "taxonomy_level_plural": "Levels",
        "taxonomy_community": "Community",
        "taxonomy_community_plural": "Communities",
        "taxonomy_tag": "Tag",
        "taxonomy_tag_plural": "Tags",
        "taxonomy_challenge": "Challenge",
        "taxonomy_challenge_plural": "Challenges met",
        "taxonomy_outcome": "Outcome",
        "taxonomy_outcome_plural": "Outcomes",
        "included_level": "Within '{level}'",
        "equivalent_level": "Equivalent level, {system}: {level}",
        "equivalent_hint": "Same ages and same ISCED level: the curricula differ, classroom "
        "situations are often alike.",
        "coverage": "Coverage: subjects × levels",
        "coverage_hint": "Number of sheets per subject and level. An empty cell is an "
        "invitation: nobody has shared a practice there yet.",
        "lessons": "What went wrong",
        "lessons_hint": "Every 'what went wrong' point of every sheet, grouped by challenge, "
        "then subject. Without judgment: this is how we get better.",
        "questions": "Open questions",
        "questions_hint": "Colleagues ask the community: sheets with doubts or questions, or "
        "whose outcome is still open. Newest first.",
        "no_challenge": "No challenge given",
        "related": "Related sheets",
        "backlinks": "Referenced by",
        "latest": "Latest sheets",
        "browse": "Browse",
        "see_all": "See all sheets",
        "points_count": "'what went wrong' points",
        "in_other_system": "other system",
        "feed": "Atom feed of the latest sheets",
        "contribute": "Propose a sheet",
        "sheet_word": "sheet",
        "zero_is_singular": "",
        "pages": "Pages of the list",
        "page": "Page",
        "previous": "Previous",
        "next": "Next",
    },
}

_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def human_date(day: dt.date, lang: str) -> str:
    """A date as people write it: « 14 mars 2026 » or « March 14, 2026 »."""
    if lang.startswith("fr"):
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{_MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


_BEFORE = re.compile(r"[ \u00a0]([:;!?»])")
_AFTER = re.compile(r"«[ \u00a0]")


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space before « : ; ! ? » and inside « », so that a
    line never starts with a colon or a closing quote."""
    return _AFTER.sub("«\u202f", _BEFORE.sub("\u202f\\1", text))
