"""Redirects are moderated content: Editors no longer write them.

A redirect is live and cached the moment it is saved, on the official domain. Editors lose
the redirect permissions 0001 gave them (Moderators and Administrators keep theirs), and
Administrators get "Can redirect to any host", which lets a redirect lead outside the
hosts in REDIRECT_ALLOWED_HOSTS (editorial/redirects.py).
"""

from django.db import migrations

REDIRECT_PERMISSIONS = ["add_redirect", "change_redirect", "delete_redirect"]
ANY_HOST = "redirect_to_any_host"


def moderate_redirects(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    redirect_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailredirects", model="redirect"
    )
    any_host, _created = Permission.objects.get_or_create(
        content_type=redirect_type,
        codename=ANY_HOST,
        defaults={"name": "Can redirect to any host"},
    )
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type=redirect_type, codename__in=REDIRECT_PERMISSIONS
            )
        )
    for administrators in Group.objects.filter(name="Administrators"):
        administrators.permissions.add(any_host)


def let_editors_write_redirects(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtailredirects",
                codename__in=["add_redirect", "change_redirect"],
            )
        )
    Permission.objects.filter(content_type__app_label="wagtailredirects", codename=ANY_HOST).delete()


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_roles_and_workflow")]

    operations = [migrations.RunPython(moderate_redirects, let_editors_write_redirects)]
