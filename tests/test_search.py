"""Visitors search the site in their language and find live, public pages, the match marked.

Words are matched by stem, as each language's PostgreSQL text search configuration does
(Russian «городах» finds «городов»): on PostgreSQL (CI, production) by PostgreSQL itself,
on SQLite (the embedded default) with the same Snowball stemmers and stop word lists
(search.stemming).
"""

from types import SimpleNamespace
from urllib.parse import quote

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import translation

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from organisation.models import OfficePage
from partners.models import EventIndexPage, EventPage
from programmes.models import ProgrammePage
from search.models import SearchEntry
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL full-text search"
)


def search(client, query, language="en", **params):
    return client.get(f"/{language}/search/", {"q": query, **params})


def results(response):
    """(title, link, excerpt html) of each result shown."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = []
    for item in soup.select(".search-result"):
        link = item.select_one(".search-result__title a")
        excerpt = item.select_one(".search-result__excerpt")
        found.append((link.get_text(), link["href"], str(excerpt) if excerpt else ""))
    return found


def links(response):
    return [href for _title, href, _excerpt in results(response)]


def marks(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [mark.get_text() for mark in soup.select(".search-results mark")]


@pytest.fixture
def event(seeded_site):
    """A new event, published in English and Russian."""
    page = EventPage(
        title_en="Zebrafish Summit",
        title_ru="Саммит рерио",
        slug_en="zebrafish-summit",
        summary_en="A gathering on zebrafish habitats in city rivers.",
        summary_ru="Встреча о средах обитания рерио в городских реках.",
    )
    EventIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_english_visitor_finds_a_programme_with_the_match_marked(client, seeded_site):
    response = search(client, "low-emission")

    assert response.status_code == 200
    assert "/en/programmes/urban-leds/" in links(response)
    assert any("emission" in mark.lower() for mark in marks(response))
    assert "result" in visible_text(response)  # "N results for …"


def test_a_russian_visitor_finds_russian_text_in_any_letter_case(client, seeded_site):
    # SQLite's own LIKE would miss this: it folds only ASCII letters.
    response = search(client, "ФЛАГМАНСКИЙ", language="ru")

    assert response.status_code == 200
    found = results(response)
    assert any(href == "/ru/programmy/urban-leds/" for _title, href, _excerpt in found)
    assert any(mark.lower() == "флагманский" for mark in marks(response))


def test_a_russian_visitor_finds_urban_leds_by_an_inflected_word(client, seeded_site):
    # The page says «низкоуглеродному» / «низкоуглеродное»; the visitor types another form.
    response = search(client, "низкоуглеродного развития", language="ru")

    assert "/ru/programmy/urban-leds/" in links(response)
    # The stemmed forms in the text are marked, not just the exact words typed.
    assert any(mark.lower().startswith("низкоуглеродн") for mark in marks(response))


def test_russian_stop_words_alone_find_nothing_but_do_not_fail(client, seeded_site):
    response = search(client, "и в на", language="ru")

    assert response.status_code == 200
    assert results(response) == []


def test_a_newcomer_finds_methane_by_another_form_of_the_word_on_either_database(
    client, seeded_site
):
    # The methane priority says «метан»; the visitor types the genitive.
    response = search(client, "метана", language="ru")

    assert "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/" in links(response)
    assert any(mark.lower() == "метан" for mark in marks(response))


def test_an_english_word_matches_whole_words_only(client, seeded_site):
    # "cities" is the same word as "city" (one stem); "publicity" would not be.
    response = search(client, "city")

    assert results(response)
    assert {mark.lower() for mark in marks(response)} <= {"city", "cities"}
    assert "cities" in {mark.lower() for mark in marks(response)}


def test_a_query_with_stop_words_finds_what_its_other_words_find(client, seeded_site):
    # "the" and "in" are not on the contact page; PostgreSQL (and the SQLite search) leave
    # them out of the query.
    response = search(client, "the address in Bonn")

    assert "/en/office/" in links(response)


def test_results_link_to_the_page_in_the_visitors_language(client, event):
    russian = search(client, "рерио", language="ru")
    english = search(client, "zebrafish", language="en")

    assert [title for title, _href, _excerpt in results(russian)] == ["Саммит рерио"]
    assert links(russian) == ["/ru/meropriyatiya/zebrafish-summit/"]
    assert links(english) == ["/en/events/zebrafish-summit/"]


def test_a_german_visitor_finds_the_english_text_the_page_shows_marked_as_english(
    client, event, all_languages_released
):
    response = search(client, "zebrafish", language="de")

    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one(".search-result__title a")
    assert link["href"] == "/de/events/zebrafish-summit/"
    assert link.get("lang") == "en"  # screen readers switch voice, as on the page itself
    assert soup.select_one(".search-result__excerpt").get("lang") == "en"


def test_a_german_visitor_searches_in_english_until_german_is_released(client, event):
    response = client.get("/de/search/", {"q": "zebrafish"}, follow=True)

    assert response.redirect_chain == [("/en/search/?q=zebrafish", 302)]
    assert links(response) == ["/en/events/zebrafish-summit/"]
    # A German browser on the address without a language prefix lands there too.
    bare = Client().get("/search/", {"q": "zebrafish"}, HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert bare.redirect_chain[-1] == ("/en/search/?q=zebrafish", 302)


def test_each_language_finds_only_its_own_words(client, event, all_languages_released):
    # The Russian summary is not what a French visitor reads: the page shows them English.
    assert results(search(client, "рерио", language="fr")) == []
    assert links(search(client, "zebrafish", language="fr")) == ["/fr/events/zebrafish-summit/"]


def test_a_chinese_word_is_found_inside_a_sentence(client, event, all_languages_released):
    event.title_zh_hans = "斑马鱼峰会"
    event.summary_zh_hans = "关于城市河流中斑马鱼栖息地的会议。"
    event.save_revision().publish()

    response = search(client, "河流", language="zh-hans")

    assert links(response) == ["/zh-hans/events/zebrafish-summit/"]
    assert "河流" in marks(response)


def test_a_page_is_found_once_published_and_no_longer_once_unpublished(client, event):
    event.summary_en = "Now about axolotl ponds."
    event.save_revision()  # a draft: visitors do not see it, so search does not find it
    assert results(search(client, "axolotl")) == []

    event.get_latest_revision().publish()
    assert links(search(client, "axolotl")) == ["/en/events/zebrafish-summit/"]

    event.unpublish()
    assert results(search(client, "axolotl")) == []
    assert results(search(client, "рерио", language="ru")) == []


def test_a_deleted_page_is_no_longer_found(client, event):
    event.delete()

    assert results(search(client, "zebrafish")) == []
    assert not SearchEntry.objects.filter(page_id=event.pk).exists()


def test_a_renamed_page_is_found_under_its_new_address(client, event):
    event.slug_en = "zebrafish-forum"
    event.save_revision().publish()

    assert links(search(client, "zebrafish")) == ["/en/events/zebrafish-forum/"]


def test_a_private_page_is_not_found(client, event):
    PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pass"
    )

    assert results(search(client, "zebrafish")) == []


def test_page_text_cannot_inject_markup_into_results(client, event):
    event.summary_en = 'Zebrafish <img src=x onerror="alert(1)"> & <b>friends</b>'
    event.save_revision().publish()

    response = search(client, "zebrafish")

    excerpt = BeautifulSoup(response.content, "html.parser").select_one(".search-result__excerpt")
    assert [element.name for element in excerpt.find_all()] == ["mark"]
    assert "onerror" not in str(excerpt) or "&lt;img" in str(excerpt)  # shown as text at most


def test_a_moderators_recommendation_comes_first_in_the_visitors_language(client, seeded_site):
    office = OfficePage.objects.get()
    SearchPromotion.objects.create(
        query=Query.get("contact"), page=office, description="Write to the Bonn office."
    )

    response = search(client, "Contact", language="ru")

    soup = BeautifulSoup(response.content, "html.parser")
    recommended = soup.select_one(".search-promotions a")
    with translation.override("ru"):
        assert recommended["href"] == office.get_url()  # the Russian address
    assert recommended.get_text() == office.title_ru
    assert "Write to the Bonn office." in visible_text(response)


def test_a_recommendation_of_an_unpublished_page_is_not_shown(client, event):
    SearchPromotion.objects.create(query=Query.get("zebrafish"), page=event)
    event.unpublish()

    assert not BeautifulSoup(search(client, "zebrafish").content, "html.parser").select(
        ".search-promotions"
    )


def test_a_search_without_matches_says_so(client, seeded_site):
    response = search(client, "xylophonic quasar")

    assert response.status_code == 200
    assert results(response) == []
    text = visible_text(response)
    assert "No pages match “xylophonic quasar”." in text
    assert "0 results" in text


def test_the_results_are_paged_and_the_query_kept_across_pages(client, seeded_site, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    first = search(client, "ICLEI")
    total = int(visible_text(first).split(" results for")[0].split()[-1])
    assert total > 2

    second = search(client, "ICLEI", page="2")

    assert len(results(first)) == 2 and len(results(second)) == 2
    assert set(links(first)).isdisjoint(links(second))
    soup = BeautifulSoup(first.content, "html.parser")
    assert soup.select_one("a[rel=next]")["href"] == "?q=ICLEI&page=2"
    assert "Page 1 of" in visible_text(first)


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "9" * 40, "%00", "２"])
def test_a_malformed_page_number_shows_the_first_page(client, seeded_site, settings, page):
    settings.SEARCH_RESULTS_PER_PAGE = 2

    response = client.get(f"/en/search/?q=ICLEI&page={page}")

    assert response.status_code == 200
    assert "Page 1 of" in visible_text(response)


def test_a_page_number_past_the_end_shows_the_last_page(client, seeded_site, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    response = search(client, "ICLEI", page="999")

    assert response.status_code == 200
    assert results(response)
    assert not BeautifulSoup(response.content, "html.parser").select("a[rel=next]")


def test_an_over_long_query_gets_a_message_not_an_error(client, seeded_site):
    response = search(client, "climate " * 100)

    assert response.status_code == 400
    assert "Your search is too long. Please use at most 200 characters." in visible_text(response)
    assert results(response) == []


@pytest.mark.parametrize("raw", ["%00", "urban%00leds", "%FF%FE", "%C3%28", "%01%02%03"])
def test_binary_or_undecodable_queries_get_a_message_not_an_error(client, seeded_site, raw):
    response = client.get(f"/ru/search/?q={raw}")

    assert response.status_code == 400
    # The message is in the visitor's language.
    assert "символы, по которым нельзя искать" in visible_text(response)


def test_an_empty_search_invites_the_visitor_to_type(client, seeded_site):
    response = search(client, "   ")

    assert response.status_code == 200
    assert "Type one or more words to search the site." in visible_text(response)


def test_search_pages_are_kept_out_of_search_engines(client, seeded_site):
    response = search(client, "ICLEI")

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('head meta[name="robots"]')["content"] == "noindex"


def test_every_page_has_a_search_form_in_the_header_leading_to_its_language(client, seeded_site):
    response = client.get("/ru/programmy/")

    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/ru/search/"
    field = form.select_one("input[name=q]")
    label = form.select_one(f"label[for={field['id']}]")
    assert label.get_text(strip=True)  # a name for screen readers
    assert form.select_one("button[type=submit]")


def test_a_search_costs_the_same_queries_for_one_result_or_many(
    client, seeded_site, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        one = search(client, "xylophonic")
    with django_assert_max_num_queries(25):
        many = search(client, "ICLEI")
    assert results(one) == [] and len(results(many)) >= 5


def test_the_rebuild_command_fills_the_search_from_the_live_pages(client, seeded_site):
    SearchEntry.objects.all().delete()
    assert results(search(client, "low-emission")) == []

    call_command("rebuild_site_search", verbosity=0)

    live = Page.objects.live().filter(depth__gt=1).count()
    assert SearchEntry.objects.count() == live * 9
    assert "/en/programmes/urban-leds/" in links(search(client, "low-emission"))


@postgres_only
def test_a_search_among_ten_thousand_pages_uses_the_index(home_page):
    """Issue 6: search time must not grow with the site, so no scan over every entry."""
    from search.query import find

    # 10,000 more live pages (copies of the home page's row) with a Russian entry each.
    columns = [f.column for f in Page._meta.concrete_fields if f.column != "id"]
    copied = [
        {"path": "'0001ZZ' || lpad(n::text, 6, '0')", "translation_key": "gen_random_uuid()"}.get(
            column, f'"{column}"'
        )
        for column in columns
    ]
    quoted = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO wagtailcore_page ({quoted}) SELECT {', '.join(copied)} "  # noqa: S608
            "FROM wagtailcore_page, generate_series(1, 10000) AS n WHERE id = %s",
            [home_page.pk],
        )
        cursor.execute(
            """
            INSERT INTO search_searchentry (page_id, language, config, title, body,
                title_fallback, body_fallback, folded, search_vector)
            SELECT id, 'ru', 'russian', 'Страница ' || id, 'Город номер ' || id, false, false,
                '', to_tsvector('russian', 'Страница ' || id || ' город ' || id)
            FROM wagtailcore_page WHERE path LIKE '0001ZZ%%'
            """
        )
        # What autovacuum does in production: merge GIN's pending list into the index.
        cursor.execute("SELECT gin_clean_pending_list('search_entry_vector_gin'::regclass)")
        cursor.execute("ANALYZE wagtailcore_page")
        cursor.execute("ANALYZE search_searchentry")
        sql, params = find("флагманский", "ru").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "search_entry_vector_gin" in plan, plan


def test_programme_pages_are_indexed_in_all_nine_languages(seeded_site):
    programme = ProgrammePage.objects.get(slug_en="urban-leds")

    languages = set(programme.search_entries.values_list("language", flat=True))

    assert languages == {"en", "ru", "de", "fr", "es", "pt", "zh-hans", "ko", "ar"}


def fuzz(max_examples):
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


hostile = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]) | st.sampled_from('\x00"-&<>%'),
    max_size=80,
)


@fuzz(25)
@given(query=hostile, page=hostile, language=st.sampled_from(["en", "ru", "zh-hans", "ar"]))
@example(query='"', page="", language="en")
@example(query="-", page="", language="ru")
@example(query="!:*&|", page="", language="en")
def test_any_query_gets_results_or_a_message_never_a_server_error(
    all_languages_released, query, page, language
):
    client = Client(raise_request_exception=False)

    response = client.get(f"/{language}/search/?q={quote(query)}&page={quote(page)}")

    assert response.status_code in (200, 400)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL keeps its vectors")
def test_entries_folded_before_stemming_are_folded_again_by_the_migration(client, seeded_site):
    """A development database from before search.stemming: its entries hold the text merely
    lower-cased; migration 0002 folds them into stems."""
    import importlib

    from django.apps import apps

    for entry in SearchEntry.objects.all():
        entry.folded = f"{entry.title}\n{entry.body}".lower()
        entry.save(update_fields=["folded"])
    assert "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/" not in links(
        search(client, "метана", language="ru")
    )

    migration = importlib.import_module("search.migrations.0002_stemmed_folded_text")
    # The migration asks the schema editor only for its connection.
    migration.fold_again(apps, SimpleNamespace(connection=connection))

    assert "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/" in links(
        search(client, "метана", language="ru")
    )
