"""The latest articles shown on the home page and on each programme and priority page
(registered with core.related, so those pages need not import the newsroom)."""

from core.chrome import public
from organisation.models import HomePage, PriorityPage
from programmes.models import ProgrammePage

from .models import ORDER, ArticlePage

LATEST = 3


def latest_articles(page, request):
    """{"latest_articles": [...]}: the home page's newest articles, or the newest about a
    programme or priority; one query whatever the number of articles."""
    articles = ArticlePage.objects.live()
    if isinstance(page, HomePage):
        articles = articles.descendant_of(page)
    elif isinstance(page, ProgrammePage | PriorityPage):
        articles = articles.filter(related_pages__page_link=page)
    else:
        return {}
    articles = public(articles, request).defer_streamfields().order_by(*ORDER)[:LATEST]
    return {"latest_articles": list(articles)}
