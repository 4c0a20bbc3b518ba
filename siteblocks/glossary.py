"""The glossary of abbreviations, and their markup in article bodies.

On an article page the first use of each known acronym becomes
``<abbr title="Ủy ban nhân dân">UBND</abbr>``: whole words only (Vietnamese
letters count as letters, so "UBNDĐ" is not "UBND"), never inside a link, an
existing ``<abbr>`` or an attribute value. The glossary is read once per
version (a cache entry dropped when an entry is saved or deleted) and compiled
into one regular expression per process; the marked-up body is then cached
with the rest of the article body under the content version.
"""

import re
import time
import unicodedata

from django.core.cache import cache
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import get_language

from core.cache import content_changed

from .models import Abbreviation

GLOSSARY_KEY = "portal:glossary"

# A tag, with quoted attribute values that may contain ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_NO_MARKUP_INSIDE = {"a", "abbr"}
_D_MAP = str.maketrans({"Đ": "D\x7f", "đ": "d\x7f"})

_compiled = {"version": None, "pattern": None, "titles": {}}


def glossary_changed(**kwargs) -> None:
    """Signal receiver: a glossary entry was saved or deleted."""

    def forget():
        cache.delete(GLOSSARY_KEY)
        content_changed()

    forget()
    # Again after commit, in case a reader cached the old glossary in between;
    # then read it back, so that pages do not pay for it.
    transaction.on_commit(lambda: (forget(), glossary()))


def glossary() -> dict:
    """{"version": str, "entries": [(acronym, expansion_vi, expansion_en)]}."""
    state = cache.get(GLOSSARY_KEY)
    if state is None:
        state = {
            "version": str(time.time_ns()),
            "entries": list(
                Abbreviation.objects.values_list(
                    "acronym", "expansion_vi", "expansion_en"
                )
            ),
        }
        # Kept until the glossary changes (glossary_changed), not with the
        # content version: saving an article does not make pages read it again.
        cache.set(GLOSSARY_KEY, state, timeout=None)
    return state


def _matcher():
    state = glossary()
    compiled = _compiled
    if compiled["version"] != state["version"]:
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
        compiled = {"version": state["version"], "pattern": pattern, "titles": titles}
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
