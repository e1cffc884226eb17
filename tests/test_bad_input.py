"""Hostile or malformed input gets a clear 2xx/3xx/4xx answer, never a 500, and stores nothing.

Property-based (hypothesis): every public endpoint is fed junk paths, junk query strings,
undecodable bytes, broken or oversized form posts and junk logins. Each property checks
the status code and, for the contact form, that the number of stored messages grows by at
most one for a valid post and not at all for an invalid or replayed one.

A 500 is turned into a status (`raise_request_exception = False`) so that hypothesis can
shrink it to the smallest failing input; each bug found is kept below as an `@example`.
"""

import json
from urllib.parse import quote, quote_from_bytes, urlencode

from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client

from wagtail.contrib.forms.models import FormSubmission

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from organisation.models import OfficePage
from tests.test_contact_form import EN_URL, MESSAGE, form_values

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
UNKNOWN_PREFIXES = ["", "xx", "en-gb", "EN", "zh", "zh-hant", "..", "%00", "%FF", "admin"]
OTHER_PREFIXES = ["api/v2/pages", "api/v2/pages/find", "documents", "sitemap.xml", "healthz"]
THANKS = "Thank you. Your message has been received."
VISITOR = "203.0.113.9"


def fuzz(max_examples):
    """Hypothesis settings for a property that runs requests against the seeded database."""
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        database=None,  # no .hypothesis/ folder in a checkout others share
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Text a browser would never send: control characters, NUL, surrogate-free unicode of all
# planes, right-to-left marks, dots and slashes.
hostile_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]) | st.sampled_from("\x00\x7f\u202e/.%?#"),
    max_size=60,
)
# Raw bytes, percent-encoded: mostly invalid UTF-8 (%FF, %C3%28, overlong forms...).
hostile_bytes = st.binary(max_size=40).map(lambda raw: quote_from_bytes(raw, safe=""))
invalid_utf8 = st.sampled_from(["%C3%28", "%FF", "%FE%FF", "%C0%AF", "%ED%A0%80", "%E2%82"])
segment = st.one_of(
    hostile_text.map(lambda text: quote(text, safe="")),
    hostile_text.filter(lambda text: not set(text) & set("?#%")),  # sent unquoted
    hostile_bytes,
    invalid_utf8,
    st.integers(min_value=1, max_value=5000).map(lambda n: "a" * n),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["-1", "0", "1e309", "NaN", "inf", "0x10", "9" * 400, " 1", "1,2", ""]),
)
junk_value = st.one_of(numbers, hostile_text, hostile_bytes, invalid_utf8)


@pytest.fixture
def anon():
    """A test client that answers a server error with its 500 page instead of raising it."""
    client = Client()
    client.raise_request_exception = False
    return client


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what!r}"


# --- Paths ----------------------------------------------------------------------------


@fuzz(max_examples=50)
@given(
    prefix=st.sampled_from(LANGUAGES + UNKNOWN_PREFIXES + OTHER_PREFIXES),
    segments=st.lists(segment, min_size=1, max_size=3),
    slash=st.booleans(),
)
@example(prefix="en", segments=["a" * 5000], slash=True)
@example(prefix="ru", segments=["%C3%28"], slash=False)
@example(prefix="en", segments=["%FF", "%00"], slash=True)
@example(prefix="%FF", segments=["office"], slash=True)
@example(prefix="api/v2/pages", segments=["9" * 30], slash=True)
@example(prefix="documents", segments=["1", "%00.pdf"], slash=False)
@example(prefix="en", segments=["%00"], slash=True)  # NUL reaches the slug lookup
@example(prefix="en", segments=["office", "a%00b"], slash=False)
def test_any_path_gets_an_answer_below_500(anon, seeded_site, prefix, segments, slash):
    path = "/" + "/".join([prefix, *segments]) + ("/" if slash else "")
    assert_no_server_error(anon.get(path), path)


@fuzz(max_examples=20)
@given(raw=st.binary(min_size=1, max_size=60))
@example(raw=b"\xff\xfe")
@example(raw=b"\xc3(")
def test_undecodable_bytes_in_path_info_get_an_answer_below_500(anon, seeded_site, raw):
    # What a WSGI server hands over for a request line with raw bytes: PATH_INFO as
    # latin-1 text. Each language's pages, the API and the documents see it.
    for prefix in ("/en/", "/zh-hans/", "/api/v2/pages/", "/documents/", "/"):
        path_info = (prefix.encode() + raw).decode("iso-8859-1")
        response = anon.generic("GET", "/", PATH_INFO=path_info)
        assert_no_server_error(response, path_info)


# --- Query strings --------------------------------------------------------------------

API_PARAMETERS = ["limit", "offset", "fields", "order", "lang", "type", "search", "child_of"]
API_PARAMETERS += ["descendant_of", "slug", "id", "locale", "search_operator", "format", "junk"]

query_pairs = st.lists(
    st.tuples(st.sampled_from(API_PARAMETERS) | hostile_text, junk_value), max_size=4
)


def query_string(pairs):
    """Pairs joined as a browser would send them; values already percent-encoded stay so."""
    return "&".join(f"{quote(name, safe='')}={value}" for name, value in pairs)


@fuzz(max_examples=80)
@given(pairs=query_pairs)
@example(pairs=[("limit", "-1")])
@example(pairs=[("limit", "9" * 400)])
@example(pairs=[("offset", "-5")])
@example(pairs=[("offset", "99999999999999999999")])  # was a 500: integer overflow in SQL
@example(pairs=[("offset", "9223372036854775807"), ("limit", "20")])
@example(pairs=[("fields", "%FF")])
@example(pairs=[("fields", "title,-title,*,_,")])
@example(pairs=[("order", "-")])
@example(pairs=[("order", "random"), ("offset", "1")])
@example(pairs=[("type", "%00")])
@example(pairs=[("type", "organisation.")])
@example(pairs=[("lang", "%C3%28")])
@example(pairs=[("child_of", "-1")])
@example(pairs=[("descendant_of", "1e309")])
@example(pairs=[("search", "%00"), ("order", "title")])  # was a 500: "unterminated string"
@example(pairs=[("slug", "a%00"), ("slug", "b")])
@example(pairs=[("id", "9" * 30)])
@example(pairs=[("search", "air"), ("search_operator", "xor")])  # was a 500: Wagtail's unchecked
def test_the_api_answers_junk_with_a_400_and_a_message(anon, seeded_site, pairs):
    path = "/api/v2/pages/?" + query_string(pairs)
    response = anon.get(path)

    assert_no_server_error(response, path)
    if response.status_code == 400:
        assert response["Content-Type"].startswith("application/json"), path
        assert json.loads(response.content)["message"], path


@fuzz(max_examples=40)
@given(
    url=st.sampled_from(["/en/", "/ru/", "/en/office/", "/de/", "/sitemap.xml", "/robots.txt"]),
    pairs=st.lists(
        st.tuples(st.sampled_from(["p", "page", "q", "lang"]) | hostile_text, junk_value),
        max_size=4,
    ),
)
@example(url="/sitemap.xml", pairs=[("p", "-1")])
@example(url="/sitemap.xml", pairs=[("p", "9" * 400)])
@example(url="/sitemap.xml", pairs=[("p", "%FF")])
def test_pages_and_sitemap_answer_junk_queries_below_500(anon, seeded_site, url, pairs):
    path = url + "?" + query_string(pairs)
    assert_no_server_error(anon.get(path), path)


@fuzz(max_examples=10)
@given(raw=st.binary(max_size=60))
@example(raw=b"limit=\xff&offset=\xc3(")
@example(raw=b"\x00=\x00")
def test_raw_bytes_in_the_query_string_get_an_answer_below_500(anon, seeded_site, raw):
    # QUERY_STRING as a WSGI server passes undecodable bytes on: latin-1 text.
    query = raw.decode("iso-8859-1")
    for url in ("/api/v2/pages/", "/en/", "/sitemap.xml"):
        response = anon.get(url, QUERY_STRING=query)
        assert_no_server_error(response, (url, raw))


# --- The contact form -----------------------------------------------------------------


@pytest.fixture
def office(seeded_site):
    """The office page with notification addresses; no used token or rate count left over."""
    page = OfficePage.objects.get()
    page.to_address = "office@example.org"
    page.from_address = "portal@example.org"
    page.save()
    cache.clear()
    yield page
    cache.clear()


def fresh_form(client):
    response = client.get(EN_URL)
    assert response.status_code == 200
    return {**form_values(response), **MESSAGE}


field_names = st.sampled_from([*MESSAGE, "_token", "_website"])
field_values = st.one_of(
    hostile_text,
    st.sampled_from(["", "\x00", "a\x00b", "x" * 5001, "é" * 5000, "\ud7ff", "\ufeff"]),
    st.binary(max_size=30).map(lambda raw: raw.decode("iso-8859-1")),
)
mutation = st.one_of(
    st.tuples(st.just("drop"), field_names, st.none()),
    st.tuples(st.just("set"), field_names, field_values),
    st.tuples(st.just("duplicate"), field_names, field_values),
    st.tuples(st.just("extra"), hostile_text, field_values),
)


def mutated(form, mutations):
    data = {name: [value] for name, value in form.items()}
    for kind, name, value in mutations:
        if kind == "drop":
            data.pop(name, None)
        elif kind == "set":
            data[name] = [value]
        else:  # a duplicate of a field or one the form does not have
            data.setdefault(name, []).append(value)
    return data


@fuzz(max_examples=40)
@given(mutations=st.lists(mutation, max_size=4))
@example(mutations=[])
@example(mutations=[("set", "message", "a\x00b")])
@example(mutations=[("set", "your_name", "x" * 5001)])
@example(mutations=[("duplicate", "_token", "junk")])
@example(mutations=[("duplicate", "your_e_mail_address", "anna@example.org")])
@example(mutations=[("drop", "_token", None)])
@example(mutations=[("extra", "form_data", "{}"), ("extra", "page", "1")])
def test_a_broken_contact_post_stores_at_most_the_one_valid_message(anon, office, mutations):
    cache.clear()  # each example starts without used tokens or rate counts
    data = mutated(fresh_form(anon), mutations)
    before = FormSubmission.objects.count()

    response = anon.post(EN_URL, data, REMOTE_ADDR=VISITOR)

    assert_no_server_error(response, data)
    stored = FormSubmission.objects.count() - before
    thanked = response.status_code == 200 and THANKS in response.content.decode()
    assert stored == (1 if thanked else 0), (response.status_code, data)
    if stored:
        # Only the editors' fields are kept: no extra field, no token, no honeypot.
        submission = FormSubmission.objects.latest("pk")
        assert set(submission.form_data) == set(MESSAGE)
        assert "\x00" not in json.dumps(submission.form_data)


@fuzz(max_examples=15)
@given(mutations=st.lists(mutation, max_size=3))
def test_a_replayed_post_stores_nothing_more(anon, office, mutations):
    cache.clear()
    data = mutated(fresh_form(anon), mutations)
    first = anon.post(EN_URL, data, REMOTE_ADDR=VISITOR)
    after_first = FormSubmission.objects.count()

    replay = anon.post(EN_URL, data, REMOTE_ADDR=VISITOR)

    assert_no_server_error(first, data)
    assert_no_server_error(replay, data)
    assert FormSubmission.objects.count() == after_first


@fuzz(max_examples=20)
@given(
    content_type=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "application/octet-stream",
            "multipart/form-data",  # no boundary
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=xyz",
            "application/x-www-form-urlencoded; charset=nonsense",
            "application/x-www-form-urlencoded; charset=utf-16",
            "",
        ]
    ),
    body=st.binary(max_size=200),
)
@example(content_type="multipart/form-data", body=b"--\r\n")
@example(content_type="application/x-www-form-urlencoded; charset=nonsense", body=b"a=b")
@example(content_type="multipart/form-data; boundary=xyz", body=b"--xyz\r\n\r\n--xyz--")
def test_a_post_of_the_wrong_content_type_stores_nothing(anon, office, content_type, body):
    before = FormSubmission.objects.count()

    response = anon.generic("POST", EN_URL, body, content_type=content_type)

    assert_no_server_error(response, (content_type, body))
    assert FormSubmission.objects.count() == before


def test_a_valid_post_as_json_stores_nothing(anon, office):
    body = json.dumps(fresh_form(anon))

    response = anon.post(EN_URL, body, content_type="application/json")

    assert response.status_code == 400  # no token in request.POST: not verified
    assert not FormSubmission.objects.exists()


def too_big(form):
    return {**form, "message": "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}


def too_many_fields(form):
    count = django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    return {**form, **{f"f{n}": "x" for n in range(count)}}


@pytest.mark.parametrize("oversize", [too_big, too_many_fields])
@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_an_oversized_post_is_a_400(anon, office, oversize, encoding):
    # Django raises RequestDataTooBig / TooManyFieldsSent (SuspiciousOperation) when the
    # view first reads request.POST; its handler turns that into a 400.
    data = oversize(fresh_form(anon))
    if encoding == "multipart":
        response = anon.post(EN_URL, data, REMOTE_ADDR=VISITOR)
    else:
        response = anon.generic(
            "POST",
            EN_URL,
            urlencode(data),
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=VISITOR,
        )

    assert response.status_code == 400
    assert not FormSubmission.objects.exists()


# --- The admin login ------------------------------------------------------------------


@fuzz(max_examples=25)
@given(
    username=hostile_text | st.sampled_from(["admin", "\x00", "a" * 10_000, "admin\x00"]),
    password=hostile_text | st.sampled_from(["\x00", "p" * 100_000]),
)
@example(username="a" * 10_000, password="x")
@example(username="admin\x00", password="\x00")
@example(username="", password="")
def test_junk_logins_get_an_answer_below_500(anon, seeded_site, username, password):
    response = anon.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=VISITOR
    )
    assert_no_server_error(response, (username[:50], password[:50]))
