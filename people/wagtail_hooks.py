from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "role"]
    # No search_fields: the index holds the name in every language (translations/search_fields.py)


register_snippet(PersonViewSet)
