"""Fill the site search from the live pages, e.g. after a deployment or a bulk import."""

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Rebuild the site search entries of every live page in every language. "
        "Publishing keeps them up to date; run this after imports that bypass publishing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size, verbosity, **options):
        show = verbosity > 0 and self.stdout.isatty()

        def progress(done, total):
            if show:
                width = 30
                filled = width * done // total
                bar = "#" * filled + "-" * (width - filled)
                self.stdout.write(f"\r[{bar}] {done}/{total} pages", ending="")
                self.stdout.flush()

        total = indexing.rebuild(batch_size=max(1, batch_size), progress=progress)
        if show:
            self.stdout.write("")
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"Site search: {total} pages indexed."))
