"""Build the whole portal from the seed: page tree, snippets and settings, in every language.

Idempotent: each object the command creates is remembered in core.SeedRecord under a
stable key, and a key that is already recorded is never touched again. So a second run
changes nothing, and an editor's later edits, renames or deletions are never undone.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from wagtail.models import Page, Site

from core.models import SeedRecord
from core.orderables import number_rows
from organisation import seed_content as seed
from organisation.models import (
    GeneralPage,
    HomeKeyFigure,
    HomePage,
    NavigationSettings,
    OfficeFormField,
    OfficePage,
    OrganisationSettings,
    Pollutant,
    PriorityFigure,
    PriorityIndexPage,
    PriorityLink,
    PriorityPage,
    PriorityPollutant,
    SiteNotice,
)
from partners.models import (
    EventIndexPage,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    ToolIndexPage,
    ToolPage,
)
from programmes.models import (
    City,
    ProgrammeCity,
    ProgrammeFigure,
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammePartner,
    ProgrammePhase,
    ProgrammeTheme,
    Theme,
)

STREAM_FIELDS = {"body"}
RICH_FIELDS = {"approach", "intro"}  # corrected passage by passage (seed.CORRECTIONS)


def localize(fields):
    """Expand translated values (seed.T) into modeltranslation's per-language fields."""
    values = {}
    for name, value in fields.items():
        if isinstance(value, seed.T):
            for lang in ("en", "ru"):
                text = getattr(value, lang)
                if name in STREAM_FIELDS and isinstance(text, str):
                    text = [("paragraph", text)]
                values[f"{name}_{lang}"] = text
            if name in ("title", "slug"):
                values[name] = value.en
        else:
            values[name] = value
    return values


def replace_text(page, field, lang, old, new):
    """Replace old by new in one language of a page's field; True if it was there."""
    if field == "key_figures.label":
        found = False
        for figure in page.key_figures.all():
            found |= replace_attribute(figure, f"label_{lang}", old, new)
        return found
    if field in STREAM_FIELDS:
        name = f"{field}_{lang}"
        blocks = list(getattr(page, name).raw_data)
        text = [block["value"] for block in blocks if isinstance(block["value"], str)]
        if not any(old in value for value in text):
            return False
        for block in blocks:
            if isinstance(block["value"], str):
                block["value"] = block["value"].replace(old, new)
        setattr(page, name, blocks)
        return True
    found = replace_attribute(page, f"{field}_{lang}", old, new, whole=field not in RICH_FIELDS)
    if found and field in ("title", "slug") and lang == "en":
        setattr(page, field, getattr(page, f"{field}_en"))
    return found


def replace_attribute(obj, name, old, new, whole=True):
    """Replace old by new in obj.name: the whole value (a title, a label), or a passage of
    rich text."""
    value = getattr(obj, name) or ""
    if (value != old) if whole else (old not in value):
        return False
    setattr(obj, name, value.replace(old, new))
    return True


class Command(BaseCommand):
    help = (
        "Create ICLEI's pages, snippets and settings from the seed in English and Russian. "
        "Safe to run again: nothing that exists is changed."
    )

    def handle(self, *args, **options):
        self.created = self.kept = self.corrected = 0
        with translation.override("en"), transaction.atomic():
            # Wagtail's own migrations create the root page without per-language
            # columns (STACK-NOTES trap 4); fill them before building on it.
            call_command("update_translation_fields", verbosity=0)
            self.build()
            self.correct()
            # Publishing indexes each page; this also fills the search of a database
            # seeded before it existed.
            call_command("rebuild_site_search", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed content: {self.created} created, "
                f"{self.kept} already there (left as they are), "
                f"{self.corrected} corrected."
            )
        )

    # -- the site ------------------------------------------------------------
    def build(self):
        themes = {
            key: self.obtain(
                f"theme:{key}",
                lambda k=key, n=name: Theme.objects.create(slug=k, **localize({"name": n})),
            )
            for key, name in seed.THEMES
        }
        cities = {
            key: self.obtain(f"city:{key}", lambda f=fields: City.objects.create(**localize(f)))
            for key, fields in seed.CITIES
        }
        pollutants = {
            key: self.obtain(
                f"pollutant:{key}", lambda f=fields: Pollutant.objects.create(**localize(f))
            )
            for key, fields in seed.POLLUTANTS
        }

        home = self.obtain("page:home", self.create_home)
        refs = {}
        indexes = {}
        for key, model, fields in (
            ("priorities", PriorityIndexPage, seed.PRIORITY_INDEX),
            ("programmes", ProgrammeIndexPage, seed.PROGRAMME_INDEX),
            ("partners", PartnerIndexPage, seed.PARTNER_INDEX),
            ("tools", ToolIndexPage, seed.TOOL_INDEX),
            ("events", EventIndexPage, seed.EVENT_INDEX),
            # By name: the newsroom and the library build on this app, not it on them.
            ("news", apps.get_model("news", "NewsIndexPage"), seed.NEWS_INDEX),
            ("publications", apps.get_model("library", "LibraryIndexPage"), seed.LIBRARY_INDEX),
            ("office", OfficePage, seed.OFFICE),
        ):
            if "form_fields" in fields:
                fields = dict(fields)
                fields["form_fields"] = [
                    OfficeFormField(**localize(f)) for f in fields["form_fields"]
                ]
            indexes[key] = self.page(f"page:{key}", home, model, fields)

        for key, fields in seed.PARTNERS:
            refs[f"partner:{key}"] = self.page(
                f"page:partner:{key}", indexes["partners"], PartnerPage, fields
            )
        for key, fields in seed.TOOLS:
            fields = dict(fields)
            if "partner" in fields:
                fields["partner"] = refs.get(f"partner:{fields['partner']}")
            refs[f"tool:{key}"] = self.page(f"page:tool:{key}", indexes["tools"], ToolPage, fields)
        for key, fields in seed.EVENTS:
            refs[f"event:{key}"] = self.page(
                f"page:event:{key}", indexes["events"], EventPage, fields
            )

        for key, fields in seed.PROGRAMMES:
            fields = dict(fields)
            fields["theme_links"] = [
                ProgrammeTheme(theme=themes[slug])
                for slug in fields.pop("themes", [])
                if themes[slug]
            ]
            fields["figures"] = [ProgrammeFigure(**localize(f)) for f in fields.pop("figures", [])]
            fields["phases"] = [ProgrammePhase(**localize(f)) for f in fields.pop("phases", [])]
            fields["cities"] = [
                ProgrammeCity(city=cities[city], role=role)
                for city, role in fields.pop("cities", [])
                if cities[city]
            ]
            fields["partners"] = [
                ProgrammePartner(partner=refs[f"partner:{partner}"], **localize({"role": role}))
                for partner, role in fields.pop("partners", [])
                if refs.get(f"partner:{partner}")
            ]
            refs[f"programme:{key}"] = self.page(
                f"page:programme:{key}", indexes["programmes"], ProgrammePage, fields
            )

        for key, fields in seed.PRIORITIES:
            fields = dict(fields)
            fields["pollutant_links"] = [
                PriorityPollutant(pollutant=pollutants[key])
                for key in fields.pop("pollutants", [])
                if pollutants[key]
            ]
            fields["figures"] = [PriorityFigure(**localize(f)) for f in fields.pop("figures", [])]
            fields["related_pages"] = [
                PriorityLink(page_link=refs[ref])
                for ref in fields.pop("links", [])
                if refs.get(ref)
            ]
            self.page(f"page:priority:{key}", indexes["priorities"], PriorityPage, fields)

        privacy = self.page("page:privacy-notice", home, GeneralPage, seed.PRIVACY_NOTICE)

        if home:
            self.obtain("settings:organisation", lambda: self.fill_settings(home))
            self.obtain("settings:navigation", lambda: self.fill_navigation(home, privacy))

    def create_home(self):
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        # Replace Wagtail's placeholder welcome page (a plain Page, no children).
        for welcome in root.get_children().filter(
            content_type=ContentType.objects.get_for_model(Page), numchild=0
        ):
            if site and site.root_page_id == welcome.pk:
                site.root_page = root
                site.save()
            welcome.delete()
        fields = dict(seed.HOME)
        fields["key_figures"] = [HomeKeyFigure(**localize(f)) for f in fields.pop("key_figures")]
        fields["slug"] = seed.T("home", "home")
        home = self.publish(root, HomePage, fields)
        if site:
            site.root_page = home
            site.site_name = seed.HOME["title"].en
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=seed.HOME["title"].en,
            )
        return home

    def fill_settings(self, home):
        site = Site.objects.get(root_page=home)
        settings = OrganisationSettings.for_site(site)
        for name, value in localize(seed.ORGANISATION_SETTINGS).items():
            if not getattr(settings, name):  # an editor's value wins
                setattr(settings, name, value)
        settings.save()
        return settings

    # -- copy fixed since earlier seeds --------------------------------------
    def correct(self):
        """Put seed.CORRECTIONS into pages seeded before them, where the old words are still
        there. A page with an unpublished draft is left alone (publishing would publish the
        draft); an editor's own wording never contains the old words, so it stays."""
        by_key = {}
        for key, field, lang, old, new in seed.CORRECTIONS:
            by_key.setdefault(key, []).append((field, lang, old, new))
        for key, fixes in by_key.items():
            record = SeedRecord.objects.filter(key=key).first()
            page = record and Page.objects.filter(pk=record.object_id).first()
            if page is None or not page.live or page.has_unpublished_changes:
                continue
            page = page.specific.get_latest_revision_as_object()
            changed = [fix for fix in fixes if replace_text(page, *fix)]
            if changed:
                page.save_revision(log_action=True).publish()
                self.corrected += 1
                self.stdout.write(f"  corrected {key}: {', '.join(f[0] for f in changed)}")

    def fill_navigation(self, home, privacy):
        """Point the contact form and the footer at the privacy notice; the menus and the
        site notice stay empty for editors (the seed names no other page for them)."""
        site = Site.objects.get(root_page=home)
        SiteNotice.for_site(site)  # its empty row, for translators to open like the others
        navigation = NavigationSettings.for_site(site)
        if navigation.privacy_notice_id is None and privacy is not None:
            navigation.privacy_notice = privacy
            navigation.save()
        return navigation

    # -- mechanics -----------------------------------------------------------
    def page(self, key, parent, model, fields):
        if parent is None:
            self.stdout.write(f"  skipped {key}: its parent page was removed")
            return None
        return self.obtain(key, lambda: self.publish(parent, model, fields))

    def publish(self, parent, model, fields):
        fields = localize(fields)
        for value in fields.values():
            if isinstance(value, list):
                number_rows(value)  # inline rows in the seed's order (core/orderables.py)
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def obtain(self, key, create):
        """The object recorded under key, or a new one from create().

        None when an editor has deleted the recorded object: it stays deleted."""
        record = SeedRecord.objects.filter(key=key).select_related("content_type").first()
        if record:
            self.kept += 1
            model = record.content_type.model_class()
            obj = model._default_manager.filter(pk=record.object_id).first()
            if obj is not None and isinstance(obj, Page):
                obj = obj.specific
            return obj
        obj = create()
        SeedRecord.objects.create(
            key=key,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )
        self.created += 1
        self.stdout.write(f"  created {key}: {obj}")
        return obj
