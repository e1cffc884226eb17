"""The portal's roles and its moderation workflow (documented in the README).

Editors write and submit; Moderators approve, publish and unpublish; Translators edit
existing content; Administrators may do everything. The "Moderation" workflow (one
group-approval task for Moderators and Administrators) applies to the whole page tree.
"""

from django.db import migrations

# Page permissions, granted on the tree root so they cover every page.
PAGE = {
    "Editors": ["add_page", "change_page", "lock_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Translators": ["change_page"],
    "Administrators": [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}
# Image and document permissions, granted on the root collection. Wagtail checks image
# permissions against wagtailimages.Image even with a custom image model.
COLLECTION = {
    "Editors": [
        "add_image", "change_image", "choose_image",
        "add_document", "change_document", "choose_document",
    ],
    "Moderators": [
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ],
    "Translators": ["change_image", "choose_image", "choose_document"],
    "Administrators": [
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ],
}
SNIPPETS = [("programmes", "theme"), ("programmes", "city"), ("organisation", "pollutant")]


def snippet_perms(actions):
    return [(app, f"{action}_{model}") for app, model in SNIPPETS for action in actions]


# Model permissions: (app label, codename).
MODEL = {
    "Editors": [("wagtailadmin", "access_admin")]
    + snippet_perms(["add", "change", "lock"])
    + [("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect")],
    "Moderators": [("wagtailadmin", "access_admin")]
    + snippet_perms(["add", "change", "delete", "publish", "lock", "unlock"])
    + [
        ("organisation", "change_organisationsettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
    ],
    "Translators": [("wagtailadmin", "access_admin")] + snippet_perms(["change"]),
    "Administrators": "__all__",
}


def ensure_permissions(apps):
    """Permissions are normally made after migrating; the groups need them now."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # Wagtail's own "choose" permission for images, missing from the historical model.
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get(app_label="wagtailimages", model="image"),
        codename="choose_image",
        defaults={"name": "Can choose image"},
    )
    # The extra snippet permissions Wagtail adds for drafts and locking.
    for app_label, model in SNIPPETS:
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        for action in ("publish", "lock", "unlock"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name in PAGE:
        group, _created = Group.objects.get_or_create(name=name)
        # Wagtail's initial data gave Editors and Moderators its own defaults: replace them.
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        for codename in PAGE[name]:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for codename in COLLECTION[name]:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename=codename
                ),
            )
        if MODEL[name] == "__all__":
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.set(
                [
                    Permission.objects.get(content_type__app_label=app, codename=codename)
                    for app, codename in MODEL[name]
                ]
            )


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    moderators = Group.objects.get(name="Moderators")
    # A page in moderation is locked for everyone outside the task's groups (superusers
    # aside): without Administrators here, they could neither approve nor publish it.
    administrators = Group.objects.get(name="Administrators")
    task_type = ContentType.objects.get(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(groups=moderators).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderator approval", content_type=task_type)
    else:
        task.name = "Moderator approval"
        task.save()
    task.groups.set([moderators, administrators])

    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Moderation", active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.name = "Moderation"
    workflow.active = True
    workflow.save()
    root_page = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    # Named, not "__latest__": for apps with squashed migrations "__latest__" can resolve to
    # the squash, and Wagtail's later data migrations would then run after ours.
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("images", "0001_initial"),
        ("organisation", "0001_initial"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
