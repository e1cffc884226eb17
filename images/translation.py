from modeltranslation.translator import TranslationOptions, register

from .models import CustomImage


@register(CustomImage)
class CustomImageTR(TranslationOptions):
    fields = ("description",)  # the alt text; every visitor's language needs its own
    required_languages = ()
