"""Faster equivalents, for MkDocs' Jinja environment, of work Material's templates repeat on
every page: each gives the same text, byte for byte (tests/integration/test_jinja_helpers.py
compares them with Material's own templates and with an include a card).

- `atelier_lang` (overrides/partials/language.html): Material's `lang.t(key)`. Material imports
  its language files again for every page and each call builds the language's whole table;
  here each key is looked up once, with Material's own macros.
- `atelier_card(sheet, level)` (the listings: term, listing, community and home pages):
  partials/atelier/card.html for one sheet. A sheet shows on a dozen listings (its subjects,
  levels, tags, community, their pages and sections): its card is rendered once, then each
  listing writes its heading level and link in it.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup


class Language:
    """`lang.t(key)` as Material's partials/language.html gives it: the text of the theme's
    language, else the English one, else the key; each key looked up once."""

    def __init__(self, env: Environment, language: str) -> None:
        self.env, self.language = env, language
        self.texts: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        text = self.texts.get(key)
        if text is None:
            own = self.env.get_template(f"partials/languages/{self.language}.html").module
            english = self.env.get_template("partials/languages/en.html").module
            found = own.t(key) or english.t(key) or key  # type: ignore[attr-defined]
            text = self.texts[key] = str(found)  # what Material's macro prints and returns
        return text


class Cards:
    """A sheet's card (partials/atelier/card.html) as an include in a listing would render it.

    The card reads the sheet, `config`, its heading level (`card_level`) and its link
    (`card_href`: `sheet.url | url`, relative to the page). It is rendered once a sheet with
    markers for the level and the link, which each listing fills in (the sheet is known by
    identity: the site's views are made once a build, and what is kept holds the sheet, so
    that its identity is not reused)."""

    TEMPLATE = "partials/atelier/card.html"
    LEVEL, HREF = "\x00atelier-card-level\x00", "\x00atelier-card-href\x00"

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.kept: dict[int, tuple[object, str | None]] = {}

    def render(self, context: Context, sheet: Any, level: int) -> str:
        href = self.env.filters["url"](context, sheet.url)
        found = self.kept.get(id(sheet))
        if found is None or found[0] is not sheet:
            html = self._render(context, sheet, self.LEVEL, self.HREF)
            # A marker in the sheet's own text: its card is rendered each time (None).
            marked = html.count(self.LEVEL) == 2 and html.count(self.HREF) == 1
            found = self.kept[id(sheet)] = (sheet, html if marked else None)
        if found[1] is None:
            return self._render(context, sheet, level, href)
        return found[1].replace(self.LEVEL, str(level)).replace(self.HREF, href)

    def _render(self, context: Context, sheet: Any, level: object, href: str) -> str:
        names = {"config": context["config"], "sheet": sheet, "card_level": level,
                 "card_href": href}  # fmt: skip
        html = self.env.get_template(self.TEMPLATE).render(names)
        return Markup(html) if self.env.autoescape is not False else html


def install(env: Environment, language: str) -> None:
    """Add the helpers to MkDocs' environment (on_env). `atelier_lang` only where Jinja
    escapes nothing (MkDocs' environment): elsewhere a macro's output would be markup, and the
    templates keep Material's own lines."""
    cards = Cards(env)

    @pass_context
    def atelier_card(context: Context, sheet: Any, level: int = 3) -> str:
        return cards.render(context, sheet, level)

    env.globals["atelier_card"] = atelier_card
    if env.autoescape is not False or env.finalize is not None:
        return
    env.globals["atelier_lang"] = Language(env, language)
