"""Released languages: which languages visitors see, and where a page counts as translated.

Staff release a language in the admin (Settings › Languages, core.models.LanguageSettings)
once it is translated. Until then it is left out of the language switcher, the hreflang
links and the sitemap, and its public URLs send visitors (302) to the same page in
English; logged-in staff still read, translate and preview it (their responses are never
cached: core.cache). `serves` is the one check every public road asks (pages, search,
feeds and calendars through the middleware below, the JSON API in core.api). On a released
language, a page is announced in hreflang and the sitemap only when its title and main text
are written in that language (the rule of translations.status: a field counts where its
English is non-empty).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from core.chrome import Chrome, prime_request
from translations.stale import is_empty

# A page type's main text, besides its title: those of these fields it has translated (a
# page type may name its own with `main_text_fields`).
MAIN_TEXT_FIELDS = ("intro", "mission", "summary", "body")


def language_settings(request=None, site=None):
    """The site's LanguageSettings; prime_request loaded it with the site (no query)."""
    from core.models import LanguageSettings  # models import this module's users

    if request is not None:
        site = prime_request(request)
        cached = getattr(request, LanguageSettings.get_cache_attr_name(), None)
        if cached is not None:
            return cached
    if site is None:
        return None
    return LanguageSettings.for_site(site)


def released_languages(request=None, site=None):
    """Codes of the released languages in settings order (English always among them)."""
    if request is None and site is None:
        site = Site.objects.filter(is_default_site=True).first()
    languages = language_settings(request, site)
    return languages.released() if languages else [settings.LANGUAGE_CODE]


def is_released(language, request=None, site=None):
    return language in released_languages(request, site)


def sees_unreleased(request):
    """Staff (anyone who may use the admin) read and preview languages not yet released."""
    if request is None:
        return False
    if not hasattr(request, "_portal_sees_unreleased"):
        user = getattr(request, "user", None)
        request._portal_sees_unreleased = bool(
            user is not None
            and user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
        )
    return request._portal_sees_unreleased


def serves(language, request=None):
    """Whether the request may be answered in the language: a released one, or any for staff."""
    return is_released(language, request) or sees_unreleased(request)


def main_text_fields(page):
    """The page's (or page type's) title and main text field(s), the ones that make it
    "translated"."""
    from modeltranslation.translator import NotRegistered, translator

    model = page if isinstance(page, type) else type(page)
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ["title"]
    own = getattr(model, "main_text_fields", None)
    if own is None:
        own = [name for name in MAIN_TEXT_FIELDS if name in translated]
    return ["title", *own]


def is_translated(page, language):
    """Whether the page's title and main text are written in the language (not English
    shown as a fallback). A field English leaves empty asks nothing of a translation."""
    if language == settings.LANGUAGE_CODE:
        return True
    for name in main_text_fields(page):
        english = getattr(page, build_localized_fieldname(name, settings.LANGUAGE_CODE), None)
        if english is None or is_empty(type(page), name, english):
            continue
        own = getattr(page, build_localized_fieldname(name, language), None)
        if own is None or is_empty(type(page), name, own):
            return False
    return True


def translated_languages(pages, languages):
    """{page pk: the languages its title and main text are written in}, for plain pages of
    any types, in one query that reads only those columns (the sitemap: one per file)."""
    from core.chrome import _specific_paths

    pages = list(pages)
    if not pages:
        return {}
    wanted = [settings.LANGUAGE_CODE, *languages]
    columns = {}  # values() name -> (model, field, language)
    types = {page.specific_class for page in pages if page.specific_class is not None}
    for model in types:
        path = _specific_paths().get(model)
        for name in main_text_fields(model):
            for language in wanted:
                column = build_localized_fieldname(name, language)
                key = column if name == "title" or not path else f"{path}__{column}"
                columns[key] = (model, name, language)
    rows = Page.objects.filter(pk__in=[page.pk for page in pages]).values(
        "pk", "content_type_id", *columns
    )
    model_of = {page.pk: page.specific_class for page in pages}
    result = {}
    for row in rows:
        model = model_of[row["pk"]]
        fields = {}  # name -> {language: value} for this page's own type
        for key, (column_model, name, language) in columns.items():
            if name == "title" or column_model is model:
                fields.setdefault(name, {})[language] = row[key]
        result[row["pk"]] = [
            language
            for language in languages
            if language == settings.LANGUAGE_CODE
            or all(
                _written(model, name, values.get(settings.LANGUAGE_CODE), values.get(language))
                for name, values in fields.items()
            )
        ]
    return result


def _written(model, name, english, own):
    """A field asks nothing where its English is empty; else it needs its own text."""
    if english is None or is_empty(model, name, english):
        return True
    return own is not None and not is_empty(model, name, own)


def falls_back(page, language):
    """Whether any of the page's own translated fields shows English in the language."""
    from modeltranslation.translator import NotRegistered, translator

    if language == settings.LANGUAGE_CODE:
        return False
    try:
        fields = translator.get_options_for_model(type(page)).all_fields
    except NotRegistered:
        return False
    for name in fields:
        if name in ("slug", "url_path", "seo_title", "search_description"):
            continue  # not shown as text on the page (a slug in English is fine)
        english = getattr(page, build_localized_fieldname(name, settings.LANGUAGE_CODE), None)
        if english is None or is_empty(type(page), name, english):
            continue
        own = getattr(page, build_localized_fieldname(name, language), None)
        if own is None or is_empty(type(page), name, own):
            return True
    return False


def english_url(request):
    """The URL of what the request asks for, in English: the same page by its English slugs
    (routable pages keep their sub-path), another view by its English prefix."""
    default = settings.LANGUAGE_CODE
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.url_name == "wagtail_serve":
        path = match.kwargs.get("path", match.args[0] if match.args else "")
        chrome = Chrome.for_request(request)
        if chrome is not None and chrome.home is not None:
            components = [component for component in path.split("/") if component]
            found = chrome.find(chrome.home, components) if components else (chrome.home, [])
            if found is not None and found[0] is not None:
                page, rest = found
                url = chrome.url_in_language(page, default)
                if url:
                    return url + "".join(f"{component}/" for component in rest)
    url = translate_url(request.path_info, default)
    if url == request.path_info:  # no English name for it: the language prefix swapped
        language = translation.get_language_from_path(request.path_info)
        url = f"/{default}/" + request.path_info.removeprefix(f"/{language}/")
    return url


class ReleasedLanguageMiddleware:
    """Visitors to a language not yet released are sent (302) to the same page in English;
    the bare address sends them to their best released language. Staff pass.

    An address without a language prefix (the API, the sitemap, the icons) answers in
    English, not in an unreleased language a browser asks for (Accept-Language or the
    language cookie): LocaleMiddleware would label it so (Content-Language) and send a 404
    to that language's prefix. The admin keeps the browser's language (its login page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "is_dummy", False):
            # Wagtail's preview request (staff only): served in the preview mode's language,
            # and not primed here in the URL's.
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            active = translation.get_language()
            if (
                active != settings.LANGUAGE_CODE
                and not request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
                and not serves(active, request)
            ):
                translation.activate(settings.LANGUAGE_CODE)
            return self.get_response(request)
        # Primed with the page's path, as core.routing.serve would (no extra query later).
        prime_request(request, request.path_info.removeprefix(f"/{language}/"))
        if serves(language, request):
            return self.get_response(request)
        url = english_url(request)
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        translation.activate(settings.LANGUAGE_CODE)  # the redirect's Content-Language
        return HttpResponseRedirect(url)
