"""Admin views of the translation status report and the "still correct" confirmation."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from . import registry
from .stale import confirm
from .status import IN_REVIEW, MISSING, STALE, build_report

ROWS_PER_PAGE = 100


def _choice(request, name, allowed):
    """A filter value from the query string, or "" (all) when absent or not allowed."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def report_filters(request):
    return {
        "locale": _choice(request, "locale", registry.target_languages()),
        "app": _choice(request, "app", {e.app_label for e in registry.translatable_models()}),
        "state": _choice(request, "state", {MISSING, STALE, IN_REVIEW}),
    }


def status_report(request):
    filters = report_filters(request)
    report = build_report(language=filters["locale"] or None, app=filters["app"] or None)
    rows = report.rows
    if filters["state"] == MISSING:
        rows = [row for row in rows if row.missing]
    elif filters["state"] == STALE:
        rows = [row for row in rows if row.stale]
    elif filters["state"] == IN_REVIEW:
        rows = [row for row in rows if row.in_review]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    names = registry.language_names()
    return TemplateResponse(
        request,
        "translations/status.html",
        {
            "header_title": _("Translation status"),
            "page_title": _("Translation status"),
            "header_icon": "globe",
            "locales": report.locales,
            "page_obj": page,
            "row_count": len(rows),
            "filters": filters,
            "query": query.urlencode(),
            "locale_choices": [(code, names[code]) for code in registry.target_languages()],
            "app_choices": sorted({e.app_label for e in registry.translatable_models()}),
            "state_choices": [
                (MISSING, _("Missing")),
                (STALE, _("Stale")),
                (IN_REVIEW, _("In review")),
            ],
            "here": request.get_full_path(),
        },
    )


def user_can_edit(user, entry, instance):
    """Whether `user` may edit the object this field belongs to (for child rows: its page)."""
    if entry.kind == registry.CHILD:
        instance = getattr(instance, entry.parent_field)
    if entry.kind in (registry.PAGE, registry.CHILD):
        return instance.permissions_for_user(user).can_edit()
    if entry.kind == registry.IMAGE:
        policy = policy_registry.get_by_type(entry.model)
        return policy.user_has_permission_for_instance(user, "change", instance)
    viewset = getattr(entry.model, "snippet_viewset", None)
    if viewset is not None:
        return viewset.permission_policy.user_has_permission_for_instance(user, "change", instance)
    meta = entry.model._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def confirm_translation(request, content_type_id, object_id, field, language):
    """GET: ask; POST: record that the translation still matches the current English."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    entry = registry.for_model(model)
    if entry is None or field not in entry.fields or language not in registry.target_languages():
        raise Http404
    instance = entry.model._base_manager.filter(pk=object_id).first()
    if instance is None:
        raise Http404
    if not user_can_edit(request.user, entry, instance):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("translation_status")
    if request.method == "POST":
        confirm(instance, field, language, user=request.user)
        return redirect(next_url)
    return TemplateResponse(
        request,
        "translations/confirm.html",
        {
            "header_title": _("Confirm translation"),
            "page_title": _("Confirm translation"),
            "header_icon": "globe",
            "object": instance,
            "field_label": entry.field_label(field),
            "language_name": registry.language_names()[language],
            "english": getattr(instance, entry.column(field, registry.default_language())),
            "translation": getattr(instance, entry.column(field, language)),
            "next": next_url,
        },
    )
