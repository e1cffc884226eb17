"""Translators per language: who may change which language's columns.

Each non-default language has a group "Translators (<native name>)" (created by
migrations/0002_translator_groups.py) with the permissions of the generic "Translators"
group. What membership means:

- "Translators (<language>)": that language's columns of translatable fields, nothing else;
  several such groups add their languages up.
- "Translators" alone: every language but the default one (English and the fields shared by
  all languages stay with editors).
- "Translators" and language groups: the language groups' languages only; the language
  groups are the narrower, deliberate choice.
- Editors, Moderators, Administrators (also with translator groups) and superusers: not
  limited to languages; their model permissions decide.

translations/guard.py enforces this on every write.
"""

from django.conf import settings

# Roles whose members may change every language (editorial/migrations/0001).
UNRESTRICTED_GROUPS = frozenset({"Editors", "Moderators", "Administrators"})
GENERIC_GROUP = "Translators"


def group_name(language_name):
    """The group of one language's translators, named after the language in that language."""
    return f"Translators ({language_name})"


def translator_groups():
    """Group name to language code, for every language but the default."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return {group_name(name): code for code, name in settings.LANGUAGES if code != default}


def restricted_languages(user):
    """The language codes a translator may change, in settings order; None when the user is
    not limited to languages (nobody, superusers, wider roles, people who are no translators)."""
    if user is None or not user.is_authenticated or not user.is_active or user.is_superuser:
        return None
    cached = getattr(user, "_translator_languages", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    by_group = translator_groups()
    codes = {by_group[name] for name in names if name in by_group}
    if names & UNRESTRICTED_GROUPS:
        languages = None
    elif codes:
        languages = [code for code, _name in settings.LANGUAGES if code in codes]
    elif GENERIC_GROUP in names:
        languages = list(by_group.values())
    else:
        languages = None
    user._translator_languages = languages
    return languages
