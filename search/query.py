"""Finding the entries that match a visitor's query, and showing them with the match marked.

PostgreSQL: the query is parsed with the visitor's language's configuration
(websearch_to_tsquery: any input is valid; "quoted phrases" and -exclusions work) and
matched against the GIN-indexed vectors, ranked with the title weighing more;
ts_headline marks the matched words, stemmed forms included.

SQLite (development): every word of the query must occur in the page's text, compared
lower-cased, as a substring (no stemming: "город" finds "городах" but "городов" does not;
"city" also finds "ethnicity"); results come in site order and the words are marked here
in Python.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.translation_fallback import field_in_language

from .indexing import CJK_CHAR, MATCH_START, MATCH_STOP, search_config
from .models import SearchEntry

EXCERPT_CHARS = 240


def uses_postgres():
    return connection.vendor == "postgresql"


def words(query):
    """The query's words without quotes, lower-cased: (required, excluded)."""
    required, excluded = [], []
    for word in query.replace('"', " ").split():
        if word.startswith("-") and len(word) > 1:
            excluded.append(word[1:].lower())
        elif word.strip("-"):
            required.append(word.lower())
    return required, excluded


def postgres_query(query, config):
    """websearch_to_tsquery; words in CJK scripts become phrases of single characters,
    as they were indexed (see indexing.CJK)."""
    if CJK_CHAR.search(query):
        query = " ".join(
            f'"{separate_cjk_text(word)}"' if CJK_CHAR.search(word) else word
            for word in query.replace('"', " ").split()
        )
    return SearchQuery(query, config=config, search_type="websearch")


def separate_cjk_text(text):
    return CJK_CHAR.sub(lambda match: match.group() + " ", text).strip()


def visible_pages(site=None):
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages


def find(query, language, site=None):
    """The matching entries of live, public pages in the visitor's language, best first."""
    entries = SearchEntry.objects.filter(language=language, page__in=visible_pages(site))
    if uses_postgres():
        tsquery = postgres_query(query, search_config(language))
        return (
            entries.filter(search_vector=tsquery)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", "pk")
            .only("pk", "page_id", "title", "title_fallback", "body_fallback")
        )
    required, excluded = words(query)
    if not required:
        return entries.none()
    for word in required:
        entries = entries.filter(folded__contains=word)
    for word in excluded:
        entries = entries.exclude(folded__contains=word)
    return entries.order_by("page__path").only(
        "pk", "page_id", "title", "title_fallback", "body_fallback"
    )


@dataclass
class Result:
    url: str
    title: SafeString
    excerpt: SafeString
    title_fallback: bool
    body_fallback: bool


def marked(text):
    """Escape text and turn the match markers into <mark> elements."""
    html = escape(text).replace(MATCH_STOP + MATCH_START, "")
    return mark_safe(  # noqa: S308 - escaped above; only our markers become tags
        html.replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    )


def mark_words(text, query):
    """Markers around every occurrence of the query's words (case-insensitive)."""
    required, _excluded = words(query)
    if not required:
        return text
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(required, key=len, reverse=True)),
        re.IGNORECASE,
    )
    return pattern.sub(lambda match: f"{MATCH_START}{match.group()}{MATCH_STOP}", text)


def excerpt_around_match(body, query):
    """About EXCERPT_CHARS of the body around the first match, with the words marked."""
    body = " ".join(body.split())
    required, _excluded = words(query)
    lowered = body.lower()
    positions = [lowered.find(word) for word in required if word in lowered]
    start = max(0, min(positions, default=0) - EXCERPT_CHARS // 3)
    if start:
        start = body.find(" ", start) + 1 or start  # begin at a word
    end = start + EXCERPT_CHARS
    if end < len(body):
        end = body.rfind(" ", start, end) if " " in body[start:end] else end
    excerpt = body[start:end]
    return ("… " if start else "") + mark_words(excerpt, query) + (" …" if end < len(body) else "")


def headlines(entries, query, language):
    """{entry pk: (title, excerpt)} with the matches marked, for one page of results."""
    ids = [entry.pk for entry in entries]
    config = search_config(language)
    if uses_postgres() and config != "simple":
        tsquery = postgres_query(query, config)
        rows = (
            SearchEntry.objects.filter(pk__in=ids)
            .annotate(
                title_marked=SearchHeadline(
                    "title",
                    tsquery,
                    config=config,
                    highlight_all=True,
                    start_sel=MATCH_START,
                    stop_sel=MATCH_STOP,
                ),
                excerpt=SearchHeadline(
                    "body",
                    tsquery,
                    config=config,
                    start_sel=MATCH_START,
                    stop_sel=MATCH_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .values_list("pk", "title_marked", "excerpt")
        )
        return {pk: (title, " ".join(excerpt.split())) for pk, title, excerpt in rows}
    # Without stemming a match is the word as written: mark it here, whatever the script.
    rows = SearchEntry.objects.filter(pk__in=ids).values_list("pk", "title", "body")
    return {
        pk: (mark_words(title, query), excerpt_around_match(body, query))
        for pk, title, body in rows
    }


def present(entries, query, language, request):
    """The results a visitor sees: title and excerpt marked, linking to the page in the
    visitor's language."""
    entries = list(entries)
    pages = Page.objects.in_bulk([entry.page_id for entry in entries])
    marked_texts = headlines(entries, query, language)
    results = []
    for entry in entries:
        page = pages.get(entry.page_id)
        if page is None:
            continue
        title, excerpt = marked_texts.get(entry.pk, (entry.title, ""))
        results.append(
            Result(
                url=page.get_url(request=request),
                title=marked(title),
                excerpt=marked(excerpt),
                title_fallback=entry.title_fallback,
                body_fallback=entry.body_fallback,
            )
        )
    return results


@dataclass
class Promotion:
    url: str
    title: str
    description: str
    title_fallback: bool


def promotions(query, request, site=None):
    """The editors' picks for this query (Wagtail search promotions, managed by
    moderators in the admin): live, public pages with their title in the visitor's
    language, or external links."""
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=visible_pages(site)))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    found = []
    for pick in picks:
        if pick.page_id:
            title = field_in_language(pick.page, "title")
            url = pick.page.get_url(request=request)
        else:
            title = field_in_language(pick, "external_link_text")
            url = pick.external_link_url
        if url:
            found.append(Promotion(url, str(title), pick.description, title.fallback))
    return found
