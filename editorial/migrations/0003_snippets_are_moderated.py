"""Snippets go through the same moderation as pages.

The editorial snippets (themes, cities, pollutants, people) have drafts; until now a draft
waited for a moderator to notice it. The "Moderation" workflow of 0001 is assigned to each of
them: an editor or translator submits, the moderators are told by e-mail, and approving
publishes (core.models.EditorialSnippetMixin has Wagtail's WorkflowMixin).
"""

from django.db import migrations

SNIPPETS = [
    ("programmes", "theme"),
    ("programmes", "city"),
    ("organisation", "pollutant"),
    ("people", "person"),
]


def moderate_snippets(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name="Moderation").first()
    if workflow is None:
        return  # removed by an administrator: their choice stands
    for app_label, model in SNIPPETS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def leave_snippets_unmoderated(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in SNIPPETS:
        WorkflowContentType.objects.filter(
            content_type__in=ContentType.objects.filter(app_label=app_label, model=model)
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_redirects_are_moderated"),
        ("wagtailcore", "0098_apitoken"),
        ("programmes", "0005_number_seeded_rows"),
        ("organisation", "0007_number_seeded_rows"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(moderate_snippets, leave_snippets_unmoderated)]
