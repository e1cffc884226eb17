"""Compile the project's .po files to .mo without GNU gettext (pure Python, via polib).

Django's compilemessages needs msgfmt, which a fresh machine may lack; the run and
test commands call this instead so interface strings are always translated.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib


class Command(BaseCommand):
    help = "Compile every .po file under LOCALE_PATHS to .mo (skips files already up to date)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                try:
                    catalogue = polib.pofile(str(po_path))
                except OSError as error:
                    raise CommandError(f"{po_path}: {error}") from error
                catalogue.save_as_mofile(str(mo_path))
                compiled += 1
                self.stdout.write(f"  compiled {po_path.relative_to(settings.BASE_DIR)}")
        self.stdout.write(f"Translations: {compiled} file(s) compiled.")
