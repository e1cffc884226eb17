"""Admin search and choosers find pages and snippets by their title or name in any language.

Wagtail's admin page search, page chooser and snippet choosers autocomplete against the search
index, whose autocomplete column holds the model's `AutocompleteField`s. wagtail-modeltranslation
copies `SearchField`s per language but not `AutocompleteField`s (STACK-NOTES trap 9), so only the
English titles could be found. Each translated `AutocompleteField` gets one copy per language
here, at start-up, before anything is indexed; an existing index takes them after
`manage.py update_index`.
"""

import copy

from django.conf import settings

from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.search import index


def add_autocomplete_per_language():
    languages = [code for code, _name in settings.LANGUAGES]
    for model in translator.get_registered_models():
        if not issubclass(model, index.Indexed) or model._meta.abstract:
            continue
        translated = set(translator.get_options_for_model(model).all_fields)
        fields = list(model.search_fields)
        present = {(type(f), f.field_name) for f in fields}
        for search_field in model.search_fields:
            if type(search_field) is not index.AutocompleteField:
                continue
            if search_field.field_name not in translated:
                continue
            for code in languages:
                copied = copy.deepcopy(search_field)
                copied.field_name = build_localized_fieldname(search_field.field_name, code)
                if (type(copied), copied.field_name) not in present:
                    fields.append(copied)
                    present.add((type(copied), copied.field_name))
        model.search_fields = fields
