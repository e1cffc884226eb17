from django.apps import AppConfig
from django.db.models.signals import post_save


def index_office_pages(sender, instance, **kwargs):
    """The office page's search entries hold the address from these settings: renew them."""
    from search.indexing import index_pages

    from .models import OfficePage

    index_pages(OfficePage.objects.live().descendant_of(instance.site.root_page, inclusive=True))


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation"

    def ready(self):
        from .models import OrganisationSettings

        post_save.connect(
            index_office_pages,
            sender=OrganisationSettings,
            dispatch_uid="organisation_settings_reindex_office",
        )
