"""Keeping the search entries in step with the live site.

Each live page gets one entry per language holding what a visitor reads there: the title
and the page's search fields (summary, body, intro, …) in that language, or in English
field by field where the language has none, exactly as the page shows them.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, TextField, Value, prefetch_related_objects
from django.utils import translation

from modeltranslation.translator import NotRegistered, translator
from wagtail.models import Page
from wagtail.search import index

from core.translation_fallback import field_in_language, is_empty

from . import stemming
from .models import SearchEntry
from .stemming import CJK, search_config

# Private-use characters that mark a match in an excerpt until it is escaped and turned
# into <mark>; removed from indexed text so a page cannot forge one.
MATCH_START = "\ue000"
MATCH_STOP = "\ue001"

CJK_CHAR = re.compile(f"[{CJK}]")
UNSEARCHABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{MATCH_START}{MATCH_STOP}]")
SPACES = re.compile(r"[ \t\r\f\v]+")


def clean(text):
    text = UNSEARCHABLE.sub(" ", str(text))
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def body_field_names(model):
    """The model's search fields other than the title, without modeltranslation's
    per-language copies (title_ru, summary_de, …: the language is chosen here)."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = {}
    copies = {field.name for fields in translated.values() for field in fields}
    names = []
    for search_field in model.get_search_fields():
        name = search_field.field_name
        if (
            isinstance(search_field, index.SearchField)
            and name != "title"
            and name not in copies
            and name not in names
        ):
            names.append(name)
    return names


def plain_text(model, name, value):
    """A field's value as the words a visitor reads (rich text and blocks without markup)."""
    if is_empty(value):
        return ""
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # a method or property named in search_fields
        model_field = None
        if callable(value):
            value = value()
    if hasattr(model_field, "get_searchable_content"):
        return " ".join(str(part) for part in model_field.get_searchable_content(value))
    return str(value)


def entry_for(page, language):
    """The unsaved SearchEntry of a specific page in one language."""
    with translation.override(language):
        title = field_in_language(page, "title", language)
        parts, fallbacks = [], []
        for name in body_field_names(type(page)):
            shown = field_in_language(page, name, language)
            text = clean(plain_text(type(page), name, shown.value))
            if text:
                parts.append(text)
                fallbacks.append(shown.fallback)
    body = "\n\n".join(parts)
    return SearchEntry(
        page_id=page.pk,
        language=language,
        config=search_config(language),
        title=clean(title),
        body=body,
        title_fallback=title.fallback,
        body_fallback=bool(fallbacks) and all(fallbacks),
        folded=stemming.folded(f"{clean(title)}\n{body}", language)
        if connection.vendor != "postgresql"
        else "",
    )


def separate_cjk(expression):
    """SQL: a space after every CJK character, so each is a word of its own."""
    return Func(
        expression,
        Value(f"([{CJK}])"),
        Value("\\1 "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def vector():
    """The entry's words in its language's configuration; the title weighs more (A)."""
    config = F("config")
    return SearchVector(separate_cjk(F("title")), config=config, weight="A") + SearchVector(
        separate_cjk(F("body")), config=config, weight="B"
    )


def is_searchable(page):
    return page.live and page.depth > 1  # the tree root is no page a visitor sees


def prefetch(pages):
    """Fetch what each page type's indexing reads beyond its row (its `search_prefetch()`
    lookups, e.g. a publication's documents and their text) for all pages of that type
    at once: the queries stay the same however many pages a batch holds."""
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for model, same_type in by_type.items():
        if hasattr(model, "search_prefetch"):
            prefetch_related_objects(same_type, *model.search_prefetch())


def index_pages(pages):
    """Replace the entries of these pages (specific instances) in every language."""
    pages = list(pages)
    prefetch(pages)
    ids = [page.pk for page in pages]
    entries = [
        entry_for(page, code)
        for page in pages
        if is_searchable(page)
        for code, _name in settings.LANGUAGES
    ]
    with transaction.atomic():
        SearchEntry.objects.filter(page_id__in=ids).delete()
        SearchEntry.objects.bulk_create(entries)
        if connection.vendor == "postgresql" and entries:
            SearchEntry.objects.filter(page_id__in=ids).update(search_vector=vector())


def index_page(page):
    index_pages([page.specific])


def remove_pages(pages_qs):
    SearchEntry.objects.filter(page__in=pages_qs).delete()


def rebuild(batch_size=200, progress=None):
    """Index every live page again, in batches; progress(done, total) after each batch."""
    pages = Page.objects.live().filter(depth__gt=1).order_by("path")
    total = pages.count()
    with transaction.atomic():
        SearchEntry.objects.exclude(page__in=pages).delete()
        ids = list(pages.values_list("pk", flat=True))
        for start in range(0, total, batch_size):
            batch = Page.objects.filter(pk__in=ids[start : start + batch_size]).specific()
            index_pages(batch)
            if progress:
                progress(min(start + batch_size, total), total)
    return total
