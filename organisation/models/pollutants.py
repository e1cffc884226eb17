"""The pollutants ICLEI works to reduce, a snippet the priorities name."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.search import index

from core.models import EditorialSnippetMixin, workflow_states_relation


class Pollutant(EditorialSnippetMixin, index.Indexed, models.Model):
    """A pollutant ICLEI works to reduce, with the guideline value where one is given."""

    class Kind(models.TextChoices):
        SLCP = "slcp", _("Short-lived climate pollutant")
        AIR = "air", _("Air pollutant")

    name = models.CharField(max_length=100)
    symbol = models.CharField(max_length=20, blank=True, help_text=_("e.g. “CH₄”, “PM2.5”."))
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(blank=True)
    guideline_value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    guideline_unit = models.CharField(max_length=20, blank=True, help_text=_("e.g. “µg/m³”."))
    guideline_source = models.CharField(
        max_length=100, blank=True, help_text=_("Who sets the guideline, e.g. “WHO”.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("symbol"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("guideline_value"), FieldPanel("guideline_unit")]),
                FieldPanel("guideline_source"),
            ],
            heading=_("Guideline value"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="pollutant")
    _workflow_states = workflow_states_relation("pollutant")
    preview_template = "organisation/previews/pollutant.html"

    class Meta:
        ordering = ["-kind", "name"]  # short-lived climate pollutants first
        verbose_name = _("pollutant")

    def __str__(self):
        return f"{self.name} ({self.symbol})" if self.symbol else self.name

    def clean(self):
        # Report on the default-language field: the admin form has no plain
        # "guideline_unit" field (modeltranslation), and naming one it lacks is a 500.
        unit_field = f"guideline_unit_{settings.LANGUAGE_CODE}"
        if self.guideline_value is not None and not getattr(self, unit_field):
            raise ValidationError({unit_field: _("Give the unit of the guideline value.")})
