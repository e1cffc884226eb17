"""Clean the rich text already stored (rows and revisions) with core.sanitise.

New writes are cleaned on save; this command is for content stored before that check existed
(run it once after deploying the sanitiser). Values that cleaning would only re-escape are
left as they are, so a clean database reports nothing and changes nothing.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Revision

from core.sanitise import clean_instance, clean_revision_content, stored_fields


class Command(BaseCommand):
    help = "Clean stored rich text (all models and revisions); --dry-run only reports."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    @transaction.atomic
    def handle(self, *args, dry_run=False, **options):
        rows = revisions = 0
        for model in apps.get_models():
            fields = stored_fields(model)
            if not fields:
                continue
            columns = [field.attname for _name, field in fields]
            for obj in model._default_manager.only("pk", *columns).iterator():
                before = [
                    field.get_prep_value(getattr(obj, column))
                    for (_n, field), column in zip(fields, columns, strict=True)
                ]
                clean_instance(obj)
                changed = {
                    column: getattr(obj, column)
                    for (_n, field), column, old in zip(fields, columns, before, strict=True)
                    if field.get_prep_value(getattr(obj, column)) != old
                }
                if changed:
                    rows += 1
                    self.stdout.write(f"  {model._meta.label} {obj.pk}: {', '.join(changed)}")
                    if not dry_run:
                        # update(): no signals, the page's history and marks stay as they were.
                        model._default_manager.filter(pk=obj.pk).update(**changed)
        for revision in Revision.objects.select_related("content_type").iterator():
            model = revision.content_type.model_class()
            if model is None or not isinstance(revision.content, dict):
                continue
            if clean_revision_content(model, revision.content):
                revisions += 1
                self.stdout.write(f"  revision {revision.pk} of {model._meta.label}")
                if not dry_run:
                    Revision.objects.filter(pk=revision.pk).update(content=revision.content)
        verb = "would be cleaned" if dry_run else "cleaned"
        self.stdout.write(f"Rich text: {rows} row(s) and {revisions} revision(s) {verb}.")
