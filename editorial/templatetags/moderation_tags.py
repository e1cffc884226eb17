"""Template tags of the moderation lists."""

from django import template
from django.conf import settings
from django.utils.html import format_html_join

from translations.roles import restricted_languages

register = template.Library()


@register.simple_tag
def submission_languages(revision):
    """The languages of the translator who saved `revision`, as status labels ("" for
    people not limited to languages): a moderator sees which language a submission is in."""
    user = getattr(revision, "user", None)
    languages = restricted_languages(user) if user is not None else None
    if not languages:
        return ""
    names = dict(settings.LANGUAGES)
    return format_html_join(
        " ",
        '<span class="w-status w-status--label" data-submission-language="{}" lang="{}">{}</span>',
        ((code, code, names[code]) for code in languages),
    )
