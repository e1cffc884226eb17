"""Who may change the footer menus and the site notice (organisation.models.navigation).

As Organisation settings: Moderators and Administrators change them; every translators'
group may too, limited to its language by translations.forms_translator (menu labels and the
notice are translated). The roles migration (editorial 0001) gave Administrators every
permission that existed then, which these new ones did not.
"""

from django.db import migrations

SETTINGS = ["navigationsettings", "sitenotice"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    app_config = apps.get_app_config("organisation")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    change = list(
        Permission.objects.filter(
            content_type__app_label="organisation",
            codename__in=[f"change_{model}" for model in SETTINGS],
        )
    )
    every = list(
        Permission.objects.filter(
            content_type__app_label="organisation",
            content_type__model__in=[*SETTINGS, "generalpage", "landingpage", "impressumpage"],
        )
    )
    for group in Group.objects.filter(name="Administrators"):
        group.permissions.add(*every)
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(*change)
    for group in Group.objects.filter(name__startswith="Translators ("):
        group.permissions.add(*change)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="organisation",
        content_type__model__in=[*SETTINGS, "generalpage", "landingpage", "impressumpage"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_general_landing_impressum_pages_menus_notice"),
        ("editorial", "0001_roles_and_workflow"),
        ("translations", "0002_translator_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
