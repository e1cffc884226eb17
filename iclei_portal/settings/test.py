import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A folder of this process's own (test workers run side by side), removed at exit; the
# browser tests' server and the shell that changes its data share theirs (TEST_MEDIA_ROOT).
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="iclei-test-media-")
if "TEST_MEDIA_ROOT" not in os.environ:
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Page types only the serve contract needs (a proxy page model, a routable page).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.serve_contract"]  # noqa: F405
# Serve static files straight from the app folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Lockouts are tested explicitly; keep the counters out of other tests' way.
AXES_ENABLED = True
