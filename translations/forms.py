"""Forms of the translation exchange (PO download and upload)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=_language_choices)
    page = forms.IntegerField(
        label=_("Page ID"),
        required=False,
        min_value=1,
        help_text=_("Only this page; leave empty for all content."),
    )


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=_language_choices)
    file = forms.FileField(label=_("PO file"))
    publish = forms.BooleanField(
        label=_("Publish if I may"),
        required=False,
        help_text=_("Otherwise pages and snippets get a draft to review."),
    )
