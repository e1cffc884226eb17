from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Publications library")

    def ready(self):
        from core import listing_options

        from .extraction import connect
        from .models import ResourcePage, ResourceProgramme, ResourceTheme

        connect()
        listing_options.watch(ResourcePage, ResourceTheme, ResourceProgramme)
