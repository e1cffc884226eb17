from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial roles and workflow"

    def ready(self):
        from editorial import redirects

        redirects.connect()
