"""Editors build and maintain the portal through the Wagtail admin, in English and Russian.

Every test drives the admin views with the POST data the admin's forms send, then checks the
database and what a visitor sees at the page's Russian (and English) address.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, strip_tags

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

import pytest

from library.models import LibraryIndexPage, ResourcePage
from news.models import ArticlePage, NewsIndexPage
from organisation.models import (
    GeneralPage,
    HomePage,
    ImpressumPage,
    LandingPage,
    OfficePage,
    OrganisationSettings,
    Pollutant,
    PriorityIndexPage,
    PriorityPage,
)
from partners.models import (
    EventIndexPage,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    ToolIndexPage,
    ToolPage,
)
from programmes.models import City, ProgrammeIndexPage, ProgrammePage, Theme
from tests.admin_forms import assert_saved, browser_form_data, describe_form_errors

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"  # the id of the page create and edit forms
EDITOR_FORM = "w-editor-form"  # the id of the snippet, setting and site forms


@pytest.fixture(autouse=True)
def _empty_cache():
    """wagtail-modeltranslation caches each language's site root paths; the database is rolled
    back after every test but the cache is not, so a test that replaces the home page would
    leave stale paths behind."""
    cache.clear()
    yield
    cache.clear()


def plain_text(value):
    """The words of a text, rich text or StreamField value, without markup."""
    if isinstance(value, StreamValue):
        return " ".join(plain_text(child.value) for child in value)
    if isinstance(value, RichText):
        value = value.source
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def visit(client, page, language):
    """What a visitor gets at the page's address in `language` (/en/… or /ru/…)."""
    with translation.override(language):
        url = page.get_url()
    assert url and url.startswith(f"/{language}/"), url
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: HTTP {response.status_code}"
    return response.content.decode()


def page_form(title, slug, **fields):
    """Form data for a new page, published; `title` and `slug` are (English, Russian) pairs.

    Multi-valued fields (checkboxes, multiple selects) are added by the caller afterwards:
    nested_form_data would split a list into numbered keys.
    """
    data = nested_form_data(
        {
            "title_en": title[0],
            "title_ru": title[1],
            "slug_en": slug[0],
            "slug_ru": slug[1],
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **fields,
        }
    )
    # The editor leaves the other languages' StreamFields empty; the form still sends them.
    for key in [key for key in data if key.endswith("_en-count")]:
        field = key.removesuffix("_en-count")
        for code, _name in settings.LANGUAGES:
            data.setdefault(f"{build_localized_fieldname(field, code)}-count", "0")
    return data


def figure(value, label_en, label_ru, display="exact"):
    return {
        "value": value,
        "unit_en": "",
        "unit_ru": "",
        "display": display,
        "label_en": label_en,
        "label_ru": label_ru,
        "source_en": "",
        "source_ru": "",
        "source_url": "",
        "as_of": "",
    }


def paragraphs(text):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


# -- 1. creating every page type ---------------------------------------------------------------


@dataclass
class Creation:
    """A page an editor is about to add: where, what they type, and what must come out."""

    parent: Page
    model: type[Page]
    data: dict
    russian: dict  # Russian field -> text it must hold after saving
    check: Callable[[Page], None] = lambda page: None
    after_publish: Callable[[Client, Page], None] = lambda admin_client, page: None


def point_site_at(admin_client, page):
    """The editor makes the new home page the site's root in Settings › Sites."""
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsites:edit", args=(site.pk,))
    data = browser_form_data(admin_client.get(url), EDITOR_FORM)
    data["root_page"] = page.pk
    assert_saved(admin_client.post(url, data))
    assert Site.objects.get(pk=site.pk).root_page_id == page.pk


def remove_single(model):
    """Delete the seeded page of a max_count=1 type (with its subtree), returning its parent."""
    page = model.objects.get()
    parent = page.get_parent()
    page.delete()
    return parent


def new_home():
    # The seeded home page is the site's root: deleting it would delete the Site (and its
    # settings) too, so the site points at the tree root until the new home page exists.
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    site.root_page = root
    site.save()
    HomePage.objects.get().delete()
    data = page_form(
        ("ICLEI Europe", "ИКЛЕИ Европа"),
        ("home", "glavnaya"),
        short_name_en="ICLEI",
        short_name_ru="ИКЛЕИ",
        mission_en=rich_text("<p>A network of European cities.</p>"),
        mission_ru=rich_text("<p>Сеть европейских городов.</p>"),
        approach_en=rich_text(""),
        approach_ru=rich_text(""),
        commitment_en="Clean air by 2030.",
        commitment_ru="Чистый воздух к 2030 году.",
        commitment_year="2030",
        key_figures=inline_formset([figure("400", "cities", "городов", display="at_least")]),
    )

    def check(page):
        assert [(f.label_ru, f.value) for f in page.key_figures.all()] == [
            ("городов", Decimal("400"))
        ]

    return Creation(
        root,
        HomePage,
        data,
        {"mission_ru": "Сеть европейских городов.", "commitment_ru": "Чистый воздух к 2030 году."},
        check,
        after_publish=point_site_at,
    )


def new_index(model, title, slug):
    def arrange():
        parent = remove_single(model)
        data = page_form(
            title,
            slug,
            intro_en=rich_text("<p>What we do.</p>"),
            intro_ru=rich_text("<p>Чем мы занимаемся.</p>"),
        )
        return Creation(parent, model, data, {"intro_ru": "Чем мы занимаемся."})

    return arrange


def new_office():
    parent = remove_single(OfficePage)
    data = page_form(
        ("Our office", "Наш офис"),
        ("contact", "kontakty"),
        intro_en=rich_text("<p>Visit us.</p>"),
        intro_ru=rich_text("<p>Приходите к нам.</p>"),
        thank_you_text_en=rich_text("<p>Thanks.</p>"),
        thank_you_text_ru=rich_text("<p>Спасибо.</p>"),
        to_address="office@example.org",
        from_address="",
        subject_en="Contact form",
        subject_ru="Форма обратной связи",
        form_fields=inline_formset(
            [
                {
                    "label_en": "Your e-mail",
                    "label_ru": "Ваш e-mail",
                    "help_text_en": "",
                    "help_text_ru": "",
                    "field_type": "email",
                    "required": "on",
                    "choices_en": "",
                    "choices_ru": "",
                    "default_value_en": "",
                    "default_value_ru": "",
                }
            ]
        ),
    )

    def check(page):
        field = page.form_fields.get()
        # The stored key comes from the English label, whatever the editor's language.
        assert (field.clean_name, field.label_ru) == ("your_e_mail", "Ваш e-mail")

    return Creation(parent, OfficePage, data, {"intro_ru": "Приходите к нам."}, check)


def new_priority():
    parent = PriorityIndexPage.objects.get()
    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    methane = Pollutant.objects.get(name_en="Methane")
    data = page_form(
        ("Clean cooking", "Чистое приготовление пищи"),
        ("clean-cooking", "chistoe-prigotovlenie-pishchi"),
        number="6",
        summary_en="Less smoke in kitchens.",
        summary_ru="Меньше дыма на кухнях.",
        body_en=paragraphs("Cooking on clean fuels."),
        body_ru=paragraphs("Приготовление пищи на чистом топливе."),
        figures=inline_formset([figure("2.3", "billion people", "млрд человек")]),
        related_pages=inline_formset([{"page_link": programme.pk}]),
    )
    data.update(nested_form_data({"pollutant_links": inline_formset([{"pollutant": methane.pk}])}))

    def check(page):
        assert [link.pollutant for link in page.pollutant_links.all()] == [methane]
        assert [f.label_ru for f in page.figures.all()] == ["млрд человек"]
        assert [link.page_link_id for link in page.related_pages.all()] == [programme.pk]

    return Creation(
        parent,
        PriorityPage,
        data,
        {"summary_ru": "Меньше дыма на кухнях.", "body_ru": "на чистом топливе"},
        check,
    )


def new_programme():
    parent = ProgrammeIndexPage.objects.get()
    theme = Theme.objects.get(slug="air-quality")
    seoul = City.objects.get(name_en="Seoul")
    partner = PartnerPage.objects.get(slug_en="ccac")
    data = page_form(
        ("Clean Air Schools", "Школы чистого воздуха"),
        ("clean-air-schools", "shkoly-chistogo-vozduha"),
        summary_en="Cleaner air around schools.",
        summary_ru="Более чистый воздух вокруг школ.",
        status="planned",
        start_year="2025",
        end_year="2027",
        is_flagship="on",
        iclei_role_en="Coordinator",
        iclei_role_ru="Координатор",
        region_en="East Asia",
        region_ru="Восточная Азия",
        image="",
        body_en=paragraphs("Schools measure their air."),
        body_ru=paragraphs("Школы измеряют качество воздуха."),
        figures=inline_formset([figure("12", "schools", "школ")]),
        phases=inline_formset(
            [
                {
                    "name_en": "Pilot",
                    "name_ru": "Пилотный этап",
                    "start_year": "2025",
                    "end_year": "2026",
                    "description_en": "Two cities.",
                    "description_ru": "Два города.",
                }
            ]
        ),
        cities=inline_formset([{"city": seoul.pk, "role": "lead"}]),
        partners=inline_formset(
            [{"partner": partner.pk, "role_en": "Funder", "role_ru": "Спонсор"}]
        ),
    )
    data["countries"] = ["KR", "JP"]
    data["phases-0-countries"] = ["KR", "MN"]
    data.update(nested_form_data({"theme_links": inline_formset([{"theme": theme.pk}])}))

    def check(page):
        assert page.is_flagship and page.status == "planned"
        assert {country.code for country in page.countries} == {"KR", "JP"}
        assert [link.theme for link in page.theme_links.all()] == [theme]
        phase = page.phases.get()
        assert (phase.name_ru, phase.description_ru) == ("Пилотный этап", "Два города.")
        assert {country.code for country in phase.countries} == {"KR", "MN"}
        assert [(f.label_ru, f.value) for f in page.figures.all()] == [("школ", Decimal("12"))]
        assert [(link.city, link.role) for link in page.cities.all()] == [(seoul, "lead")]
        assert [(link.partner_id, link.role_ru) for link in page.partners.all()] == [
            (partner.pk, "Спонсор")
        ]

    return Creation(
        parent,
        ProgrammePage,
        data,
        {
            "summary_ru": "Более чистый воздух вокруг школ.",
            "iclei_role_ru": "Координатор",
            "body_ru": "Школы измеряют качество воздуха.",
        },
        check,
    )


def entry_form(title, slug, **fields):
    return page_form(
        title,
        slug,
        body_en=streamfield([]),
        body_ru=streamfield([]),
        website="https://example.org",
        logo="",
        **fields,
    )


def new_partner():
    data = entry_form(
        ("World Health Organization", "Всемирная организация здравоохранения"),
        ("who", "voz"),
        acronym_en="WHO",
        acronym_ru="ВОЗ",
        relationship="programme_partner",
        since_year="2019",
        relationship_note_en="Partner on air quality",
        relationship_note_ru="Партнёр по качеству воздуха",
        summary_en="Sets the air quality guidelines.",
        summary_ru="Устанавливает рекомендации по качеству воздуха.",
    )
    return Creation(
        PartnerIndexPage.objects.get(),
        PartnerPage,
        data,
        {"acronym_ru": "ВОЗ", "relationship_note_ru": "Партнёр по качеству воздуха"},
    )


def new_tool():
    cdp = PartnerPage.objects.get(slug_en="cdp")
    data = entry_form(
        ("Air Quality Planner", "Планировщик качества воздуха"),
        ("air-quality-planner", "planirovshchik-kachestva-vozduha"),
        acronym_en="",
        acronym_ru="",
        purpose_en="Clean air action plans",
        purpose_ru="Планы действий за чистый воздух",
        partner=cdp.pk,
        summary_en="Helps cities plan.",
        summary_ru="Помогает городам планировать.",
    )

    def check(page):
        assert page.partner_id == cdp.pk

    return Creation(
        ToolIndexPage.objects.get(),
        ToolPage,
        data,
        {"purpose_ru": "Планы действий за чистый воздух"},
        check,
    )


def new_event():
    data = entry_form(
        ("Clean Air Forum 2026", "Форум чистого воздуха 2026"),
        ("clean-air-forum-2026", "forum-chistogo-vozduha-2026"),
        acronym_en="",
        acronym_ru="",
        start="2026-06-10 09:00",
        end="2026-06-11 17:00",
        time_zone="Europe/Berlin",
        start_year="",
        end_year="",
        is_series="",
        status="scheduled",
        attendance="in_person",
        city="",
        address_en="UN Campus, Bonn",
        address_ru="Кампус ООН, Бонн",
        online_url="",
        registration_status="open",
        registration_url="https://example.org/register",
        registration_info_en="Free of charge.",
        registration_info_ru="Бесплатно.",
        materials_en=streamfield([]),
        materials_ru=streamfield([]),
        summary_en="Cities meet in Bonn.",
        summary_ru="Города встречаются в Бонне.",
    )

    def check(page):
        # The years follow the dates, typed in the event's zone.
        assert (page.start_year, page.end_year, page.is_series) == (2026, 2026, False)
        assert page.start.isoformat() == "2026-06-10T07:00:00+00:00"
        assert page.registration_info_ru == "Бесплатно."

    return Creation(
        EventIndexPage.objects.get(),
        EventPage,
        data,
        {"summary_ru": "Города встречаются в Бонне.", "address_ru": "Кампус ООН, Бонн"},
        check,
    )


def new_article():
    theme = Theme.objects.filter(live=True).first()
    data = page_form(
        ("Cities cut emissions", "Города сокращают выбросы"),
        ("cities-cut-emissions", "goroda-sokrashchayut-vybrosy"),
        kind="press_release",
        date="2025-03-01",
        summary_en="Cities report.",
        summary_ru="Города отчитались.",
        image="",
        body_en=streamfield([]),
        body_ru=streamfield([]),
        authors=inline_formset([]),
        theme_links=inline_formset([{"theme": theme.pk}]),
        related_pages=inline_formset(
            [{"page_link": ProgrammePage.objects.get(slug_en="urban-leds").pk}]
        ),
    )

    def check(page):
        assert page.kind == "press_release" and str(page.date) == "2025-03-01"
        assert page.theme_names == [theme.name]

    return Creation(
        NewsIndexPage.objects.get(), ArticlePage, data, {"summary_ru": "Города отчитались."}, check
    )


def new_publication():
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document = get_document_model().objects.create(
        title="Report (ru)",
        collection=Collection.get_first_root_node(),
        file=ContentFile(b"Russian text", name="report-ru.txt"),
    )
    data = page_form(
        ("Clean air report", "Доклад о чистом воздухе"),
        ("clean-air-report", "doklad-o-chistom-vozduhe"),
        kind="report",
        year="2024",
        summary_en="A report.",
        summary_ru="Доклад.",
        description_en=rich_text(""),
        description_ru=rich_text(""),
        cover="",
        document_ru=document.pk,
        authors=inline_formset([]),
        theme_links=inline_formset([]),
        programme_links=inline_formset([]),
    )

    def check(page):
        assert page.document_ru_id == document.pk and page.document_en_id is None

    return Creation(
        LibraryIndexPage.objects.get(), ResourcePage, data, {"summary_ru": "Доклад."}, check
    )


CREATIONS = [
    pytest.param(
        new_index(NewsIndexPage, ("Newsroom", "Пресс-центр"), ("newsroom", "press-centr")),
        id="NewsIndexPage",
    ),
    pytest.param(new_article, id="ArticlePage"),
    pytest.param(
        new_index(LibraryIndexPage, ("Library", "Библиотека"), ("library", "biblioteka")),
        id="LibraryIndexPage",
    ),
    pytest.param(new_publication, id="ResourcePage"),
    pytest.param(new_home, id="HomePage"),
    pytest.param(
        new_index(PriorityIndexPage, ("Our priorities", "Наши приоритеты"), ("aims", "celi")),
        id="PriorityIndexPage",
    ),
    pytest.param(new_priority, id="PriorityPage"),
    pytest.param(
        new_office,
        id="OfficePage",
    ),
    pytest.param(
        new_index(ProgrammeIndexPage, ("Our work", "Наша работа"), ("work", "rabota")),
        id="ProgrammeIndexPage",
    ),
    pytest.param(new_programme, id="ProgrammePage"),
    pytest.param(
        new_index(
            PartnerIndexPage, ("Who we work with", "С кем мы работаем"), ("allies", "soyuzniki")
        ),
        id="PartnerIndexPage",
    ),
    pytest.param(new_partner, id="PartnerPage"),
    pytest.param(
        new_index(ToolIndexPage, ("Toolbox", "Инструментарий"), ("toolbox", "instrumentarij")),
        id="ToolIndexPage",
    ),
    pytest.param(new_tool, id="ToolPage"),
    pytest.param(
        new_index(EventIndexPage, ("Meetings", "Встречи"), ("meetings", "vstrechi")),
        id="EventIndexPage",
    ),
    pytest.param(new_event, id="EventPage"),
]


@pytest.mark.parametrize("arrange", CREATIONS)
def test_editor_creates_and_publishes_each_page_type_in_both_languages(
    admin_client, client, arrange
):
    creation = arrange()
    model = creation.model
    add_url = reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, creation.parent.pk),
    )

    response = admin_client.post(add_url, creation.data)

    assert_saved(response)
    page = model.objects.get(slug_en=creation.data["slug_en"])
    assert page.get_parent().pk == creation.parent.pk
    assert page.live and not page.has_unpublished_changes
    assert (page.title_en, page.title_ru) == (creation.data["title_en"], creation.data["title_ru"])
    assert page.slug_ru == creation.data["slug_ru"]
    for name, text in creation.russian.items():
        assert text in plain_text(getattr(page, name)), name
    creation.check(page)
    creation.after_publish(admin_client, page)

    with translation.override("ru"):
        russian_url = page.get_url()
    assert russian_url.endswith("/ru/" if model is HomePage else f"/{creation.data['slug_ru']}/")
    russian = visit(client, page, "ru")
    assert escape(creation.data["title_ru"]) in russian
    english = visit(client, page, "en")
    assert escape(creation.data["title_en"]) in english
    assert escape(creation.data["title_ru"]) not in english


# -- 2. editing every page type ----------------------------------------------------------------

EDITS = [
    # model, English slug of the seeded page (None: the only one), translated field to change
    pytest.param(HomePage, None, "commitment", id="HomePage"),
    pytest.param(PriorityIndexPage, None, "intro", id="PriorityIndexPage"),
    pytest.param(PriorityPage, "short-lived-climate-pollutants", "summary", id="PriorityPage"),
    pytest.param(OfficePage, None, "intro", id="OfficePage"),
    pytest.param(ProgrammeIndexPage, None, "intro", id="ProgrammeIndexPage"),
    pytest.param(ProgrammePage, "clean-air-cities-of-east-asia", "summary", id="ProgrammePage"),
    pytest.param(PartnerIndexPage, None, "intro", id="PartnerIndexPage"),
    pytest.param(PartnerPage, "ccac", "relationship_note", id="PartnerPage"),
    pytest.param(ToolIndexPage, None, "intro", id="ToolIndexPage"),
    pytest.param(ToolPage, "cdp-iclei-unified-reporting-system", "purpose", id="ToolPage"),
    pytest.param(EventIndexPage, None, "intro", id="EventIndexPage"),
    pytest.param(EventPage, "daring-cities", "summary", id="EventPage"),
]


def english_content(page):
    """The page's English texts, as words."""
    names = translator.get_options_for_model(type(page)).get_field_names()
    return {name: plain_text(getattr(page, f"{name}_en")) for name in names}


def related_content(page):
    """What hangs off the page: inline rows and many-to-many choices."""
    content = {
        relation.name: sorted(getattr(page, relation.get_accessor_name()).values_list("pk"))
        for relation in get_all_child_relations(page)
    }
    content.update(
        {
            relation.name: sorted(getattr(page, relation.name).values_list("pk"))
            for relation in get_all_child_m2m_relations(page)
        }
    )
    return content


@pytest.mark.parametrize(("model", "slug", "field_name"), EDITS)
def test_editor_changes_the_russian_title_and_text_of_each_page_type(
    admin_client, client, model, slug, field_name
):
    page = model.objects.get(slug_en=slug) if slug else model.objects.get()
    english_before, related_before = english_content(page), related_content(page)
    new_title = f"{page.title_ru} (обновлено)"
    new_text = "Новый русский текст."
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    data = browser_form_data(admin_client.get(edit_url), PAGE_FORM)
    data["title_ru"] = new_title
    russian_field = f"{field_name}_ru"
    is_rich = isinstance(model._meta.get_field(russian_field), RichTextField)
    data[russian_field] = rich_text(f"<p>{new_text}</p>") if is_rich else new_text
    data["action-publish"] = "action-publish"
    assert_saved(admin_client.post(edit_url, data))

    page = model.objects.get(pk=page.pk)
    assert page.title_ru == new_title
    assert plain_text(getattr(page, russian_field)) == new_text
    assert not page.has_unpublished_changes
    assert english_content(page) == english_before
    assert related_content(page) == related_before
    russian = visit(client, page, "ru")
    assert escape(new_title) in russian
    english = visit(client, page, "en")
    assert escape(page.title_en) in english
    assert escape(new_title) not in english


# -- 3. drafts ---------------------------------------------------------------------------------


def test_saving_a_draft_does_not_change_what_visitors_see(admin_client, client):
    page = PartnerPage.objects.get(slug_en="ccac")
    live_title, live_summary = page.title_ru, page.summary_ru
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = browser_form_data(admin_client.get(edit_url), PAGE_FORM)
    data["title_ru"] = "Черновик заголовка"
    data["summary_ru"] = "Черновик краткого описания."
    assert "action-publish" not in data  # the plain "Save draft" submit

    assert_saved(admin_client.post(edit_url, data))

    page = PartnerPage.objects.get(pk=page.pk)
    assert (page.title_ru, page.summary_ru) == (live_title, live_summary)
    assert page.live and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert (draft.title_ru, draft.summary_ru) == (
        "Черновик заголовка",
        "Черновик краткого описания.",
    )
    russian = visit(client, page, "ru")
    assert escape(live_title) in russian
    assert "Черновик" not in russian


# -- 4. page-type rules ------------------------------------------------------------------------

# General and landing pages stand under the home page and every section.
TEXT_PAGES = {GeneralPage, LandingPage}
ALLOWED_CHILDREN = {
    HomePage: {
        PriorityIndexPage,
        OfficePage,
        ProgrammeIndexPage,
        PartnerIndexPage,
        ToolIndexPage,
        EventIndexPage,
        ImpressumPage,
        NewsIndexPage,
        LibraryIndexPage,
        *TEXT_PAGES,
    },
    PriorityIndexPage: {PriorityPage, *TEXT_PAGES},
    ProgrammeIndexPage: {ProgrammePage, *TEXT_PAGES},
    PartnerIndexPage: {PartnerPage, *TEXT_PAGES},
    ToolIndexPage: {ToolPage, *TEXT_PAGES},
    EventIndexPage: {EventPage, *TEXT_PAGES},
    NewsIndexPage: {ArticlePage, *TEXT_PAGES},
    LibraryIndexPage: {ResourcePage, *TEXT_PAGES},
    ArticlePage: set(),
    ResourcePage: set(),
    GeneralPage: {GeneralPage},
    LandingPage: {*TEXT_PAGES},
    ImpressumPage: set(),
    PriorityPage: set(),
    OfficePage: set(),
    ProgrammePage: set(),
    PartnerPage: set(),
    ToolPage: set(),
    EventPage: set(),
}


@pytest.mark.parametrize("model", ALLOWED_CHILDREN, ids=lambda model: model.__name__)
def test_each_page_type_has_exactly_its_subpage_types(model):
    assert set(model.allowed_subpage_models()) == ALLOWED_CHILDREN[model]


@pytest.mark.parametrize("model", ALLOWED_CHILDREN, ids=lambda model: model.__name__)
def test_each_page_type_has_exactly_its_parent_types(model):
    if model is HomePage:
        expected = {Page}  # only under the tree root
    else:
        expected = {parent for parent, children in ALLOWED_CHILDREN.items() if model in children}
    assert set(model.allowed_parent_page_models()) == expected


def attempt_add(admin_client, model, parent, data):
    """GET and POST the add view; return both responses."""
    url = reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )
    return admin_client.get(url), admin_client.post(url, data)


def assert_refused(response):
    """Wagtail answers a forbidden add with a redirect to the dashboard (and an error message)."""
    assert response.status_code == 302, describe_form_errors(response)
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("model", "parent_model"),
    [
        pytest.param(HomePage, None, id="second-HomePage"),
        pytest.param(ProgrammeIndexPage, HomePage, id="second-ProgrammeIndexPage"),
        pytest.param(OfficePage, HomePage, id="second-OfficePage"),
        pytest.param(PriorityIndexPage, HomePage, id="second-PriorityIndexPage"),
    ],
)
def test_admin_refuses_a_second_page_of_a_single_instance_type(admin_client, model, parent_model):
    parent = parent_model.objects.get() if parent_model else Page.get_first_root_node()
    data = page_form(("Second", "Второй"), ("second", "vtoroj"), intro_en=rich_text(""))
    assert model.max_count == 1
    assert not model.can_create_at(parent)

    for response in attempt_add(admin_client, model, parent, data):
        assert_refused(response)

    assert model.objects.count() == 1
    # Control: with the existing one gone, the same type may be created there again.
    model.objects.get().delete()
    assert model.can_create_at(parent)


@pytest.mark.parametrize(
    ("model", "parent_model"),
    [
        pytest.param(PriorityPage, HomePage, id="PriorityPage-under-HomePage"),
        pytest.param(ProgrammePage, PartnerIndexPage, id="ProgrammePage-under-PartnerIndexPage"),
        pytest.param(PartnerPage, ToolIndexPage, id="PartnerPage-under-ToolIndexPage"),
        pytest.param(EventPage, ProgrammePage, id="EventPage-under-ProgrammePage"),
    ],
)
def test_admin_refuses_a_page_type_under_the_wrong_parent(admin_client, model, parent_model):
    parent = parent_model.objects.first()
    before = model.objects.count()
    data = page_form(("Misplaced", "Не на месте"), ("misplaced", "ne-na-meste"), summary_en="x")

    for response in attempt_add(admin_client, model, parent, data):
        assert_refused(response)

    assert model.objects.count() == before


# -- 5. snippets -------------------------------------------------------------------------------


def snippet_url(model, action, *args):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}", args=args
    )


def edit_snippet(admin_client, instance, **changes):
    url = snippet_url(type(instance), "edit", instance.pk)
    data = browser_form_data(admin_client.get(url), EDITOR_FORM)
    for name, value in changes.items():
        data[name] = value
    # Snippets have drafts: without "publish" the change would wait in a revision.
    data["action-publish"] = "action-publish"
    assert_saved(admin_client.post(url, data))
    return type(instance).objects.get(pk=instance.pk)


def test_editor_creates_and_renames_a_theme(admin_client):
    response = admin_client.post(
        snippet_url(Theme, "add"),
        {
            "name_en": "Clean cooking",
            "name_ru": "Чистое приготовление пищи",
            "slug": "clean-cooking",
        },
    )

    assert_saved(response)
    theme = Theme.objects.get(slug="clean-cooking")
    assert (theme.name_en, theme.name_ru) == ("Clean cooking", "Чистое приготовление пищи")

    theme = edit_snippet(admin_client, theme, name_ru="Чистая кухня")
    assert (theme.name_en, theme.name_ru, theme.slug) == (
        "Clean cooking",
        "Чистая кухня",
        "clean-cooking",
    )
    with translation.override("ru"):
        assert str(theme) == "Чистая кухня"


def city_form(**changes):
    return {
        "name_en": "Ulaanbaatar",
        "name_ru": "Улан-Батор",
        "country": "MN",
        "latitude": "47.88640",
        "longitude": "106.90570",
        **changes,
    }


def test_editor_creates_and_renames_a_city(admin_client):
    assert_saved(admin_client.post(snippet_url(City, "add"), city_form()))

    city = City.objects.get(name_en="Ulaanbaatar")
    assert (city.name_ru, city.country.code) == ("Улан-Батор", "MN")
    assert (city.latitude, city.longitude) == (Decimal("47.88640"), Decimal("106.90570"))

    seoul = edit_snippet(admin_client, City.objects.get(name_en="Seoul"), name_ru="Сеул (Корея)")
    assert (seoul.name_en, seoul.name_ru) == ("Seoul", "Сеул (Корея)")
    assert seoul.latitude == Decimal("37.56650")


def test_a_city_with_latitude_but_no_longitude_is_rejected(admin_client):
    response = admin_client.post(snippet_url(City, "add"), city_form(longitude=""))

    assert response.status_code == 200, "the form should come back with an error"
    assert response.context["form"].non_field_errors() == [
        "Give both latitude and longitude, or neither."
    ]
    assert not City.objects.filter(name_en="Ulaanbaatar").exists()


def pollutant_form(**changes):
    return {
        "name_en": "Nitrogen dioxide",
        "name_ru": "Диоксид азота",
        "symbol_en": "NO₂",
        "symbol_ru": "NO₂",
        "kind": "air",
        "description_en": "",
        "description_ru": "",
        "guideline_value": "10",
        "guideline_unit_en": "µg/m³",
        "guideline_unit_ru": "мкг/м³",
        "guideline_source_en": "WHO",
        "guideline_source_ru": "ВОЗ",
        **changes,
    }


def test_editor_creates_and_renames_a_pollutant(admin_client):
    assert_saved(admin_client.post(snippet_url(Pollutant, "add"), pollutant_form()))

    pollutant = Pollutant.objects.get(name_en="Nitrogen dioxide")
    assert (pollutant.name_ru, pollutant.guideline_unit_ru) == ("Диоксид азота", "мкг/м³")
    assert pollutant.guideline_value == Decimal("10")

    methane = edit_snippet(
        admin_client, Pollutant.objects.get(name_en="Methane"), name_ru="Метан (CH₄)"
    )
    assert (methane.name_en, methane.name_ru, methane.kind) == ("Methane", "Метан (CH₄)", "slcp")


def test_a_pollutant_guideline_value_without_unit_is_rejected(admin_client):
    response = admin_client.post(
        snippet_url(Pollutant, "add"),
        pollutant_form(guideline_unit_en="", guideline_unit_ru=""),
    )

    assert response.status_code == 200, "the form should come back with an error"
    assert response.context["form"].errors == {
        "guideline_unit_en": ["Give the unit of the guideline value."]
    }
    assert not Pollutant.objects.filter(name_en="Nitrogen dioxide").exists()


# -- 6. organisation settings ------------------------------------------------------------------


def test_editor_changes_the_russian_locality_shown_in_the_footer(admin_client, client, home_page):
    site = Site.objects.get(root_page=home_page)
    url = reverse("wagtailsettings:edit", args=("organisation", "organisationsettings", site.pk))
    data = browser_form_data(admin_client.get(url), EDITOR_FORM)
    data["locality_ru"] = "Бонн-Бад-Годесберг"

    assert_saved(admin_client.post(url, data))

    settings = OrganisationSettings.for_site(site)
    assert (settings.locality_en, settings.locality_ru) == ("Bonn", "Бонн-Бад-Годесберг")
    assert settings.street_address_ru == "Кайзер-Фридрих-штрассе, 7"
    assert "Бонн-Бад-Годесберг" in visit(client, home_page, "ru")
    english = visit(client, home_page, "en")
    assert "Bonn" in english
    assert "Бонн-Бад-Годесберг" not in english


# -- 7. the admin in Russian (STACK-NOTES trap 5) ----------------------------------------------


def stored_titles(page):
    """The raw columns, read past modeltranslation (which would map `title` to title_<lang>)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, draft_title, title_en, title_ru FROM wagtailcore_page WHERE id = %s",
            [page.pk],
        )
        return cursor.fetchone()


@pytest.mark.parametrize("russian_by", ["profile", "browser"])
def test_editor_working_in_russian_leaves_explorer_titles_in_english(
    client, admin_user, django_user_model, russian_by
):
    headers = {}
    if russian_by == "profile":
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = "ru"
        profile.save()
    else:
        headers["HTTP_ACCEPT_LANGUAGE"] = "ru"
    client.force_login(admin_user)
    page = PartnerPage.objects.get(slug_en="unfccc")
    english_title = page.title_en
    new_title = "РКИК ООН (обновлено)"
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    response = client.get(edit_url, **headers)
    assert '<html lang="ru"' in response.content.decode(), "the admin should run in Russian"
    data = browser_form_data(response, PAGE_FORM)
    data["title_ru"] = new_title
    data["action-publish"] = "action-publish"
    assert_saved(client.post(edit_url, data, **headers))

    assert stored_titles(page) == (english_title, english_title, english_title, new_title)
    page = PartnerPage.objects.get(pk=page.pk)
    assert page.get_latest_revision().content["title"] == english_title
    english_editor = django_user_model.objects.create_superuser(
        "english-editor", "en@example.org", "x"
    )
    explorer = Client()
    explorer.force_login(english_editor)
    listing = explorer.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    assert listing.status_code == 200
    assert escape(english_title) in listing.content.decode()
    assert new_title not in listing.content.decode()
