"""Search of national legal provisions: the one function the page and the API both call.

:func:`search_provisions` takes the actor, a query, an optional language and facet filters and
returns one page of ranked hits with highlighted snippets plus facet counts (state, Convention
instrument, Convention article, theme, year of adoption, language).  The full-text engine
(:mod:`tact.search.backends` on the index of :mod:`tact.legislation.search_index`) only says
which provision ids match and how well;
everything else is ORM on the same database, so access rules are applied exactly as elsewhere:

* a provision is visible when its legal text is (``access.visible_q(user, prefix=...)``);
* the instrument/article/theme facets and filters go through provision mappings, which are
  classified assessments themselves, so only mappings the actor may see are counted.

Facets are "disjunctive": the counts of one facet apply every *other* filter, so choosing a
state still shows how many hits the other states have.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Instrument, Provision, Theme
from tact.core import access
from tact.core.queryparams import filter_values, years
from tact.directory.models import State
from tact.legislation.models import LegalProvision, ProvisionMapping, TextLanguage
from tact.legislation.search_index import get_backend
from tact.search.facets import FacetBucket, buckets
from tact.search.query import MatchQuery, highlight, parse_query

__all__ = [
    "FACETS",
    "FacetBucket",
    "ProvisionHit",
    "SearchFilters",
    "SearchResult",
    "search_provisions",
]

FACETS: tuple[tuple[str, Any], ...] = (
    ("state", _("State")),
    ("instrument", _("Instrument")),
    ("article", _("Convention article")),
    ("theme", _("Theme")),
    ("year", _("Year adopted")),
    ("language", _("Language")),
)
FACET_LIMIT = 12
MAX_QUERY_LENGTH = 300
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchFilters:
    """Facet filters; several values of one facet are ORed, facets are ANDed."""

    state: tuple[str, ...] = ()  # ISO3
    instrument: tuple[str, ...] = ()  # catalog instrument code (untoc, tip, som, fp)
    article: tuple[str, ...] = ()  # catalog provision key (untoc/art_24)
    theme: tuple[str, ...] = ()  # catalog theme code
    year: tuple[int, ...] = ()

    @classmethod
    def from_mapping(cls, params: Mapping[str, Any]) -> SearchFilters:
        """From request.GET (a QueryDict: repeated keys) or a plain dict of lists/strings."""
        return cls(
            state=tuple(v.upper() for v in filter_values(params, "state")),
            instrument=tuple(v.lower() for v in filter_values(params, "instrument")),
            article=filter_values(params, "article"),
            theme=filter_values(params, "theme"),
            year=tuple(int(v) for v in years(filter_values(params, "year"))),
        )

    def without(self, facet: str) -> SearchFilters:
        if facet not in {"state", "instrument", "article", "theme", "year"}:
            return self
        return SearchFilters(**{**self.__dict__, facet: ()})

    def __bool__(self) -> bool:
        return any((self.state, self.instrument, self.article, self.theme, self.year))

    def selected(self, facet: str) -> set[str]:
        return {str(v) for v in getattr(self, facet, ())}


@dataclass(frozen=True)
class ArticleRef:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class ProvisionHit:
    id: int
    url: str
    label: str
    heading: str
    snippet: str  # safe HTML: escaped text, matches in <mark>
    score: float
    language: str
    text_id: int
    text_title: str
    text_url: str
    state: str
    state_name: str
    year: int | None
    classification: str
    articles: tuple[ArticleRef, ...] = ()
    language_name: str = ""


@dataclass
class SearchResult:
    query: str
    language: str
    filters: SearchFilters
    total: int = 0
    page: int = 1
    page_size: int = 20
    hits: list[ProvisionHit] = field(default_factory=list)
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)
    engine: str = ""
    terms: tuple[str, ...] = ()

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page(self) -> int:
        return self.page - 1

    @property
    def next_page(self) -> int:
        return self.page + 1


# --- query building ------------------------------------------------------------------------


def _visible_mappings(user: Any) -> QuerySet[ProvisionMapping]:
    return ProvisionMapping.objects.filter(access.visible_q(user), legal_provision__isnull=False)


def _apply_filters(qs: QuerySet[Any], user: Any, filters: SearchFilters) -> QuerySet[Any]:
    if filters.state:
        qs = qs.filter(legal_text__state__iso3__in=filters.state)
    if filters.year:
        qs = qs.filter(legal_text__adopted_on__year__in=filters.year)
    mapping_q = Q()
    if filters.instrument:
        mapping_q &= Q(convention_provision__instrument__code__in=filters.instrument)
    if filters.article:
        mapping_q &= Q(convention_provision__key__in=filters.article)
    if filters.theme:
        mapping_q &= Q(convention_provision__themes__code__in=filters.theme)
    if mapping_q:
        qs = qs.filter(
            Exists(_visible_mappings(user).filter(mapping_q, legal_provision=OuterRef("pk")))
        )
    return qs


def _base(user: Any, language: str) -> QuerySet[LegalProvision]:
    qs = LegalProvision.objects.filter(is_obsolete=False).filter(
        access.visible_q(user, prefix="legal_text__")
    )
    if language:
        qs = qs.filter(legal_text__language=language)
    return qs


def _matching(qs: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
    if not query:
        return qs
    sql, params = get_backend().match_sql(query)
    return qs.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (bound parameters)


# --- facets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Article:
    key: str
    instrument: str
    themes: frozenset[str]


@dataclass(frozen=True)
class _Reference:
    """Catalog and state names: reference data, read once every few minutes, not per search."""

    articles: dict[int, _Article]
    labels: dict[str, dict[str, str]]
    refs: dict[int, ArticleRef]
    order: dict[str, int]


_REFERENCE_TTL = 300.0
_reference_cache: dict[str, tuple[float, _Reference]] = {}


def _reference() -> _Reference:
    language = get_language() or ""
    cached = _reference_cache.get(language)
    now = time.monotonic()
    if cached is not None and cached[0] > now:
        return cached[1]
    themes: dict[int, set[str]] = {}
    for provision_id, code in Provision.themes.through.objects.values_list(
        "provision_id", "theme__code"
    ):
        themes.setdefault(provision_id, set()).add(code)
    provisions = list(
        Provision.objects.select_related("instrument").order_by("instrument__order", "number")
    )
    reference = _Reference(
        articles={
            p.pk: _Article(p.key, p.instrument.code, frozenset(themes.get(p.pk, ())))
            for p in provisions
        },
        labels={
            "state": {s.iso3: s.display_name for s in State.objects.all()},
            "language": {str(v): str(label) for v, label in TextLanguage.choices},
            "instrument": {i.code: i.short_title for i in Instrument.objects.all()},
            "article": {p.key: f"{p} — {p.title}" if p.title else str(p) for p in provisions},
            "theme": {t.code: t.title for t in Theme.objects.all()},
        },
        refs={p.pk: ArticleRef(p.key, str(p), p.get_absolute_url()) for p in provisions},
        order={p.key: i for i, p in enumerate(provisions)},
    )
    _reference_cache[language] = (now + _REFERENCE_TTL, reference)
    return reference


def _facet_counts(
    user: Any,
    matched: QuerySet[LegalProvision],
    filters: SearchFilters,
    language: str,
) -> tuple[int, dict[str, list[FacetBucket]]]:
    """Total and facet counts of the matching visible provisions, in one pass.

    Two queries fetch (provision, state, year, language) of every match and the visible
    mappings of those matches; filters are then applied in Python, each facet without its own
    filter.  One pass over the rows replaces a GROUP BY query per facet.
    """
    rows = list(
        matched.order_by().values_list(
            "pk", "legal_text__state__iso3", "legal_text__adopted_on", "legal_text__language"
        )
    )
    reference = _reference()
    mapped: dict[int, list[_Article]] = {}
    for provision_id, article_id in (
        _visible_mappings(user)
        .filter(legal_provision__in=matched.order_by().values("pk"))
        .values_list("legal_provision_id", "convention_provision_id")
        .order_by()
        .distinct()
    ):
        article = reference.articles.get(article_id)
        if article is not None:
            mapped.setdefault(provision_id, []).append(article)

    states, years = set(filters.state), {str(y) for y in filters.year}
    instruments, keys, themes = set(filters.instrument), set(filters.article), set(filters.theme)
    mapping_filtered = bool(instruments or keys or themes)

    def article_ok(a: _Article, skip: str) -> bool:
        return (
            (skip == "instrument" or not instruments or a.instrument in instruments)
            and (skip == "article" or not keys or a.key in keys)
            and (skip == "theme" or not themes or not a.themes.isdisjoint(themes))
        )

    def values_of(a: _Article, facet: str) -> Iterable[str]:
        if facet == "instrument":
            return (a.instrument,)
        if facet == "article":
            return (a.key,)
        return a.themes

    counts: dict[str, Counter[str]] = {name: Counter() for name, _label in FACETS}
    total = 0
    for pk, state, adopted_on, text_language in rows:
        year = str(adopted_on.year) if adopted_on else ""
        s_ok = not states or state in states
        y_ok = not years or year in years
        l_ok = not language or text_language == language
        articles = mapped.get(pk, ())
        # the mapping filters must hold for one and the same mapping (as SQL's EXISTS)
        m_ok = not mapping_filtered or any(article_ok(a, "") for a in articles)
        if m_ok:
            if y_ok and l_ok:
                counts["state"][state] += 1
            if s_ok and l_ok:
                counts["year"][year] += 1
            if s_ok and y_ok:
                counts["language"][text_language] += 1
            if s_ok and y_ok and l_ok:
                total += 1
        if not (articles and s_ok and y_ok and l_ok):
            continue
        for facet in ("instrument", "article", "theme"):
            values: set[str] = set()
            for a in articles:
                if not mapping_filtered or article_ok(a, facet):
                    values.update(values_of(a, facet))
            for value in values:
                counts[facet][value] += 1

    selected = {
        "state": states,
        "year": years,
        "language": {language} if language else set(),
        "instrument": instruments,
        "article": keys,
        "theme": themes,
    }
    facets: dict[str, list[FacetBucket]] = {}
    for name, _label in FACETS:
        found = buckets(
            counts[name], reference.labels.get(name, {}), selected[name], limit=FACET_LIMIT
        )
        if name == "year":
            found.sort(key=lambda b: b.value, reverse=True)
        facets[name] = found
    return total, facets


# --- hits ----------------------------------------------------------------------------------


def _articles_of(user: Any, provision_ids: list[int]) -> dict[int, list[ArticleRef]]:
    """The Convention articles each hit is mapped to (visible mappings only)."""
    reference = _reference()
    out: dict[int, list[ArticleRef]] = {}
    pairs = (
        _visible_mappings(user)
        .filter(legal_provision_id__in=provision_ids)
        .values_list("legal_provision_id", "convention_provision_id")
        .order_by()
        .distinct()
    )
    for provision_id, article_id in pairs:
        ref = reference.refs.get(article_id)
        if ref is not None:
            out.setdefault(provision_id, []).append(ref)
    for refs in out.values():
        refs.sort(key=lambda r: reference.order.get(r.key, 0))
    return out


_PK_PLACEHOLDER = 987654321987


class _Urls:
    """Page URLs of provisions and texts, reversed once per search instead of once per hit
    (``get_absolute_url`` of both takes the primary key only)."""

    def __init__(self) -> None:
        self.patterns: dict[str, str] = {}
        for name in ("legislation:provision_detail", "legislation:law_detail"):
            try:
                self.patterns[name] = reverse(name, args=[_PK_PLACEHOLDER])
            except NoReverseMatch:  # page not there (yet): search still works, without links
                self.patterns[name] = ""

    def url(self, name: str, pk: int) -> str:
        pattern = self.patterns.get(name, "")
        return pattern.replace(str(_PK_PLACEHOLDER), str(pk)) if pattern else ""


def _hit(p: Any, query: MatchQuery, articles: list[ArticleRef], urls: _Urls) -> ProvisionHit:
    text = p.legal_text
    body = p.body or p.heading
    return ProvisionHit(
        id=p.pk,
        url=urls.url("legislation:provision_detail", p.pk),
        label=p.label or p.number or p.eid,
        heading=p.heading,
        snippet=highlight(body, query, text.language),
        score=float(getattr(p, "search_score", 0.0) or 0.0),
        language=text.language,
        text_id=text.pk,
        text_title=text.title,
        text_url=urls.url("legislation:law_detail", text.pk),
        state=text.state.iso3,
        state_name=text.state.display_name,
        year=text.adopted_on.year if text.adopted_on else None,
        classification=text.classification,
        articles=tuple(articles),
        language_name=text.get_language_display(),
    )


def _ranked_page(
    backend: Any,
    filtered: QuerySet[LegalProvision],
    match: MatchQuery,
    page: int,
    page_size: int,
    known_total: int | None,
    result: SearchResult,
) -> list[tuple[int, float]]:
    """(id, score) of the requested page; sets ``result.total`` and ``result.page``.

    Ranking works on a narrow row (id, score) and the page's records are fetched afterwards:
    sorting every match with its text attached would carry all the bodies through the sort.
    Without facets the total comes from the same query (``COUNT(*) OVER ()``), so the engine
    is asked once.
    """

    # FTS5's bm25() cannot be evaluated under a window function: SQLite counts separately.
    window_total = backend.vendor == "postgresql"

    def fetch(page_number: int) -> list[tuple[int, float, int]]:
        offset = (page_number - 1) * page_size
        if match and window_total:
            qs = backend.rank(filtered, match).extra(select={"search_total": "COUNT(*) OVER ()"})
            return list(
                qs.values_list("pk", "search_score", "search_total")[offset : offset + page_size]
            )
        if match:
            qs = backend.rank(filtered, match)
            return [
                (pk, score, -1)
                for pk, score in qs.values_list("pk", "search_score")[offset : offset + page_size]
            ]
        ordered = filtered.order_by("legal_text__state__name", "legal_text__title", "order", "pk")
        return [
            (pk, 0.0, -1)
            for pk in ordered.values_list("pk", flat=True)[offset : offset + page_size]
        ]

    if known_total is None and match and window_total:
        rows = fetch(max(1, page))
        if rows:
            result.total, result.page = rows[0][2], max(1, page)
            return [(pk, score) for pk, score, _total in rows]
    if known_total is None:
        known_total = _matching(filtered, match).count() if match else filtered.count()
    result.total = known_total
    result.page = max(1, min(int(page), result.num_pages))
    if not known_total:
        return []
    return [(pk, score) for pk, score, _total in fetch(result.page)]


def search_provisions(
    user: Any,
    query: str,
    *,
    language: str = "",
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = 20,
    facets: bool = True,
) -> SearchResult:
    """One page of provisions *user* may see matching *query*, with facet counts.

    An empty query with filters lists the filtered provisions in document order; an empty
    query without filters returns nothing (there is nothing to rank).
    """
    filters = filters or SearchFilters()
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    language = language if language in TextLanguage.values else ""
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    backend = get_backend()
    result = SearchResult(query, language, filters, page_size=page_size, engine=backend.vendor)
    match = parse_query(query, language or None) if query else MatchQuery("")
    result.terms = tuple(sorted(match.terms))
    if not match and not filters:
        return result

    filtered = _apply_filters(_base(user, language), user, filters)
    known_total: int | None = None
    if facets:
        # every visible match, whatever the language and facet filters (counted in Python)
        known_total, result.facets = _facet_counts(
            user, _matching(_base(user, ""), match), filters, language
        )
    ranked = _ranked_page(backend, filtered, match, page, page_size, known_total, result)
    records = LegalProvision.objects.select_related("legal_text", "legal_text__state").in_bulk(
        [pk for pk, _score in ranked]
    )
    rows = []
    for pk, score in ranked:
        record = records[pk]
        record.search_score = score  # type: ignore[attr-defined]
        rows.append(record)
    articles = _articles_of(user, [p.pk for p in rows])
    urls = _Urls()
    result.hits = [_hit(p, match, articles.get(p.pk, []), urls) for p in rows]
    return result


def facet_labels() -> dict[str, str]:
    return {name: str(label) for name, label in FACETS}


def provision_hits_for_site_search(user: Any, query: str, limit: int) -> list[Any]:
    """Stemmed, ranked provision hits for the site-wide search box (``tact.search``).

    The same engine and access rules as the search page, as ``SearchHit`` records; the
    legislation provider can call this instead of matching substrings.
    """
    from tact.search import SearchHit

    result = search_provisions(user, query, page_size=limit, facets=False)
    return [
        SearchHit(
            kind="legislation",
            kind_label=_("Legal provision"),
            title=f"{hit.text_title} — {hit.label}" + (f" {hit.heading}" if hit.heading else ""),
            url=hit.url,
            snippet=strip_tags(hit.snippet),
            classification=hit.classification,
            ref=f"legislation.legalprovision:{hit.id}",
        )
        for hit in result.hits
    ]
