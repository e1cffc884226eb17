"""English and Russian have content; the seven other languages are released by staff once
translated (core.languages)."""

from django.db import migrations

RELEASED = ["en", "ru"]


def release(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    LanguageSettings = apps.get_model("core", "LanguageSettings")
    for site in Site.objects.all():
        LanguageSettings.objects.update_or_create(
            site=site, defaults={"released_languages": RELEASED}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_language_settings"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(release, migrations.RunPython.noop)]
