"""Forms of the translation exchange (download and upload of PO and XLIFF files)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from . import po
from .po_import import may_edit
from .roles import restricted_languages

MAX_ID = 2**31 - 1  # the largest id a database column holds everywhere


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _is_id(value):
    value = str(value)
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID


def find_item(spec, models=None):
    """The object named "app.model:pk" (po.item_key) among `models` ({label: model}; by
    default the standalone ones: snippets, settings, images), or None."""
    label, _sep, pk = (spec or "").partition(":")
    model = (po.lookup_models() if models is None else models).get(label.strip().lower())
    pk = pk.strip()
    if model is None or not _is_id(pk):
        return None
    return model._default_manager.filter(pk=int(pk)).first()


def editable_page(user, page_id):
    """The page `page_id` if `user` may edit it, else None."""
    if not _is_id(page_id):
        return None
    page = Page.objects.filter(pk=int(page_id), depth__gt=1).first()
    return page if page is not None and page.permissions_for_user(user).can_edit() else None


def editable_item(user, spec):
    """The standalone object named "app.model:pk" if `user` may edit it, else None."""
    item = find_item(spec)
    return item if item is not None and may_edit(user, item) else None


class ExportForm(forms.Form):
    """What to download: a language, and everything or one page or one snippet.

    A page's or snippet's "Download for translation" link fills in `page` or `snippet`;
    `cleaned_data` then holds the Page or the object, checked against the user's rights."""

    language = forms.ChoiceField(label=_("Language"), choices=_language_choices)
    page = forms.IntegerField(
        label=_("Page ID"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Only this page; leave empty for all content."),
    )
    snippet = forms.CharField(required=False, widget=forms.HiddenInput)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("po", "PO"), ("xliff", "XLIFF 2.0")],
        initial="po",
        required=False,  # links from before XLIFF ask for PO
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        languages = restricted_languages(user)
        if languages and not self.is_bound:
            self.initial.setdefault("language", languages[0])

    def clean_format(self):
        return self.cleaned_data["format"] or "po"

    def clean_page(self):
        page_id = self.cleaned_data["page"]
        if not page_id:
            return None
        page = editable_page(self.user, page_id)
        if page is None:
            raise forms.ValidationError(_("No page with this ID that you may edit."))
        return page

    def clean_snippet(self):
        spec = self.cleaned_data["snippet"]
        if not spec:
            return None
        item = editable_item(self.user, spec)
        if item is None:
            raise forms.ValidationError(_("No such item that you may edit."))
        return item

    def chosen_item(self):
        """The one page or snippet the download is limited to, for the heading; None for
        everything (or when the choice is not valid: the form says why)."""
        source = self.data if self.is_bound else self.initial
        if source.get("snippet"):
            return editable_item(self.user, source["snippet"])
        if source.get("page"):
            return editable_page(self.user, source["page"])
        return None


class ImportForm(forms.Form):
    """A translated file to read back. A language translator is offered only their languages
    (the import refuses any other language too: po_import.import_entries)."""

    language = forms.ChoiceField(label=_("Language"), choices=_language_choices)
    file = forms.FileField(
        label=_("PO or XLIFF 2.0 file"), help_text=_("The format is recognised from the content.")
    )
    publish = forms.BooleanField(
        label=_("Publish if I may"),
        required=False,
        help_text=_("Otherwise pages and snippets get a draft to review."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        languages = restricted_languages(user)
        if languages:
            field = self.fields["language"]
            field.choices = [(code, name) for code, name in field.choices if code in languages]
            self.initial.setdefault("language", languages[0])
