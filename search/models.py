"""What the site search finds: one entry per live page and language."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """The text a visitor sees on a page in one language (English where that language has
    none, field by field), ready to be matched.

    On PostgreSQL `search_vector` holds it parsed with the language's text search
    configuration (Russian stemmed, German stemmed, …) under a GIN index, so a query is an
    index lookup whatever the number of pages; on SQLite `folded` holds it lower-cased,
    because SQLite's LIKE folds only ASCII letters.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entries"
    )
    language = models.CharField(max_length=15)
    config = models.CharField(max_length=63)  # the PostgreSQL text search configuration
    title = models.TextField()
    body = models.TextField(blank=True)
    title_fallback = models.BooleanField(default=False)  # the title shown is English
    body_fallback = models.BooleanField(default=False)  # all of the body shown is English
    folded = models.TextField(blank=True)
    # A plain column on SQLite (always empty); its GIN index exists on PostgreSQL only
    # (migration 0001).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="search_entry_page_language")
        ]
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.title} ({self.language})"
