"""The portal's image model: Wagtail's, with alt text required and translated per language."""

from django.conf import settings
from django.db import models

from modeltranslation.utils import build_localized_fieldname
from wagtail.images.models import AbstractImage, AbstractRendition, Image


def _alt_text_fields():
    return tuple(
        build_localized_fieldname("description", code) for code, _name in settings.LANGUAGES
    )


class CustomImage(AbstractImage):
    # `description` is Wagtail's alt text; modeltranslation adds one column per language
    # and the admin form (images.forms) requires the default language's.
    admin_form_fields = tuple(
        field
        for name in Image.admin_form_fields
        for field in (_alt_text_fields() if name == "description" else (name,))
    )

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_image", "Can choose image")]


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
