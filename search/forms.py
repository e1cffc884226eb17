import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNREADABLE = _(
    "Your search contains characters that cannot be searched for. "
    "Please type it again using letters, digits and punctuation."
)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        required=False,
        max_length=settings.SEARCH_QUERY_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Your search is too long. Please use at most %(limit_value)d characters."
            ),
            "null_characters_not_allowed": UNREADABLE,
        },
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        # Control characters are binary junk; U+FFFD is what bytes that were not UTF-8
        # became when Django decoded the address.
        if any(unicodedata.category(char) == "Cc" or char == "\ufffd" for char in query):
            raise ValidationError(UNREADABLE, code="unreadable")
        return " ".join(query.split())
