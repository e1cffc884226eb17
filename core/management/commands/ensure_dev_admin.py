"""Give a local development install an admin login, without a password in the repository."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Development only: create the superuser 'admin' with a random password, saved to "
        "var/admin-password.txt. Does nothing if that user exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a development admin with DEBUG off.")
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            where = password_file if password_file.exists() else "manage.py changepassword"
            self.stdout.write(f"Admin login: user '{username}' exists (password: {where}).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username, email="", password=password)
        settings.VAR_DIR.mkdir(exist_ok=True)
        password_file.write_text(f"{password}\n")
        password_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login for http://127.0.0.1:8000/admin/: user '{username}', "
                f"password '{password}' (saved in {password_file})."
            )
        )
