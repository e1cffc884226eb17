"""What the translator tooling stores: which English each translation was written against."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationMark(models.Model):
    """The English source a translation of one field of one object was written or confirmed for.

    `source_digest` is the sha256 of the normalised English text at that moment; the
    translation is stale when the English digest no longer matches (see `stale.py`).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=16)
    source_digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who last confirmed the translation still matches the English."),
    )

    class Meta:
        verbose_name = _("translation mark")
        verbose_name_plural = _("translation marks")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_mark_unique",
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"


class LanguagePreference(models.Model):
    """The languages a staff member works in: the admin's edit forms show only their fields.

    Empty means the default: a translator's own languages with English as the source, every
    language for everyone else (see my_languages.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    languages = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self):
        return f"{self.user_id}: {', '.join(self.languages) or '-'}"
