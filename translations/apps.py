from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = "Translations"

    def ready(self):
        from . import guard
        from .search_fields import add_autocomplete_per_language
        from .stale import connect_signals

        connect_signals()
        guard.connect()
        add_autocomplete_per_language()
