"""The newsroom's filters: kind, theme, programme and year (core.filters)."""

from core.filters import ListingFilterForm, ListingFilters

FILTERS = tuple(ListingFilterForm.base_fields)


def filter_articles(articles, params, index):
    """(form, selected filters, page of matching articles) for the request's GET parameters.
    A page number that is not a page of the results is a 404."""
    from .models import ORDER, ArticleRelatedPage, ArticleTheme

    filters = ListingFilters(
        year="date",
        theme_links=ArticleTheme,
        programme_links=ArticleRelatedPage,
        programme="page_link",  # programmes among the related pages
        programme_pages="programmes.ProgrammePage",
        order=ORDER,
    )
    return filters.apply(articles, params, index)
