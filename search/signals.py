"""Publishing, unpublishing and deleting pages update the search at once (in the same
transaction), so a visitor never finds a page that is gone or misses one just published.

Deleting needs nothing here: entries go with their page (on_delete=CASCADE). Moving or
renaming needs nothing either: result links are built from the page when shown.
"""

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import indexing


def on_publish(sender, instance, **kwargs):
    indexing.index_page(instance)


def on_unpublish(sender, instance, **kwargs):
    # Wagtail unpublishes the descendants too; drop theirs in one go.
    indexing.remove_pages(Page.objects.descendant_of(instance, inclusive=True).not_live())


def connect_signals():
    page_published.connect(on_publish, dispatch_uid="search_index_on_publish")
    page_unpublished.connect(on_unpublish, dispatch_uid="search_index_on_unpublish")
