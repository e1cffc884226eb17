"""The latest articles shown on the home page and on each programme and priority page
(registered with core.related, so those pages need not import the newsroom).

A programme or priority page served by core.routing gets its latest articles as a JSON
column of the query that loads it (core.chrome.Chrome.specific): no query of their own,
so those pages keep within their query budget. Anywhere else (the home page, previews)
they cost one query.
"""

import datetime

from django.conf import settings
from django.db.models import OuterRef
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname

from core.chrome import JSONRows, private, public
from organisation.models import HomePage, PriorityPage
from programmes.models import ProgrammePage

from .models import ORDER, ArticlePage

LATEST = 3
ANNOTATION = "latest_article_rows"
LISTED_ON = (ProgrammePage, PriorityPage)


def _columns():
    """The columns a listed article needs: its title and URL path in the active and the
    default language (modeltranslation falls back), its kind and date."""
    languages = dict.fromkeys([translation.get_language(), settings.LANGUAGE_CODE])
    names = [
        build_localized_fieldname(field, code)
        for field in ("title", "url_path")
        for code in languages
        if code
    ]
    return ["id", *names, "kind", "date"]


def _about(page_ref):
    return ArticlePage.objects.live().filter(related_pages__page_link=page_ref)


def latest_rows_annotation(models):
    """{ANNOTATION: the page's newest live, public articles as JSON rows} for the query
    that loads programme or priority pages."""
    if not any(issubclass(model, LISTED_ON) for model in models):
        return {}
    rows = _about(OuterRef("pk")).filter(~private()).order_by(*ORDER).values(*_columns())[:LATEST]
    return {ANNOTATION: JSONRows(rows)}


def _from_row(row):
    values = {name: row[name] for name in _columns() if name not in ("id", "date")}
    article = ArticlePage(pk=row["id"], date=datetime.date.fromisoformat(str(row["date"])[:10]))
    for name, value in values.items():
        setattr(article, name, value)
    return article


def latest_articles(page, request):
    """{"latest_articles": [...]}: the home page's newest articles, or the newest about a
    programme or priority."""
    rows = getattr(page, ANNOTATION, None)
    if rows is not None and isinstance(page, LISTED_ON):
        articles = sorted(
            (_from_row(row) for row in rows), key=lambda a: (a.date, a.pk), reverse=True
        )
        return {"latest_articles": articles}
    if isinstance(page, HomePage):
        articles = ArticlePage.objects.live().descendant_of(page)
    elif isinstance(page, LISTED_ON):
        articles = _about(page)
    else:
        return {}
    articles = public(articles, request).defer_streamfields().order_by(*ORDER)[:LATEST]
    return {"latest_articles": list(articles)}
