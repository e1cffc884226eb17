from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import frontend_cache, identity, redirects, sanitise, share_images
        from core.page_indexes import ensure_page_indexes

        redirects.connect()
        frontend_cache.connect()
        sanitise.connect()
        identity.connect()
        share_images.connect()
        post_migrate.connect(ensure_page_indexes, sender=self)
