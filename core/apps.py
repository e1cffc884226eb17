from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import frontend_cache, redirects

        redirects.connect()
        frontend_cache.connect()
