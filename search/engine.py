"""Site search over every section declared searchable (``core.sections``):
today news articles and commendation decisions.

Both databases search the same *folded* text, made once on save: lower case,
no diacritics, đ -> d (``core.text.fold_for_search``), split into syllables and
joined by single spaces with a space at each end (" hong linh "). A query is
folded the same way, so "Hồng Lĩnh", "HỒNG LĨNH", "hong linh" and decomposed
(NFD) input all find the same rows. A document matches when every word and
every "quoted phrase" of the query is in its title or its text.

Ranking is the same on both databases, in this order:

1. title matches: every word and phrase of the query is in the title;
2. then, for a query of several words without quotes, the words side by side
   in that order, in the title or in the text;
3. then the newest (the section's ``date``), then the highest id.

The first two are yes/no, so "the best N" is the newest N of at most four
sets per section: matches, title matches, side-by-side matches and both. How
those are found without reading every match is under "Ranking" below; the
result is exact, not sampled. Matches are counted up to ``COUNT_LIMIT``;
beyond it the page says "more than 1,000" and lists the best 1,000.

How each database tells "matches", "in the title" and "side by side":

- PostgreSQL (news 0002 and 0005, awards 0003 and 0004): triggers keep, from
  the folded columns, ``search_vector`` (title weighted A, text C),
  ``search_title_vector`` and ``search_pairs`` (each two neighbouring
  syllables of the title and of the text as one lexeme, "hong linh"), each
  with a GIN index. Words are ``to_tsquery`` lexemes; a phrase must be
  ``<->`` within the title (A) or within the text (C), and its pairs must be
  in ``search_pairs``, which the index finds and the planner estimates well.
- SQLite: ``LIKE`` on whole syllables (" hong linh ") of ``search_title``
  and ``search_text``.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    DateTimeField,
    F,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import sections
from core.text import html_to_text, nfc, search_key, syllables

# Snippets fold every word of a page of hits; words repeat a lot.
_folded = lru_cache(maxsize=8192)(search_key)

MAX_QUERY_LENGTH = 200
MAX_UNITS = 10
MAX_PHRASE_WORDS = 10
PER_PAGE = 10
# Matches are counted up to this; more are shown as "more than 1,000" and only
# the best COUNT_LIMIT are listed (100 pages), so no page is ever costly.
COUNT_LIMIT = 1000
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
        """The unquoted words in order: ranked higher when a document has them
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


# Conditions ---------------------------------------------------------------------
#
# SQL fragments on the columns of ``_Section.rows`` (alias ``b``), written out
# rather than built with the ORM: a search runs a dozen of them per section,
# and compiling querysets took longer than running the queries.


@dataclass
class _Conditions:
    """What decides a row's place, as (sql, params): each in a form an index
    can find (to pick rows) and one cheap to check on a row already read (to
    sort them)."""

    match: tuple  # every word and phrase in the title or the text
    match_row: tuple
    title: tuple  # every word and phrase in the title
    adjacent: tuple | None  # the query's words side by side (None: no such rule)
    adjacent_row: tuple | None


def _uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _padded(words) -> str:
    return f" {' '.join(words)} "


# Words are letters and digits only (see _WORD), so quoting them is safe.
def _lexeme(word: str, weight: str = "") -> str:
    return f"'{word}'" + (f":{weight}" if weight else "")


def _phrase(words, weight: str = "") -> str:
    return " <-> ".join(_lexeme(word, weight) for word in words)


def _within_a_field(words) -> str:
    """``words`` side by side within the title (A) or within the text (C),
    never across the two, as on SQLite."""
    if len(words) == 1:
        return _lexeme(words[0])
    return f"({_phrase(words, 'A')} | {_phrase(words, 'C')})"


def _pairs(units) -> str:
    """The neighbouring pairs of every phrase, as ``search_pairs`` lexemes."""
    pairs = dict.fromkeys(
        f"'{first} {second}'" for unit in units for first, second in pairwise(unit)
    )
    return " & ".join(pairs)


def _all(*conditions):
    return (
        " AND ".join(f"({sql})" for sql, _params in conditions),
        [param for _sql, params in conditions for param in params],
    )


def _conditions(parsed: ParsedQuery) -> _Conditions:
    if _uses_postgresql():
        return _postgresql_conditions(parsed)

    # Whole syllables: the folded columns have a space before and after each.
    def anywhere(words):
        like = f"%{_padded(words)}%"
        return "b.title_text LIKE %s OR b.body_text LIKE %s", [like, like]

    match = _all(*(anywhere(unit) for unit in parsed.units))
    title = _all(
        *(("b.title_text LIKE %s", [f"%{_padded(unit)}%"]) for unit in parsed.units)
    )
    adjacent = anywhere(parsed.adjacent) if parsed.adjacent else None
    return _Conditions(match, match, title, adjacent, adjacent)


def _postgresql_conditions(parsed: ParsedQuery) -> _Conditions:
    def in_a_field(units):
        return (
            "b.vector @@ to_tsquery('vi_unaccent', %s)",
            [" & ".join(_within_a_field(unit) for unit in units)],
        )

    def in_a_field_by_pairs(units):
        """The same, with the pairs of the phrases first: the GIN index of
        search_pairs finds them, and the planner's estimate of a pair is
        right where that of a phrase is not."""
        if all(len(unit) == 1 for unit in units):
            return in_a_field(units)
        pairs = ("b.pairs @@ %s::tsquery", [_pairs(units)])
        if len(units) == 1 and len(units[0]) == 2:  # the pair says it all
            return pairs
        return _all(pairs, in_a_field(units))

    title = (
        "b.title_vector @@ to_tsquery('vi_unaccent', %s)",
        [" & ".join(f"({_phrase(unit)})" for unit in parsed.units)],
    )
    adjacent = adjacent_row = None
    if parsed.adjacent:
        adjacent = in_a_field_by_pairs([parsed.adjacent])
        adjacent_row = in_a_field([parsed.adjacent])
    return _Conditions(
        match=in_a_field_by_pairs(parsed.units),
        match_row=in_a_field(parsed.units),
        title=title,
        adjacent=adjacent,
        adjacent_row=adjacent_row,
    )


# Ranking ------------------------------------------------------------------------
#
# "The newest N rows of a set" is the costly part at scale, and the planner's
# own choice is a trap: walking the date index is fast for a common word and
# reads the whole table for a rare one it believed common; fetching every
# match through the GIN index is fast for a rare word and reads half the table
# for a common one. So each set is taken in two bounded steps that need no
# estimate:
#
# 1. the newest public rows of the section (WINDOW, or WINDOW_PER_ROW per row
#    the page needs on deep pages) are read once (the date index), with yes/no
#    flags for "matches", "in the title" and "side by side"; the newest N of a
#    set among them are the newest N overall when there are N of them;
# 2. only when there are fewer (a rare set), the set's older rows are fetched
#    through the GIN indexes, sorted by an expression no index provides so
#    that the planner cannot walk the date index instead.
#
# The count is the window's matches plus, when they are at most COUNT_LIMIT,
# the older matches up to COUNT_LIMIT + 1.
#
# SQLite has no index for LIKE: every set would be a full scan, so one scan
# ranks every match instead (another counts up to COUNT_LIMIT + 1). The rules,
# and so the order, are the same.

WINDOW = 2 * COUNT_LIMIT  # rows at least, so that it can show "more than"
WINDOW_PER_ROW = 4  # and this many per row the page needs (deep pages)


def _flag(condition) -> tuple:
    if condition is None:
        return "0", []
    return f"CASE WHEN {condition[0]} THEN 1 ELSE 0 END", condition[1]


def _sort_date(search: sections.Search, model):
    field = model._meta.get_field(search.date)
    if isinstance(field, DateTimeField):
        return F(search.date)
    return Cast(search.date, DateTimeField())


class _Section:
    """One searchable section during one search: its public rows as the
    derived table ``b`` (which the planner merges into each query), and its
    window of newest rows as the common table expression ``recent``."""

    def __init__(self, number: int, section: sections.Section, conditions):
        self.section = section
        self.conditions = conditions
        self.recent = f"search_recent_{number}"
        search, model = section.search, section.model
        columns = {
            "hit_pk": F("pk"),
            "sort_key": F(search.date),
            "sort_date": _sort_date(search, model),
        }
        names = (
            {
                "vector": "search_vector",
                "title_vector": "search_title_vector",
                "pairs": "search_pairs",
            }
            if _uses_postgresql()
            else {"title_text": "search_title", "body_text": "search_text"}
        )
        table = model._meta.db_table
        for alias, column in names.items():
            # Columns of the model's own table; the vectors are not fields.
            columns[alias] = RawSQL(f'"{table}"."{column}"', [])  # noqa: S611
        self.rows = (
            section.public().order_by().annotate(**columns).values(*columns)
        ).query.sql_with_params()

    @property
    def table(self):
        return f"({self.rows[0]}) AS b", list(self.rows[1])

    def window(self, newest: int):
        """The newest public rows, with yes/no flags."""
        table, params = self.table
        selected = [
            ("b.hit_pk", []),
            ("b.sort_date", []),
            _with_alias(_flag(self.conditions.match_row), "m"),
            _with_alias(_flag(self.conditions.title), "ti"),
            _with_alias(_flag(self.conditions.adjacent_row), "ad"),
        ]
        columns = ", ".join(sql for sql, _params in selected)
        materialized = "MATERIALIZED " if _uses_postgresql() else ""
        return (
            f"{self.recent} AS {materialized}(SELECT {columns} FROM {table}"  # noqa: S608 - fragments of this module
            " ORDER BY b.sort_key DESC, b.hit_pk DESC LIMIT %s)",
            [
                *(p for _sql, ps in selected for p in ps),
                *params,
                max(WINDOW, WINDOW_PER_ROW * newest),
            ],
        )

    def older(self, condition, *, unless: str, at_most: int, limit: int, order: bool):
        """Public rows out of the window matching ``condition``, read only
        when the window's rows with the flags ``unless`` are at most
        ``at_most``."""
        table, params = self.table
        sort = ""
        if order:
            # An expression no index gives: the GIN indexes, not the date's.
            key = "b.sort_key + interval '0 s'" if _uses_postgresql() else "b.sort_key"
            sort = f" ORDER BY {key} DESC, b.hit_pk DESC"
        return (
            f"SELECT b.hit_pk FROM {table} WHERE {condition[0]}"  # noqa: S608 - fragments of this module
            f" AND b.hit_pk NOT IN (SELECT hit_pk FROM {self.recent})"
            f" AND (SELECT COUNT(*) FROM {self.recent} WHERE {unless}) <= %s"
            f"{sort} LIMIT %s",
            [*params, *condition[1], at_most, limit],
        )

    def candidates(self, newest: int):
        """The newest ``newest`` rows of each set that decides a rank."""
        conditions = self.conditions
        sets = [("m = 1", conditions.match), ("ti = 1", conditions.title)]
        if conditions.adjacent is not None:
            sets += [
                ("ad = 1", conditions.adjacent),
                ("ti = 1 AND ad = 1", _all(conditions.title, conditions.adjacent)),
            ]
        parts = []
        for flags, condition in sets:
            parts.append(
                (
                    f"SELECT hit_pk FROM {self.recent} WHERE {flags}"  # noqa: S608 - fragments of this module
                    " ORDER BY sort_date DESC, hit_pk DESC LIMIT %s",
                    [newest],
                )
            )
            parts.append(
                self.older(
                    condition,
                    unless=flags,
                    at_most=newest - 1,
                    limit=newest,
                    order=True,
                )
            )
        return _union(parts)

    def ranked(self, newest: int):
        """Its candidates with what ranks them; on SQLite, which has no index
        for LIKE, every match (one scan ranks them all)."""
        table, params = self.table
        if _uses_postgresql():
            candidates, where_params = self.candidates(newest)
            where = f"b.hit_pk IN ({candidates})"
        else:
            where, where_params = self.conditions.match
        title, title_params = _flag(self.conditions.title)
        adjacent, adjacent_params = _flag(self.conditions.adjacent_row)
        return (
            f"SELECT %s AS hit_kind, b.hit_pk, {title} AS in_title,"  # noqa: S608 - fragments of this module
            f" {adjacent} AS side_by_side, b.sort_date FROM {table} WHERE {where}",
            [
                self.section.search.kind,
                *title_params,
                *adjacent_params,
                *params,
                *where_params,
            ],
        )

    def count(self):
        """Its matches, up to COUNT_LIMIT + 1."""
        if not _uses_postgresql():
            table, params = self.table
            match, match_params = self.conditions.match
            return (
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {match}"  # noqa: S608 - fragments of this module
                " LIMIT %s) AS matches)",
                [*params, *match_params, COUNT_LIMIT + 1],
            )
        older, params = self.older(
            self.conditions.match,
            unless="m = 1",
            at_most=COUNT_LIMIT,
            limit=COUNT_LIMIT + 1,
            order=False,
        )
        return (
            f"(SELECT COUNT(*) FROM {self.recent} WHERE m = 1)"  # noqa: S608 - fragments of this module
            f" + (SELECT COUNT(*) FROM ({older}) AS older)",
            params,
        )


def _with_alias(fragment, alias):
    return f"{fragment[0]} AS {alias}", fragment[1]


def _join(parts, joiner):
    return (
        joiner.join(sql for sql, _params in parts),
        [param for _sql, params in parts for param in params],
    )


def _union(parts):
    """The UNION of queries, each wrapped in a subquery so that it may keep
    its ORDER BY and LIMIT (SQLite wants that)."""
    return _join(
        [
            (f"SELECT * FROM ({sql}) AS part_{number}", params)  # noqa: S608 - fragments of this module
            for number, (sql, params) in enumerate(parts)
        ],
        " UNION ",
    )


def _searched(parsed: ParsedQuery, newest: int):
    """The searchable sections, and the WITH clause of their windows
    (PostgreSQL)."""
    conditions = _conditions(parsed)
    searched = []
    for number, section in enumerate(sections.searchable()):
        try:
            searched.append(_Section(number, section, conditions))
        except EmptyResultSet:  # its public() can show nothing
            continue
    if not _uses_postgresql() or not searched:
        return searched, ("", [])
    windows = _join([one.window(newest) for one in searched], ", ")
    return searched, (f"WITH {windows[0]}", windows[1])


def _ranked(parsed: ParsedQuery, *, offset: int, limit: int):
    """The (kind, pk) rows at ``offset:offset + limit`` of the ranked list and
    the number of matches up to COUNT_LIMIT + 1, in one query whatever the
    number of matches."""
    searched, (with_sql, with_params) = _searched(parsed, offset + limit)
    if not searched:
        return [], 0
    count, count_params = _join([one.count() for one in searched], " + ")
    body, params = _join(
        [one.ranked(offset + limit) for one in searched], " UNION ALL "
    )
    # The count comes with every row, and alone when the page is empty.
    sql = (
        f"{with_sql} SELECT matches.total, page.hit_kind, page.hit_pk"  # noqa: S608 - fragments of this module
        f" FROM (SELECT {count} AS total) AS matches LEFT JOIN ("
        f"SELECT hit_kind, hit_pk, in_title, side_by_side, sort_date FROM ({body}) AS ranked"
        " ORDER BY in_title DESC, side_by_side DESC, sort_date DESC, hit_pk DESC,"
        " hit_kind LIMIT %s OFFSET %s) AS page ON TRUE"
        " ORDER BY page.in_title DESC, page.side_by_side DESC, page.sort_date DESC,"
        " page.hit_pk DESC, page.hit_kind"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [*with_params, *count_params, *params, max(limit, 0), offset]
        )
        fetched = cursor.fetchall()
    rows = [(kind, pk) for _total, kind, pk in fetched if pk is not None]
    return rows, min(fetched[0][0], COUNT_LIMIT + 1)


class _RankedList:
    """The ranked rows for the paginator: the page asked for is fetched with
    the count, in one query; another page only if the number was out of range."""

    def __init__(self, parsed: ParsedQuery, page):
        self.parsed = parsed
        try:
            number = max(int(page), 1)
        except (TypeError, ValueError):
            number = 1
        # Never more than the listed pages: a huge number must not read far.
        number = min(number, -(-COUNT_LIMIT // PER_PAGE))
        self.offset = (number - 1) * PER_PAGE
        self.rows, self.matches = _ranked(parsed, offset=self.offset, limit=PER_PAGE)

    def __getitem__(self, window: slice):
        if window.start != self.offset:
            self.offset = window.start
            self.rows, _matches = _ranked(
                self.parsed, offset=window.start, limit=PER_PAGE
            )
        return self.rows[: window.stop - window.start]


class _SearchPaginator(Paginator):
    @cached_property
    def matches(self) -> int:
        """The number of matches, up to COUNT_LIMIT + 1."""
        return self.object_list.matches

    @cached_property
    def count(self):
        return min(self.matches, COUNT_LIMIT)


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
        """How many are listed: every match, or the best COUNT_LIMIT."""
        return self.page.paginator.count if self.page else 0

    @property
    def more(self) -> bool:
        """More than COUNT_LIMIT documents match (not all are listed)."""
        return bool(self.page) and self.page.paginator.matches > COUNT_LIMIT


def site_search(*, query: str, page: str | int = 1, language: str = "vi"):
    """Public rows of the searchable sections matching ``query``, best first,
    one page of them with highlighted titles and snippets. A constant number
    of SQL queries: the page's ids with the count, then one per section shown
    (and once more the ids when the page number is past the last page)."""
    parsed = parse_query(query)
    if not parsed:
        return SearchResults(query=parsed)
    page_obj = _SearchPaginator(_RankedList(parsed, page), PER_PAGE).get_page(page)
    rows = list(page_obj.object_list)
    objects = _load(rows)
    hits = [
        _hit(kind, objects[kind][pk], parsed.words, language)
        for kind, pk in rows
        if pk in objects.get(kind, {})
    ]
    page_obj.object_list = hits
    return SearchResults(query=parsed, page=page_obj, hits=hits)


def _load(rows):
    """{kind: {pk: object}} for one page of rows: one query per kind shown."""
    ids = {}
    for kind, pk in rows:
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
    # The text that matches the most words of the query (the first on a tie):
    # "tran thi hoa" shows the row naming Trần Thị Hoa, not an excerpt that
    # only says "thị xã".
    chosen = max(
        texts or [(language, "")], key=lambda lang_text: _matched(lang_text[1], words)
    )
    return Hit(
        kind=kind,
        object=obj,
        title=highlight(title, words),
        snippet=highlight(chosen[1], words, window=SNIPPET_WORDS),
        language=chosen[0],
        template=search.template,
    )


def _matched(text: str, words: set[str]) -> int:
    """How many of ``words`` occur in ``text``."""
    return len({_folded(m.group()) for m in _WORD.finditer(text)} & words)


def highlight(text: str, words: set[str], *, window: int | None = None) -> str:
    """``text`` HTML-escaped, each syllable that folds to one of ``words``
    wrapped in <mark>; with ``window``, cut to about that many words around
    the first match, with ellipses."""
    tokens = list(_WORD.finditer(text))
    start, end = 0, len(text)
    if window and len(tokens) > window:
        first = next(
            (i for i, m in enumerate(tokens) if _folded(m.group()) in words), 0
        )
        lo = max(0, first - window // 3)
        hi = min(len(tokens), lo + window)
        lo = max(0, hi - window)
        start = tokens[lo].start() if lo else 0
        end = tokens[hi - 1].end() if hi < len(tokens) else len(text)
        tokens = tokens[lo:hi]
    parts, position = [], start
    for match in tokens:
        if _folded(match.group()) in words:
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - escaped above
