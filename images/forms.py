"""The image form of the admin: alt text is required in the default language, and only
those who may replace an image's file get the file field."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.images.forms import BaseImageForm

from translations.forms_translator import TranslatorFormMixin


class ImageForm(TranslatorFormMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            field = self.fields.get(build_localized_fieldname("description", code))
            if field is None:
                continue
            field.label = _("Alt text (%(language)s)") % {"language": name}
            if code == settings.LANGUAGE_CODE:
                field.required = True
                field.help_text = _(
                    "What the image shows, for people who cannot see it. Required; other "
                    "languages fall back to it."
                )
        # Translators may change an image's texts, not swap the picture (images/permissions.py).
        self.may_replace_file = not (
            self.instance.pk
            and user is not None
            and not self.permission_policy.user_has_permission_for_instance(
                user, "replace", self.instance
            )
        )
        if not self.may_replace_file:
            self.fields.pop("file", None)

    def clean(self):
        cleaned_data = super().clean()
        if not self.may_replace_file and self.files.get("file"):
            raise ValidationError(
                _("You may change this image's texts, but not replace its file."),
                code="replace_file",
            )
        return cleaned_data
