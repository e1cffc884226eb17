"""Page types the seed has none of, whose serving Wagtail defines: a proxy page model and a
routable page."""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse

from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from core.models import TranslatedPageMixin
from organisation.models import PriorityPage


class SpotlightPriorityPage(PriorityPage):
    """A priority shown with a spotlight: a proxy of PriorityPage with its own template.

    Wagtail stores a page's concrete content type unless told otherwise; a proxy page
    model keeps its own (the recipe in wagtail/wagtail#1736), so that `.specific` is the
    proxy."""

    template = "serve_contract/spotlight_priority_page.html"

    class Meta:
        proxy = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.id:
            self.content_type = ContentType.objects.get_for_model(self, for_concrete_model=False)


class ArchivePage(RoutablePageMixin, TranslatedPageMixin, Page):
    """A page with its own routes (`latest/`, `year/<year>/`) and children."""

    subpage_types = ["serve_contract.ArchivePage"]

    @path("latest/")
    def latest(self, request):
        return HttpResponse(f"The latest of {self.title}")

    @re_path(r"^year/(\d{4})/$")
    def year(self, request, year):
        return self.render(request, context_overrides={"year": year})
