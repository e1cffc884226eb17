"""People named on the site: authors of articles and publications."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.models import EditorialSnippetMixin, workflow_states_relation


class Person(EditorialSnippetMixin, index.Indexed, models.Model):
    """Someone who writes for the organisation. Only live (published) people are shown."""

    name = models.CharField(max_length=150)
    role = models.CharField(max_length=200, blank=True, help_text=_("e.g. “Policy officer”."))
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(blank=True, help_text=_("A short biography, two or three sentences."))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")
    _workflow_states = workflow_states_relation("person")
    preview_template = "people/previews/person.html"

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def schema_org(self):
        """schema.org Person (without a URL: people have no page of their own)."""
        data = {"@type": "Person", "name": self.name}
        if self.role:
            data["jobTitle"] = self.role
        return data


class AuthorLink(Orderable):
    """An author of a page (articles, publications): each page type's link model adds its
    own `page` (a ParentalKey with related_name="authors")."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True
        unique_together = [("page", "person")]
