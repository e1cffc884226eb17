"""Translators per language: who may change which language's columns.

Each non-default language has a group "Translators (<native name>)" (created by
migrations/0002_translator_groups.py) with the permissions of the generic "Translators"
group. A member of such groups who has no wider role is limited to those languages; the
generic "Translators" group, the other editorial roles and superusers are not limited.
"""

from django.conf import settings

# Roles whose members may change every language (editorial/migrations/0001).
UNRESTRICTED_GROUPS = frozenset({"Editors", "Moderators", "Administrators", "Translators"})


def group_name(language_name):
    """The group of one language's translators, named after the language in that language."""
    return f"Translators ({language_name})"


def translator_groups():
    """Group name to language code, for every language but the default."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return {group_name(name): code for code, name in settings.LANGUAGES if code != default}


def restricted_languages(user):
    """The language codes a language translator may change, in settings order; None when the
    user is not limited to some languages (nobody, superusers, wider roles)."""
    if user is None or not user.is_authenticated or not user.is_active or user.is_superuser:
        return None
    cached = getattr(user, "_translator_languages", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    by_group = translator_groups()
    codes = {by_group[name] for name in names if name in by_group}
    if not codes or names & UNRESTRICTED_GROUPS:
        languages = None
    else:
        languages = [code for code, _name in settings.LANGUAGES if code in codes]
    user._translator_languages = languages
    return languages
