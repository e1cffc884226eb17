"""Small helpers shared by the tests."""

import re

from bs4 import BeautifulSoup


def visible_text(response):
    """The page's text as a visitor reads it: tags dropped, all white space folded."""
    soup = BeautifulSoup(response.content, "html.parser")
    for hidden in soup(["script", "style", "head"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" ")).strip()


def html_lang(response):
    return BeautifulSoup(response.content, "html.parser").html.get("lang")


def publish(page, **values):
    """Publish a new revision of `page` (from its latest draft) with `values` changed, as an
    editor would; the page as it is now stored."""
    model = type(page)
    page = model.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


# The URLs the portal asked the front cache to refresh, in order (see the `refreshed` fixture).
REFRESHED = []


class RecordingBackend:
    """A frontend-cache backend that notes which URLs it was asked to refresh."""

    def __init__(self, params):
        self.hostnames = ["*"]

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        REFRESHED.extend(urls)


def person(username, *groups):
    """A staff member, "Username Example", in the named groups (editorial roles)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", first_name=username.title(), last_name="Example"
    )
    user.groups.add(*[Group.objects.get(name=name) for name in groups])
    return user
