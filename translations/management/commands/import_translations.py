"""Read a translated PO or XLIFF 2.0 file back: all of it, or nothing when anything is wrong."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from translations.po_import import ImportRejected, import_po
from translations.xliff import import_xliff, looks_like_xliff


class Command(BaseCommand):
    help = "Import a translated PO or XLIFF 2.0 file (pages get a draft; --publish publishes them)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PO or XLIFF 2.0 file")
        parser.add_argument(
            "--format", choices=["po", "xliff"], help="default: recognised from the content"
        )
        parser.add_argument("--language", help="the file's language (checked against its header)")
        parser.add_argument(
            "--publish", action="store_true", help="publish what the user may publish"
        )
        parser.add_argument(
            "--user",
            help="import as this user (their permissions apply; default: no checks)",
        )

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            User = get_user_model()
            try:
                user = User._default_manager.get_by_natural_key(options["user"])
            except User.DoesNotExist as error:
                raise CommandError(f"No user {options['user']}") from error
        try:
            content = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from error
        file_format = options["format"] or ("xliff" if looks_like_xliff(content) else "po")
        read = import_xliff if file_format == "xliff" else import_po
        try:
            result = read(
                content, language=options["language"], user=user, publish=options["publish"]
            )
        except ImportRejected as rejected:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {e}" for e in rejected.errors)
            ) from rejected
        self.stdout.write(
            f"Imported {result.language}: {result.items_changed} items changed, "
            f"{result.fields_changed} fields changed, {result.drafts_created} drafts created, "
            f"{result.published} published."
        )
        for change in result.changes:
            state = "published" if change.published else "draft" if change.draft else "saved"
            self.stdout.write(
                f"  {change.kind} “{change.label}” ({state}): {', '.join(change.fields)}"
            )
