"""Template data for the pages that let a reader travel the knowledge base: taxonomy indexes
and terms, levels across the Atlantic, lessons learned, open questions, coverage, home."""

from __future__ import annotations

from typing import Any

from atelier.core import schema, search
from atelier.core.knowledge import KnowledgeBase
from atelier.core.taxonomy import BY_NAME, Term, equivalent_levels
from atelier.core.urls import sheet_url
from atelier.site.strings import STRINGS
from atelier.site.views import card, typeset

Taxonomies = dict[str, dict[str, Term]]
SYSTEMS = ("fr", "qc", "any")
SECTION_LIMIT = 12  # cards shown from an included or equivalent level; its own page has all
OPEN_OUTCOMES = ("did-not-work", "too-early")


def _cards(kb: KnowledgeBase, ids: list[str]) -> list[dict[str, Any]]:
    return [card(kb.sheets[i], kb) for i in ids]


def _system(kb: KnowledgeBase, level_id: str) -> str:
    term = kb.vocabularies["levels"].terms.get(level_id)
    return term.system if term and term.system in SYSTEMS else "any"


def taxonomy_index(kb: KnowledgeBase, taxonomies: Taxonomies, name: str) -> dict[str, Any]:
    """Every term in use of one taxonomy, with its count; levels grouped by school system."""
    t = STRINGS[kb.lang]
    terms: list[dict[str, Any]] = [
        {"id": term.id, "label": term.label, "url": term.url, "count": len(term.sheets)}
        for term in taxonomies[name].values()
    ]
    groups = [{"label": "", "terms": terms}]
    if name == "level":
        groups = [
            {"label": t[f"system_{system}"],
             "terms": [x for x in terms if _system(kb, str(x["id"])) == system]}
            for system in SYSTEMS
        ]  # fmt: skip
        groups = [group for group in groups if group["terms"]]
    return {"t": t, "title": t[f"taxonomy_{name}_plural"], "taxonomy": name, "groups": groups}


def term_page(kb: KnowledgeBase, taxonomies: Taxonomies, term: Term) -> dict[str, Any]:
    """One term: its sheets; for a level, also the sheets of included and equivalent levels."""
    t = STRINGS[kb.lang]
    view: dict[str, Any] = {
        "t": t,
        "title": term.label,
        "kind": t[f"taxonomy_{term.taxonomy}"],
        "index_url": f"{BY_NAME[term.taxonomy].folder}/",
        "description": _description(kb, term),
        "sheets": _cards(kb, term.sheets),
        "sections": [],
    }
    if term.taxonomy == "level":
        levels = kb.vocabularies["levels"]
        in_use = taxonomies["level"]
        children = [i for i in in_use if term.id in levels[i].parents]
        for child in children:
            view["sections"].append(
                {"title": t["included_level"].format(level=in_use[child].label),
                 "url": in_use[child].url, "total": len(in_use[child].sheets),
                 "sheets": _cards(kb, in_use[child].sheets[:SECTION_LIMIT])}
            )  # fmt: skip
        for other in equivalent_levels(levels, term.id):
            if other in in_use:
                system = t[f"system_{_system(kb, other)}"]
                view["sections"].append(
                    {"title": t["equivalent_level"].format(level=in_use[other].label,
                                                           system=system),
                     "url": in_use[other].url, "total": len(in_use[other].sheets),
                     "sheets": _cards(kb, in_use[other].sheets[:SECTION_LIMIT]),
                     "equivalent": True}
                )  # fmt: skip
    return view


def _description(kb: KnowledgeBase, term: Term) -> str:
    vocabulary = BY_NAME[term.taxonomy].vocabulary
    if vocabulary:
        found = kb.vocabularies[vocabulary].terms.get(term.id)
        if found is not None:
            return found.description.get(kb.lang, "")
    return ""


def pair_url(subject: str, level: str) -> str:
    """A coverage cell's listing: the search page filtered by both (a shareable address)."""
    return f"search/?subject={subject}&level={level}"


def coverage(kb: KnowledgeBase, taxonomies: Taxonomies) -> dict[str, Any]:
    """A subject × level table of sheet counts: where the knowledge base is thin."""
    t = STRINGS[kb.lang]
    levels = list(taxonomies["level"].values())
    level_sets = {level.id: set(level.sheets) for level in levels}
    rows = []
    for subject in taxonomies["subject"].values():
        cells = []
        for level in levels:
            count = sum(1 for i in subject.sheets if i in level_sets[level.id])
            cells.append({"count": count, "url": pair_url(subject.id, level.id) if count else ""})
        rows.append({"label": subject.label, "url": subject.url, "count": len(subject.sheets),
                     "cells": cells})  # fmt: skip
    columns = [{"id": level.id, "label": level.label, "url": level.url,
                "system": t[f"system_{_system(kb, level.id)}"]} for level in levels]  # fmt: skip
    return {"t": t, "title": t["coverage"], "columns": columns, "rows": rows}


def lessons(kb: KnowledgeBase, taxonomies: Taxonomies) -> dict[str, Any]:
    """Every what-went-wrong point, grouped by challenge, then subject; failures first."""
    t = STRINGS[kb.lang]
    groups = []
    challenge_terms = list(taxonomies["challenge"].values())
    without = [s.id for s in kb.published if not s.challenges]
    buckets = [(term.label, term.url, term.sheets) for term in challenge_terms]
    if without:
        buckets.append((t["no_challenge"], "", without))
    for label, url, ids in buckets:
        by_subject: dict[str, list[dict[str, str]]] = {}
        for sheet_id in ids:
            sheet = kb.sheets[sheet_id]
            subject = sheet.subjects[0]
            for point in sheet.what_went_wrong:
                by_subject.setdefault(subject, []).append(
                    {"text": typeset(point, sheet.lang), "lang": sheet.lang,
                     "title": typeset(sheet.title, sheet.lang), "url": sheet_url(sheet.id)}
                )  # fmt: skip
        subjects = kb.vocabularies["subjects"]
        groups.append({
            "label": label, "url": url,
            "count": sum(len(points) for points in by_subject.values()),
            "subjects": [
                {"label": subjects.label(subject, kb.lang), "points": points}
                for subject, points in sorted(by_subject.items(),
                                              key=lambda kv: subjects.label(kv[0], kb.lang))
            ],
        })  # fmt: skip
    total = sum(len(s.what_went_wrong) for s in kb.published)
    return {"t": t, "title": t["lessons"], "groups": groups, "total": total}


def open_questions(kb: KnowledgeBase) -> dict[str, Any]:
    """Sheets whose authors ask the community for help, newest first."""
    t = STRINGS[kb.lang]
    items = []
    outcomes = kb.vocabularies["outcomes"]
    for sheet in kb.published:
        asked = schema.section_text(sheet.body, schema.QUESTIONS)
        if asked or sheet.outcome in OPEN_OUTCOMES:
            excerpt = asked if len(asked) <= 400 else asked[:400].rsplit(" ", 1)[0] + " …"
            item = dict(card(sheet, kb))
            item["question"] = typeset(excerpt, sheet.lang)
            item["outcome"] = outcomes.label(sheet.outcome, kb.lang) if sheet.outcome else ""
            items.append(item)
    return {"t": t, "title": t["questions"], "items": items}


def home(kb: KnowledgeBase, taxonomies: Taxonomies) -> dict[str, Any]:
    """The home page: latest sheets and entry points by subject, level and community."""
    t = STRINGS[kb.lang]
    index = taxonomy_index(kb, taxonomies, "level")
    return {
        "t": t,
        "latest": [card(s, kb) for s in kb.published[:6]],
        "count": len(kb.published),
        "points": sum(len(s.what_went_wrong) for s in kb.published),
        "subjects": taxonomy_index(kb, taxonomies, "subject")["groups"][0]["terms"],
        "level_groups": index["groups"],
        "communities": [
            {"label": term.label, "url": term.url, "count": len(term.sheets)}
            for term in taxonomies["community"].values()
        ],
    }


def search_page(kb: KnowledgeBase, taxonomies: Taxonomies) -> dict[str, Any]:
    """The search page: every facet with every value in use and its total count."""
    t = STRINGS[kb.lang]
    facets = []
    for facet in search.FACETS:
        if facet == "lang":
            counts: dict[str, int] = {}
            for sheet in kb.published:
                counts[sheet.lang] = counts.get(sheet.lang, 0) + 1
            values = [{"id": lang, "label": t[f"lang_{lang}"], "count": count}
                      for lang, count in sorted(counts.items())]  # fmt: skip
            label = t["language"]
        else:
            values = [{"id": term.id, "label": term.label, "count": len(term.sheets)}
                      for term in taxonomies[facet].values()]  # fmt: skip
            label = t[f"taxonomy_{facet}"]
        if values:
            facets.append({"id": facet, "label": label, "values": values})
    return {"t": t, "title": t["search"], "facets": facets, "count": len(kb.published)}
