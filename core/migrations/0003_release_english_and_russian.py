"""English and Russian have content; the seven other languages are released by staff once
translated (core.languages). Those who change the organisation's settings (Moderators) and
Administrators may release them."""

from django.db import migrations

RELEASED = ["en", "ru"]
GROUPS = ("Moderators", "Administrators")


def release(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    LanguageSettings = apps.get_model("core", "LanguageSettings")
    for site in Site.objects.all():
        LanguageSettings.objects.update_or_create(
            site=site, defaults={"released_languages": RELEASED}
        )


def allow(apps, schema_editor):
    """Permissions are normally made after migrating; the groups need this one now."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="core", codename="change_languagesettings"
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_language_settings"),
        ("wagtailcore", "0001_initial"),
        ("editorial", "0001_roles_and_workflow"),
    ]

    operations = [
        migrations.RunPython(release, migrations.RunPython.noop),
        migrations.RunPython(allow, migrations.RunPython.noop),
    ]
