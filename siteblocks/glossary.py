"""The glossary of abbreviations, and their markup in article bodies.

On an article page the first use of each known acronym becomes
``<abbr title="Ủy ban nhân dân">UBND</abbr>``: whole words only (Vietnamese
letters count as letters, so "UBNDĐ" is not "UBND"), never inside a link, an
existing ``<abbr>`` or an attribute value. The glossary is read once per
content version and compiled into one regular expression per process (again
only when its entries differ); the marked-up body is then cached with the rest
of the article body under the content version.
"""

import re
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import get_language

from core.cache import content_version

from .models import Abbreviation

# A tag, with quoted attribute values that may contain ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_NO_MARKUP_INSIDE = {"a", "abbr"}
_D_MAP = str.maketrans({"Đ": "D\x7f", "đ": "d\x7f"})

_compiled = {"version": None, "pattern": None, "titles": {}}


def glossary() -> dict:
    """{"version": str, "entries": [(acronym, expansion_vi, expansion_en)]},
    read once per content version (a glossary change starts a new one, in
    every process) and kept in the cache."""
    version = content_version()
    key = f"glossary:{version}"
    state = cache.get(key)
    if state is None:
        state = {
            "version": version,
            "entries": list(
                Abbreviation.objects.values_list(
                    "acronym", "expansion_vi", "expansion_en"
                )
            ),
        }
        cache.set(key, state, settings.PAGE_CACHE_SECONDS)
    return state


def _matcher():
    state = glossary()
    compiled = _compiled
    entries = tuple(state["entries"])
    if compiled["version"] != entries:
        # Bodies are HTML, so match the acronyms as they appear there: escaped.
        titles = {
            escape(acronym): {"vi": vi, "en": en or vi}
            for acronym, vi, en in state["entries"]
            if acronym
        }
        pattern = None
        if titles:
            alternation = "|".join(
                re.escape(key) for key in sorted(titles, key=len, reverse=True)
            )
            pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        compiled = {"version": entries, "pattern": pattern, "titles": titles}
        _compiled.update(compiled)
    return compiled["pattern"], compiled["titles"]


def abbreviate(html: str, language: str | None = None, seen=None) -> str:
    """Mark up the first use of each known acronym in sanitised ``html``.

    ``seen`` (a set) carries the acronyms already marked up across several
    fragments of one body.
    """
    pattern, titles = _matcher()
    if pattern is None or not html:
        return html
    language = language if language in ("vi", "en") else (get_language() or "vi")
    seen = set() if seen is None else seen

    def replace(match):
        acronym = match.group(0)
        if acronym in seen:
            return acronym
        seen.add(acronym)
        title = titles[acronym][language] or titles[acronym]["vi"]
        return f'<abbr title="{escape(title)}">{acronym}</abbr>'

    out, position, skip_depth = [], 0, 0
    for tag in _TAG.finditer(html):
        text = html[position : tag.start()]
        out.append(pattern.sub(replace, text) if skip_depth == 0 else text)
        out.append(tag.group(0))
        if tag.group(2).lower() in _NO_MARKUP_INSIDE:
            skip_depth = max(skip_depth + (-1 if tag.group(1) else 1), 0)
        position = tag.end()
    tail = html[position:]
    out.append(pattern.sub(replace, tail) if skip_depth == 0 else tail)
    return "".join(out)


def abbreviate_items(items, language: str | None = None) -> list:
    """``Article.body_with_photos()`` items with abbreviations marked up in
    their HTML blocks, each acronym once for the whole body."""
    seen = set()
    return [
        (kind, abbreviate(item, language, seen) if kind == "html" else item)
        for kind, item in items
    ]


def sort_key(acronym: str) -> str:
    """Vietnamese alphabetical order: Đ after D, Ă and Â after A…"""
    return unicodedata.normalize("NFD", acronym.translate(_D_MAP)).casefold()
