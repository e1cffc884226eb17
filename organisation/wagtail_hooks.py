from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Pollutant


class PollutantViewSet(SnippetViewSet):
    model = Pollutant
    icon = "warning"
    list_display = ["name", "symbol", "kind", "guideline_value", "guideline_unit"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(PollutantViewSet)
