"""Template tags of the moderation lists."""

from django import template
from django.conf import settings
from django.utils.html import format_html_join

from wagtail.models import Revision

from translations.roles import restricted_languages

register = template.Library()


@register.simple_tag
def submission_languages(revision_or_user):
    """The languages of a translator (or of the one who saved a revision), as status labels
    ("" for people not limited to languages): a moderator sees which language a submission
    is in."""
    if isinstance(revision_or_user, Revision):
        user = revision_or_user.user
    else:
        user = revision_or_user
    languages = restricted_languages(user)
    if not languages:
        return ""
    names = dict(settings.LANGUAGES)
    return format_html_join(
        " ",
        '<span class="w-status w-status--label" data-submission-language="{}" lang="{}">{}</span>',
        ((code, code, names[code]) for code in languages),
    )
