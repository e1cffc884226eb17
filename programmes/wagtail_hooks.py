from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import City, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    # No search_fields: the index holds the name in every language (translations/search_fields.py)


class CityViewSet(SnippetViewSet):
    model = City
    icon = "site"
    list_display = ["name", "country", "latitude", "longitude"]
    list_filter = ["country"]
    # No search_fields: the index holds the name in every language (translations/search_fields.py)


class ProgrammeSnippets(SnippetViewSetGroup):
    menu_label = "Programme data"
    menu_icon = "folder-open-inverse"
    items = (ThemeViewSet, CityViewSet)


register_snippet(ProgrammeSnippets)
