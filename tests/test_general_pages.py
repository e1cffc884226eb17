"""General, landing and Impressum pages; the footer and legal menus; the site notice; the
privacy notice the seed writes.

Stories: an editor adds an "About" page under the home page and a FAQ under a section, a
landing page that lists its pages; a visitor finds them in the search, the sitemap, the API
and reads the footer's links and the organisation's social accounts; a maintenance notice
appears on every page only for its period, even from the front cache; the Impressum is
linked only once staff have published it; the contact form says where the privacy notice is.
"""

import json
from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import rich_text, streamfield

import pytest
import time_machine
from bs4 import BeautifulSoup
from csp.constants import NONCE, SELF

from core import cache as front_cache
from organisation.models import (
    GeneralPage,
    HomePage,
    ImpressumPage,
    LandingPage,
    NavigationSettings,
    OfficePage,
    OrganisationSettings,
    SiteNotice,
)
from programmes.models import ProgrammeIndexPage
from tests.admin_forms import assert_saved
from tests.helpers import visible_text
from tests.test_admin_editing import page_form

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def general_form(title, slug, intro=("", ""), text="Who we are."):
    return page_form(
        title,
        slug,
        intro_en=intro[0],
        intro_ru=intro[1],
        body_en=streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
    )


def visit(client, page, language="en"):
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return response


# -- creating the pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parent_model", [HomePage, ProgrammeIndexPage], ids=["under home", "under a section"]
)
def test_an_editor_creates_a_general_page_in_both_languages(
    admin_client, client, seeded_site, parent_model
):
    parent = parent_model.objects.get()
    data = general_form(
        ("Frequently asked questions", "Частые вопросы"),
        ("faq", "voprosy"),
        intro=("Answers to what people ask.", "Ответы на частые вопросы."),
        text="Anyone may read the portal.",
    )
    assert_saved(admin_client.post(add_url(GeneralPage, parent), data))

    page = GeneralPage.objects.get(slug_en="faq")
    assert page.live and page.get_parent().pk == parent.pk
    english = visit(client, page)
    assert soup_of(english).h1.text == "Frequently asked questions"
    assert "Anyone may read the portal." in visible_text(english)
    russian = visit(client, page, "ru")
    assert soup_of(russian).h1.text == "Частые вопросы"
    assert "Ответы на частые вопросы." in visible_text(russian)


def test_a_landing_page_lists_its_pages_and_a_general_page_nests_below_it(
    admin_client, client, seeded_site
):
    home = HomePage.objects.get()
    data = page_form(
        ("About us", "О нас"),
        ("about", "o-nas"),
        intro_en="Who ICLEI is.",
        intro_ru="Кто такие ICLEI.",
        list_children="on",
        body_en=streamfield([]),
    )
    assert_saved(admin_client.post(add_url(LandingPage, home), data))
    landing = LandingPage.objects.get(slug_en="about")
    child = general_form(
        ("Our history", "Наша история"),
        ("history", "istoriya"),
        intro=("Since 1990.", "С 1990 года."),
    )
    assert_saved(admin_client.post(add_url(GeneralPage, landing), child))
    history = GeneralPage.objects.get(slug_en="history")
    assert history.get_parent().pk == landing.pk

    listed = soup_of(visit(client, landing)).select(".landing-page__list li")
    assert [item.a.text for item in listed] == ["Our history"]
    assert listed[0].a["href"] == history.url
    assert "Since 1990." in listed[0].text
    russian = soup_of(visit(client, landing, "ru")).select(".landing-page__list li")
    assert russian[0].a.text == "Наша история" and "С 1990 года." in russian[0].text


def test_the_new_types_may_stand_where_the_issue_asks_and_nowhere_else():
    assert GeneralPage in HomePage.allowed_subpage_models()
    assert LandingPage in HomePage.allowed_subpage_models()
    assert ImpressumPage in HomePage.allowed_subpage_models()
    assert GeneralPage in ProgrammeIndexPage.allowed_subpage_models()
    assert GeneralPage in LandingPage.allowed_subpage_models()
    assert GeneralPage in GeneralPage.allowed_subpage_models()
    assert ImpressumPage.allowed_parent_page_models() == [HomePage]
    assert OfficePage not in GeneralPage.allowed_subpage_models()


@pytest.fixture
def faq(seeded_site):
    home = HomePage.objects.get()
    page = home.add_child(
        instance=GeneralPage(
            title="Frequently asked questions",
            title_en="Frequently asked questions",
            slug="faq",
            slug_en="faq",
            intro_en="Answers about membership.",
            body_en=[("paragraph", rich_text_value("<p>Membership is open to cities.</p>"))],
        )
    )
    page.save_revision().publish()
    return GeneralPage.objects.get(pk=page.pk)


def rich_text_value(html):
    from wagtail.rich_text import RichText

    return RichText(html)


def test_a_general_page_is_in_the_search_sitemap_and_api(client, faq):
    found = client.get("/en/search/", {"q": "membership"})
    assert faq.url in [a["href"] for a in soup_of(found).select("main a")]
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "/en/faq/" in sitemap
    api = client.get("/api/v2/pages/", {"type": "organisation.GeneralPage", "fields": "intro"})
    assert api.status_code == 200
    items = api.json()["items"]
    assert [item["intro"] for item in items if item["id"] == faq.pk] == [
        "Answers about membership."
    ]


def test_a_general_page_is_a_web_page_of_the_organisation_in_json_ld(client, faq):
    script = soup_of(visit(client, faq)).find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    page = next(node for node in graph if node["@type"] == "WebPage")
    organisation = next(node for node in graph if node["@type"] == "Organization")
    assert page["name"] == "Frequently asked questions"
    assert page["url"].endswith("/en/faq/")
    assert page["publisher"] == {"@id": organisation["@id"]}
    assert page["inLanguage"] == "en"


def test_a_general_page_costs_the_same_few_queries_as_the_others(
    client, faq, django_assert_max_num_queries
):
    client.get(faq.url)
    cache.clear()
    with django_assert_max_num_queries(8):
        assert client.get(faq.url).status_code == 200


def test_a_landing_page_with_many_pages_costs_the_same_queries(
    client, seeded_site, django_assert_max_num_queries
):
    landing = HomePage.objects.get().add_child(
        instance=LandingPage(title="About", title_en="About", slug="about", slug_en="about")
    )
    landing.save_revision().publish()
    for n in range(30):
        child = landing.add_child(
            instance=GeneralPage(
                title=f"Page {n}", title_en=f"Page {n}", slug=f"p{n}", slug_en=f"p{n}"
            )
        )
        child.save_revision().publish()
    client.get(landing.url)
    cache.clear()
    with django_assert_max_num_queries(8):
        response = client.get(landing.url)
    assert len(soup_of(response).select(".landing-page__list li")) == 30


# -- footer: menus and social links ------------------------------------------------------------


def site_settings(model):
    return model.for_site(Site.objects.get(is_default_site=True))


def test_the_footer_shows_the_editors_menu_and_the_social_accounts(client, faq):
    navigation = site_settings(NavigationSettings)
    navigation.footer_links_en = [
        ("link", {"label": "", "page": Page.objects.get(pk=faq.pk), "url": ""}),
        ("link", {"label": "Annual reports", "page": None, "url": "https://iclei.org/reports"}),
    ]
    navigation.footer_links_ru = [
        ("link", {"label": "Вопросы", "page": Page.objects.get(pk=faq.pk), "url": ""}),
    ]
    navigation.save()
    organisation = site_settings(OrganisationSettings)
    organisation.social_links = [
        ("link", {"network": "LinkedIn", "url": "https://www.linkedin.com/company/iclei"}),
        ("link", {"network": "Mastodon", "url": "https://mastodon.example/@iclei"}),
    ]
    organisation.save()

    english = soup_of(client.get("/en/"))
    footer = english.select_one("footer")
    menu = [(a.text, a["href"]) for a in footer.select("nav[aria-labelledby] a")]
    assert menu == [
        ("Frequently asked questions", "/en/faq/"),
        ("Annual reports", "https://iclei.org/reports"),
    ]
    social = [(a.text, a["href"], a.get("rel")) for a in footer.select("a[rel~=me]")]
    assert social == [
        ("LinkedIn", "https://www.linkedin.com/company/iclei", ["me"]),
        ("Mastodon", "https://mastodon.example/@iclei", ["me"]),
    ]
    graph = json.loads(english.find("script", type="application/ld+json").string)["@graph"]
    organisation_node = next(node for node in graph if node["@type"] == "Organization")
    assert organisation_node["sameAs"] == [
        "https://www.linkedin.com/company/iclei",
        "https://mastodon.example/@iclei",
    ]

    russian = soup_of(client.get("/ru/")).select_one("footer")
    assert [a.text for a in russian.select("nav[aria-labelledby] a")] == ["Вопросы"]


def test_a_menu_link_needs_a_page_or_an_address_and_a_label_for_an_address():
    from organisation.models import MenuLinkBlock

    block = MenuLinkBlock()
    with pytest.raises(StructBlockValidationError) as neither:
        block.clean(block.to_python({"label": "x", "page": None, "url": ""}))
    assert "one of the two" in str(neither.value.block_errors["url"])
    with pytest.raises(StructBlockValidationError) as unlabelled:
        block.clean(block.to_python({"label": "", "page": None, "url": "https://iclei.org"}))
    assert "needs a label" in str(unlabelled.value.block_errors["label"])


# -- the site notice ---------------------------------------------------------------------------


def notice(message, starts_at=None, ends_at=None):
    setting = site_settings(SiteNotice)
    setting.message_en = message
    setting.starts_at, setting.ends_at = starts_at, ends_at
    setting.save()
    return setting


def shown_notice(client, url="/en/"):
    box = soup_of(client.get(url)).select_one(".site-notice")
    return box.text.strip() if box else None


def test_the_notice_is_shown_only_between_its_start_and_end(client, seeded_site):
    now = timezone.now()
    notice("<p>Maintenance on Saturday.</p>", now + timedelta(hours=1), now + timedelta(hours=3))

    assert shown_notice(client) is None  # not yet
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        assert shown_notice(client) == "Maintenance on Saturday."
        assert shown_notice(client, "/en/office/") == "Maintenance on Saturday."
    with time_machine.travel(now + timedelta(hours=4), tick=False):
        assert shown_notice(client) is None  # over


def test_the_notice_falls_back_to_english_and_can_be_russian(client, seeded_site):
    setting = notice("<p>Maintenance on Saturday.</p>")
    assert shown_notice(client, "/ru/") == "Maintenance on Saturday."
    setting.message_ru = "<p>Технические работы в субботу.</p>"
    setting.save()
    assert shown_notice(client, "/ru/") == "Технические работы в субботу."


def test_a_cached_page_is_renewed_when_the_notice_starts_and_ends(client, seeded_site):
    """The front cache revalidates with the ETag it holds: the answer is a fresh page (not a
    304) once the notice has started, and again once it has ended."""
    now = timezone.now()
    notice("<p>Maintenance.</p>", now + timedelta(hours=1), now + timedelta(hours=2))
    etag = client.get("/en/")["ETag"]
    assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with time_machine.travel(now + timedelta(minutes=90), tick=False):
        started = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
        assert started.status_code == 200 and b"Maintenance." in started.content
        etag = started["ETag"]
        assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        ended = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
        assert ended.status_code == 200 and b"Maintenance." not in ended.content


def test_a_notice_that_ends_before_it_starts_is_refused(seeded_site):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    setting = site_settings(SiteNotice)
    setting.message_en = "<p>x</p>"
    setting.starts_at, setting.ends_at = now, now - timedelta(hours=1)
    with pytest.raises(ValidationError, match="end after it starts"):
        setting.full_clean()


def test_saving_the_notice_changes_the_generation(seeded_site, django_capture_on_commit_callbacks):
    before = front_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        notice("<p>Now.</p>")
    assert front_cache.generation() != before


# -- the Impressum -----------------------------------------------------------------------------

IMPRESSUM = {
    "provider_name": "Example e. V.",
    "legal_form_en": "registered association",
    "street_address": "Example street 1",
    "postal_code": "12345",
    "locality": "Exampletown",
    "country": "Germany",
    "representatives_en": "A. Person (director)",
    "email": "legal@example.org",
    "phone": "",
    "register_court": "Example court",
    "register_number": "VR 0000",
    "vat_id": "",
    "content_responsible_en": "",
    "further_information_en": rich_text(""),
}


def test_the_seed_creates_no_impressum_and_the_footer_links_none(client, seeded_site):
    assert not ImpressumPage.objects.exists()
    footer = soup_of(client.get("/en/")).select_one("footer")
    assert "Impressum" not in footer.text


def test_the_impressum_is_linked_in_the_footer_once_published(admin_client, client, seeded_site):
    home = HomePage.objects.get()
    data = page_form(("Impressum", "Impressum"), ("impressum", "impressum"), **IMPRESSUM)
    draft = dict(data)
    draft.pop("action-publish")
    assert_saved(admin_client.post(add_url(ImpressumPage, home), draft))
    assert "Impressum" not in soup_of(client.get("/en/")).select_one("footer").text  # a draft

    page = ImpressumPage.objects.get()
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert_saved(admin_client.post(edit, data))
    legal = soup_of(client.get("/en/")).select_one(".site-footer__legal")
    assert [a.text for a in legal.select("a")] == ["Privacy notice", "Impressum"]
    shown = visible_text(client.get(legal.select("a")[1]["href"]))
    for fact in ("Example e. V.", "registered association", "A. Person (director)", "VR 0000"):
        assert fact in shown


def test_an_impressum_without_its_required_facts_is_refused(admin_client, seeded_site):
    home = HomePage.objects.get()
    data = page_form(("Impressum", "Impressum"), ("impressum", "impressum"), **IMPRESSUM)
    data["email"] = ""
    response = admin_client.post(add_url(ImpressumPage, home), data)
    assert response.status_code == 200  # the form again, with the error
    assert not ImpressumPage.objects.exists()


# -- the privacy notice ------------------------------------------------------------------------


def test_the_privacy_notice_says_what_is_stored_in_english_and_russian(client, seeded_site):
    page = GeneralPage.objects.get(slug_en="privacy")
    english = visible_text(visit(client, page))
    for claim in (
        "sets no cookie",
        "no analytics",
        "csrftoken",
        "sessionid",
        "Moderators and Administrators",
        "keyed hash",
    ):
        assert claim in english, claim
    russian = visible_text(visit(client, page, "ru"))
    assert "Уведомление о конфиденциальности" in russian
    assert "«Модераторы» и «Администраторы»" in russian and "csrftoken" in russian


def test_the_contact_form_links_to_the_privacy_notice(client, seeded_site):
    office = OfficePage.objects.get()
    for language, slug in (("en", "/en/privacy/"), ("ru", "/ru/konfidencialnost/")):
        link = soup_of(visit(client, office, language)).select_one(".contact-form__privacy a")
        assert link["href"] == slug


def test_the_privacy_notices_facts_hold_in_the_code(settings):
    """The notice's claims, checked against what the portal is configured to do."""
    from core.permissions import INBOX_GROUPS
    from organisation.contact import DEFAULT_RATE_LIMIT, TOKEN_MAX_AGE

    assert set(INBOX_GROUPS) == {"Moderators", "Administrators"}
    assert DEFAULT_RATE_LIMIT[1] == 10 * 60 and TOKEN_MAX_AGE == 24 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.AXES_FAILURE_LIMIT == 5 and settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_RESET_ON_SUCCESS
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ("script-src", "style-src", "img-src", "font-src"):
        assert all(source in (SELF, NONCE, "data:") for source in directives[directive])


def test_public_pages_set_no_cookie(client, faq):
    for url in ("/en/", faq.url, "/en/privacy/"):
        assert not client.get(url).cookies, url


# -- who may change the menus and the notice ---------------------------------------------------


@pytest.mark.parametrize(
    "group, allowed",
    [
        ("Moderators", True),
        ("Administrators", True),
        ("Translators (Русский)", True),  # limited to Russian by the translator form
        ("Editors", False),
    ],
)
def test_menus_and_notice_are_changed_by_the_roles_that_change_site_settings(
    client, seeded_site, group, allowed
):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("someone", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    site = Site.objects.get(is_default_site=True)
    for model in ("navigationsettings", "sitenotice"):
        url = reverse("wagtailsettings:edit", args=("organisation", model, site.pk))
        response = client.get(url)
        assert (response.status_code == 200) is allowed, (model, response.status_code)
