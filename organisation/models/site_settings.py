"""Facts about the organisation shown on every page (Organisation settings)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from django_countries.fields import CountryField

from core.blocks import SocialLinkBlock
from core.models import LogoSettingsMixin
from translations.forms_translator import TranslatorModelForm


@register_setting(icon="site")
class OrganisationSettings(LogoSettingsMixin, BaseSiteSetting):
    """Facts about the organisation shown on every page: the office address, the website and
    the logo (favicons are made from it, core.identity)."""

    street_address = models.CharField(max_length=255)
    postal_code = models.CharField(max_length=20)
    locality = models.CharField(max_length=100, help_text=_("Town or city."))
    country = CountryField()
    email = models.EmailField(blank=True, help_text=_("Public contact address, if any."))
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without its own image is shared on social media."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
            ],
            heading=_("Office address"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("share_image")], heading=_("Identity")),
    ]
    base_form_class = TranslatorModelForm  # keeps language translators to their languages
    select_related = ["logo", "share_image"]  # shown on every page: loaded with the settings

    class Meta:
        verbose_name = _("organisation settings")

    @property
    def has_address(self):
        return bool(self.street_address and self.locality)
