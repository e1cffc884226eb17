"""Old addresses keep working when an editor changes a page's slug in any language.

Wagtail's own automatic redirects only see the slug of the language the editor's admin
runs in; with one slug per language (modeltranslation) a Russian slug changed from an
English admin would break every Russian link. Here every language is compared.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page


def visitor_paths(page):
    """{language: path} of the page as visitors reach it, e.g. {"ru": "/ru/programmy/"}."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts = page.get_url_parts()
        if parts:
            paths[code] = parts[2]
    return paths


def remember_old_paths(sender, instance, update_fields=None, raw=False, **kwargs):
    # raw: rows loaded as they are (fixtures, loadtest.builder) are new, not renamed.
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    if update_fields is not None and not any(f.startswith("url_path") for f in update_fields):
        return
    stored = Page.objects.filter(pk=instance.pk, live=True).first()
    instance._paths_before_save = visitor_paths(stored) if stored else {}


def redirect_old_paths(sender, instance, **kwargs):
    before = getattr(instance, "_paths_before_save", None)
    if not before or not instance.live:
        return
    instance._paths_before_save = None
    after = visitor_paths(instance)
    changed = [code for code, path in before.items() if after.get(code) not in (None, path)]
    if not changed:
        return
    site = instance.get_site()
    create_redirect(before, changed, instance, site)
    # Descendants still have their old paths here (Wagtail moves them after saving).
    for descendant in instance.get_descendants().live().specific():
        create_redirect(visitor_paths(descendant), changed, descendant, site)


def create_redirect(old_paths, languages, page, site):
    for code in languages:
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(old_paths[code]),
            site=site,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )


def connect():
    pre_save.connect(remember_old_paths, dispatch_uid="core.redirects.remember_old_paths")
    post_save.connect(redirect_old_paths, dispatch_uid="core.redirects.redirect_old_paths")
