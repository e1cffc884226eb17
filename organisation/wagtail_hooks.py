from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Pollutant


class PollutantViewSet(SnippetViewSet):
    model = Pollutant
    icon = "warning"
    list_display = ["name", "symbol", "kind", "guideline_value", "guideline_unit"]
    list_filter = ["kind"]
    # No search_fields: the index holds the name in every language (translations/search_fields.py)


register_snippet(PollutantViewSet)
