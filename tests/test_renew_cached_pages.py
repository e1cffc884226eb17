import io

from django.core.management import call_command


def test_after_a_deploy_the_operator_renews_every_cached_page(client, seeded_site):
    first = client.get("/en/")
    etag = first["ETag"]
    assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    out = io.StringIO()
    call_command("renew_cached_pages", stdout=out)

    renewed = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert renewed.status_code == 200
    assert renewed["ETag"] != etag
    assert "cached pages will be renewed" in out.getvalue()
