"""Site search over every section declared searchable (``core.sections``):
today news articles and commendation decisions.

Both databases search the same *folded* text, made once on save: lower case,
no diacritics, đ -> d (``core.text.fold_for_search``), split into syllables and
joined by single spaces with a space at each end (" hong linh "). A query is
folded the same way, so "Hồng Lĩnh", "HỒNG LĨNH", "hong linh" and decomposed
(NFD) input all find the same rows.

- PostgreSQL: a ``search_vector`` column, kept by a trigger from the folded
  columns with the ``vi_unaccent`` text-search configuration (titles weighted
  A, the rest C) and a GIN index (news/awards migrations 0002/0003); queries
  are ``to_tsquery`` with ``&`` between words and ``<->`` inside phrases,
  ranked by ``ts_rank``.
- SQLite: ``LIKE`` on whole syllables (" hong linh "), ranked by title hits.

On both, a document whose text has the query's syllables next to each other
ranks above one where they are apart; then the newest first.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import sections
from core.text import html_to_text, nfc, search_key, syllables

MAX_QUERY_LENGTH = 200
MAX_UNITS = 10
MAX_PHRASE_WORDS = 10
PER_PAGE = 10
SNIPPET_WORDS = 30

_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


# Queries ------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    text: str = ""  # as shown back in the form (NFC, capped)
    truncated: bool = False
    units: list[tuple[str, ...]] = field(default_factory=list)  # words or phrases

    @property
    def words(self) -> set[str]:
        return {word for unit in self.units for word in unit}

    @property
    def adjacent(self) -> tuple[str, ...]:
        """The unquoted words in order: a bonus when a document has them
        side by side (only for a multi-word query without quotes)."""
        if len(self.units) > 1 and all(len(unit) == 1 for unit in self.units):
            return tuple(unit[0] for unit in self.units)
        return ()

    def __bool__(self):
        return bool(self.units)


def parse_query(raw: str) -> ParsedQuery:
    """Words and "quoted phrases" of a visitor's query, folded. Never fails:
    NUL bytes are dropped, the length is capped, punctuation is ignored."""
    text = _SPACES.sub(" ", nfc((raw or "").replace("\x00", ""))).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    units = []
    # Parts at odd positions were between quotes (an unclosed quote runs to the end).
    for index, part in enumerate(text.split('"')):
        words = syllables(part)
        if index % 2:
            if words:
                units.append(tuple(words[:MAX_PHRASE_WORDS]))
        else:
            units.extend((word,) for word in words)
    unique = list(dict.fromkeys(units))[:MAX_UNITS]
    return ParsedQuery(text=text, truncated=truncated, units=unique)


def _padded(words) -> str:
    return f" {' '.join(words)} "


def _tsquery(units) -> str:
    # Words are letters and digits only (see _WORD), so quoting them is safe.
    return " & ".join(" <-> ".join(f"'{word}'" for word in unit) for unit in units)


def _uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _matching(queryset, parsed: ParsedQuery, *, ranked: bool = True):
    """``queryset`` filtered to the documents matching every word and phrase,
    with a ``score`` (higher is better) when ``ranked``."""
    condition, score = _condition_and_score(queryset.model, parsed)
    queryset = queryset.filter(condition)
    return queryset.annotate(score=score) if ranked else queryset


def _condition_and_score(model, parsed: ParsedQuery):
    table = model._meta.db_table
    adjacent = parsed.adjacent
    if _uses_postgresql():
        # Only the model's own table name is formatted in; queries are parameters.
        vector = f'"{table}"."search_vector"'
        query = _tsquery(parsed.units)
        matches = RawSQL(  # noqa: S611
            f"{vector} @@ to_tsquery('vi_unaccent', %s)",
            [query],
            output_field=BooleanField(),
        )
        # The adjacency bonus from the stored vector's positions, which is
        # much cheaper than reading the whole text again.
        rank = RawSQL(  # noqa: S611
            f"ts_rank({vector}, to_tsquery('vi_unaccent', %s))"
            + (
                f" + CASE WHEN {vector} @@ to_tsquery('vi_unaccent', %s)"
                " THEN 1.0 ELSE 0.0 END"
                if adjacent
                else ""
            ),
            [query, _tsquery([adjacent])] if adjacent else [query],
            output_field=FloatField(),
        )
        return matches, rank
    bonus = (
        Case(
            When(
                Q(search_title__contains=_padded(adjacent))
                | Q(search_text__contains=_padded(adjacent)),
                then=Value(1.0),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
        if adjacent
        else Value(0.0, output_field=FloatField())
    )
    condition = Q()
    title_hits = Value(0.0, output_field=FloatField())
    for unit in parsed.units:
        padded = _padded(unit)
        in_title = Q(search_title__contains=padded)
        condition &= in_title | Q(search_text__contains=padded)
        title_hits = title_hits + Case(
            When(in_title, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return condition, title_hits / len(parsed.units) + bonus


def _sort_date(search: sections.Search, model):
    field = model._meta.get_field(search.date)
    if isinstance(field, DateTimeField):
        return F(search.date)
    return Cast(search.date, DateTimeField())


def _candidates(parsed: ParsedQuery):
    """One ranked list of (kind, pk, score, sort_date) rows over every
    searchable section."""
    ranked = [
        _matching(section.public(), parsed)
        .annotate(
            kind=Value(section.search.kind, output_field=CharField()),
            sort_date=_sort_date(section.search, section.model),
        )
        .values_list("kind", "pk", "score", "sort_date")
        .order_by()
        for section in sections.searchable()
    ]
    first, *others = ranked
    return first.union(*others, all=True).order_by("-score", "-sort_date", "-pk")


def _count(parsed: ParsedQuery) -> int:
    """How many documents match, without ranking them (one query)."""
    first, *others = [
        _matching(section.public(), parsed, ranked=False).values_list("pk").order_by()
        for section in sections.searchable()
    ]
    return first.union(*others, all=True).count()


class _SearchPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count()


# Results ------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str  # core.sections.Search.kind: "article", "decision"…
    object: object
    title: str  # safe HTML: escaped, with <mark>
    snippet: str  # safe HTML: escaped, with <mark>
    language: str  # of the snippet
    template: str  # the line under the title (core.sections.Search.template)


@dataclass
class SearchResults:
    query: ParsedQuery
    page: object = None  # django.core.paginator.Page of Hit, None without a query
    hits: list[Hit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


def site_search(*, query: str, page: str | int = 1, language: str = "vi"):
    """Public rows of the searchable sections matching ``query``, best first,
    one page of them with highlighted titles and snippets. A constant number
    of SQL queries: the count, the page's ids, then one per section shown."""
    parsed = parse_query(query)
    if not parsed:
        return SearchResults(query=parsed)
    page_obj = _SearchPaginator(
        _candidates(parsed), PER_PAGE, count=lambda: _count(parsed)
    ).get_page(page)
    rows = list(page_obj.object_list)
    objects = _load(rows)
    hits = [
        _hit(kind, objects[kind][pk], parsed.words, language)
        for kind, pk, _score, _date in rows
        if pk in objects.get(kind, {})
    ]
    page_obj.object_list = hits
    return SearchResults(query=parsed, page=page_obj, hits=hits)


def _load(rows):
    """{kind: {pk: object}} for one page of rows: one query per kind shown."""
    ids = {}
    for kind, pk, _score, _date in rows:
        ids.setdefault(kind, []).append(pk)
    objects = {}
    for kind, pks in ids.items():
        section = sections.by_kind(kind)
        objects[kind] = (
            section.model._default_manager.select_related(*section.search.related)
            .defer("search_title", "search_text")
            .in_bulk(pks)
        )
    return objects


def _hit(kind, obj, words, language) -> Hit:
    search = sections.by_kind(kind).search
    other = "en" if language == "vi" else "vi"
    if search.title:
        title = getattr(obj, f"{search.title}_{language}") or getattr(
            obj, f"{search.title}_vi"
        )
    else:
        title = str(obj)
    fields = [
        (lang, getattr(obj, f"{name}_{lang}") or "")
        for lang in (language, other)
        for name in search.snippet_fields
    ]
    texts = [(lang, html_to_text(value)) for lang, value in fields if value]
    chosen = next(
        ((lang, text) for lang, text in texts if _first_match(text, words) is not None),
        texts[0] if texts else (language, ""),
    )
    return Hit(
        kind=kind,
        object=obj,
        title=highlight(title, words),
        snippet=highlight(chosen[1], words, window=SNIPPET_WORDS),
        language=chosen[0],
        template=search.template,
    )


def _first_match(text: str, words: set[str]):
    for match in _WORD.finditer(text):
        if search_key(match.group()) in words:
            return match
    return None


def highlight(text: str, words: set[str], *, window: int | None = None) -> str:
    """``text`` HTML-escaped, each syllable that folds to one of ``words``
    wrapped in <mark>; with ``window``, cut to about that many words around
    the first match, with ellipses."""
    tokens = list(_WORD.finditer(text))
    start, end = 0, len(text)
    if window and len(tokens) > window:
        first = next(
            (i for i, m in enumerate(tokens) if search_key(m.group()) in words), 0
        )
        lo = max(0, first - window // 3)
        hi = min(len(tokens), lo + window)
        lo = max(0, hi - window)
        start = tokens[lo].start() if lo else 0
        end = tokens[hi - 1].end() if hi < len(tokens) else len(text)
        tokens = tokens[lo:hi]
    parts, position = [], start
    for match in tokens:
        if search_key(match.group()) in words:
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - escaped above
