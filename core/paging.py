"""One page of a listing and its total in a single query, for Django's Paginator (the
programme index, the newsroom, the library).

The total rides along as a scalar subquery, the page's keys are picked in a narrow
subquery, and only that page's rows are read in full.
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import F, Func, IntegerField, Subquery
from django.http import Http404

MAX_PAGE = 10**9  # no listing has this many pages; a bigger number is not a page


class _Counted:
    def __init__(self, rows, total, offset):
        self.rows, self.total, self.offset = rows, total, offset

    def count(self):
        return self.total

    def __getitem__(self, window):
        return self.rows[window.start - self.offset : window.stop - self.offset]


def paginate(queryset, number, order, per_page):
    """Django's Page of `queryset` in `order`; a number that is not a page is a 404."""
    try:
        number = int(number or 1)
    except (TypeError, ValueError) as error:
        raise Http404("That page number is not an integer") from error
    if not 1 <= number <= MAX_PAGE:
        raise Http404("That page contains no results")
    offset = (number - 1) * per_page
    total = Subquery(
        queryset.order_by()
        .annotate(total=Func(F("pk"), function="COUNT", output_field=IntegerField()))
        .values("total")[:1],
        output_field=IntegerField(),
    )
    # The page's keys are picked in a narrow subquery (sorting thousands of wide page rows
    # costs PostgreSQL tens of milliseconds); only its dozen rows are read in full.
    shown = queryset.order_by(*order).values("pk")[offset : offset + per_page]
    rows = list(queryset.filter(pk__in=shown).annotate(total=total).order_by(*order))
    count = rows[0].total if rows else 0
    if not rows and number > 1:
        raise Http404("That page contains no results")
    try:
        return Paginator(_Counted(rows, count, offset), per_page).page(number)
    except InvalidPage as error:
        raise Http404(str(error)) from error
