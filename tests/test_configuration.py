"""Operators' guarantees: migrations match the models; production settings are secure."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_SECRET = "k3J9-QpZ2vX8wL5nR7tY1uI4oP6aS0dF3gH8jK2lM5nB7vC9xZ"  # noqa: S105 (test only)


def manage(*args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "iclei_portal.settings.production"}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=STRONG_SECRET)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", SECRET_KEY="too-short")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_interface_translations_are_complete():
    import polib

    for po_path in (ROOT / "locale").glob("*/LC_MESSAGES/django.po"):
        catalogue = polib.pofile(str(po_path))
        untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
        fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
        assert not untranslated, f"{po_path}: untranslated {untranslated}"
        assert not fuzzy, f"{po_path}: fuzzy {fuzzy}"
