"""Finding the entries that match a visitor's query, and showing them with the match marked.

PostgreSQL: the query is parsed with the visitor's language's configuration
(websearch_to_tsquery: any input is valid; "quoted phrases" and -exclusions work) and
matched against the GIN-indexed vectors, ranked with the title weighing more;
ts_headline marks the matched words, stemmed forms included.

SQLite (the embedded default): words are reduced to the same Snowball stems as PostgreSQL's
configurations (search.stemming: «метана» finds «метан», "city" no longer "ethnicity"),
every word of the query must occur in the page's text, pages where it occurs first (in the
title) come first, and the words are marked here in Python, stemmed forms included, as
ts_headline marks them; stop words are left out of the query with PostgreSQL's lists.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import StrIndex
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.translation_fallback import field_in_language

from . import stemming
from .indexing import CJK_CHAR, MATCH_START, MATCH_STOP, search_config
from .models import SearchEntry

EXCERPT_CHARS = 240


def uses_postgres():
    return connection.vendor == "postgresql"


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
    required, excluded = stemming.phrases(query, language)
    if not required:
        return entries.none()
    for phrase in required:
        entries = entries.filter(folded__contains=stemming.needle(phrase))
    for phrase in excluded:
        entries = entries.exclude(folded__contains=stemming.needle(phrase))
    # The title comes first in the folded text: a match there ranks first, as on PostgreSQL.
    first = StrIndex("folded", Value(stemming.needle(required[0])))
    return entries.order_by(first, "page__path").only(
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


def with_markers(text, spans):
    """The text with markers around each (start, end) span."""
    parts, position = [], 0
    for start, end in spans:
        parts += [text[position:start], MATCH_START, text[start:end], MATCH_STOP]
        position = end
    return "".join(parts) + text[position:]


def mark_words(text, query, language):
    """Markers around every word of the text that matches the query (stemmed forms too)."""
    required, _excluded = stemming.phrases(query, language)
    return with_markers(text, stemming.match_spans(text, required, language))


def excerpt_around_match(body, query, language):
    """About EXCERPT_CHARS of the body around the first match, with the words marked."""
    body = " ".join(body.split())
    required, _excluded = stemming.phrases(query, language)
    spans = stemming.match_spans(body, required, language)
    start = max(0, (spans[0][0] if spans else 0) - EXCERPT_CHARS // 3)
    if start:
        start = body.find(" ", start) + 1 or start  # begin at a word
    end = start + EXCERPT_CHARS
    if end < len(body):
        end = body.rfind(" ", start, end) if " " in body[start:end] else end
    inside = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
    excerpt = with_markers(body[start:end], inside)
    return ("… " if start else "") + excerpt + (" …" if end < len(body) else "")


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
    # SQLite, or a language without a stemmer: the words are marked here, as
    # ts_headline would mark them.
    rows = SearchEntry.objects.filter(pk__in=ids).values_list("pk", "title", "body")
    return {
        pk: (mark_words(title, query, language), excerpt_around_match(body, query, language))
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
