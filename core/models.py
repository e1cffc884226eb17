"""Abstract building blocks for the content apps; core imports none of them."""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PageViewRestriction,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from core import related, slugs
from translations.forms_translator import TranslatorModelForm, TranslatorPageForm


class DefaultLanguageTitleMixin:
    """Keep Page.title/draft_title (untranslated base columns) in the default language.

    Without this, an editor whose admin runs in Russian writes Russian titles into
    everyone's page explorer (STACK-NOTES trap 5).
    """

    def save(self, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            default_title = getattr(self, f"title_{settings.LANGUAGE_CODE}", None)
            if default_title:
                self.draft_title = default_title
            return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().save_revision(*args, **kwargs)


class LanguagePreviewMixin:
    """One preview mode per language, so editors check each translation before publishing.

    Wagtail would preview only in the admin's own language; here the preview panel's
    mode menu offers every language (combined with the page's own modes, e.g. a form
    page's "form" and "landing").
    """

    @property
    def preview_modes(self):
        return [
            (f"{mode}:{code}" if mode else code, f"{label} · {name}" if mode else name)
            for mode, label in super().preview_modes
            for code, name in settings.LANGUAGES
        ]

    @property
    def default_preview_mode(self):
        language = translation.get_language()
        modes = [mode for mode, _label in self.preview_modes]
        return next((mode for mode in modes if mode.endswith(language)), modes[0])

    def serve_preview(self, request, mode_name):
        base_mode, _sep, language = mode_name.rpartition(":")
        if language not in dict(settings.LANGUAGES):
            base_mode, language = mode_name, settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, base_mode)
            if hasattr(response, "render"):
                response.render()  # inside the language, not after it is reset
        return response


class KnownPublicMixin:
    """Skip Wagtail's two view-restriction queries for a page that core.chrome routed and
    found public (no restriction on it or above it, no alias on the way)."""

    def get_view_restrictions(self):
        if getattr(self, "_known_public", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class PageForm(TranslatorPageForm):
    """The admin's page form. A page being created is not in the tree yet: it is told its
    parent before the model validates it, so rules that depend on the parent (core.slugs)
    hold on creation too."""

    def _post_clean(self):
        if not self.instance.path and getattr(self, "parent_page", None) is not None:
            self.instance.parent_for_validation = self.parent_page
        super()._post_clean()


class TranslatedPageMixin(KnownPublicMixin, LanguagePreviewMixin, DefaultLanguageTitleMixin):
    """What every page type needs under modeltranslation."""

    # Keeps language translators to their languages (wagtail-modeltranslation subclasses it).
    base_form_class = PageForm

    def _parent_for_validation(self):
        if self.path:
            return self.get_parent()
        return getattr(self, "parent_for_validation", None)

    def clean(self):
        super().clean()
        slugs.validate_slugs(self, self._parent_for_validation())

    def minimal_clean(self):
        # What Wagtail checks when a draft is saved without a revision (e.g. by a command).
        super().minimal_clean()
        slugs.validate_slugs(self, self._parent_for_validation())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(related.context_for(self, request))  # e.g. the latest articles
        return context


class KeyFigure(models.Model):
    """A figure shown as data: a value, what it counts, where it comes from and when."""

    class Display(models.TextChoices):
        EXACT = "exact", _("Exact number")
        AT_LEAST = "at_least", _("At least (shown with “+”)")
        YEAR = "year", _("Year (no digit grouping)")

    value = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=20, blank=True, help_text=_("e.g. “°C”; empty for counts."))
    display = models.CharField(max_length=10, choices=Display.choices, default=Display.EXACT)
    label = models.CharField(
        max_length=200, help_text=_("What the number counts, e.g. “countries”.")
    )
    source = models.CharField(max_length=255, blank=True)
    source_url = models.URLField(blank=True)
    as_of = models.DateField(
        null=True, blank=True, help_text=_("When the figure was true. Leave empty if unknown.")
    )

    panels = [
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit"), FieldPanel("display")]),
        FieldPanel(
            "label",
            help_text=_(
                "What the number counts, e.g. “countries”. A year is shown after the label: "
                "“Member of the … since”."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_url"), FieldPanel("as_of")],
            heading=_("Source"),
        ),
    ]

    api_fields = [
        APIField("value"),
        APIField("unit"),
        APIField("display"),
        APIField("formatted_value"),
        APIField("label"),
        APIField("source"),
        APIField("source_url"),
        APIField("as_of"),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        if self.display == self.Display.YEAR:  # “Member of … since 2014”
            return f"{self.label} {self.formatted_value}"
        return f"{self.formatted_value} {self.label}"

    @property
    def formatted_value(self):
        """The value as a visitor reads it in the active language: “1,750+”, “1,5 °C”, “2014”."""
        value = self.value.normalize()
        decimals = max(0, -value.as_tuple().exponent)
        if self.display == self.Display.YEAR:
            number = str(int(value))
        else:
            number = formats.number_format(value, decimal_pos=decimals, force_grouping=True)
        if self.display == self.Display.AT_LEAST:
            number += "+"
        return f"{number}\u00a0{self.unit}" if self.unit else number


def validate_year_range(start_year, end_year, end_field="end_year"):
    """Raise a field error when a period ends before it starts."""
    if start_year and end_year and end_year < start_year:
        raise ValidationError({end_field: _("The end year cannot be before the start year.")})


def format_year_range(start_year, end_year):
    """“2013–2015”, “since 2011”, “2015” or “” for a period given in years."""
    if start_year and end_year:
        return str(start_year) if start_year == end_year else f"{start_year}–{end_year}"
    if start_year:
        return gettext("since %(year)s") % {"year": start_year}
    return str(end_year or "")


class SeedRecord(models.Model):
    """Remembers what the seed command created, so a re-run never recreates or
    overwrites anything an editor has since changed, renamed or deleted."""

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seed record")

    def __str__(self):
        return self.key


class ListingOptions(models.Model):
    """What a filtered listing's live entries offer in its filters (core/listing_options.py):
    {"themes": [ids], "programmes": [ids], "years": [years]}, or null until worked out."""

    index = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    generation = models.PositiveBigIntegerField(default=0)
    options = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("listing filter options")
        verbose_name_plural = _("listing filter options")

    def __str__(self):
        return f"options of page {self.index_id}"


def workflow_states_relation(related_query_name):
    """A snippet's workflow states (Wagtail keys them by the concrete model's content type)."""
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=related_query_name,
        for_concrete_model=False,
    )


class EditorialSnippetMixin(
    LanguagePreviewMixin,
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    models.Model,
):
    """What editors expect of a snippet: drafts, revisions, locking, preview (in each
    language, like pages) and the moderation workflow pages have (editors submit, moderators
    approve, which publishes; the workflow is assigned to each snippet model by
    editorial/migrations/0003).

    Subclasses add `_revisions = GenericRelation("wagtailcore.Revision", ...)`,
    `_workflow_states = GenericRelation("wagtailcore.WorkflowState", ...)` (see
    workflow_states()) and a `preview_template`; only live rows are shown to visitors.
    """

    preview_template = None
    # Keeps language translators to their languages.
    base_form_class = TranslatorModelForm

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    @property
    def workflow_states(self):
        return self._workflow_states

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        return {"object": self, "request": request}


class HeroImageMixin(models.Model):
    """A wide picture at the top of a page: its focal point (set on the image) guides the crop,
    its alt text is translated (register `hero_alt` in the page type's translation options),
    the credit is shown under it. Add `*HeroImageMixin.hero_panels` to the content panels and
    include "components/hero.html" with hero=… (core.identity.hero) in the template."""

    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide photograph at the top of the page; set its focal point on the image."),
    )
    hero_alt = models.CharField(
        max_length=255,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it. Leave empty if it only "
            "decorates."
        ),
    )
    hero_credit = models.CharField(
        max_length=255, blank=True, help_text=_("Photographer or source, e.g. “Jane Doe / ICLEI”.")
    )

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_credit")],
            heading=_("Hero image"),
        )
    ]

    class Meta:
        abstract = True


class LogoSettingsMixin(models.Model):
    """The organisation's logo on site settings: the header shows it and the favicons are made
    from it (core.identity); without one, both show the home page's short name."""

    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "PNG or JPEG, square or wide, at least 512 pixels tall for sharp icons. Without a "
            "logo the site shows its short name as a wordmark."
        ),
    )

    class Meta:
        abstract = True


def _published_language_choices():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class LanguageSettingsForm(WagtailAdminModelForm):
    """The released languages as checkboxes (stored as a list of codes)."""

    released_languages = forms.MultipleChoiceField(
        choices=_published_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Released languages"),
        help_text=_(
            "Visitors see a language only once it is released: it is then in the language "
            "menu, in search engines' links and in the sitemap. English is always released. "
            "Staff can read and preview every language either way."
        ),
    )

    def clean_released_languages(self):
        chosen = set(self.cleaned_data["released_languages"])
        return [code for code, _name in settings.LANGUAGES if code in chosen]


@register_setting(icon="globe")
class LanguageSettings(BaseSiteSetting):
    """Which languages the site shows visitors (core.languages). A language staff are still
    translating stays out of the switcher, hreflang and sitemap, and its URLs send visitors
    to the English page."""

    released_languages = models.JSONField(default=list, blank=True)

    base_form_class = LanguageSettingsForm
    panels = [FieldPanel("released_languages")]

    class Meta:
        verbose_name = _("languages")

    def released(self):
        """Codes in settings order, the default language always first among them."""
        chosen = set(self.released_languages or ()) | {settings.LANGUAGE_CODE}
        return [code for code, _name in settings.LANGUAGES if code in chosen]
