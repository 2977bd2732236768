"""The Jinja helpers of atelier.mkdocs_jinja give, byte for byte, what Material's templates and a
plain include of the card give: every key of Material's language files, cards with markup in
their text or a helper's marker in it, and whole sites built with and without the helpers."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from atelier import mkdocs_jinja
from atelier.site.views import SheetCard, TermLink
from conftest import REPO, build_config, load_site_config, make_site, sheet, site_files

MATERIAL_LANGUAGE = """\
{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}
{% import "partials/languages/en.html" as fallback %}
{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}
"""


def _theme_env(language: str = "fr") -> tuple[Environment, Any]:
    cfg = load_site_config(REPO / "mkdocs.yml", REPO / "site-unused")
    cfg.theme["language"] = language
    return cfg.theme.get_env(), cfg


def _keys(env: Environment, language: str) -> list[str]:
    source = env.loader.get_source(env, f"partials/languages/{language}.html")[0]  # type: ignore[union-attr]
    return re.findall(r'^\s*"([^"]+)":', source, re.M)


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_lang_gives_materials_text_for_every_key(language: str) -> None:
    env, cfg = _theme_env(language)
    material = env.from_string(MATERIAL_LANGUAGE).make_module({"config": cfg})
    helper = mkdocs_jinja.Language(env, language)
    keys = _keys(env, language) + _keys(env, "en") + ["pas.une.clé", "toc", "language"]
    assert len(keys) > 50
    for key in keys:
        assert helper(key) == material.t(key), key  # type: ignore[attr-defined]
        assert type(helper(key)) is type(material.t(key))  # type: ignore[attr-defined]


def test_the_theme_uses_the_helper_only_in_mkdocs_environment() -> None:
    env, _cfg = _theme_env()
    mkdocs_jinja.install(env, "fr")
    assert "atelier_lang" in env.globals and "atelier_card" in env.globals
    escaping = Environment(autoescape=True)
    mkdocs_jinja.install(escaping, "fr")
    assert "atelier_lang" not in escaping.globals  # Material's own lines
    assert "atelier_card" in escaping.globals


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


def _card(**changes: Any) -> SheetCard:
    card = SheetCard(
        id="une-fiche", url="practices/une-fiche/", title="Le <b>débat</b> & « l'oral »",
        summary='Résumé "cité"', lang="fr", date="2025-03-01", date_human="1 mars 2025",
        subjects=(TermLink("francais", "Français", "subjects/francais/"),),
        levels=(TermLink("cm1", "CM1", "levels/cm1/"), TermLink("6e", "6e", "levels/6e/")),
        first_wrong="Trop long <script>", draft=False,
    )  # fmt: skip
    return replace(card, **changes)


def _include(env: Environment, context: Context, sheet: SheetCard, level: int) -> str:
    """The card as the listings wrote it before the helper: an include, with `card_level`."""
    names = {**context.get_all(), "sheet": sheet, "card_level": level}
    return env.get_template(mkdocs_jinja.Cards.TEMPLATE).render(names)


@pytest.mark.parametrize(
    "sheet",
    [_card(), _card(lang="en", first_wrong=""),
     _card(title=f"Titre {mkdocs_jinja.Cards.HREF} {mkdocs_jinja.Cards.LEVEL}")],
    ids=["markup", "english", "markers"],
)  # fmt: skip
def test_a_card_is_the_include_on_every_page_and_level(sheet: SheetCard) -> None:
    env, cfg = _theme_env()
    cards = mkdocs_jinja.Cards(env)
    pages = ["subjects/francais/", "subjects/francais/page/2/", "practices/", "practices/autre/",
             "index.html", "", "communities/c/"]  # fmt: skip
    for url in pages:
        for level in (2, 3, 4):
            context = env.from_string("").new_context(
                {"config": cfg, "page": _Page(url), "base_url": "."}
            )
            assert cards.render(context, sheet, level) == _include(env, context, sheet, level)
    assert len(cards.kept) == 1  # rendered once, then filled in


def _site(tmp: Path) -> Path:
    sheets = {}
    for n in range(14):
        fields: dict[str, Any] = {"title": f"Séance {n} : « débat » & <i>oral</i>",
                                  "date": f"2025-02-{n + 1:02d}"}  # fmt: skip
        if n % 2:
            fields["lang"] = "en"
        sheets[f"fiche-{n:02d}"] = sheet(**fields)
    return make_site(tmp, sheets)


def test_a_site_is_the_same_with_and_without_the_helpers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = _site(tmp_path / "src")
    renders: list[str] = []
    render = mkdocs_jinja.Cards._render

    def counted(self: mkdocs_jinja.Cards, *args: Any) -> str:
        renders.append("card")
        return render(self, *args)

    monkeypatch.setattr(mkdocs_jinja.Cards, "_render", counted)
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "cache-helpers"))
    build_config(load_site_config(root / "mkdocs.yml", tmp_path / "helpers"))
    helped = site_files(tmp_path / "helpers")

    def plain(env: Environment, language: str) -> None:  # Material's lines, an include a card
        @pass_context
        def atelier_card(context: Context, sheet: SheetCard, level: int = 3) -> str:
            return _include(env, context, sheet, level)

        env.globals["atelier_card"] = atelier_card

    monkeypatch.setattr(mkdocs_jinja, "install", plain)
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "cache-plain"))
    build_config(load_site_config(root / "mkdocs.yml", tmp_path / "plain"))
    plain_site = site_files(tmp_path / "plain")

    assert sorted(helped) == sorted(plain_site)
    differing = sorted(name for name in plain_site if plain_site[name] != helped[name])
    assert not differing, f"files that differ with the helpers: {differing}"
    assert 0 < len(renders) <= 14  # each card rendered once
    listing = helped["practices/index.html"].decode()
    assert listing.count('class="atelier-card"') == 14
    assert "&lt;i&gt;oral&lt;/i&gt;" in listing and "<i>oral" not in listing


def test_the_table_of_contents_is_materials_item_by_item() -> None:
    import markdown
    from mkdocs.structure.toc import get_toc

    env, cfg = _theme_env()
    headings = ["# Titre", "## Déroulé & « consignes »", "### Étape *une*", "#### Détail `code`",
                "### Étape <deux>", "## Ce qui n'a pas marché", "## Bilan"]  # fmt: skip
    text = "\n\n".join(headings)
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert(text)

    class Page:
        toc = get_toc(md.toc_tokens)  # type: ignore[attr-defined]

    ours = env.loader.get_source(env, "partials/toc.html")[0]  # type: ignore[union-attr]
    call = "{{ toc_entry(toc_item) }}"
    assert ours.count(call) == 2  # the macro calls itself; the list calls it
    material = ours.replace(call, '{% include "partials/toc-item.html" %}')
    lang = env.get_template("partials/language.html").make_module({"config": cfg})
    names = {"config": cfg, "page": Page(), "nav": None, "lang": lang}
    html = env.get_template("partials/toc.html").render(names)
    assert html == env.from_string(material).render(names)
    assert html.count('class="md-nav__item"') == 6 and html.count('<nav class="md-nav" ') == 2
