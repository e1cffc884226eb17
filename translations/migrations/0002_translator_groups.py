"""One translators' group per non-default language, e.g. "Translators (Русский)".

Each gets the permissions of the generic "Translators" group (editorial 0001: model
permissions, page permissions on the root page, collection permissions on the root
collection) plus the change permission of the organisation settings, whose edit view needs
it. What a member may change is then limited to their language by
translations.forms_translator; their page edits go through the Moderation workflow.
"""

from django.conf import settings
from django.db import migrations

EXTRA = [("organisation", "change_organisationsettings")]
# Wagtail checks image permissions against wagtailimages.Image, not the custom image model:
# without this, the generic group's images.change_customimage does not let anyone edit alt text.
EXTRA_COLLECTION = [("wagtailimages", "change_image")]


def group_names():
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [f"Translators ({name})" for code, name in settings.LANGUAGES if code != default]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    generic = Group.objects.get(name="Translators")
    extra = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in EXTRA
    ]
    for name in group_names():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([*generic.permissions.all(), *extra])
        GroupPagePermission.objects.filter(group=group).delete()
        for grant in GroupPagePermission.objects.filter(group=generic):
            GroupPagePermission.objects.create(
                group=group, page_id=grant.page_id, permission_id=grant.permission_id
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for grant in GroupCollectionPermission.objects.filter(group=generic):
            GroupCollectionPermission.objects.create(
                group=group, collection_id=grant.collection_id, permission_id=grant.permission_id
            )
        root_collection = Collection.objects.get(depth=1)
        for app, codename in EXTRA_COLLECTION:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app, codename=codename),
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=group_names()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("editorial", "0001_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
