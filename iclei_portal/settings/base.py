"""Settings shared by every environment; secure defaults, configuration from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # wagtail_modeltranslation must come first (see STACK-NOTES: makemigrations
    # and migrate are overridden so translation columns land in our apps).
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "core",
    "partners",
    "programmes",
    "organisation",
    "people",  # authors (Person snippet)
    "news",  # the newsroom: articles, their index and feeds
    "library",  # the publications library
    "images",
    "editorial",
    "translations",
    "search",
    "loadtest",  # generate_load_content: generated pages for benchmarks, never seed
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    "wagtail.contrib.forms",
    "wagtail.contrib.typed_table_block",  # the table block (core.blocks)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "core.middleware.TrustedProxyMiddleware",
    "core.admin_html.AdminHTMLMiddleware",  # outermost but one: it sees the final admin HTML
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Front cache: 304s for If-None-Match, then Cache-Control/ETag for nginx (core.cache);
    # outside the session and CSRF middleware so it sees the cookies they set.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.cache.FrontCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.LocaleMiddleware",  # Django's, keeping the API's 404s JSON
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.languages.ReleasedLanguageMiddleware",  # unreleased languages: visitors to English
    "core.acting_user.ActingUserMiddleware",  # who saves, for checks such as redirect targets
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "iclei_portal.urls"
WSGI_APPLICATION = "iclei_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
# The embedded default is a SQLite file under the git-ignored var/ folder.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(exist_ok=True)  # a fresh clone has no var/; SQLite will not create it
    # Two writes at once (the preview panel posting the form while autosave saves a draft)
    # wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is checked before reuse, so a restarted PostgreSQL costs only the
# requests made while it is down, never a restart of the app.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # An unreachable server fails a request in seconds instead of holding a worker; a
    # runaway query is cancelled instead of piling up workers behind it.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
    # jit=off: JIT compilation pays off for long analytical queries only; for a page's wide
    # joins (every page type's columns, core.chrome) planned on stale statistics it can
    # take seconds to compile a query that runs in a millisecond.
    DATABASES["default"]["OPTIONS"].setdefault(
        "options",
        f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=30000)}"
        " -c jit=off",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage degrades to cache misses instead of 500s, and an
                # unresponsive one costs each request at most these timeouts (seconds).
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------
# English is the default and the only required language; every other
# language falls back to it field by field. Adding one: see README.
LANGUAGE_CODE = "en"
# Names are each language's own, as visitors look for them in the switcher.
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
MODELTRANSLATION_CUSTOM_FIELDS = ("StreamField", "RichTextField")
WAGTAIL_I18N_ENABLED = False
# wagtail-modeltranslation's language toggles hid whole panels by their first field's label;
# the edit forms now leave out the languages one does not work in (translations/my_languages.py).
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media in S3-compatible object storage (django-storages) when a bucket is named, so
# several app servers share uploads; local files otherwise. Credentials come from the
# standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (or an instance role).
if env("MEDIA_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("MEDIA_S3_BUCKET"),
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("MEDIA_S3_REGION", default="") or None,
            "custom_domain": env("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env("MEDIA_S3_PREFIX", default="media"),
            "default_acl": None,  # the bucket's policy decides
            "querystring_auth": env.bool("MEDIA_S3_SIGNED_URLS", default=False),
            "file_overwrite": False,
        },
    }

# --- Front cache --------------------------------------------------------------
# nginx keeps anonymous page responses this long (s-maxage); unchanged pages then
# revalidate with a 304 that renders nothing (core.cache). Published changes refresh
# the pages they appear on at once (core.frontend_cache).
FRONT_CACHE_SECONDS = env.int("FRONT_CACHE_SECONDS", default=10)
# The nginx listener that honours refresh requests from the app servers, e.g.
# http://127.0.0.1:8080 (deploy/nginx/iclei-portal.conf); empty: no front cache.
if env("FRONT_CACHE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "core.frontend_cache.NginxRefreshBackend",
            "LOCATION": env("FRONT_CACHE_URL"),
        }
    }

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "ICLEI – Local Governments for Sustainability"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The visitors' site search (search app) keeps its own entry per page and language, each
# parsed with its language's PostgreSQL text search configuration (Wagtail's database
# backend has one configuration for all). Languages without a stemmer use "simple".
SEARCH_CONFIGS = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "zh-hans": "simple",
    "ko": "simple",
    "ar": "arabic",
}
SEARCH_QUERY_MAX_LENGTH = 200  # characters; longer queries get a message
SEARCH_RESULTS_PER_PAGE = 10
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "images.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # 10 MiB
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # 20 MiB
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_UPLOAD_SIZE  # also checked in the browser
# Documents reach visitors only through Wagtail's view (/documents/<id>/<name>), which checks
# collection privacy and sends nosniff and a CSP; never from /media/documents/. Every type
# is a download, PDF included (a PDF can carry script); core.security adds the sandbox.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the site makes no third-party requests, and would tell gravatar.com who edits.
# Avatars are the picture a user uploads (media, same origin) or Wagtail's default one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
# Slug changes are redirected in every language by core.redirects instead.
WAGTAILREDIRECTS_AUTO_CREATE = False
# Hosts other than the Sites' own that redirects may lead to (editorial.redirects), as in
# ALLOWED_HOSTS: "example.org", or ".example.org" with its subdomains.
REDIRECT_ALLOWED_HOSTS = env.list("REDIRECT_ALLOWED_HOSTS", default=[])
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

COUNTRIES_FIRST = []

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 12  # an admin session lasts a working day
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security -----------------------------------------------------------------
# Brute-force protection of the admin login (django-axes): 5 failures for one
# username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

# Addresses of our own reverse proxies (nginx, load balancer): only from them is
# X-Forwarded-For believed (core.middleware.TrustedProxyMiddleware).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Wagtail's admin uses inline scripts and styles, and frames its own previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# A preview is the public page as a visitor would get it, shown in the admin's preview panel:
# the public policy, framed by the admin's own origin.
PREVIEW_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": [SELF]},
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Per-task and per-page chatter would drown the seed command's own progress.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
