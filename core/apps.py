from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import frontend_cache, redirects, sanitise
        from core.page_indexes import ensure_page_indexes

        redirects.connect()
        frontend_cache.connect()
        sanitise.connect()
        post_migrate.connect(ensure_page_indexes, sender=self)
