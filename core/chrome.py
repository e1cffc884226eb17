"""What every public page shows around its content, loaded in a fixed number of queries.

A page needs its site and home page, the site settings (footer, share image), its ancestors
(breadcrumbs), the home page's sections (menu), its URL in every language, whether it is
private, and the renditions of the images in its head. Wagtail and modeltranslation look
each of these up on its own: routing loads every child of each page on the way (all 5,000
programmes to serve one), site root paths are fetched once per language, every `.public()`
reads all view restrictions. Here, per request:

1. one query: the request's site with its root page (in its specific type) and settings,
   and with them, as one JSON column, the plain (not specific) rows of the pages along the
   requested path, the home page's children and the pages the home page wants on every page
   (`HomePage.chrome_pages`), each marked when it lies in a private section;
2. one query: those of them that are shown with more than a title and a URL (the page
   served, the members named in the JSON-LD, the sections the home page introduces), in
   their specific types: only those types are joined;
3. one query (`prefetch_images`): the renditions of the images the page head shows.

Loading every page in its specific type in one query instead joins every page type's
table, hundreds of columns in nine languages: Django took longer to compile it and
PostgreSQL to plan it than the rest of the page took to render.

Nothing here is cached between requests: the counts hold with an empty cache.
"""

import copy
from functools import cache, lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.base import DEFERRED
from django.db.models.fields.related import ForeignKey
from django.db.models.fields.reverse_related import OneToOneRel
from django.db.models.functions import Coalesce, Concat, Length, NullIf, Substr
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import translation

from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.models.sites import SiteRootPath

from core import related, sections


# A page is private when it or one of its ancestors carries a view restriction (what
# Wagtail's .public() excludes), i.e. when a restricted page's path is a prefix of its own.
def private(path="path"):
    # The restricted page's path comes from a scalar subquery, so the EXISTS reads only the
    # (tiny) restrictions table per row: a join with the pages there lets PostgreSQL, on
    # poor statistics, scan every page for every page listed (seconds at 500 pages).
    restricted_path = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
    return Exists(
        PageViewRestriction.objects.annotate(restricted_path=restricted_path).filter(
            restricted_path=Substr(OuterRef(path), 1, Length("restricted_path"))
        )
    )


def _pk_in(ids):
    """pk IN (subquery), written for PostgreSQL as pk = ANY(ARRAY(subquery)): computed once
    and used as an index condition on the pages table. As a semi-join beyond its join
    collapse limit (a page in every specific type is ~25 joins) it would be applied last,
    after joining every page of the site (300 ms at 10,000 pages instead of 1 ms)."""
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    from django.contrib.postgres.expressions import ArraySubquery

    return Func(
        F("pk"),
        ArraySubquery(ids),
        template="(%(expressions)s))",
        arg_joiner=" = ANY(",
        output_field=BooleanField(),
    )


def public(pages, request=None):
    """Wagtail's .public() without its extra query (it reads every view restriction first).

    On a request prime_request served, the restricted pages' paths are known already: the
    pages below them are excluded by path prefix (an index range each) instead of by a
    subquery per page (a third of a count's time at 10,000 pages).
    """
    site = getattr(request, "_wagtail_site", None)
    restricted = getattr(site, "restricted_paths", None)
    if restricted is None:
        return pages.filter(~private())
    below = Q(pk__in=[])
    for path in restricted:
        below |= Q(path__startswith=path)
    return pages.exclude(below) if restricted else pages


@cache
def _specific_paths():
    """{page model: select_related path from Page to it}, through the multi-table parents.
    A proxy model's is its concrete model's ("" for a proxy of Page itself)."""
    paths = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        chain, current = [], model._meta.concrete_model
        while current is not Page:
            parent, link = next(iter(current._meta.parents.items()))
            chain.append(link.remote_field.get_accessor_name())
            current = parent
        paths[model] = "__".join(reversed(chain))
    return paths


@cache
def specific_relations(prefix="", models=None):
    """select_related() names that load every page (of `models`, default all types) in its
    specific type, with the pages and images it links to (a tool's partner, a programme's
    image), in the same query."""
    names = []
    for model, path in _specific_paths().items():
        if not path or (models is not None and model not in models):
            continue
        names.append(prefix + path)
        for field in model._meta.concrete_model._meta.local_concrete_fields:
            if isinstance(field, ForeignKey) and not field.remote_field.parent_link:
                target = field.related_model
                if target is get_image_model() or issubclass(target, Page):
                    names.append(f"{prefix}{path}__{field.name}")
    return tuple(dict.fromkeys(names))  # a proxy model adds its concrete model's again


@cache
def _root_models():
    """Page types that may sit at the top of the tree, i.e. be a site's root page."""
    return tuple(model for model in _specific_paths() if Page in model.allowed_parent_page_models())


def as_specific(page):
    """The page in its specific type, from what select_related(specific_relations()) loaded;
    a query only when it was not loaded that way."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    path = _specific_paths().get(model)
    if path is None:  # not a page model Wagtail lists: let it find out
        return page.specific
    obj = page
    for name in filter(None, path.split("__")):
        relation = obj._meta.get_field(name)
        if not (isinstance(relation, OneToOneRel) and relation.is_cached(obj)):
            return page.specific
        obj = getattr(obj, name)
    if type(obj) is not model:
        # A proxy model's page: its concrete model's row, as the proxy (as Wagtail's
        # .specific returns it), without another query.
        obj = copy.copy(obj)
        obj.__class__ = model
    return obj


def _site_settings_relations():
    for model in settings_registry:
        if issubclass(model, BaseSiteSetting):
            name = model._meta.get_field("site").remote_field.get_accessor_name()
            yield model, name, [f"{name}__{path}" for path in model.select_related or ()]


# A request path with more parts than this is longer than any branch of the tree: it is not
# looked up with the site (Chrome.find looks it up on its own, and finds nothing there).
PRIMED_PATH_PARTS = 8


def prime_request(request, path=None):
    """Find the request's site as Wagtail does, loading with it in one query its root page
    (specific), its site settings, every site's root path and the chrome's plain page rows
    for `path` (the part of the URL below the home page), and leave them where Wagtail,
    modeltranslation and wagtail.contrib.settings look first."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    components = [component for component in (path or "").split("/") if component]
    if len(components) > PRIMED_PATH_PARTS or "\x00" in (path or ""):
        components = []  # (no database takes a NUL: such a path is no page's anyway)
    settings_relations = list(_site_settings_relations())
    sites = list(
        Site.objects.annotate(
            # The paths of the restricted pages (a handful): each page's privacy is then
            # known from its path, without a subquery per page.
            restricted_paths=JSONRows(
                PageViewRestriction.objects.values(restricted=F("page__path"))
            ),
            chrome_rows=_chrome_rows(translation.get_language(), tuple(components)),
        ).select_related(
            "root_page",
            "root_page__locale",
            # Only the types a root page can have: a query as wide as every page type's
            # columns can cost PostgreSQL more to plan (JIT) than to run.
            *specific_relations("root_page__", _root_models()),
            *(name for _model, name, _extra in settings_relations),
            *(path for _model, _name, extra in settings_relations for path in extra),
        )
    )
    site = _match_site(sites, request)
    request._wagtail_site = site
    _prime_root_paths(request, sites)
    for each in sites:
        each.root_page = as_specific(each.root_page)
        each.restricted_paths = [row["restricted"] for row in each.restricted_paths]
        each.root_page.private = is_private(each.root_page, each.restricted_paths)
    if site is not None:
        request._portal_chrome_rows = (components, site.chrome_rows)
        for model, name, _extra in settings_relations:
            relation = Site._meta.get_field(name)
            if relation.is_cached(site) and relation.get_cached_value(site) is not None:
                site_settings = getattr(site, name)
                site_settings._request = request
                setattr(request, model.get_cache_attr_name(), site_settings)
    return site


class JSONRows(Subquery):
    """A values() queryset's rows as one JSON array of objects: rows of another table in one
    column of the outer query's row."""

    output_field = JSONField()

    def as_sql(self, compiler, connection, template=None, **extra_context):
        if connection.vendor == "postgresql":
            template = "(SELECT COALESCE(JSONB_AGG(TO_JSONB(_row)), '[]') FROM (%(subquery)s) _row)"
        else:
            # The keys are the queryset's own column names, not input.
            names = [*self.query.values_select, *self.query.annotation_select]
            pairs = ", ".join(f"'{name}', _row.{connection.ops.quote_name(name)}" for name in names)
            template = f"(SELECT JSON_GROUP_ARRAY(JSON_OBJECT({pairs})) FROM (%(subquery)s) _row)"  # noqa: S608
        return super().as_sql(compiler, connection, template, **extra_context)


def _plain_fields():
    """The Page columns a page shown by its title and URL needs: its tree position, type and
    state, and its title and URL path in the active and the default language (what
    modeltranslation reads, falling back). Not its dates (JSON would carry them as text) nor
    its descriptions. The others are deferred."""
    return _plain_fields_in(translation.get_language())


@cache
def _plain_fields_in(language):
    # The untranslated columns (title, slug, url_path…) stay out: modeltranslation reads each
    # language's own, and would rename them in values().
    translated = translator.get_options_for_model(Page).all_fields
    wanted = {
        build_localized_fieldname(name, code)
        for name in ("title", "url_path")
        for code in (language, settings.LANGUAGE_CODE)
    }
    other_languages = {field.name for fields in translated.values() for field in fields}
    return tuple(
        field
        for field in Page._meta.concrete_fields
        if not isinstance(field, DateTimeField)
        and field.name not in translated
        and (field.name in wanted or field.name not in other_languages)
    )


def _url_path_q(url_paths, language):
    """Pages at these URL paths in the language (modeltranslation falls back to the default
    language's url_path when one is empty)."""
    field = build_localized_fieldname("url_path", language)
    default = build_localized_fieldname("url_path", settings.LANGUAGE_CODE)
    empty = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
    query = Q(pk__in=[])
    for url_path in url_paths:
        query |= Q(**{field: url_path}) | (empty & Q(**{default: url_path}))
    return query


def _path_suffixes(components):
    """What the URL paths of the pages along `components` add to their root page's."""
    return ["/".join(components[: end + 1]) + "/" for end in range(len(components))]


def is_private(page, restricted_paths):
    """Whether the page or an ancestor is among the restricted pages' paths."""
    return any(page.path.startswith(path) for path in restricted_paths)


@lru_cache(maxsize=512)
def _chrome_rows(language, components):
    """Plain rows (JSON) of what the chrome shows below a site's root page (the outer
    query's): the pages along the path, the root page's children and the pages the root
    page wants on every page (its type's `chrome_pages()`). Built once per language and
    path (Django copies an expression before resolving it): building it took longer than
    running it."""
    root = "root_page__"
    language_field = build_localized_fieldname("url_path", language)
    default_field = build_localized_fieldname("url_path", settings.LANGUAGE_CODE)
    root_url_path = Coalesce(
        NullIf(OuterRef(root + language_field), Value(""), output_field=TextField()),
        OuterRef(root + default_field),
        output_field=TextField(),
    )
    prefixes = [
        Concat(root_url_path, Value(suffix), output_field=TextField())
        for suffix in _path_suffixes(components)
    ]
    wanted = _wanted_q(_root_models())
    rows = (
        Page.objects.filter(
            Q(path__startswith=OuterRef(root + "path"))
            & (Q(depth=OuterRef(root + "depth") + 1) | _url_path_q(prefixes, language) | wanted)
        )
        .order_by()
        .values(
            *(field.attname for field in _plain_fields_in(language)),
            chrome_page=ExpressionWrapper(wanted, output_field=BooleanField()),
            has_items=sections.has_items(),
        )
    )
    return JSONRows(rows)


def _wanted_q(root_models):
    """The pages these root page types want on every page (their `chrome_pages()`)."""
    wanted = Q(pk__in=[])
    for model in root_models:
        if hasattr(model, "chrome_pages"):
            # pk = ANY(ARRAY(…)) on PostgreSQL: an index condition, so that, ORed with the
            # URL path and depth conditions (indexed, core.page_indexes), no page is scanned.
            wanted |= Q(_pk_in(model.chrome_pages().order_by().values("pk")))
    return wanted


def _plain_page(row, restricted_paths):
    """A Page from one of _chrome_rows' JSON objects: its plain fields, the rest deferred."""
    values = {field.attname: field.to_python(row[field.attname]) for field in _plain_fields()}
    page = Page.from_db(
        "default",
        [field.attname for field in Page._meta.concrete_fields],
        [values.get(field.attname, DEFERRED) for field in Page._meta.concrete_fields],
    )
    page.private = is_private(page, restricted_paths)
    page.chrome_page = bool(row["chrome_page"])
    page.has_items = bool(row["has_items"])  # core.sections: a listing with something in it
    return page


def _match_site(sites, request):
    """wagtail.models.sites.get_site_for_hostname, on the sites already loaded."""
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = None

    def match(site):
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        if site.is_default_site:
            return 2
        return 3 if site.hostname == hostname else None

    ranked = sorted(
        ((match(site), index, site) for index, site in enumerate(sites) if match(site) is not None),
        key=lambda item: item[:2],
    )
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][2]
    return ranked[len(ranked) == 2][2] if ranked[0][0] == 2 else None


def _prime_root_paths(request, sites):
    # The attributes Page._get_site_root_paths (as modeltranslation patches it) reads first;
    # same content and order as its query: every site, deepest root path first.
    language = translation.get_language()
    request._wagtail_cached_site_root_paths_language = language
    request._wagtail_cached_site_root_paths = [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code
        )
        for site in sorted(sites, key=lambda site: site.root_page.url_path, reverse=True)
    ]


def is_specific(page):
    model = page.specific_class
    return model is None or isinstance(page, model)


class Chrome:
    """The pages around the current one, loaded once per request (see the module doc)."""

    def __init__(self, request):
        self.request = request
        self.site = prime_request(request)
        # Specific already when prime_request loaded the site (else one query, e.g. previews).
        self.home = as_specific(self.site.root_page) if self.site else None
        self._pages = None  # pk -> page, plain until asked for specific, with .private
        self._loaded_paths = set()
        primed = getattr(request, "_portal_chrome_rows", None)
        if primed is not None and self.home is not None:
            components, rows = primed
            self._pages = {}
            self._add(_plain_page(row, self.site.restricted_paths) for row in rows)
            self._loaded_paths = {self.home.url_path + each for each in _path_suffixes(components)}

    @classmethod
    def for_request(cls, request):
        if request is None:
            return None
        chrome = getattr(request, "_portal_chrome", None)
        if chrome is None:
            chrome = request._portal_chrome = cls(request)
        return chrome

    # -- loading ------------------------------------------------------------------------

    def _add(self, pages):
        # Kept in tree order: menus and breadcrumbs list them in it.
        pages = {**(self._pages or {}), **{page.pk: page for page in pages}}
        self._pages = dict(sorted(pages.items(), key=lambda item: item[1].path))

    def _load(self, url_paths=()):
        """The plain rows prime_request did not bring (another path, a request it did not
        prime): one query."""
        url_paths = set(url_paths) - self._loaded_paths
        if self._pages is not None and not url_paths:
            return
        if self.home is None:
            self._pages = self._pages or {}
            return
        wanted = _wanted_q([type(self.home)])
        shown = _url_path_q(url_paths, translation.get_language())
        if self._pages is None:
            shown |= Q(depth=self.home.depth + 1) | wanted
        rows = Page.objects.filter(
            Q(path__startswith=self.home.path, depth__gt=self.home.depth) & shown
        ).annotate(
            chrome_page=ExpressionWrapper(wanted, output_field=BooleanField()),
            has_items=sections.has_items(),
        )
        restricted = getattr(self.site, "restricted_paths", None)
        if restricted is None:  # a site Wagtail found (a preview): no paths known
            rows = rows.annotate(private=private())
        else:  # known from the site's query: no subquery per page
            rows = list(rows)
            for row in rows:
                row.private = is_private(row, restricted)
        self._add(rows)
        self._loaded_paths |= url_paths

    def specific(self, pages):
        """These pages in their specific types, those not yet loaded so, together with the
        chrome pages, in one query that joins only their types."""
        self._load()
        wanted = [page.pk for page in pages] + [page.pk for page in self._chrome_pages()]
        missing = [
            pk
            for pk in dict.fromkeys(wanted)
            if pk in self._pages and not is_specific(self._pages[pk])
        ]
        if missing:
            models = {self._pages[pk].specific_class for pk in missing}
            models = tuple(sorted(models, key=lambda model: model._meta.label))
            extra = related.annotations(models)  # what other apps read with the page
            rows = (
                Page.objects.filter(pk__in=missing)
                .select_related(*specific_relations(models=models))
                .annotate(**extra)
            )
            specific = []
            for row in rows:
                page = as_specific(row)
                for name in extra:
                    setattr(page, name, getattr(row, name))
                page.private = self._pages[row.pk].private
                page.chrome_page = self._pages[row.pk].chrome_page
                page.has_items = getattr(self._pages[row.pk], "has_items", True)
                specific.append(page)
            self._add(specific)
        return [self._pages.get(page.pk, page) for page in pages]

    def _chrome_pages(self):
        return [page for page in self._pages.values() if page.chrome_page]

    def chrome_pages(self):
        """The pages the home page wants on every page (`HomePage.chrome_pages`), specific,
        public, in tree order."""
        self._load()
        return [page for page in self.specific(self._chrome_pages()) if not page.private]

    # -- what pages and templates ask -------------------------------------------------

    def find(self, page, path_components):
        """(deepest page below `page` along the path, components left over); (None, path)
        when nothing is there; None when the stored URL paths cannot tell (let Wagtail walk)."""
        if not page.url_path or not page.path:
            return None
        prefixes = [
            page.url_path + "/".join(path_components[: end + 1]) + "/"
            for end in range(len(path_components))
        ]
        self._load(prefixes)
        found = [
            each
            for each in self._pages.values()
            if each.depth > page.depth
            and each.path.startswith(page.path)
            and each.url_path in prefixes
        ]
        if not found:
            return (None, path_components)
        deepest = min(found, key=lambda each: (-each.depth, each.path))
        if any(not deepest.path.startswith(each.path) for each in found):
            return None  # two pages share a URL path (a slug equal to a fallback slug)
        return deepest, path_components[deepest.depth - page.depth :]

    def ancestors(self, page):
        """Ancestors below the tree root, the home page first (breadcrumbs, JSON-LD)."""
        self._load()
        if not getattr(page, "pk", None) or self.home is None:
            return None
        known = {each.path: each for each in self._pages.values()}
        known[self.home.path] = self.home
        trail = []
        for depth in range(2, page.depth):
            ancestor = known.get(page.path[: depth * Page.steplen])
            if ancestor is None:
                return None  # not a page served here (e.g. a preview): ask the database
            trail.append(ancestor)
        return trail

    def home_children(self):
        """The home page's live, public children (plain unless asked for specific)."""
        if self.home is None:
            return []
        self._load()
        return [
            page
            for page in self._pages.values()
            if page.depth == self.home.depth + 1
            and page.path.startswith(self.home.path)
            and page.live
            and not page.private
        ]

    def is_public(self, page):
        """False when the page or an ancestor is private; None when not known here."""
        if self.home is not None and page.pk == self.home.pk:
            known = self.home
        else:
            known = self._pages.get(page.pk) if self._pages else None
        private = getattr(known, "private", None)
        return None if private is None else not private

    def url_in_language(self, page, language):
        """The page's URL in that language, from its stored URL paths: no query."""
        with translation.override(language):
            url_path, root_path = page.url_path, self.home.url_path if self.home else None
            if root_path and url_path and url_path.startswith(root_path):
                return reverse("wagtail_serve", args=(url_path[len(root_path) :],))
            return page.get_url(request=self.request)

    def prefetch_images(self, *objects, extra=()):
        """Load in one query the renditions of the images on these objects (their image
        foreign keys), of the site settings' images and of `extra`."""
        image_model = get_image_model()
        images = [image for image in extra if image is not None]
        sources = list(objects)
        for model, _name, _extra in _site_settings_relations():
            if self.request is not None and hasattr(self.request, model.get_cache_attr_name()):
                sources.append(getattr(self.request, model.get_cache_attr_name()))
        for source in sources:
            for field in source._meta.concrete_fields:
                if isinstance(field, ForeignKey) and field.related_model is image_model:
                    if field.is_cached(source) and getattr(source, field.name) is not None:
                        images.append(getattr(source, field.name))
        images = [
            image
            for image in images
            if "renditions" not in getattr(image, "_prefetched_objects_cache", {})
        ]
        if images:
            prefetch_related_objects(images, "renditions")


def image_fields(model):
    """Names of the model's foreign keys to images (a programme's image, a partner's logo)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.related_model is get_image_model()
    ]


def with_images(pages):
    """A listing's pages with their images joined in (no query per card)."""
    return pages.select_related(*image_fields(pages.model))


def prefetch_pictures(request, page, listed=()):
    """One query for the renditions of every image a page shows: its listed pages' (loaded
    with_images), its own and the site settings' share image."""
    images = [
        getattr(entry, name)
        for entry in listed
        for name in image_fields(type(entry))
        if getattr(entry, f"{name}_id")
    ]
    chrome = Chrome.for_request(request)
    if chrome is not None:
        chrome.prefetch_images(page, extra=images)
    elif images:
        prefetch_related_objects(images, "renditions")
