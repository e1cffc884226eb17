"""Issue 15: the copy reads right in English and Russian, the contact page is found by what
visitors type to find it, and a database seeded before the fixes gets them."""

import io

from django.core.management import call_command
from django.utils import translation

import pytest

from organisation.models import HomePage, OfficePage, OrganisationSettings, PriorityPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.helpers import publish, visible_text

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("url", "reads", "never"),
    [
        (
            "/en/",
            "Member of the Climate & Clean Air Coalition (CCAC) since 2014",
            "(CCAC) since Source",
        ),
        ("/ru/", "Член Коалиции за климат и чистый воздух (CCAC) с 2014", "(CCAC) с Источник"),
    ],
)
def test_the_membership_year_reads_after_its_label(client, seeded_site, url, reads, never):
    page = text(client, url)

    assert reads in page
    assert never not in page


@pytest.mark.parametrize(
    ("url", "commitment"),
    [
        ("/en/", "reduce air pollution to safe levels by 2030"),
        ("/ru/", "к 2030 году снизить загрязнение воздуха до безопасного уровня"),
    ],
)
def test_the_2030_commitment_is_said_once_on_the_home_page(client, seeded_site, url, commitment):
    assert text(client, url).count(commitment) == 1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_priority_page_does_not_repeat_its_summary_above_its_body(client, seeded_site, language):
    for priority in PriorityPage.objects.live():
        summary = getattr(priority, f"summary_{language}")
        with translation.override(language):
            url = priority.get_url()
        assert summary not in text(client, url), url
        assert getattr(priority, f"body_{language}")  # the body says it in full


def test_the_programmes_intro_says_what_the_section_holds(client, seeded_site):
    english = text(client, "/en/programmes/")
    russian = text(client, "/ru/programmy/")

    assert "Other activities of ICLEI." not in english
    assert "Programmes and projects that ICLEI implements, runs or supports" in english
    assert "Другие направления работы ICLEI." not in russian
    assert "Программы и проекты, которые ICLEI реализует" in russian


@pytest.mark.parametrize(
    ("url", "since", "role"),
    [
        ("/en/programmes/", "since 2011", "Founded and run by ICLEI since 2011"),
        ("/ru/programmy/", "с 2011", "Основан ICLEI и управляется им с 2011 года"),
    ],
)
def test_the_start_year_of_ecomobility_is_given_once(client, seeded_site, url, since, role):
    listing = text(client, url)
    page = text(client, f"{url}ecomobility-alliance/")

    assert listing.count(since) == 1
    assert role not in listing and role not in page


def test_a_completed_project_and_programme_agree_in_russian(client, seeded_site):
    urban_leds = ProgrammePage.objects.get(slug_en="urban-leds")
    assert urban_leds.is_flagship and urban_leds.status == "completed"

    page = text(client, "/ru/programmy/urban-leds/")
    listing = text(client, "/ru/programmy/")

    assert "Завершён" in page and "Завершена" not in page
    assert "Завершён · 2013–2021 · Флагманский проект ICLEI" in listing
    # A programme (not a flagship project) keeps the feminine form.
    publish(ProgrammePage.objects.get(slug_en="ecomobility-alliance"), status="completed")
    assert "Завершена" in text(client, "/ru/programmy/ecomobility-alliance/")


def test_the_russian_map_legend_names_the_phase_without_doubling_it(client, seeded_site):
    page = text(client, "/ru/programmy/urban-leds/")

    assert "С этапа «Этап" not in page
    assert "Начиная с: Этап I" in page


def test_the_russian_paris_goal_limits_the_rise_to_one_and_a_half_degrees(client, seeded_site):
    page = text(client, "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/")

    assert "ограничить повышение глобальной температуры до 1,5 °C" in page


@pytest.mark.parametrize(
    ("language", "title", "queries"),
    [
        ("en", "Contact", ["contact", "address", "Bonn", "Kaiser"]),
        ("ru", "Контакты", ["контакты", "адрес", "Бонн", "Бонне"]),
    ],
)
def test_the_contact_page_is_found_by_what_visitors_type(
    client, seeded_site, language, title, queries
):
    menu = text(client, f"/{language}/")
    assert title in menu
    for query in queries:
        response = client.get(f"/{language}/search/", {"q": query})
        found = [
            result
            for result in response.context["results"]
            if result.url == OfficePage.objects.get().get_url()
            or result.url.endswith(("/office/", "/ofis/"))
        ]
        assert found, f"{query!r} does not find the contact page"
        assert "<mark>" in found[0].title + found[0].excerpt, query


def test_a_new_office_address_is_found_at_once(client, seeded_site):
    org = OrganisationSettings.objects.get()
    org.locality_en, org.locality_ru = "Cologne", "Кёльн"
    org.save()

    assert client.get("/en/search/", {"q": "Cologne"}).context["results"]
    assert client.get("/ru/search/", {"q": "Кёльн"}).context["results"]
    assert not client.get("/en/search/", {"q": "Bonn"}).context["results"]


def old_copy():
    """Put back the words of the earlier seed, as a database seeded then holds them."""
    home = HomePage.objects.get().get_latest_revision_as_object()
    home.approach_en = home.approach_en.replace(
        "since 2014.",
        "since 2014. It is committed to enabling local and regional governments and their "
        "communities to take effective action on climate and air quality, so as to reduce air "
        "pollution to safe levels by 2030.",
    )
    for figure in home.key_figures.all():
        if figure.label_en.startswith("Member"):
            figure.label_en = "member" + figure.label_en[len("Member") :]
    home.save_revision().publish()
    publish(OfficePage.objects.get(), title="Office", title_en="Office", title_ru="Офис")
    publish(ProgrammeIndexPage.objects.get(), intro_en="<p>Other activities of ICLEI.</p>")
    publish(
        ProgrammePage.objects.get(slug_en="ecomobility-alliance"),
        iclei_role_en="Founded and run by ICLEI since 2011",
    )


def test_an_earlier_seeded_database_gets_the_fixed_copy_once(client, seeded_site):
    old_copy()
    assert "Office" in text(client, "/en/")

    out = io.StringIO()
    call_command("load_seed_content", stdout=out)

    assert "4 corrected" in out.getvalue()
    home = text(client, "/en/")
    assert "Member of the Climate & Clean Air Coalition (CCAC) since 2014" in home
    assert home.count("reduce air pollution to safe levels by 2030") == 1
    assert OfficePage.objects.get().title_en == "Contact"
    assert "Other activities" not in text(client, "/en/programmes/")
    assert ProgrammePage.objects.get(slug_en="ecomobility-alliance").iclei_role_en == (
        "Founded and run by ICLEI"
    )
    # Run again: nothing left to correct.
    again = io.StringIO()
    call_command("load_seed_content", stdout=again)
    assert "0 corrected" in again.getvalue()


def test_an_editors_wording_and_drafts_are_left_alone(client, seeded_site):
    publish(OfficePage.objects.get(), title_en="Visit us")
    programmes = publish(
        ProgrammeIndexPage.objects.get(), intro_en="<p>Other activities of ICLEI.</p>"
    )
    programmes.get_latest_revision_as_object().save_revision()  # an unpublished draft

    call_command("load_seed_content", stdout=io.StringIO())

    assert OfficePage.objects.get().title_en == "Visit us"
    assert ProgrammeIndexPage.objects.get().intro_en == "<p>Other activities of ICLEI.</p>"
