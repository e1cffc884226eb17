"""A moderator compares two revisions of any page or snippet and sees what changed.

Each test saves two revisions by code, the second changing every field an editor can
change in the admin form (every language's column, every inline row, StreamField blocks
with images), and opens Wagtail's compare view as a moderator: it answers 200 and shows
each new value as an addition. Countries are named, not coded.
"""

import datetime
import itertools
import re
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse

from wagtail.admin.panels import get_edit_handler
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup
from django_countries.fields import CountryField
from wagtail_factories import ImageFactory

from organisation.models import (
    HomePage,
    OfficePage,
    Pollutant,
    PriorityIndexPage,
    PriorityPage,
)
from partners.models import (
    EventIndexPage,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    ToolIndexPage,
    ToolPage,
)
from programmes.models import City, ProgrammeIndexPage, ProgrammePage, Theme

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    PriorityIndexPage,
    PriorityPage,
    OfficePage,
    ProgrammeIndexPage,
    ProgrammePage,
    PartnerIndexPage,
    PartnerPage,
    ToolIndexPage,
    ToolPage,
    EventIndexPage,
    EventPage,
]
SNIPPETS = [Theme, City, Pollutant]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moritz", "moritz@example.org", "x")
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pictures():
    """Two images of the library, so that image fields and blocks can change."""
    return [ImageFactory(title="Solar roofs in Pune"), ImageFactory(title="Tram in Bonn")]


class Changes:
    """Gives each field a new value and remembers what the moderator should then see."""

    def __init__(self, pictures):
        self.pictures = pictures
        self.counter = itertools.count(1)
        self.expected = []

    def marker(self):
        # One word of letters and digits: the text diff keeps it whole.
        return f"zq{next(self.counter)}changed"

    def apply(self, obj, name):
        field = obj._meta.get_field(name)
        old = getattr(obj, field.attname)
        new, shown = self.new_value(field, old)
        if new is not None:
            setattr(obj, field.attname, new)
            self.expected.append((f"{type(obj).__name__}.{name}", shown))

    def new_value(self, field, old):  # noqa: C901 (one branch per field kind)
        """(new value, the text the compare view shows for it) for one model field."""
        if isinstance(field, CountryField):
            if field.multiple:
                return [str(code) for code in old] + ["FI"], "Finland"
            return ("NO", "Norway") if str(old) != "NO" else ("FI", "Finland")
        if field.choices:
            value, label = next((v, lbl) for v, lbl in field.flatchoices if v and v != old)
            return value, str(label)
        if isinstance(field, models.ForeignKey):
            target = field.related_model
            if issubclass(target, get_image_model()):
                choice = next(image for image in self.pictures if image.pk != old)
            else:  # a page, a snippet
                choice = target.objects.exclude(pk=old).first()
            return choice.pk, str(choice)
        if isinstance(field, models.BooleanField):
            return not old, str(not old)
        if isinstance(field, models.DecimalField):
            new = (old or Decimal("10.00")) + Decimal("1.25")
            return new, str(new)
        if isinstance(field, models.IntegerField):
            new = (old or 2000) + 1
            return new, str(new)
        if isinstance(field, models.DateTimeField):
            return None, None  # publishing schedule: the Status panel, not the comparison
        if isinstance(field, models.DateField):
            return datetime.date(2031, 5, 17), "2031-05-17"
        if isinstance(field, StreamField):
            marker = self.marker()
            blocks = list(old.raw_data) if old else []
            if "paragraph" in field.stream_block.child_blocks:
                added = [
                    {"type": "paragraph", "value": f"<p>{marker}</p>"},
                    {"type": "image", "value": {"image": self.pictures[1].pk, "caption": marker}},
                ]
            else:  # an event's recordings and documents
                url = f"https://example.org/{marker}"
                added = [{"type": "recording", "value": {"title": marker, "url": url}}]
            return [
                *({"type": b["type"], "value": b["value"], "id": b.get("id")} for b in blocks),
                *added,
            ], marker
        if isinstance(field, RichTextField):
            marker = self.marker()
            return f"{old or ''}<p>{marker}</p>", marker
        if isinstance(field, models.URLField):
            marker = self.marker()
            return f"https://example.org/{marker}", marker
        if isinstance(field, models.EmailField):
            marker = self.marker()
            return f"{marker}@example.org", marker
        if isinstance(field, models.SlugField):
            marker = self.marker()
            return marker, marker
        if field.name == "time_zone":  # an IANA name (an event's zone)
            new = "Asia/Tokyo" if old != "Asia/Tokyo" else "America/Lima"
            return new, new
        if isinstance(field, (models.CharField, models.TextField)):
            marker = self.marker()
            new = f"{old} {marker}" if old else marker
            if field.max_length and len(new) > field.max_length:
                new = marker
            try:
                field.run_validators(new)
            except ValidationError:  # e.g. the form's list of recipients' addresses
                new = f"{marker}@example.org"
            return new, marker
        raise AssertionError(f"no test value for {field!r}: add one here")

    def apply_to_rows(self, obj, relation, names):
        """Change every field of the first row of an inline panel, or add a row."""
        rows = list(getattr(obj, relation).all())
        if rows:
            row = rows[0]
        else:
            row = getattr(obj, relation).model()
            rows.append(row)
        for name in names:
            self.apply(row, name)
        setattr(obj, relation, rows)


def edited_fields(model, handler):
    """The fields and inline rows an editor changes in the model's admin form."""
    form_class = handler.bind_to_model(model).get_form_class()
    fields = [name for name in form_class._meta.fields if name != "comment_notifications"]
    formsets = {name: spec["fields"] for name, spec in (form_class._meta.formsets or {}).items()}
    return fields, formsets


def change_everything(obj, handler, pictures):
    changes = Changes(pictures)
    fields, formsets = edited_fields(type(obj), handler)
    for name in fields:
        changes.apply(obj, name)
    for relation, names in formsets.items():
        # Wagtail's own rows (editors' comments) are not content a moderator compares.
        if getattr(obj, relation).model._meta.app_label != "wagtailcore":
            changes.apply_to_rows(obj, relation, names)
    return changes.expected


def additions(response):
    """The text marked as added, with the names (alt text) of the images added."""
    soup = BeautifulSoup(response.content, "html.parser")
    for image in soup.select(".addition img"):
        image.replace_with(image.get("alt", ""))
    text = " ".join(node.get_text(" ") for node in soup.select(".addition"))
    return re.sub(r"\s+", " ", text)


def assert_shows(response, expected):
    assert response.status_code == 200
    shown = additions(response)
    missing = [(where, value) for where, value in expected if value not in shown]
    assert not missing, f"not shown as changed: {missing}"


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_moderator_sees_every_change_to_a_page(model, moderator, pictures):
    page = model.objects.order_by("path").first().get_latest_revision_as_object()
    before = page.save_revision()
    expected = change_everything(page, type(page).get_edit_handler(), pictures)
    after = page.save_revision()

    response = moderator.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, before.pk, after.pk))
    )

    assert_shows(response, expected)


@pytest.mark.parametrize("model", SNIPPETS, ids=lambda model: model.__name__)
def test_moderator_sees_every_change_to_a_snippet(model, moderator, pictures):
    snippet = model.objects.order_by("pk").first().get_latest_revision_as_object()
    before = snippet.save_revision()
    expected = change_everything(snippet, get_edit_handler(model), pictures)
    after = snippet.save_revision()

    url_name = model.snippet_viewset.get_url_name("revisions_compare")
    response = moderator.get(reverse(url_name, args=(snippet.pk, before.pk, after.pk)))

    assert_shows(response, expected)


def test_countries_added_and_removed_in_a_phase_of_urban_leds_are_named(moderator):
    page = ProgrammePage.objects.get(slug_en="urban-leds").get_latest_revision_as_object()
    phases = list(page.phases.all())
    phases[0].countries = ["BR", "IN"]
    page.phases = phases
    page.countries = ["BR", "IN", "ZA"]
    before = page.save_revision()
    phases[0].countries = ["BR", "DE"]  # India out, Germany in
    page.phases = phases
    page.countries = ["BR", "IN", "DE"]  # South Africa out, Germany in
    after = page.save_revision()

    response = moderator.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, before.pk, after.pk))
    )

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    added = {node.get_text(strip=True) for node in soup.select("span.addition")}
    removed = {node.get_text(strip=True) for node in soup.select("span.deletion")}
    assert "Germany" in added
    assert {"India", "South Africa"} <= removed
    assert "DE" not in added  # names, not ISO codes
