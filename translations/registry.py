"""Everything modeltranslation registered, described for the translator tooling.

Generic on purpose: no content app is imported; a model is a page, a snippet, a site
setting, an image or a child row of a page according to what it is, not to its name.

The one source of "translatable fields" for the status report, the stale marks, the
PO/XLIFF exchange and the language translators' forms:

* every field modeltranslation registered is translatable, except `url_path` (Wagtail
  derives it from the slugs);
* slugs are translatable but optional: a language without its own slug uses the English
  one (STACK-NOTES trap 7). So a slug is exchanged and may be changed by that language's
  translators (`exchange_fields`), but is never counted missing nor marked stale
  (`fields`): an English slug renamed does not make the Russian slug wrong.
"""

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalKey
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models

DERIVED = frozenset({"url_path"})  # registered, but computed from the slugs
OPTIONAL = frozenset({"slug"})  # translatable, but English is a fine value for it

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
    fields: tuple[str, ...]  # text to translate (counted, marked stale), declaration order
    exchange_fields: tuple[str, ...]  # `fields` and the optional ones (slugs), declaration order
    parent_field: str | None = None  # for child rows: the ParentalKey to their page
    relation_fields: tuple[str, ...] = ()  # translated relations (files): form-only

    @property
    def app_label(self):
        return self.model._meta.app_label

    @property
    def label(self):
        return self.model._meta.label

    def column(self, field, language):
        return build_localized_fieldname(field, language)

    def columns(self, field):
        """Per language, the column that holds this field, default language first (read-only;
        worked out once per field, as the stale checks ask for it per field and row)."""
        return _columns(field, default_language(), tuple(settings.LANGUAGES))

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


@cache
def _columns(field, default, languages):
    codes = [default, *(code for code, _name in languages if code != default)]
    return MappingProxyType({code: build_localized_fieldname(field, code) for code in codes})


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
        registered = set(translator.get_options_for_model(model).all_fields) - DERIVED
        own = [f for f in model._meta.get_fields() if f.name in registered]
        exchanged = tuple(f.name for f in own if not f.is_relation)
        relations = tuple(f.name for f in own if f.is_relation)
        fields = tuple(name for name in exchanged if name not in OPTIONAL)
        if not fields:
            continue
        kind, parent = _kind(model)
        found.append(TranslatableModel(model, kind, fields, exchanged, parent, relations))
    return sorted(found, key=lambda item: (item.app_label, item.model._meta.model_name))


def for_model(model):
    """The registry entry of this exact model, or None."""
    return _by_model().get(model)


@cache
def _by_model():
    return {item.model: item for item in translatable_models()}


def exchange_fields(model):
    """The fields of `model` a translator may write: its `exchange_fields`, or () when the
    model has nothing to translate."""
    entry = for_model(model)
    return entry.exchange_fields if entry else ()


def form_fields(model):
    """The fields of `model` a translator may set in the admin form: its `exchange_fields`
    and its translated relations (a file per language)."""
    entry = for_model(model)
    return (*entry.exchange_fields, *entry.relation_fields) if entry else ()


def child_models():
    """The registered child-row models (InlinePanel rows of pages)."""
    return [item.model for item in translatable_models() if item.kind == CHILD]


def standalone_models():
    """Registered models that are items of their own: snippets, settings, images."""
    return [item.model for item in translatable_models() if item.kind not in (PAGE, CHILD)]


def children_of(page_model):
    """Registered child-row models whose ParentalKey points to this page type (or a parent)."""
    return [
        item
        for item in translatable_models()
        if item.kind == CHILD
        and issubclass(page_model, item.model._meta.get_field(item.parent_field).related_model)
    ]
