"""Interface text of the generated pages, in French and English."""

from __future__ import annotations

import datetime as dt
import re


class Strings(dict[str, str]):
    """The interface text of one language. Its `repr` is its language alone: the build cache
    keys a page by the `repr` of what it shows, and this text is Atelier's code (in the key)."""

    def __init__(self, lang: str, text: dict[str, str]) -> None:
        super().__init__(text)
        self.lang = lang

    def __repr__(self) -> str:
        return f"Strings({self.lang!r})"


_TEXT: dict[str, dict[str, str]] = {
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
        "permalink": "Lien permanent",
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
        # Why a sheet is related (one per kind of reason; "_many" when several are shared).
        "why_explicit": "choisie par l'auteur·rice",
        "why_subject": "même discipline",
        "why_level": "même niveau",
        "why_equivalent_level": "niveau équivalent (autre système scolaire)",
        "why_tag": "1 mot-clé commun",
        "why_tag_many": "{n} mots-clés communs",
        "why_challenge": "1 difficulté commune",
        "why_challenge_many": "{n} difficultés communes",
        "why_community": "même communauté",
        "latest": "Dernières fiches",
        "browse": "Parcourir",
        "see_all": "Voir toutes les fiches",
        "points_count": "points « ce qui n'a pas marché »",
        "in_other_system": "autre système",
        "feed": "Fil Atom des dernières fiches",
        "contribute": "Proposer une fiche",
        "sheet_word": "fiche",
        "search": "Rechercher",
        "search_label": "Rechercher une fiche",
        "search_placeholder": "Un mot, une situation…",
        "search_button": "Rechercher",
        "search_filters": "Affiner",
        "search_facet_more": "{n} autres : tout voir",
        "search_found_one": "1 résultat",
        "search_found_many": "{n} résultats",
        "search_workshop": "Atelier",
        "search_none": "Aucune fiche ne correspond. Retirez un filtre ou essayez un autre mot.",
        "search_prompt": "Tapez un mot ou choisissez un filtre.",
        "search_more": "Plus de résultats",
        "search_loading": "Recherche…",
        "search_error": "La recherche n'a pas pu se charger.",
        "search_noscript": "La recherche a besoin de JavaScript. Sans lui, parcourez les fiches "
        "par discipline, niveau, communauté ou mot-clé :",
        "zero_is_singular": "yes",
        "pages": "Pages de la liste",
        "page": "Page",
        "previous": "Précédente",
        "next": "Suivante",
        "workshops": "Ateliers",
        "workshop": "Atelier",
        "workshops_hint": "Les séances où les communautés discutent des fiches : à venir "
        "d'abord, puis passées, avec leur retour.",
        "upcoming": "À venir",
        "past": "Passés",
        "no_workshop": "Aucun atelier pour l'instant.",
        "by_community": "Par communauté",
        "when": "Quand",
        "where": "Où",
        "online": "En ligne",
        "join_online": "Rejoindre ou s'inscrire en ligne",
        "your_time": "Chez vous",
        "time_zone": "heure de {zone}",
        "protocol": "Déroulement",
        "protocol_total": "Durée indicative des étapes : {n} min",
        "to_read": "Les fiches à lire avant",
        "on_agenda": "Fiches à l'ordre du jour",
        "retour": "Le retour",
        "retour_of": "Retour de l'atelier",
        "status_planned": "Prévu",
        "status_held": "Tenu",
        "status_cancelled": "Annulé",
        "add_to_calendar": "Ajouter à mon agenda",
        "calendar": "Agenda des ateliers (iCalendar)",
        "community_calendar": "Agenda des ateliers de cette communauté (iCalendar)",
        "print_pack": "Dossier à imprimer",
        "pack_title": "Dossier de l'atelier : {title}",
        "pack_intro": "Le déroulement, son minutage et le texte complet des fiches, à imprimer "
        "avant la séance.",
        "discussed": "Discutée en atelier",
        "see_retour": "ce que le groupe a proposé",
        "projet_path": "Le chemin de ce projet",
        "projet_step": "Le projet",
        "projet_worries": "Ce que l'auteur·rice craignait",
        "projet_proposed": "Ce que le groupe a proposé",
        "projet_not_discussed": "Pas encore discuté en atelier.",
        "projet_then": "Ce qui s'est passé ensuite",
        "projet_tried_on": "Essayé le {date}.",
        "projet_not_tried": "Pas encore essayé : la suite viendra compléter cette fiche.",
        "projets_waiting": "Projets qui attendent un avis",
        "projets_waiting_hint": "Des collègues décrivent ce qu'ils veulent essayer et ce "
        "qu'ils craignent, avant de se lancer. Les plus anciens d'abord.",
        "other_questions": "Autres questions",
        "facilitators_word": "Animation",
        "step_minutes": "{n} min",
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
        "permalink": "Permanent link",
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
        "why_explicit": "chosen by the author",
        "why_subject": "same subject",
        "why_level": "same level",
        "why_equivalent_level": "equivalent level (other school system)",
        "why_tag": "1 shared tag",
        "why_tag_many": "{n} shared tags",
        "why_challenge": "1 shared challenge",
        "why_challenge_many": "{n} shared challenges",
        "why_community": "same community",
        "latest": "Latest sheets",
        "browse": "Browse",
        "see_all": "See all sheets",
        "points_count": "'what went wrong' points",
        "in_other_system": "other system",
        "feed": "Atom feed of the latest sheets",
        "contribute": "Propose a sheet",
        "sheet_word": "sheet",
        "search": "Search",
        "search_label": "Search for a sheet",
        "search_placeholder": "A word, a situation…",
        "search_button": "Search",
        "search_filters": "Refine",
        "search_facet_more": "{n} more: see all",
        "search_found_one": "1 result",
        "search_found_many": "{n} results",
        "search_workshop": "Workshop",
        "search_none": "No sheet matches. Remove a filter or try another word.",
        "search_prompt": "Type a word or choose a filter.",
        "search_more": "More results",
        "search_loading": "Searching…",
        "search_error": "Search could not be loaded.",
        "search_noscript": "Search needs JavaScript. Without it, browse the sheets by subject, "
        "level, community or tag:",
        "zero_is_singular": "",
        "pages": "Pages of the list",
        "page": "Page",
        "previous": "Previous",
        "next": "Next",
        "workshops": "Workshops",
        "workshop": "Workshop",
        "workshops_hint": "The sessions where communities discuss sheets: upcoming first, then "
        "past ones, with what the group proposed.",
        "upcoming": "Upcoming",
        "past": "Past",
        "no_workshop": "No workshop yet.",
        "by_community": "By community",
        "when": "When",
        "where": "Where",
        "online": "Online",
        "join_online": "Join or register online",
        "your_time": "Your time",
        "time_zone": "{zone} time",
        "protocol": "How it runs",
        "protocol_total": "Usual length of the steps: {n} min",
        "to_read": "Sheets to read before",
        "on_agenda": "Sheets on the agenda",
        "retour": "What the group proposed",
        "retour_of": "Report of the workshop",
        "status_planned": "Planned",
        "status_held": "Held",
        "status_cancelled": "Cancelled",
        "add_to_calendar": "Add to my calendar",
        "calendar": "Workshops calendar (iCalendar)",
        "community_calendar": "This community's workshops calendar (iCalendar)",
        "print_pack": "Printable pack",
        "pack_title": "Workshop pack: {title}",
        "pack_intro": "How the session runs, its timing and the full text of the sheets, to "
        "print before the session.",
        "discussed": "Discussed in a workshop",
        "see_retour": "what the group proposed",
        "projet_path": "The path of this project",
        "projet_step": "The project",
        "projet_worries": "What the author was worried about",
        "projet_proposed": "What the group proposed",
        "projet_not_discussed": "Not discussed in a workshop yet.",
        "projet_then": "What happened next",
        "projet_tried_on": "Tried on {date}.",
        "projet_not_tried": "Not tried yet: what happens will be added to this sheet.",
        "projets_waiting": "Projects waiting for advice",
        "projets_waiting_hint": "Colleagues describe what they want to try and what they fear, "
        "before they start. Oldest first.",
        "other_questions": "Other questions",
        "facilitators_word": "Facilitators",
        "step_minutes": "{n} min",
    },
}
STRINGS: dict[str, Strings] = {lang: Strings(lang, text) for lang, text in _TEXT.items()}

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


_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>')
_TITLE = re.compile(r'\btitle="[^"]*"')


def page_lang(view: object, default: str) -> str:
    """The language of a generated page: its sheet's or workshop's card, or its own."""
    lang = getattr(getattr(view, "card", view), "lang", default)
    return lang if lang in STRINGS else default


def permalink_titles(html: str, lang: str) -> str:
    """`html` whose heading permalinks (toc's `headerlink`) are titled in `lang`.

    The toc extension has one `permalink_title` for the whole site; a sheet in another
    language than the site's gets its own.
    """
    title = f'title="{STRINGS[lang]["permalink"]}"'
    return _HEADERLINK.sub(lambda m: _TITLE.sub(title, m.group()), html)
