# ruff: noqa: S603, S607 (runs PostgreSQL's tools and the deploy scripts by name)
"""A backup restores the whole site: every page, revision, translation, image and message.

The operator's story: deploy/backup.sh dumps the PostgreSQL database and packs MEDIA_ROOT;
deploy/restore.sh puts both into a fresh database and an empty folder. This test makes a
site worth restoring (the seeded portal plus what editors and visitors add: an image with a
Russian alt text and a rendition, a document, a published Russian translation, an unpublished
draft, a contact message), backs it up, restores it elsewhere, and compares an inventory of
both. It needs PostgreSQL: the one the suite runs on, or else the one on 127.0.0.1:5432.

The two sites run as separate processes (dev settings, their own DATABASE_URL and MEDIA_ROOT);
`populate` and `inventory` below are what those processes call.
"""

import hashlib
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
DRAFT_TITLE = "Urban-LEDS (draft under review)"
RUSSIAN_SUMMARY = "Программа ICLEI и ООН-Хабитат по стратегиям низкоуглеродного развития городов."
MESSAGE = {"your_name": "Anna Petrova", "message": "Could you send me the report?"}
INVENTORY_MARK = "INVENTORY "


# Run inside each site's own process ---------------------------------------------------------


def populate():
    """What editors and visitors add after the seed."""
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile

    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.documents import get_document_model

    from PIL import Image as PILImage

    from images.models import CustomImage
    from organisation.models import OfficePage
    from programmes.models import ProgrammePage

    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 500), "seagreen").save(buffer, "PNG")
    image = CustomImage.objects.create(
        title="School roof",
        file=ImageFile(buffer, name="roof.png"),
        description_en="Solar panels on a school roof",
        description_ru="Солнечные панели на крыше школы",
    )
    image.get_rendition("fill-300x200")
    get_document_model().objects.create(
        title="Urban-LEDS report",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="urban-leds-report.pdf"),
    )
    page = ProgrammePage.objects.get(url_path_en__endswith="/urban-leds/")
    page.image = image
    page.summary_ru = RUSSIAN_SUMMARY
    page.save_revision().publish()
    page.title_en = DRAFT_TITLE
    page.save_revision()  # a draft: the live page keeps its title
    FormSubmission.objects.create(page=OfficePage.objects.get(), form_data=MESSAGE)


def inventory():
    """Print everything a restore must bring back, as JSON on one line."""
    from django.apps import apps
    from django.core.files.storage import default_storage
    from django.test import Client
    from django.utils import translation

    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.documents import get_document_model
    from wagtail.models import Page, Revision

    from images.models import CustomImage

    def file_state(field):
        if not default_storage.exists(field.name):
            return "missing"
        with default_storage.open(field.name) as stored:
            return hashlib.sha1(stored.read()).hexdigest()  # noqa: S324 (Wagtail's file_hash)

    # Serve every page first: a first rendering may add renditions, and the counts below
    # must already include them (the backup is taken after this inventory).
    client, served = Client(), {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        for language in ("en", "ru"):
            with translation.override(language):
                url = page.get_url()
            served[url] = client.get(url).status_code
    found = {
        "served": served,
        "rows": {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
        },
        "pages": [page.specific.serializable_data() for page in Page.objects.order_by("path")],
        "revisions": {rev.pk: rev.content for rev in Revision.objects.order_by("pk")},
        "images": [
            {
                "title": image.title,
                "alt": [image.description_en, image.description_ru],
                "file": image.file.name,
                "hash": image.file_hash,
                "stored": file_state(image.file),
                "renditions": {r.filter_spec: file_state(r.file) for r in image.renditions.all()},
            }
            for image in CustomImage.objects.order_by("pk")
        ],
        "documents": [
            {"file": doc.file.name, "hash": doc.file_hash, "stored": file_state(doc.file)}
            for doc in get_document_model().objects.order_by("pk")
        ],
        "submissions": [
            [s.page_id, s.form_data, s.submit_time.isoformat()]
            for s in FormSubmission.objects.order_by("pk")
        ],
    }
    print(INVENTORY_MARK + json.dumps(found, sort_keys=True, default=str))  # noqa: T201


# The test -------------------------------------------------------------------------------------


def server():
    """libpq connection parameters of a PostgreSQL server to use."""
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        return {
            "host": db["HOST"] or "127.0.0.1",
            "port": str(db["PORT"] or 5432),
            "user": db["USER"] or "postgres",
            "password": db["PASSWORD"] or "",
        }
    return {"host": "127.0.0.1", "port": "5432", "user": "postgres", "password": ""}


def database_url(pg, name):
    secret = f":{quote(pg['password'], safe='')}" if pg["password"] else ""
    return f"postgres://{pg['user']}{secret}@{pg['host']}:{pg['port']}/{name}"


def pg_env(pg):
    return {
        **os.environ,
        "PGHOST": pg["host"],
        "PGPORT": pg["port"],
        "PGUSER": pg["user"],
        "PGPASSWORD": pg["password"],
    }


def run(command, env=None, text=True):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=text, check=False)
    assert result.returncode == 0, f"{command[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def site_env(url, media):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "iclei_portal.settings.dev",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
    }


def in_site(function, url, media):
    code = (
        f"import django; django.setup(); from tests import test_backup_restore as t; t.{function}()"
    )
    return run([sys.executable, "-c", code], env=site_env(url, media))


@pytest.fixture
def databases():
    """Two scratch databases on the server, dropped afterwards: the site and its restore."""
    pg = server()
    names = [f"portal_backup_{secrets.token_hex(4)}", f"portal_restored_{secrets.token_hex(4)}"]
    for name in names:
        run(["createdb", name], env=pg_env(pg))
    yield pg, names
    for name in names:
        subprocess.run(["dropdb", "--if-exists", name], env=pg_env(pg), check=False)


def make_site(pg, name, media):
    """The seeded portal in database `name`: a copy of the test database when that is
    PostgreSQL (seeded once per run), otherwise migrated and seeded afresh."""
    url = database_url(pg, name)
    if connection.vendor == "postgresql":
        shutil.copytree(settings.MEDIA_ROOT, media, dirs_exist_ok=True)  # the seed's logos
        dump = run(
            ["pg_dump", "--format=custom", "--no-owner", connection.settings_dict["NAME"]],
            env=pg_env(pg),
            text=False,
        )
        subprocess.run(
            ["pg_restore", "--no-owner", "--dbname", name],
            input=dump,
            env=pg_env(pg),
            check=True,
        )
    else:
        env = site_env(url, media)
        run([sys.executable, "manage.py", "migrate", "--noinput"], env=env)
        run([sys.executable, "manage.py", "load_seed_content"], env=env)
    return url


def read_inventory(output):
    line = next(line for line in output.splitlines() if line.startswith(INVENTORY_MARK))
    return json.loads(line[len(INVENTORY_MARK) :])


def test_a_backup_restores_every_page_revision_translation_image_and_message(databases, tmp_path):
    pg, (site_db, restored_db) = databases
    media, restored_media, backups = tmp_path / "media", tmp_path / "restored", tmp_path / "bk"
    site_url = make_site(pg, site_db, media)
    in_site("populate", site_url, media)
    before = read_inventory(in_site("inventory", site_url, media))

    backup = run(
        ["deploy/backup.sh", str(backups)],
        env={**pg_env(pg), "DATABASE_URL": site_url, "MEDIA_ROOT": str(media)},
    ).strip()
    restored_url = database_url(pg, restored_db)
    run(
        ["deploy/restore.sh", backup],
        env={**pg_env(pg), "DATABASE_URL": restored_url, "MEDIA_ROOT": str(restored_media)},
    )
    after = read_inventory(in_site("inventory", restored_url, restored_media))

    # What was added after the seed is in the backup...
    urban_leds = next(p for p in before["pages"] if p.get("slug_en") == "urban-leds")
    assert urban_leds["summary_ru"] == RUSSIAN_SUMMARY
    assert urban_leds["title_en"] != DRAFT_TITLE  # the live page
    assert any(rev.get("title_en") == DRAFT_TITLE for rev in before["revisions"].values())
    assert [i["alt"] for i in before["images"]] == [
        ["Solar panels on a school roof", "Солнечные панели на крыше школы"]
    ]
    files = [before["images"][0]["stored"], *before["images"][0]["renditions"].values()]
    files.append(before["documents"][0]["stored"])
    # The original, its renditions (ours and those the pages asked for), the document.
    assert len(files) >= 3 and "missing" not in files
    assert [s[1] for s in before["submissions"]] == [MESSAGE]
    assert len(before["pages"]) > 20  # root, home, indexes, entries
    assert len(before["served"]) > 40 and set(before["served"].values()) == {200}  # en + ru
    # ...and the restore gives back exactly the same site, files and all, serving every page.
    for part in before:
        assert after[part] == before[part], part


def test_a_restore_refuses_a_database_that_is_not_empty(databases, tmp_path):
    pg, (site_db, _restored) = databases
    run(["psql", "-d", site_db, "-c", "CREATE TABLE live_data (id int)"], env=pg_env(pg))
    (tmp_path / "bk").mkdir()
    backup = run(
        ["deploy/backup.sh", str(tmp_path / "bk")],
        env={**pg_env(pg), "DATABASE_URL": database_url(pg, site_db), "MEDIA_ROOT": str(tmp_path)},
    ).strip()

    result = subprocess.run(
        ["deploy/restore.sh", backup],
        cwd=ROOT,
        env={
            **pg_env(pg),
            "DATABASE_URL": database_url(pg, site_db),
            "MEDIA_ROOT": str(tmp_path / "empty"),
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 3
    assert "already has 1 tables" in result.stderr
