"""Admin views: download a language's content as PO or XLIFF 2.0, upload a translated file."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.admin.auth import require_admin_access

from . import po, xliff
from .forms import ExportForm, ImportForm
from .import_report import display_title, submit_for_moderation
from .po_import import ImportRejected, import_po
from .xliff import import_xliff, looks_like_xliff

TEMPLATE = "translations/po/exchange.html"
PO_TYPE = "text/x-gettext-translation; charset=utf-8"
XLIFF_TYPE = "application/xliff+xml; charset=utf-8"


@require_admin_access
@require_http_methods(["GET", "POST"])
def exchange(request):
    """The page with both forms; GET with a language downloads, POST imports.

    A page's or snippet's "Download for translation" link opens it with that item chosen
    (`?page=<id>` or `?snippet=<app.model:pk>`), so only the language is left to pick."""
    if "language" in request.GET:
        export_form = ExportForm(request.GET, user=request.user)
        if export_form.is_valid():
            data = export_form.cleaned_data
            return _download(data["language"], data["format"], data["page"], data["snippet"])
    else:
        export_form = ExportForm(initial=request.GET.dict(), user=request.user)
    import_form = ImportForm(user=request.user)
    errors = []
    result = None
    if request.method == "POST":
        import_form = ImportForm(request.POST, request.FILES, user=request.user)
        if import_form.is_valid():
            data = import_form.cleaned_data
            content = data["file"].read()
            read = import_xliff if looks_like_xliff(content) else import_po
            try:
                result = read(
                    content, language=data["language"], user=request.user, publish=data["publish"]
                )
            except ImportRejected as rejected:
                errors = rejected.errors
                messages.error(request, _("Nothing was imported: the file has problems."))
            else:
                messages.success(request, _("The translations were imported."))
    # The import's new drafts not published, pages and snippets: submitted for moderation.
    drafts = [
        change
        for change in (result.changes if result else ())
        if change.draft and not change.published
    ]
    return render(
        request,
        TEMPLATE,
        {
            "export_form": export_form,
            "chosen": export_form.chosen_item(),
            "import_form": import_form,
            "errors": errors,
            "result": result,
            "submittable": [change for change in drafts if change.key],
            "page_title": _("Translation exchange"),
            "header_icon": "doc-full",
        },
    )


def _download(language, file_format, page=None, snippet=None):
    items = po.export_items(page=page, snippet=snippet)
    if file_format == "xliff":
        text, content_type, extension = xliff.build_xliff(language, items), XLIFF_TYPE, "xlf"
    else:
        text, content_type, extension = po.po_text(po.build_po(language, items)), PO_TYPE, "po"
    if page is not None:
        suffix = f"-page-{page.pk}"
    elif snippet is not None:
        suffix = f"-{po.model_key(type(snippet))}-{snippet.pk}"
    else:
        suffix = ""
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="content-{language}{suffix}.{extension}"'
    )
    return response


@require_admin_access
@require_http_methods(["POST"])
def submit_imported(request):
    """ "Submit all for moderation" on an import's result: the drafts' pages and snippets
    enter the moderation workflow as from their edit views, and the moderators are e-mailed."""
    submitted, skipped = submit_for_moderation(request.POST.getlist("item"), request.user)
    if submitted:
        messages.success(
            request,
            _("Submitted for moderation: %(pages)s.")
            % {"pages": ", ".join(f"“{display_title(obj)}”" for obj in submitted)},
        )
    for obj, reason in skipped:
        messages.warning(
            request,
            _("“%(page)s” was not submitted: %(reason)s.")
            % {"page": display_title(obj), "reason": reason},
        )
    return redirect("translations_po_exchange")
