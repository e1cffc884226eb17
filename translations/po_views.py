"""Admin views: download a language's content as PO, upload a translated PO."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from . import po
from .forms import ExportForm, ImportForm
from .po_import import ImportRejected, import_po

TEMPLATE = "translations/po/exchange.html"


@require_admin_access
@require_http_methods(["GET", "POST"])
def exchange(request):
    """The page with both forms; GET with a language downloads, POST imports."""
    export_form = ExportForm(request.GET or None)
    import_form = ImportForm()
    errors = []
    result = None
    if request.method == "GET" and export_form.is_bound and export_form.is_valid():
        page = None
        page_id = export_form.cleaned_data["page"]
        if page_id:
            page = Page.objects.filter(pk=page_id, depth__gt=1).first()
            if page is None or not page.permissions_for_user(request.user).can_edit():
                export_form.add_error("page", _("No page with this ID that you may edit."))
        if not export_form.errors:
            return _download(export_form.cleaned_data["language"], page)
    if request.method == "POST":
        import_form = ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            data = import_form.cleaned_data
            try:
                result = import_po(
                    data["file"].read(),
                    language=data["language"],
                    user=request.user,
                    publish=data["publish"],
                )
            except ImportRejected as rejected:
                errors = rejected.errors
                messages.error(request, _("Nothing was imported: the file has problems."))
            else:
                messages.success(request, _("The translations were imported."))
    return render(
        request,
        TEMPLATE,
        {
            "export_form": export_form if export_form.is_bound else ExportForm(),
            "import_form": import_form,
            "errors": errors,
            "result": result,
            "page_title": _("Translation exchange"),
            "header_icon": "doc-full",
        },
    )


def _download(language, page):
    pofile = po.build_po(language, po.export_items(page=page))
    suffix = f"-page-{page.pk}" if page else ""
    response = HttpResponse(po.po_text(pofile), content_type="text/x-gettext-translation")
    response["Content-Disposition"] = f'attachment; filename="content-{language}{suffix}.po"'
    return response
