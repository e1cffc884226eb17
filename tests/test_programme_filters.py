"""A visitor narrows the programme listing by country, status and theme with a plain form."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertContains, assertNotContains

from programmes.models import (
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammePhase,
    ProgrammeTheme,
    Theme,
)
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

LISTING = "/en/programmes/"
SEED_TITLES = {
    "Urban-LEDS",
    "EcoMobility Alliance",
    "Clean Air Cities of East Asia",
    "Global Covenant of Mayors for Climate & Energy",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    """The programme titles on the cards, as the visitor sees them."""
    return {link.get_text(strip=True) for link in soup(response).select(".card__title a")}


def options(response, name):
    select = soup(response).select_one(f'form[method="get"] select[name="{name}"]')
    return [(option["value"], option.get_text(strip=True)) for option in select("option")]


def selected(response, name):
    select = soup(response).select_one(f'select[name="{name}"]')
    chosen = select.select_one("option[selected]")
    return chosen["value"] if chosen else ""


def add_programmes(count, start=0, **fields):
    index = ProgrammeIndexPage.objects.get()
    pages = []
    for number in range(start, start + count):
        page = ProgrammePage(
            title_en=f"Extra programme {number:03d}",
            slug_en=f"extra-programme-{number:03d}",
            summary_en="An extra programme.",
            **fields,
        )
        index.add_child(instance=page)
        pages.append(page)
    return pages


def test_the_listing_has_a_plain_filter_form_with_labelled_selects(client, seeded_site):
    response = client.get(LISTING)
    page = soup(response)
    form = page.select_one("form.programme-filters")
    assert form["method"] == "get"
    assert form["action"] == LISTING
    for name in ("country", "status", "theme"):
        select = form.select_one(f'select[name="{name}"]')
        label = form.select_one(f'label[for="{select["id"]}"]')
        assert label.get_text(strip=True) == name.capitalize()
    assert form.select_one('button[type="submit"]').get_text(strip=True) == "Show programmes"
    # It works without JavaScript: nothing on the page is a script but the JSON-LD data and
    # the header's optional enhancement (its menus are <details>, which work without it).
    assert all(
        script.get("type") == "application/ld+json"
        or script.get("src", "").endswith("/js/header.js")
        for script in page("script")
    )
    assert listed(response) == SEED_TITLES
    assertContains(response, "4 programmes")


def test_country_options_are_the_countries_programmes_work_in_sorted_by_name(client, seeded_site):
    countries = options(client.get(LISTING), "country")
    assert countries[0] == ("", "All countries")
    assert countries[1:] == [
        ("BD", "Bangladesh"),
        ("BR", "Brazil"),
        ("CO", "Colombia"),
        ("IN", "India"),
        ("ID", "Indonesia"),
        ("LA", "Laos"),
        ("RW", "Rwanda"),
        ("ZA", "South Africa"),
    ]


def test_country_names_are_in_the_visitors_language_and_sorted_in_it(client, seeded_site):
    names = [name for _code, name in options(client.get("/ru/programmy/"), "country")[1:]]
    assert "Бразилия" in names
    assert names == sorted(names)


def test_statuses_and_themes_are_offered(client, seeded_site):
    response = client.get(LISTING)
    assert options(response, "status") == [
        ("", "Any status"),
        ("planned", "Planned"),
        ("ongoing", "Ongoing"),
        ("completed", "Completed"),
    ]
    assert options(response, "theme") == [
        ("", "All themes"),
        ("air-quality", "Air quality"),
        ("climate-and-energy", "Climate and energy"),
        ("low-emission-development", "Low-emission development"),
        ("sustainable-mobility", "Sustainable mobility"),
    ]


def test_filtering_by_country_shows_the_programmes_working_there(client, seeded_site):
    response = client.get(LISTING, {"country": "RW"})
    assert listed(response) == {"Urban-LEDS"}
    assert selected(response, "country") == "RW"
    assert "1 programme matches the filters." in visible_text(response)


def test_a_lower_case_country_code_means_the_same_country(client, seeded_site):
    assert listed(client.get(LISTING, {"country": "rw"})) == {"Urban-LEDS"}


def test_filtering_by_status(client, seeded_site):
    assert listed(client.get(LISTING, {"status": "completed"})) == {"Urban-LEDS"}
    assert listed(client.get(LISTING, {"status": "ongoing"})) == SEED_TITLES - {"Urban-LEDS"}


def test_filtering_by_theme(client, seeded_site):
    response = client.get(LISTING, {"theme": "air-quality"})
    assert listed(response) == {
        "Clean Air Cities of East Asia",
        "Global Covenant of Mayors for Climate & Energy",
    }
    assert "2 programmes match the filters." in visible_text(response)


def test_no_match_says_so_and_offers_the_whole_list(client, seeded_site):
    response = client.get(LISTING, {"country": "BR", "status": "ongoing"})
    assert response.status_code == 200
    assert listed(response) == set()
    assert "No programmes match these filters." in visible_text(response)
    reset = soup(response).find("a", string="Show all programmes")
    assert reset["href"] == LISTING


@pytest.mark.parametrize(
    "query",
    [
        {"country": "ZZ"},
        {"country": "FR"},  # a real country, but no programme works there
        {"status": "paused"},
        {"theme": "no-such-theme"},
        {"country": "\x00", "status": "x" * 5000, "theme": "<script>"},
    ],
)
def test_invalid_filter_values_give_the_unfiltered_list(client, seeded_site, query):
    response = client.get(LISTING, query)
    assert response.status_code == 200
    assert listed(response) == SEED_TITLES
    assert {selected(response, name) for name in ("country", "status", "theme")} == {""}


def test_one_invalid_value_does_not_drop_the_valid_ones(client, seeded_site):
    response = client.get(LISTING, {"status": "completed", "theme": "nope"})
    assert listed(response) == {"Urban-LEDS"}


@pytest.mark.parametrize("number", ["0", "2", "-1", "abc", "1.5", "99999999999999999999999"])
def test_a_page_number_that_is_not_a_page_is_not_found(client, seeded_site, number):
    assert client.get(LISTING, {"page": number}).status_code == 404


def test_filtered_urls_are_not_indexed_and_point_to_the_plain_listing(client, seeded_site):
    plain = soup(client.get(LISTING))
    assert plain.select_one('meta[name="robots"]') is None
    for query in ({"country": "BR"}, {"status": "ongoing", "theme": "air-quality"}, {"page": 1}):
        page = soup(client.get(LISTING, query))
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert page.select_one('link[rel="canonical"]')["href"] == "http://localhost" + LISTING


def test_long_results_come_in_pages_that_keep_the_filters(client, seeded_site):
    add_programmes(12, status=ProgrammePage.Status.PLANNED)
    first = client.get(LISTING, {"status": "planned"})
    assert len(listed(first)) == 12
    assert "12 programmes match the filters." in visible_text(first)
    assert "Page 1 of 1" not in visible_text(first)

    add_programmes(1, start=12, status=ProgrammePage.Status.PLANNED)
    first = client.get(LISTING, {"status": "planned"})
    assert "13 programmes match the filters." in visible_text(first)
    assert "Page 1 of 2" in visible_text(first)
    following = soup(first).select_one('a[rel="next"]')["href"]
    assert following == "?status=planned&page=2"
    second = client.get(LISTING + following)
    assert listed(second) == {"Extra programme 012"}


def test_drafts_stay_out_of_the_options(client, seeded_site):
    theme = Theme.objects.create(name_en="Soil health", slug="soil-health", live=False)
    (page,) = add_programmes(1, countries=["FR"])
    ProgrammeTheme.objects.create(page=page, theme=theme)
    response = client.get(LISTING)
    assert ("FR", "France") in options(response, "country")
    assert "soil-health" not in dict(options(response, "theme"))

    page.unpublish()
    assert ("FR", "France") not in options(client.get(LISTING), "country")


def test_the_listing_costs_the_same_queries_for_few_or_many_programmes(client, seeded_site):
    query = {"country": "BR", "theme": "low-emission-development"}
    client.get(LISTING, query)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as few:
        client.get(LISTING, query)
    for page in add_programmes(25, countries=["BR", "KR"]):
        ProgrammeTheme.objects.create(page=page, theme=Theme.objects.get(slug="air-quality"))
    client.get(LISTING, query)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LISTING, query)
    assert listed(response) == {"Urban-LEDS"}
    assert len(many) == len(few)


def test_an_unfiltered_listing_does_not_show_the_reset_link(client, seeded_site):
    assertNotContains(client.get(LISTING), "Show all programmes")


def test_a_country_a_programme_works_in_only_through_a_phase_is_offered_and_filters(
    client, seeded_site
):
    (page,) = add_programmes(1, countries=[])
    page.phases.add(ProgrammePhase(name_en="Pilot", start_year=2024, countries=["FR"]))
    page.save_revision().publish()  # as the editor's "Publish" with a new phase

    response = client.get(LISTING)
    assert ("FR", "France") in options(response, "country")
    assert listed(client.get(LISTING, {"country": "FR"})) == {"Extra programme 000"}


def test_a_phase_country_in_a_draft_is_not_offered_until_it_is_published(client, seeded_site):
    (page,) = add_programmes(1, countries=["NL"])
    page.phases.add(ProgrammePhase(name_en="Pilot", start_year=2024, countries=["FR"]))
    revision = page.save_revision()  # "Save draft": visitors still see the published page

    assert ("FR", "France") not in options(client.get(LISTING), "country")
    # Not an option yet, so the filter is ignored: every programme is listed.
    assert listed(client.get(LISTING, {"country": "FR"})) == SEED_TITLES | {"Extra programme 000"}

    revision.publish()
    assert listed(client.get(LISTING, {"country": "FR"})) == {"Extra programme 000"}
    assert listed(client.get(LISTING, {"country": "NL"})) == {"Extra programme 000"}


def test_a_country_taken_off_a_programme_and_its_phases_leaves_the_filter(client, seeded_site):
    (page,) = add_programmes(1, countries=["NL"])
    page.phases.add(ProgrammePhase(name_en="Pilot", start_year=2024, countries=["FR", "NL"]))
    page.save_revision().publish()
    assert listed(client.get(LISTING, {"country": "FR"})) == {"Extra programme 000"}

    page = ProgrammePage.objects.get(pk=page.pk)
    page.countries = []
    page.phases.set([ProgrammePhase(name_en="Pilot", start_year=2024, countries=["NL"])])
    page.save_revision().publish()

    response = client.get(LISTING)
    assert ("FR", "France") not in options(response, "country")
    assert ("NL", "Netherlands") in options(response, "country")
    assert listed(client.get(LISTING, {"country": "NL"})) == {"Extra programme 000"}


def test_an_unpublished_programme_leaves_the_country_options(client, seeded_site):
    (page,) = add_programmes(1, countries=["FR"])
    assert ("FR", "France") in options(client.get(LISTING), "country")

    page.unpublish()

    assert ("FR", "France") not in options(client.get(LISTING), "country")


def test_a_country_code_matches_whole_codes_only(client, seeded_site):
    add_programmes(1, countries=["NE"])  # Niger: "NE" is no part of another code's match
    add_programmes(1, start=1, countries=["NL", "BE"])
    assert listed(client.get(LISTING, {"country": "NE"})) == {"Extra programme 000"}
    assert listed(client.get(LISTING, {"country": "BE"})) == {"Extra programme 001"}
    assert listed(client.get(LISTING, {"country": "NL"})) == {"Extra programme 001"}


def test_filters_combine_and_page_in_the_database(client, seeded_site):
    """Filtered and paged in SQL: only the page's programmes are loaded."""
    theme = Theme.objects.get(slug="air-quality")
    for page in add_programmes(14, countries=["KR"], status=ProgrammePage.Status.PLANNED):
        ProgrammeTheme.objects.create(page=page, theme=theme)
    add_programmes(3, start=14, countries=["KR"], status=ProgrammePage.Status.ONGOING)
    query = {"country": "kr", "status": "planned", "theme": "air-quality"}
    first = client.get(LISTING, query)
    assert len(first.context["entries"]) == 12
    assert "14 programmes match the filters." in visible_text(first)
    second = client.get(LISTING, {**query, "page": 2})
    assert listed(second) == {"Extra programme 012", "Extra programme 013"}
    assert client.get(LISTING, {**query, "page": 3}).status_code == 404


def test_flagships_come_first(client, seeded_site):
    add_programmes(1)
    add_programmes(1, start=1, is_flagship=True)
    titles = [
        link.get_text(strip=True) for link in soup(client.get(LISTING)).select(".card__title a")
    ]
    assert titles.index("Extra programme 001") < titles.index("Extra programme 000")


def test_drafts_and_private_programmes_are_not_counted(client, seeded_site):
    from wagtail.models import PageViewRestriction

    draft, private = add_programmes(2, countries=["FR"])
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(LISTING)
    assert "4 programmes" in visible_text(response)
    assert ("FR", "France") not in options(response, "country")


def test_country_options_are_in_alphabetical_order_accents_and_all(
    client, seeded_site, all_languages_released
):
    # “Ägypten” belongs after “Afghanistan” and “Égypte” before “Inde”, not after Z.
    add_programmes(1, countries=["EG", "AF"])

    german = [name for _code, name in options(client.get("/de/programmes/"), "country")[1:]]
    french = [name for _code, name in options(client.get("/fr/programmes/"), "country")[1:]]

    assert german.index("Afghanistan") + 1 == german.index("Ägypten")
    assert french.index("Égypte") < french.index("Inde")
