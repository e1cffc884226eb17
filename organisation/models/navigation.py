"""Site-wide furniture editors set once: the footer and legal menus, and the site notice.

Both are site settings, loaded with the request's site (core.chrome.prime_request), so they
cost a page no query of their own; their text is translated per language (a language without
its own menu shows the English one).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from core import cache as front_cache
from translations.forms_translator import TranslatorModelForm


class MenuLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        required=False, max_length=80, help_text=_("Empty: the page's own title.")
    )
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label=_("Address"), help_text=_("Instead of a page."))

    class Meta:
        icon = "link"
        template = "blocks/menu_link_block.html"
        description = "A link to a page of this site or another address"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": _("Choose a page or enter an address (one of the two).")}
            )
        if value.get("url") and not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"label": _("A link to another address needs a label.")}
            )
        return value


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The footer's menu and its legal links; the privacy notice and, once published, the
    Impressum join the legal links by themselves."""

    footer_links = StreamField(
        [("link", MenuLinkBlock())],
        blank=True,
        help_text=_("Shown in the footer of every page."),
    )
    legal_links = StreamField(
        [("link", MenuLinkBlock())],
        blank=True,
        help_text=_("Shown at the very bottom of every page, e.g. the privacy notice."),
    )

    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that says what the portal stores and why: linked from the contact form "
            "and at the bottom of every page."
        ),
    )

    panels = [
        FieldPanel("privacy_notice"),
        FieldPanel("footer_links"),
        FieldPanel("legal_links"),
    ]
    base_form_class = TranslatorModelForm
    select_related = ["privacy_notice"]  # loaded with the site (core.chrome.prime_request)

    class Meta:
        verbose_name = _("footer and legal menus")


@register_setting(icon="warning")
class SiteNotice(BaseSiteSetting):
    """A short notice above every page, for a period (e.g. planned maintenance).

    The front cache keeps pages for a few minutes; saving the notice records its start and
    end in core.cache, whose ETags change when either passes, so cached copies are renewed
    within the cache's refresh window without anyone publishing anything."""

    message = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Empty: no notice. Keep it to a sentence or two."),
    )
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty: shown from now on.")
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty: shown until removed.")
    )

    panels = [
        FieldPanel("message"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("When"),
        ),
    ]
    base_form_class = TranslatorModelForm

    class Meta:
        verbose_name = _("site notice")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The notice must end after it starts.")})

    def is_shown(self, now=None):
        if not (self.message or "").strip():
            return False
        now = now or timezone.now()
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or now < self.ends_at
        )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        front_cache.schedule_changes(f"site-notice:{self.site_id}", [self.starts_at, self.ends_at])
