"""Lists in each language's own words: “Phase I и Phase II”, “A، B و C” (CLDR list
patterns, through Babel), instead of an English comma whatever the language."""

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from babel import Locale, UnknownLocaleError


def _patterns(language, style):
    try:
        locale = Locale.parse(translation.to_locale(language))
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse(settings.LANGUAGE_CODE)
    return locale.list_patterns[style]


def list_parts(items, language=None, style="standard"):
    """The items with the language's separators between them, as a list of parts
    [item, separator, item, …]: callers keep each item as it is (an HTML piece with its
    own lang/dir marks), the separators are plain text in the page's language."""
    items = list(items)
    if len(items) < 2:
        return items
    patterns = _patterns(language or translation.get_language() or settings.LANGUAGE_CODE, style)

    def split(pattern):
        # "{0} и {1}" -> ("", " и ", ""): what comes before, between and after the two.
        before, rest = pattern.split("{0}", 1)
        between, after = rest.split("{1}", 1)
        return before, between, after

    if len(items) == 2:
        before, between, after = split(patterns["2"])
        return [p for p in (before, items[0], between, items[1], after) if p != ""]
    # Babel's order: start joins the first two, middle the inner ones, end the last.
    parts = [items[0]]
    for index, item in enumerate(items[1:], start=1):
        key = "start" if index == 1 else "end" if index == len(items) - 1 else "middle"
        _before, between, _after = split(patterns[key])
        parts += [between, item]
    return parts


def format_list(items, language=None, style="standard"):
    """HTML: the items (escaped unless safe) joined in the language's words."""
    return mark_safe(  # noqa: S308 (every part is escaped)
        "".join(conditional_escape(part) for part in list_parts(items, language, style))
    )
