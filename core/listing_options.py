"""What a filtered listing's entries offer (their themes, programmes and years), kept per
listing and renewed after its entries change, so a listing's page does not scan every entry.

The newsroom's and the library's filters offer only what their live entries have. Worked out
on each render, that was three scans of all entries and their links (27 ms of SQL at 10,000
articles). Here it is worked out on the first render after a change and kept in the
listing's row (ListingOptions) until an entry, or one of the links the options come from,
is saved, deleted or moved, or a page's privacy changes. Forgetting is one UPDATE, done in the
writer's transaction; every road in (admin, revisions, imports, commands, the ORM) saves the
rows, so every road forgets. Bulk writes that skip signals (generate_load_content) call
forget_all().

A render stores what it worked out only if nothing was forgotten meanwhile (the generation it
started from is unchanged), so a write during the render is never lost.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

_WATCHED_PAGES = set()  # entry page models of filtered listings


def _model():
    from .models import ListingOptions

    return ListingOptions


def stored(index, work_out):
    """The options of `index`'s listing: kept ones, or work_out() (JSON-able), kept."""
    if index.pk is None:  # the preview of a listing not yet created
        return work_out()
    rows = _model().objects.filter(index_id=index.pk)
    found = rows.values_list("generation", "options").first()
    if found is None:
        try:
            with transaction.atomic():
                _model().objects.create(index_id=index.pk)
        except IntegrityError:
            pass  # made meanwhile by another render
        found = rows.values_list("generation", "options").first() or (0, None)
    generation, options = found
    if options is None:
        options = work_out()
        rows.filter(generation=generation).update(options=options)
    return options


def _parent_path(path):
    return path[: -Page.steplen] if path and len(path) > Page.steplen else None


def _forget(listings):
    listings.update(generation=F("generation") + 1, options=None)


def forget(paths):
    """The listings at these tree paths work their options out again on their next render."""
    paths = [path for path in paths if path]
    if paths:
        _forget(_model().objects.filter(index__path__in=paths))


def forget_all():
    _forget(_model().objects.all())


def _entry_saved_or_deleted(sender, instance, **kwargs):
    if kwargs.get("raw") or not isinstance(instance, Page):
        return
    if _is_entry(instance):
        forget([_parent_path(instance.path)])


def _is_entry(page):
    specific = page.specific_class if type(page) is Page else type(page)
    return specific in _WATCHED_PAGES


def _link_saved_or_deleted(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    # One UPDATE: the listing whose path is the parent part of the entry's (no read first).
    parents = (
        Page.objects.filter(pk=instance.page_id)
        .annotate(parent=Substr("path", 1, Length("path") - Page.steplen))
        .values_list("parent", flat=True)
    )
    _forget(_model().objects.filter(index__path__in=parents))


def _moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if _is_entry(instance):
        forget([parent_page_before.path, parent_page_after.path])


def _privacy_changed(sender, instance, **kwargs):
    forget_all()  # rare, and a restriction may cover a whole listing's entries


def _connect(receiver, model):
    for signal in (post_save, post_delete):
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=(receiver, model))


def watch(page_model, *link_models):
    """Keep the options of the listings whose entries are `page_model` pages, with links
    `link_models` (rows with a `page`), up to date. Called by the apps' ready()."""
    if not _WATCHED_PAGES:
        _connect(_entry_saved_or_deleted, Page)  # a page saved as a plain Page (unpublish)
        _connect(_privacy_changed, PageViewRestriction)
        post_page_move.connect(_moved, dispatch_uid="listing_options_move")
    _WATCHED_PAGES.add(page_model)
    _connect(_entry_saved_or_deleted, page_model)
    for model in link_models:
        _connect(_link_saved_or_deleted, model)
