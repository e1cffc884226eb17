"""Everything modeltranslation registered, described for the translator tooling.

Generic on purpose: no content app is imported; a model is a page, a snippet, a site
setting, an image or a child row of a page according to what it is, not to its name.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalKey
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models

# Registered, but not text for a translator: the URL follows the slug.
NOT_TEXT = frozenset({"slug", "url_path"})

PAGE, SNIPPET, SETTING, IMAGE, CHILD, OTHER = (
    "page",
    "snippet",
    "setting",
    "image",
    "child",
    "other",
)


def default_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def target_languages():
    """The languages translators write: every language but the default, in settings order."""
    return [code for code, _name in settings.LANGUAGES if code != default_language()]


def language_names():
    return dict(settings.LANGUAGES)


@dataclass(frozen=True)
class TranslatableModel:
    model: type[models.Model]
    kind: str
    fields: tuple[str, ...]  # translatable field names, without slug/url_path
    parent_field: str | None = None  # for child rows: the ParentalKey to their page

    @property
    def app_label(self):
        return self.model._meta.app_label

    @property
    def label(self):
        return self.model._meta.label

    def column(self, field, language):
        return build_localized_fieldname(field, language)

    def columns(self, field):
        """Per language, the column that holds this field, default language first."""
        return {
            code: self.column(field, code) for code in [default_language(), *target_languages()]
        }

    def field_label(self, field):
        return str(self.model._meta.get_field(field).verbose_name)

    def live_queryset(self):
        """The rows whose text visitors see: live pages, live snippets, children of live pages."""
        manager = self.model._base_manager
        if self.kind == PAGE:
            return manager.filter(live=True)
        if self.kind == CHILD:
            return manager.filter(**{f"{self.parent_field}__live": True})
        if issubclass(self.model, DraftStateMixin):
            return manager.filter(live=True)
        return manager.all()


def _parent_page_key(model):
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field.name
    return None


def _kind(model):
    if issubclass(model, Page):
        return PAGE, None
    if issubclass(model, AbstractImage):
        return IMAGE, None
    if issubclass(model, BaseSiteSetting | BaseGenericSetting):
        return SETTING, None
    parent = _parent_page_key(model)
    if parent:
        return CHILD, parent
    if model in get_snippet_models():
        return SNIPPET, None
    return OTHER, None


def registered_models():
    """Every concrete registered model except Wagtail's `Page` itself (its fields are each
    specific page's)."""
    return [
        model
        for model in translator.get_registered_models()
        if model is not Page and not model._meta.abstract and not model._meta.proxy
    ]


@cache
def translatable_models():
    """`registered_models()` described, sorted by app and model name."""
    found = []
    for model in registered_models():
        options = translator.get_options_for_model(model)
        fields = tuple(sorted(name for name in options.all_fields if name not in NOT_TEXT))
        if not fields:
            continue
        kind, parent = _kind(model)
        found.append(TranslatableModel(model, kind, fields, parent))
    return sorted(found, key=lambda item: (item.app_label, item.model._meta.model_name))


def for_model(model):
    """The registry entry of this exact model, or None."""
    for item in translatable_models():
        if item.model is model:
            return item
    return None


def children_of(page_model):
    """Registered child-row models whose ParentalKey points to this page type (or a parent)."""
    return [
        item
        for item in translatable_models()
        if item.kind == CHILD
        and issubclass(page_model, item.model._meta.get_field(item.parent_field).related_model)
    ]
