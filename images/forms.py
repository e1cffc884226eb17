"""The image form of the admin: alt text is required in the default language."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.images.forms import BaseImageForm

from translations.forms_translator import TranslatorFormMixin


class ImageForm(TranslatorFormMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
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
