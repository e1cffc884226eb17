"""Admin additions shared by every page type."""

import json

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_modeltranslation.patch_wagtailadmin_forms import PatchedCopyForm

from core import slugs


@require_POST
def copy_translation_content(request, app_label, model_name, parent_id):
    """Copy one language's StreamField into another on the page *create* view.

    wagtail-modeltranslation's "Copy content from" buttons post to a view that needs a
    saved page; a new page has none, so the buttons 404'd there (STACK-NOTES trap 10).
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not issubclass(model, Page):
        raise Http404
    parent = get_object_or_404(Page, pk=parent_id)
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    origin = request.POST.get("origin_field_name", "")
    target = request.POST.get("target_field_name", "")
    if not (translated_stream_field(model, origin) and translated_stream_field(model, target)):
        return HttpResponseBadRequest("Unknown field")
    try:
        items = json.loads(request.POST.get("serializedOriginField", "[]"))
        data = QueryDict(mutable=True)
        for item in items:
            name = item["name"]
            if name.startswith(origin):
                data.appendlist(target + name[len(origin) :], item["value"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Malformed field data")
    field = model._meta.get_field(target)
    value = field.stream_block.value_from_datadict(data, {}, target)
    return JsonResponse(field.formfield().widget.render(target, value), safe=False)


def translated_stream_field(model, name):
    """Whether `name` is one language's column of a translated StreamField of `model`."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return False
    return any(
        name == build_localized_fieldname(base, code)
        and isinstance(model._meta.get_field(base), StreamField)
        for base in fields
        for code, _name in settings.LANGUAGES
    )


@hooks.register("register_admin_urls")
def register_copy_translation_content():
    return [
        path(
            "pages/add/<slug:app_label>/<slug:model_name>/<int:parent_id>/copy_translation_content/",
            copy_translation_content,
            name="copy_translation_content_on_create",
        )
    ]


@hooks.register("before_move_page")
def refuse_a_move_under_a_page_that_answers_its_slug(request, page, destination):
    """Wagtail's move checks that the slug is free among the new siblings; the new parent's
    own routes must not answer it either (core.slugs)."""
    errors = slugs.slug_errors(page, destination)
    if errors:
        for message in errors.values():
            messages.error(request, message)
        return redirect("wagtailadmin_pages:move", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_a_bulk_move_under_a_page_that_answers_a_slug(request, action_type, objects, action):
    """The explorer's bulk "Move" checks each slug among the new siblings only (as the single
    move does); nothing moves if the new parent's routes answer one of them (core.slugs)."""
    if action_type != "move" or not issubclass(action.model, Page):
        return None
    destination = action.cleaned_form.cleaned_data["chooser"]
    errors = [
        f"“{page.get_admin_display_title()}”: {message}"
        for page in objects
        for message in slugs.slug_errors(page.specific, destination).values()
    ]
    if not errors:
        return None
    for message in errors:
        messages.error(request, message)
    return redirect(request.get_full_path())


@hooks.register("before_copy_page", order=-1)  # before wagtail-modeltranslation's copy view
def refuse_a_copy_whose_slug_its_new_parent_answers(request, page):
    """wagtail-modeltranslation's copy form (a new slug per language) checks the slugs are
    free among the new siblings; the new parent's own routes must not answer them either
    (core.slugs). The form comes back with the error beside the slug."""
    if request.method != "POST":
        return None
    parent_id = request.POST.get("new_parent_page", "")
    parent = Page.objects.filter(pk=parent_id).first() if parent_id.isdigit() else None
    names = [build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES]
    copied = {name: request.POST.get(f"new_{name}", "") for name in names}
    errors = slugs.slug_errors(page, parent or page.get_parent(), copied)
    if not errors:
        return None
    can_publish = page.get_parent().permissions_for_user(request.user).can_publish_subpage()
    form = PatchedCopyForm(request.POST, user=request.user, page=page, can_publish=can_publish)
    form.is_valid()
    for name, message in errors.items():
        form.add_error(f"new_{name}", message)
    next_url = get_valid_next_url_from_request(request)
    return render(
        request, "modeltranslation_copy.html", {"page": page, "form": form, "next": next_url}
    )
