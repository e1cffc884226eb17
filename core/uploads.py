"""Upload checks for the document library: size, and type judged by content, not by name."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

import filetype

# Extension -> what the file's own bytes must be. Office formats are ZIP containers
# that filetype recognises by their inner structure.
BINARY_TYPES = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
}
TEXT_TYPES = {"csv", "txt"}
SNIFF_BYTES = 8192


def check_document(upload):
    """Raise ValidationError unless the upload is an allowed type, by content, within size."""
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise forms.ValidationError(
            _("This file is %(size)s; documents can be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    allowed = ", ".join(sorted({*BINARY_TYPES, *TEXT_TYPES}))
    if extension not in BINARY_TYPES and extension not in TEXT_TYPES:
        raise forms.ValidationError(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s.")
            % {"ext": extension or "?", "allowed": allowed}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if extension in TEXT_TYPES:
        if b"\x00" in head or not _is_utf8_prefix(head):
            raise forms.ValidationError(
                _("This “.%(ext)s” file is not plain UTF-8 text.") % {"ext": extension}
            )
        return
    kind = filetype.guess(_whole_for_zip(upload, head))
    if kind is None or kind.extension not in BINARY_TYPES[extension]:
        raise forms.ValidationError(
            _("This file’s content is not a %(ext)s document (it may be renamed or damaged).")
            % {"ext": extension.upper()}
        )


def _is_utf8_prefix(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sniff window is still text.
        return error.start >= len(data) - 3
    return True


def _whole_for_zip(upload, head):
    # ZIP-based formats are recognised by entries that may lie past the first bytes.
    if head.startswith(b"PK"):
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        return data
    return head


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_document(upload)
        return upload
