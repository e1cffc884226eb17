"""Translators write images' alt text; they may not delete an image or swap its file.

Wagtail lets whoever may change an image also delete it; images/permissions.py asks for the
right to add (editors) or delete (moderators) images as well. Every attempt goes through the
real admin views.
"""

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.permissions import policy_registry

import pytest
from bs4 import BeautifulSoup

from tests.admin_forms import assert_saved

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture
def make_user(django_user_model):
    def make(group):
        user = django_user_model.objects.create_user(group.lower()[:20], "u@example.org", "x")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def image(seeded_site):
    return Image.objects.create(
        title="School roof",
        file=get_test_image_file(filename="roof.png"),
        description_en="Solar panels on a school roof",
    )


def edit_url(image):
    return reverse("wagtailimages:edit", args=(image.pk,))


def delete_url(image):
    return reverse("wagtailimages:delete", args=(image.pk,))


def edit_form_data(client, image):
    """What the edit form posts unchanged, as a browser would send it."""
    form = client.get(edit_url(image)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.pop("file", None)
    return data


def refused(response):
    """Wagtail's admin answers a refused action by sending the user to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def new_file():
    picture = get_test_image_file(filename="other.png", colour="red", size=(320, 200))
    return SimpleUploadedFile("other.png", picture.file.getvalue(), content_type="image/png")


TRANSLATORS = ["Translators", "Translators (Русский)", "Translators (العربية)"]


@pytest.mark.parametrize("group", TRANSLATORS)
def test_a_translator_cannot_delete_an_image(client, make_user, image, group):
    client.force_login(make_user(group))

    edit = client.get(edit_url(image))
    asked = client.get(delete_url(image))
    posted = client.post(delete_url(image))

    assert edit.status_code == 200, "they may still open it to write the alt text"
    assert delete_url(image) not in edit.content.decode(), "no Delete button is offered"
    assert refused(asked) and refused(posted)
    assert Image.objects.filter(pk=image.pk).exists()


@pytest.mark.parametrize("group", TRANSLATORS)
def test_a_translator_cannot_bulk_delete_images(client, make_user, image, group):
    client.force_login(make_user(group))
    meta = Image._meta
    url = reverse("wagtail_bulk_action", args=(meta.app_label, meta.model_name, "delete"))

    confirmation = client.get(f"{url}?id={image.pk}")
    client.post(f"{url}?id={image.pk}")

    assert [i["item"] for i in confirmation.context["items_with_no_access"]] == [image]
    assert confirmation.context["items"] == [], "nothing is offered for deletion"
    assert Image.objects.filter(pk=image.pk).exists()


@pytest.mark.parametrize("group", TRANSLATORS)
def test_a_translator_cannot_replace_the_file(client, make_user, image, group):
    client.force_login(make_user(group))
    original = image.file.name
    opened = client.get(edit_url(image))
    soup = BeautifulSoup(opened.content, "html.parser")
    assert soup.select_one("input[type=file]") is None, "no file field is offered"
    data = edit_form_data(client, image)
    field = "description_ar" if "العربية" in group else "description_ru"
    data[field] = "Солнечные панели"

    response = client.post(edit_url(image), {**data, "file": new_file()})

    assert response.status_code == 200, "the form comes back with the refusal"
    assert "not replace its file" in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == original
    assert getattr(image, field) in ("", None), "nothing of a refused form is saved"


def test_a_translator_still_writes_the_alt_text(client, make_user, image):
    client.force_login(make_user("Translators (Русский)"))
    data = edit_form_data(client, image)
    data["description_ru"] = "Солнечные панели на крыше школы"

    assert_saved(client.post(edit_url(image), data))

    image.refresh_from_db()
    assert image.description_ru == "Солнечные панели на крыше школы"


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_can_still_replace_and_delete(client, make_user, image, group):
    client.force_login(make_user(group))
    original = image.file.name
    opened = client.get(edit_url(image))
    assert delete_url(image) in opened.content.decode()

    replaced = client.post(edit_url(image), {**edit_form_data(client, image), "file": new_file()})
    assert_saved(replaced)
    image.refresh_from_db()
    assert image.file.name != original

    assert client.get(delete_url(image)).status_code == 200
    assert client.post(delete_url(image)).status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_the_policy_answers_wagtails_other_questions_alike(make_user, image):
    """Listings, choosers and bulk actions ask the policy in other ways; the answers agree."""
    policy = policy_registry.get_by_type(Image)
    translator, editor = make_user("Translators"), make_user("Editors")

    assert policy.user_has_permission(editor, "delete")
    assert not policy.user_has_permission(translator, "delete")
    assert policy.user_has_permission(translator, "change")
    assert image in policy.instances_user_has_permission_for(editor, "delete")
    assert image not in policy.instances_user_has_permission_for(translator, "delete")
    assert image in policy.instances_user_has_permission_for(translator, "change")
    assert not policy.collections_user_has_permission_for(translator, "delete").exists()
    deleters = policy.users_with_permission_for_instance("delete", image)
    assert editor in deleters and translator not in deleters
