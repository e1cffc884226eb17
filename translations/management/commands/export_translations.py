"""Write one language's content as a PO or XLIFF 2.0 file for a translation agency."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

from translations import po, xliff


class Command(BaseCommand):
    help = "Export the translatable content in one language as a PO (or XLIFF 2.0) file."

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="e.g. ru, de, zh-hans")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--page", type=int, help="only this page (its id)")
        which.add_argument("--snippet", help="only this object, as app.model:pk")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--format", choices=["po", "xliff"], default="po")

    def handle(self, *args, **options):
        language = options["language"]
        if language not in po.language_codes() or language == po.default_language():
            raise CommandError(f"Unknown or default language: {language}")
        page = snippet = None
        if options["page"] is not None:
            page = Page.objects.filter(pk=options["page"], depth__gt=1).first()
            if page is None:
                raise CommandError(f"No page with id {options['page']}")
        if options["snippet"]:
            snippet = self.find_snippet(options["snippet"])
        items = po.export_items(page=page, snippet=snippet)
        if options["format"] == "xliff":
            text = xliff.build_xliff(language, items, progress=self.progress)
            count = text.count("<unit ")
        else:
            pofile = po.build_po(language, items, progress=self.progress)
            text, count = po.po_text(pofile), len(pofile)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"{count} entries written to {options['output']}")
        else:
            self.stdout.write(text, ending="")

    def find_snippet(self, spec):
        label, _sep, pk = spec.partition(":")
        model = po.lookup_models().get(label.lower())
        if model is None or not pk:
            choices = ", ".join(sorted(po.lookup_models()))
            raise CommandError(f"--snippet takes app.model:pk, app.model one of: {choices}")
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            raise CommandError(f"No {label} with pk {pk}")
        return obj

    def progress(self, done, total, every=25, width=30):
        """A small bar on standard error for long exports."""
        if total < every or (done % every and done != total):
            return
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total}", ending="\n" if done == total else "")
        self.stderr.flush()
