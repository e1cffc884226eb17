"""After a deploy that changes templates, code or static files: every page the front cache
or a browser holds is renewed at its next revalidation (within FRONT_CACHE_SECONDS)."""

from django.core.management.base import BaseCommand

from core.cache import bump_generation, generation


class Command(BaseCommand):
    help = "Mark every cached page as outdated, so it is rendered anew at its next revalidation."

    def handle(self, *args, **options):
        before = generation()
        bump_generation()
        self.stdout.write(
            f"Content generation {before} → {generation()}: cached pages will be renewed."
        )
